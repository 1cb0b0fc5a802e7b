"""Lighthouse scores for the example site's index and an incident page.

    .venv/bin/python bench/lighthouse.py      # prints a Markdown table

Builds the example site at a fixed instant, serves it on 127.0.0.1 and runs
npm's lighthouse@12 (installed into .tools/ on first use) in Debian's
chromium, mobile and desktop.  Scores are reported, never asserted: they
belong in docs/benchmarks.md, not in the test suite.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / ".tools/node_modules/.bin/lighthouse"
AT = "1795345200"  # 2026-11-22 12:00 CET, an incident open
PAGES = {"index": "index.html", "incident": "incidents/2026-03-12-innlogging-nettverksfeil.html"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"


def main() -> int:
    if not LIGHTHOUSE.exists():
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--silent", "lighthouse@12"], cwd=REPO / ".tools", check=True
        )
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "output"
        subprocess.run(
            [sys.executable, "-m", "pelican", "content", "-o", str(output), "-s", "pelicanconf.py", "-q"],
            cwd=REPO,
            env={**os.environ, "SOURCE_DATE_EPOCH": AT},
            check=True,
        )
        handler = functools.partial(_Quiet, directory=str(output))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        print("| page | form factor | " + " | ".join(CATEGORIES) + " |")
        print("|---|---|" + "---:|" * len(CATEGORIES))
        for name, path in PAGES.items():
            for preset in ("mobile", "desktop"):
                scores = _scores(base + path, preset, Path(scratch))
                print(f"| {name} | {preset} | " + " | ".join(str(scores[c]) for c in CATEGORIES) + " |")
        server.shutdown()
    return 0


def _scores(url: str, preset: str, scratch: Path) -> dict[str, int]:
    report = scratch / "report.json"
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--chrome-flags={FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
    categories = json.loads(report.read_text())["categories"]
    return {c: round(categories[c]["score"] * 100) for c in CATEGORIES}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


if __name__ == "__main__":
    sys.exit(main())
