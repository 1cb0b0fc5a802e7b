"""Helpers for publish and verify tests: a site whose publishconf.py lists
mirrors, folders nginx's unprivileged workers may read, a mirror made to
fail, and the end-of-publish table read back."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from nginxserver import fetch
from support import Run, copy_site, epoch, varde

#: Every build in these tests describes this instant, so equal content
#: gives an equal build and a second publish changes nothing.
AT = epoch("2026-03-20T12:00+01:00")


@contextmanager
def public_folder() -> Iterator[Path]:
    """A temporary folder everyone may read (nginx's workers drop to an
    unprivileged user; pytest's own folders are private)."""
    folder = Path(tempfile.mkdtemp(prefix="varde-publish-"))
    try:
        folder.chmod(0o755)
        yield folder
    finally:
        for path in folder.rglob("*"):  # a test that failed while a mirror was frozen
            if path.is_dir() and not path.is_symlink():
                subprocess.run(["chattr", "-i", str(path)], capture_output=True)
                path.chmod(0o755)
        shutil.rmtree(folder)


def site_with_mirrors(into: Path, *mirrors: object, name: str = "site") -> Path:
    """The minimal test site with a publishconf.py publishing to `mirrors`."""
    site = copy_site("minimal", into)
    if name != "minimal":
        site = site.rename(into / name)
    (site / "publishconf.py").write_text(
        "import os, sys\n"
        "sys.path.append(os.curdir)\n"
        "from pelicanconf import *  # noqa\n"
        'SITEURL = "https://status.example"\n'
        f"VARDE_MIRRORS = {list(mirrors)!r}\n"
    )
    return site


def publish(site: Path, *options: str, as_a_user: bool = False) -> Run:
    return varde(site, "publish", *options, at=AT, as_a_user=as_a_user)


def add_incident(site: Path, slug: str, title: str) -> None:
    (site / "content/incidents" / f"{slug}.md").write_text(
        f"---\ntitle: {title}\naffected:\n  portal: partial_outage\nupdates:\n"
        "  - at: 2026-03-19 10:00\n    status: investigating\n    text: Some pages fail to load.\n---\n"
    )


def build_id(folder: Path) -> str:
    return json.loads((folder / "manifest.json").read_text())["build_id"]


def served_build(url: str) -> str:
    return json.loads(fetch(f"{url}/manifest.json")[2])["build_id"]


def rows(run: Run) -> dict[str, tuple[str, str]]:
    """The end-of-publish table: result and files changed, by mirror."""
    lines = run.stdout.splitlines()
    head = next(number for number, line in enumerate(lines) if line.startswith("mirror "))
    table = {}
    for line in lines[head + 1 :]:
        if not line.strip():
            break
        target, result, changed, _seconds, _unit = line.rsplit(None, 4)
        table[target.strip()] = (result, changed)
    return table


@contextmanager
def frozen(mirror: Path) -> Iterator[str]:
    """A mirror folder that a publish cannot replace, until the block ends.

    As root (CI), the folder is made immutable (chattr +i), which binds root
    too: the publish sees it may not write there and does not start.  Otherwise its parent folder is made read-only, so the publish
    cannot even start its copy.  Yields the reason a publish gives."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(mirror)], check=True)
        try:
            yield "may not write to"
        finally:
            subprocess.run(["chattr", "-i", str(mirror)], check=True)
    else:
        mirror.parent.chmod(0o555)
        try:
            yield "Permission denied"
        finally:
            mirror.parent.chmod(0o755)
