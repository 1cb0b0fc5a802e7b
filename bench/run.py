"""Benchmark Varde against plain Pelican on synthetic sites.

    .venv/bin/python bench/run.py 100 1000 [10000]     # prints a Markdown table

For each N: a full build from nothing (a fresh clone: no output, no cache),
the same build again five minutes later with nothing changed (the
scheduled rebuild, caches warm), a rebuild after adding one update to one
incident (these two the median of three runs), `varde check` without and with its cache, peak memory, the
output's files and bytes and the index page's gzip size, and the baseline:
the same N texts as plain Pelican articles built by plain Pelican with its
default theme.  The rebuild's output is compared with a build from nothing
of the same content at the same instant (their manifests' build ids), so
the table also says whether reusing changed a byte.  Every command runs in
a fresh process, pinned with SOURCE_DATE_EPOCH, and is measured with the
child's own rusage; the ratios Varde / Pelican are the figures to track.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
AT = 1795345200  # 2026-11-22 12:00 CET
#: Builds measured for each warm figure (the median is reported).
RUNS = 3


def timed(command: list[str], cwd: Path, at: int = AT) -> tuple[float, float]:
    """Wall seconds and this command's own peak memory in MB."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, "SOURCE_DATE_EPOCH": str(at)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}")
    return wall, usage.ru_maxrss / 1024


def median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """The median time, and the largest memory of the runs."""
    return statistics.median(wall for wall, _ in runs), max(memory for _, memory in runs)


def pelican(site: Path) -> list[str]:
    return [str(BIN / "pelican"), "content", "-o", "output", "-s", "pelicanconf.py", "-q"]


def add_one_update(site: Path) -> None:
    """Add an `update` post a minute before the newest incident's first update
    (never after its resolution, so the file stays valid)."""
    newest = sorted((site / "content/incidents").glob("*.md"))[-1]
    text = newest.read_text()
    first = text.split("  - at: ", 1)[1].split("\n", 1)[0]
    at = datetime.strptime(first, "%Y-%m-%d %H:%M") - timedelta(minutes=1)
    newest.write_text(text.replace("updates:\n", f"updates:\n  - at: {at:%Y-%m-%d %H:%M}\n    status: update\n"
                                                  "    text: One more update.\n", 1))


def build_id(site: Path) -> str:
    return json.loads((site / "output/manifest.json").read_text())["build_id"]


def measure(n: int, scratch: Path) -> dict[str, str]:
    varde_site, plain_site = scratch / f"varde-{n}", scratch / f"plain-{n}"
    subprocess.run([sys.executable, str(BENCH / "generate.py"), str(n), str(varde_site)], check=True)
    subprocess.run([sys.executable, str(BENCH / "generate.py"), str(n), str(plain_site), "--articles"], check=True)
    check_cold, check_memory = timed([str(BIN / "varde"), "check"], varde_site)
    shutil.rmtree(varde_site / "cache")  # the build starts from nothing, as on a fresh clone
    full, memory = timed(pelican(varde_site), varde_site)
    files = [p for p in (varde_site / "output").rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    index = len(gzip.compress((varde_site / "output/index.html").read_bytes(), 9))
    # Builds with warm caches take a few seconds, where a busy moment of the
    # machine shows: each is the median of RUNS, five minutes apart.
    warm, warm_memory = median([timed(pelican(varde_site), varde_site, AT + 300 * run) for run in range(1, RUNS + 1)])
    rebuilds = []
    for run in range(RUNS + 1, 2 * RUNS + 1):
        add_one_update(varde_site)
        rebuilds.append(timed(pelican(varde_site), varde_site, AT + 300 * run))
    rebuild, rebuild_memory = median(rebuilds)
    check_warm, _ = timed([str(BIN / "varde"), "check"], varde_site)
    fresh = scratch / f"fresh-{n}"
    shutil.copytree(varde_site, fresh, ignore=shutil.ignore_patterns("output", "cache", ".output.*"))
    timed(pelican(fresh), fresh, AT + 300 * 2 * RUNS)
    baseline, baseline_memory = timed(pelican(plain_site), plain_site)
    return {
        "N": f"{n:,}",
        "full build": f"{full:.1f} s",
        "again, 5 min later": f"{warm:.1f} s",
        "rebuild, one update": f"{rebuild:.1f} s",
        "same as from nothing": "yes" if build_id(varde_site) == build_id(fresh) else "NO",
        "varde check (cold / warm)": f"{check_cold:.2f} / {check_warm:.2f} s",
        "peak memory": f"{max(memory, warm_memory, rebuild_memory, check_memory):.0f} MB",
        "output": f"{len(files):,} files, {size / 1e6:.1f} MB",
        "index (gzip)": f"{index / 1024:.1f} KB",
        "plain Pelican": f"{baseline:.1f} s, {baseline_memory:.0f} MB",
        "Varde / Pelican (full / again)": f"{full / baseline:.2f} / {warm / baseline:.2f}",
    }


def main() -> int:
    sizes = [int(arg) for arg in sys.argv[1:]] or [100, 1000]
    with tempfile.TemporaryDirectory() as scratch:
        rows = [measure(n, Path(scratch)) for n in sizes]
    print("| " + " | ".join(rows[0]) + " |")
    print("|" + "---|" * len(rows[0]))
    for row in rows:
        print("| " + " | ".join(row.values()) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
