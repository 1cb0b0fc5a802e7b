"""Test helpers: the rungs of the fixture ladder (site → build), as plain
functions so tests read as what a user does: copy a site, edit a file, run
`pelican` or `varde`, look at the output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SITES = Path(__file__).parent / "sites"
#: Debian's chromium, as the browser tests start it: no sandbox (root), and
#: none of its calls home, which this machine's closed network refuses.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
BIN = Path(sys.executable).parent
#: A command run as root (CI) without the capabilities that let root write
#: where a folder's mode forbids it, so a read-only folder binds it as it
#: binds a user; nothing as any other user.  (User nobody could not run
#: this Python, which lives in root's home.)
_WITHOUT = "-dac_override,-dac_read_search"
AS_A_USER = ["setpriv", "--bounding-set", _WITHOUT, "--inh-caps", _WITHOUT] if os.geteuid() == 0 else []


def copy_site(name: str, into: Path) -> Path:
    """A private copy of the test site `tests/sites/<name>`."""
    target = into / name
    shutil.copytree(SITES / name, target)
    return target


def epoch(moment: str) -> int:
    """SOURCE_DATE_EPOCH for an ISO time with offset, e.g. '2026-03-12T10:00+01:00'."""
    return int(datetime.fromisoformat(moment).timestamp())


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _run(command: list[str], cwd: Path, at: int | None) -> Run:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["COLUMNS"] = "200"
    if at is not None:
        env["SOURCE_DATE_EPOCH"] = str(at)
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    return Run(done.returncode, done.stdout, done.stderr)


def pelican(site: Path, at: int | None = None, settings: str = "pelicanconf.py", *extra: str) -> Run:
    """`pelican content -o output -s <settings>` in `site`, as a user runs it."""
    return _run([str(BIN / "pelican"), "content", "-o", "output", "-s", settings, *extra], site, at)


def built(name: str, into: Path, at: int | None = None) -> Path:
    """The output folder of test site `name`, copied into `into` and built at `at`."""
    site = copy_site(name, into)
    run = pelican(site, at=at)
    assert run.returncode == 0, run.output
    return site / "output"


def varde(site: Path, *args: str, at: int | None = None, as_a_user: bool = False) -> Run:
    return _run([*(AS_A_USER if as_a_user else []), str(BIN / "varde"), *args], site, at)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` with its bytes, by relative path; not the
    build cache (cache/), which is scratch space any command may refresh."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] != "cache"
    }


def configure(site: Path, **settings: object) -> Path:
    """Append Pelican settings to a copied site's pelicanconf.py."""
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text() + "".join(f"\n{key} = {value!r}" for key, value in settings.items()) + "\n")
    return site


def visible_text(page: Path) -> str:
    """The text a reader sees on a page, whitespace folded."""
    import html
    import re

    body = re.sub(r"<(script|style|head)\b.*?</\1>", " ", page.read_text(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
