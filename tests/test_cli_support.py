"""Helpers the CLI tests share (this module holds no tests).

They read like what a user does: run `varde`, build with `pelican`, look at
the page, and check that a refused command left every file as it was.
"""

from __future__ import annotations

import html
import re
import shlex
from pathlib import Path

from support import Run, epoch, pelican, tree, varde


def editor_writing(text: str) -> str:
    """An $EDITOR that writes `text` into the file it is given, as a person would."""
    script = "printf %s " + shlex.quote(text) + ' > "$1"'
    return "sh -c " + shlex.quote(script) + " --"


def page_text(page: Path) -> str:
    """The visible text of a page, whitespace folded."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page.read_text(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def built_index(site: Path, at: str) -> str:
    """Build the site as it stands at `at` (ISO with offset); the index's text."""
    run = pelican(site, at=epoch(at))
    assert run.returncode == 0, run.output
    return page_text(site / "output/index.html")


def open_incidents(site: Path) -> str:
    """The text of the last built index's "Open incidents" section ('' when it has none)."""
    page = (site / "output/index.html").read_text()
    found = re.search(r'<section aria-labelledby="open-incidents">(.*?)</section>', page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split()) if found else ""


def assert_refused(run: Run, *words: str) -> None:
    """Refused as a person should see it: non-zero, a `varde` sentence naming
    what to fix, no traceback."""
    assert run.returncode != 0, run.output
    assert "Traceback" not in run.output, run.output
    assert "varde" in run.stderr and run.stdout == "", run.output
    for word in words:
        assert word in run.stderr, run.output


def refused_untouched(site: Path, *args: str, words: tuple[str, ...] = (), at: int | None = None) -> Run:
    """Run `varde *args`, expect a refusal, and that no file changed."""
    before = tree(site)
    run = varde(site, *args, at=at)
    assert_refused(run, *words)
    assert tree(site) == before, "a refused command changed files"
    return run


def post_incident(site: Path, title: str, *affected: str, text: str, at: str) -> Path:
    """`varde new incident` as an engineer runs it; the file it wrote."""
    run = varde(site, "new", "incident", "--title", title, "--affected", *affected, "--text", text, "--at", at)
    assert run.returncode == 0, run.output
    return site / written(run)


def written(run: Run) -> str:
    """The file a command wrote: its line of confirmation starts with it."""
    return run.stdout.strip().partition(": ")[0]
