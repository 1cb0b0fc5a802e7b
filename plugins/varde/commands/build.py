"""`varde build` and `varde serve`: Pelican, run in the site's folder.

Both run the Pelican of the Python that runs varde (`python -m pelican`),
so they build with the very plugin and theme this varde ships.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

from varde.commands import _options
from varde.commands._site import read_site_settings
from varde.commands.upstream import add_offline, fetch_before_building
from varde.settings import SETTINGS_FILE
from varde.times import TimeValueError, parse_time, shown

HELP = "build the site into its output folder"
EXAMPLE = """example:
  varde build                               # as it stands now
  varde build --at "2026-03-12 09:00"       # as it stood then (SOURCE_DATE_EPOCH)
  varde build --settings publishconf.py     # the public build
  varde build --offline                     # without fetching the upstream pages first"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    _options.add_at(parser, "the instant to build the site for")
    _options.add_settings(parser, SETTINGS_FILE)
    add_offline(parser)


def site_settings(args: argparse.Namespace):
    """The site's settings, read from inside its folder as Pelican will read
    them (publishconf.py imports pelicanconf from there)."""
    with contextlib.chdir(args.site):
        return read_site_settings(Path(args.settings))


def run(args: argparse.Namespace) -> int:
    settings = site_settings(args)
    fetch_before_building(args, settings)
    environ = dict(os.environ)
    if args.at:
        try:
            moment = parse_time(args.at, settings.timezone)
        except TimeValueError as error:
            raise TimeValueError(f"--at: {error}") from None
        environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
        print(f"Building the site as it stood at {shown(moment, settings.timezone)}.", flush=True)
    code = pelican(args, [], environ)
    if code == 0:
        print(f"Open {Path(args.site, settings.output, 'index.html')} in a browser.")
    return code


def pelican(args: argparse.Namespace, options: list[str], environ: dict[str, str] | None = None) -> int:
    """`python -m pelican` in the site's folder with its settings; its exit status.

    Pelican runs in a process group of its own, which is stopped whole when
    varde is (Ctrl-C, or `kill` of varde alone): a devserver starts a builder
    and a web server of its own, which would otherwise go on serving."""
    command = [sys.executable, "-m", "pelican", *options, "-s", args.settings]
    process = subprocess.Popen(command, cwd=args.site, env=environ, start_new_session=True)
    interrupt = signal.getsignal(signal.SIGINT)
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)  # stopped as by Ctrl-C
    try:
        return process.wait()
    except KeyboardInterrupt:
        _stop(process)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, interrupt)


#: How long Pelican may take to end when asked, before its group is killed.
_GRACE_SECONDS = 5


def _stop(process: subprocess.Popen) -> None:
    """Ask Pelican's whole group to end, as Ctrl-C would; then kill what is left.
    A second Ctrl-C or SIGTERM meanwhile cannot hurry it more than the grace
    period does, so it is ignored rather than shown as a traceback."""
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, signal.SIG_IGN)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGINT)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=_GRACE_SECONDS)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
