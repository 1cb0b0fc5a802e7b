"""What `varde notify` costs when there is nothing new: the scheduled run's
usual case, every few minutes.

    .venv/bin/python bench/notify.py 10000 [100 ...]   # prints a Markdown table

For each N: the synthetic site of bench/generate.py with one Statuspage-style
webhook channel (to a receiver on this machine, which takes everything), a
first `varde notify` that sends what is recent and fills the ledger and the
parse cache, then the median of three `varde notify` runs with nothing new,
against the median of three warm `varde check` runs: reading the content.
The difference is what notifying adds (issue 20: under a second at N =
10,000).  Every run is pinned to the same instant with SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import sys
import tempfile
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_varde  # noqa: E402
from run import BIN, RUNS, median, print_table, timed  # noqa: E402


class Receiver(BaseHTTPRequestHandler):
    """A Statuspage-style webhook receiver on this machine: takes every
    message, and keeps its body in `received`."""

    received: list[bytes] = []

    def do_POST(self):
        Receiver.received.append(self.rfile.read(int(self.headers["Content-Length"])))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *arguments):
        pass


def measure(n: int, scratch: Path, hook: str) -> dict[str, str]:
    site = scratch / f"notify-{n}"
    write_varde(site, n)
    with (site / "pelicanconf.py").open("a") as conf:
        conf.write(f'SITEURL = "https://status.example"\nVARDE_NOTIFY = [{{"name": "hook", "url": "{hook}"}}]\n')
    varde = str(BIN / "varde")
    timed([varde, "notify", "--settings", "pelicanconf.py"], site)  # sends what is recent; warms the cache
    check = median([timed([varde, "check"], site) for _ in range(RUNS)])
    notify = median([timed([varde, "notify", "--settings", "pelicanconf.py"], site) for _ in range(RUNS)])
    return {
        "N": f"{n:,}",
        "varde check (warm)": f"{check[0]:.2f} s",
        "varde notify, nothing new": f"{notify[0]:.2f} s, {notify[1]:.0f} MB",
        "notifying adds": f"{notify[0] - check[0]:.2f} s",
    }


def with_receiver(measure: Callable[[int, Path, str], dict[str, str]]) -> int:
    """`measure(N, scratch folder, hook URL)` for each N on the command line,
    with a Receiver listening; the rows as a table."""
    sizes = [int(arg) for arg in sys.argv[1:]] or [1000]
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hook = f"statuspage+http://127.0.0.1:{server.server_port}/"
    with tempfile.TemporaryDirectory() as scratch:
        rows = [measure(n, Path(scratch), hook) for n in sizes]
    server.shutdown()
    print_table(rows)
    return 0


def main() -> int:
    return with_receiver(measure)


if __name__ == "__main__":
    sys.exit(main())
