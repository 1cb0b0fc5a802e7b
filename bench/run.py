"""Benchmark Varde against plain Pelican on synthetic sites.

    .venv/bin/python bench/run.py 100 1000 [10000]     # prints a Markdown table

For each N: a full build from nothing (a fresh clone: no output, no cache),
the same build again five minutes later with nothing changed (the
scheduled rebuild, caches warm), a rebuild after adding one update to one
incident, the same in CI (one update, with `output/` and `cache/` restored
from the CI system's cache: every file a new one), `varde check` without
and with its cache, peak memory, the output's files and bytes and the index
page's gzip size, and the baseline: the same N texts as plain Pelican
articles built by plain Pelican with its default theme.  The full build, the
two warm builds and the baseline are each the median of three runs.  The
last rebuild's output is compared with a build from nothing of the same
content at the same instant (their manifests' build ids), so the table also
says whether reusing changed a byte.  The builds from nothing and the
baseline are measured for every N before any rebuild (see `measure_cold`);
leave five minutes between two runs of this script, whose end deletes its
sites.  Every command runs in a fresh process, pinned with
SOURCE_DATE_EPOCH, and is measured with the child's own rusage; the ratios
Varde / Pelican are the figures to track.
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
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env={**os.environ, "SOURCE_DATE_EPOCH": str(at)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
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
    newest.write_text(
        text.replace(
            "updates:\n", f"updates:\n  - at: {at:%Y-%m-%d %H:%M}\n    status: update\n    text: One more update.\n", 1
        )
    )


def ci_rebuild(site: Path, at: int) -> tuple[float, float]:
    """A rebuild after one update with the output as a CI cache restores it:
    the same bytes and times in new files.  The old tree is moved aside, not
    deleted, until the build is done: creating files just after deleting
    many is slow on some file systems, which a fresh CI machine is not."""
    aside = site / "output-before-restore"
    (site / "output").rename(aside)
    shutil.copytree(aside, site / "output")
    add_one_update(site)
    measured = timed(pelican(site), site, at)
    shutil.rmtree(aside)
    return measured


def build_id(site: Path) -> str:
    return json.loads((site / "output/manifest.json").read_text())["build_id"]


def measure_cold(n: int, scratch: Path) -> dict[str, object]:
    """What a fresh clone takes: `varde check` and the build from nothing,
    and the baseline.  Measured for every N before any rebuild: a rebuild
    deletes the tree it replaces, and creating files within seconds of
    deleting many is slow on this machine's file system, which made the
    next build from nothing up to 1.5 times slower."""
    varde_site, plain_site = scratch / f"varde-{n}", scratch / f"plain-{n}"
    subprocess.run([sys.executable, str(BENCH / "generate.py"), str(n), str(varde_site)], check=True)
    subprocess.run([sys.executable, str(BENCH / "generate.py"), str(n), str(plain_site), "--articles"], check=True)
    # Each the median of RUNS on copies made beforehand: a single build from
    # nothing varied by a third between runs of this script.
    clones = [clone(varde_site, run) for run in range(1, RUNS)] + [varde_site]
    plain_clones = [clone(plain_site, run) for run in range(1, RUNS)] + [plain_site]
    check_cold, check_memory = timed([str(BIN / "varde"), "check"], varde_site)
    shutil.rmtree(varde_site / "cache")  # the build starts from nothing, as on a fresh clone
    full, memory = median([timed(pelican(site), site) for site in clones])
    baseline, baseline_memory = median([timed(pelican(site), site) for site in plain_clones])
    return {
        "site": varde_site,
        "check": check_cold,
        "full": full,
        "memory": max(memory, check_memory),
        "baseline": baseline,
        "baseline memory": baseline_memory,
    }


def clone(site: Path, run: int) -> Path:
    copy = site.with_name(f"{site.name}-copy-{run}")
    shutil.copytree(site, copy)
    return copy


def measure_warm(n: int, scratch: Path, cold: dict[str, object]) -> dict[str, str]:
    """The builds with caches warm, and the row of the table."""
    varde_site = cold["site"]
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
    restored, restored_memory = ci_rebuild(varde_site, AT + 300 * (2 * RUNS + 1))
    check_warm, _ = timed([str(BIN / "varde"), "check"], varde_site)
    fresh = scratch / f"fresh-{n}"
    shutil.copytree(varde_site, fresh, ignore=shutil.ignore_patterns("output", "cache", ".output.*"))
    timed(pelican(fresh), fresh, AT + 300 * (2 * RUNS + 1))
    full, baseline = cold["full"], cold["baseline"]
    return {
        "N": f"{n:,}",
        "full build": f"{full:.1f} s",
        "again, 5 min later": f"{warm:.1f} s",
        "rebuild, one update": f"{rebuild:.1f} s",
        "the same in CI": f"{restored:.1f} s",
        "same as from nothing": "yes" if build_id(varde_site) == build_id(fresh) else "NO",
        "varde check (cold / warm)": f"{cold['check']:.2f} / {check_warm:.2f} s",
        "peak memory": f"{max(cold['memory'], warm_memory, rebuild_memory, restored_memory):.0f} MB",
        "output": f"{len(files):,} files, {size / 1e6:.1f} MB",
        "index (gzip)": f"{index / 1024:.1f} KB",
        "plain Pelican": f"{baseline:.1f} s, {cold['baseline memory']:.0f} MB",
        "Varde / Pelican (full / again)": f"{full / baseline:.2f} / {warm / baseline:.2f}",
    }


def main() -> int:
    sizes = [int(arg) for arg in sys.argv[1:]] or [100, 1000]
    with tempfile.TemporaryDirectory() as scratch:
        colds = [measure_cold(n, Path(scratch)) for n in sizes]
        rows = [measure_warm(n, Path(scratch), cold) for n, cold in zip(sizes, colds)]
    print_table(rows)
    return 0


def print_table(rows: list[dict[str, str]]) -> None:
    """The rows as a Markdown table, for docs/benchmarks.md."""
    print("| " + " | ".join(rows[0]) + " |")
    print("|" + "---|" * len(rows[0]))
    for row in rows:
        print("| " + " | ".join(row.values()) + " |")


if __name__ == "__main__":
    sys.exit(main())
