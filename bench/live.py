"""Commit to live during an incident: `varde publish` after one update.

    .venv/bin/python bench/live.py 1000 10000     # prints a Markdown table

What an operator waits for while an outage goes on: an update is added to
the open incident, and `varde publish --offline` builds the public site
(publishconf.py), puts it on a mirror (a local folder, swapped in whole)
and notifies (a Statuspage-style webhook to a receiver on this machine).
For each N: the synthetic site of bench/generate.py plus one open incident
at the bench's instant; a first publish (a fresh clone in CI: no output, no
cache, an empty mirror), then the median of three publishes, each after one
more update, five minutes apart, with caches warm.  Each run is checked: the
mirror's page of the incident shows the new update, and the receiver got its
message, once.  Pinned to the instant with SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_varde  # noqa: E402
from notify import Receiver, with_receiver  # noqa: E402
from run import AT, BIN, RUNS, median, timed  # noqa: E402

OPEN = "content/incidents/2026-11-22-login-fails.md"
ZONE = ZoneInfo("Europe/Oslo")


def _local(at: int) -> str:
    return f"{datetime.fromtimestamp(at, UTC).astimezone(ZONE):%Y-%m-%d %H:%M}"


def _post(site: Path, at: int, text: str) -> None:
    """One more update on the open incident, a minute before `at`."""
    incident = site / OPEN
    update = f"  - at: {_local(at - 60)}\n    status: update\n    text: {text}\n---\n"
    incident.write_text(incident.read_text().removesuffix("---\n") + update)


def measure(n: int, scratch: Path, hook: str) -> dict[str, str]:
    site, mirror = scratch / f"live-{n}", scratch / f"mirror-{n}"
    write_varde(site, n)
    (site / OPEN).write_text(
        f"---\ntitle: Login fails\naffected:\n  c1: major_outage\nupdates:\n"
        f"  - at: {_local(AT - 1800)}\n    status: investigating\n    text: Login fails for everyone.\n---\n"
    )
    (site / "publishconf.py").write_text(
        "import os, sys\nsys.path.append(os.curdir)\nfrom pelicanconf import *\n"
        'SITEURL = "https://status.example"\n'
        f"VARDE_MIRRORS = [{str(mirror)!r}]\n"
        f'VARDE_NOTIFY = [{{"name": "hook", "url": "{hook}"}}]\n'
    )
    publish = [str(BIN / "varde"), "publish", "--offline"]
    first = timed(publish, site, AT)
    runs = []
    for run in range(1, RUNS + 1):
        at, text = AT + 300 * run, f"Update number {run} of the benchmark."
        _post(site, at, text)
        before = len(Receiver.received)
        runs.append(timed(publish, site, at))
        page = (mirror / "incidents/2026-11-22-login-fails.html").read_text()
        if text not in page or not any(text.encode() in body for body in Receiver.received[before:]):
            raise SystemExit(f"run {run}: the mirror or the receiver lacks the update")
    live, memory = median(runs)
    files = sum(1 for path in mirror.rglob("*") if path.is_file())
    return {
        "N": f"{n:,}",
        "first publish (nothing cached)": f"{first[0]:.1f} s",
        "commit to live: build, mirror, notify": f"{live:.1f} s, {memory:.0f} MB",
        "mirror": f"{files:,} files",
    }


def main() -> int:
    return with_receiver(measure)


if __name__ == "__main__":
    sys.exit(main())
