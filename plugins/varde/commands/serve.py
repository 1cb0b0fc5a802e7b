"""`varde serve`: build, serve at localhost, and rebuild on every save."""

from __future__ import annotations

import argparse

from varde.commands.build import add_settings, pelican, site_settings
from varde.commands.upstream import add_offline, fetch_before_building

HELP = "serve the site locally and rebuild it on every save"
EXAMPLE = """example:
  varde serve                  # http://127.0.0.1:8000/
  varde serve --port 8080      # another port

Stop it with Ctrl-C. An invalid file stops the rebuild with the problem;
save the fix and it carries on."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8000, help="the port to listen on (default: 8000)")
    parser.add_argument(
        "--bind",
        default="127.0.0.1",
        metavar="ADDRESS",
        help="the address to listen on (default: 127.0.0.1, this computer only)",
    )
    add_settings(parser)
    add_offline(parser)


def run(args: argparse.Namespace) -> int:
    fetch_before_building(args, site_settings(args))  # also a clear message if this is no site
    host = f"[{args.bind}]" if ":" in args.bind else args.bind
    print(f"Serving the site at http://{host}:{args.port}/ (rebuilt on every save; Ctrl-C stops).", flush=True)
    code = pelican(args, ["--listen", "--autoreload", "--port", str(args.port), "--bind", args.bind])
    return 0 if code == 130 else code
