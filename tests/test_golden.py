"""The minimal site, built at a pinned instant, byte for byte against the
output committed in tests/expected/ (Pelican's own golden-output practice).

Any change to what Varde writes shows up here as a diff to review.  After an
intended change, regenerate and commit the new expected output:

    VARDE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

Compressed copies (.gz, .br) are left out: they follow from the files, and
tests/test_self_contained.py checks them.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

from support import copy_site, epoch, pelican, tree

EXPECTED = Path(__file__).parent / "expected" / "minimal"
#: The login incident is open, the portal maintenance announced for later.
AT = epoch("2026-03-12T08:30+01:00")


def built(tmp_path) -> dict[str, bytes]:
    site = copy_site("minimal", tmp_path)
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text() + '\nSITEURL = "https://status.example.org"\n')
    run = pelican(site, at=AT)
    assert run.returncode == 0, run.output
    return {path: data for path, data in tree(site / "output").items() if not path.endswith((".gz", ".br"))}


def test_output_matches_the_committed_expected_output(tmp_path):
    """Every file, byte for byte; a difference is shown as a diff."""
    actual = built(tmp_path)
    if os.environ.get("VARDE_UPDATE_GOLDEN"):
        shutil.rmtree(EXPECTED, ignore_errors=True)
        for path, data in actual.items():
            (EXPECTED / path).parent.mkdir(parents=True, exist_ok=True)
            (EXPECTED / path).write_bytes(data)
    expected = tree(EXPECTED)
    assert sorted(actual) == sorted(expected), "files written differ from tests/expected/minimal"
    for path in sorted(expected):
        if actual[path] != expected[path]:
            diff = difflib.unified_diff(
                expected[path].decode().splitlines(),
                actual[path].decode().splitlines(),
                f"expected/{path}",
                f"built/{path}",
                lineterm="",
                n=2,
            )
            raise AssertionError("\n".join(list(diff)[:60]))
