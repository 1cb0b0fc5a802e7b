"""A full disk during an outage: the build and the commands stop with one
sentence that says what to do, and lose nothing (issue 19, item 4).

The site lives on a small tmpfs of its own, filled to the last byte once
the site is built; as root (CI runs as root) mounting one needs nothing
else."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from support import SITES, epoch, pelican, tree, varde

AT = epoch("2026-03-12T10:00+01:00")


@pytest.fixture
def full_disk(tmp_path: Path):
    """The minimal site, built, on a file system with no room left."""
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], check=True)
    try:
        site = mount / "minimal"
        shutil.copytree(SITES / "minimal", site)
        assert pelican(site, at=AT).returncode == 0
        filler = os.open(mount / "filler", os.O_WRONLY | os.O_CREAT)
        with pytest.raises(OSError):
            while True:
                os.write(filler, b"\0" * 4096)
        os.close(filler)
        yield site
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def test_a_build_on_a_full_disk_says_so_and_keeps_the_site(full_disk):
    shutil.rmtree(full_disk / "cache")  # nothing to reuse: every page is written anew
    before = tree(full_disk / "output")
    run = pelican(full_disk, at=AT + 3600)
    assert run.returncode != 0
    assert "Traceback" not in run.output, run.output
    said = " ".join(run.output.split())
    assert "the build stopped: No space left on device; free some disk space, then build again;" in said, said
    assert tree(full_disk / "output") == before
    assert not (full_disk / ".output.staging").exists()


def test_a_command_on_a_full_disk_says_so_and_changes_nothing(full_disk):
    before = tree(full_disk)
    run = varde(full_disk, "new", "incident", "--title", "Login fails", "--affected", "login=major_outage",
                "--text", "Login fails.", "--at", "2026-03-12 10:00")  # fmt: skip
    assert run.returncode == 1, run.output
    assert "Traceback" not in run.output, run.output
    assert run.stderr.startswith("varde: No space left on device"), run.output
    assert "free some disk space, then run this again." in run.stderr
    assert tree(full_disk) == before
