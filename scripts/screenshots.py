"""Render the example site's main page types into docs/screenshots/.

    .venv/bin/python scripts/screenshots.py [FOLDER]

Builds the example site at its own instant (pelicanconf.py's VARDE_DEMO_NOW:
an incident open), then photographs index, incident, component, history and maintenance pages at
a phone's and a desktop's width, light and dark, in Debian's chromium, into
FOLDER (docs/screenshots/ unless given: a "before" set goes elsewhere).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "docs/screenshots"
PAGES = {
    "index": "index.html",
    "incident": "incidents/2026-03-12-innlogging-nettverksfeil.html",
    "component": "components/meldingstjeneste.html",
    "history": "history.html",
    "maintenance": "maintenance/2027-02-10-kjernejournal-databaseoppgradering.html",
}
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def main(target: Path = TARGET) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "output"
        subprocess.run(
            [sys.executable, "-m", "pelican", "content", "-o", str(output), "-s", "pelicanconf.py", "-q"],
            cwd=REPO,
            env={key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"},
            check=True,
        )
        target.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for scheme in ("light", "dark"):
                for width in (390, 1280):
                    context = browser.new_context(
                        color_scheme=scheme, viewport={"width": width, "height": 900}, java_script_enabled=False
                    )
                    page = context.new_page()
                    for name, path in PAGES.items():
                        page.goto((output / path).as_uri())
                        shot = target / f"{name}-{width}-{scheme}.png"
                        page.screenshot(path=str(shot), full_page=False)
                        print(shot)
                    context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else TARGET))
