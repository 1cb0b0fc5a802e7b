"""`varde serve`: build, serve at localhost, and rebuild on every save."""

from __future__ import annotations

import argparse
import socket

from varde.authoring.errors import Refused
from varde.commands import _options
from varde.commands.build import pelican, site_settings
from varde.commands.upstream import add_offline, fetch_before_building
from varde.settings import SETTINGS_FILE

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
    _options.add_settings(parser, SETTINGS_FILE)
    add_offline(parser)


def run(args: argparse.Namespace) -> int:
    fetch_before_building(args, site_settings(args))  # also a clear message if this is no site
    host = f"[{args.bind}]" if ":" in args.bind else args.bind
    _require_free(args.bind, host, args.port)
    print(f"Serving the site at http://{host}:{args.port}/ (rebuilt on every save; Ctrl-C stops).", flush=True)
    code = pelican(args, ["--listen", "--autoreload", "--port", str(args.port), "--bind", args.bind])
    return 0 if code == 130 else code


def _require_free(bind: str, host: str, port: int) -> None:
    """Pelican's server starts in a child process, whose failure to listen
    would be a traceback behind a build that goes on: try the address first."""
    try:
        if port < 1:
            raise OverflowError
        family = socket.AF_INET6 if ":" in bind else socket.AF_INET
        with socket.socket(family) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((bind, port))
    except OverflowError:
        raise Refused(f"--port {port} is not a port; give one from 1 to 65535, e.g. --port 8080.") from None
    except OSError as error:
        raise Refused(
            f"cannot listen at {host}:{port} ({error.strerror or error}); stop what uses it, "
            "or choose another with --port or --bind."
        ) from None
