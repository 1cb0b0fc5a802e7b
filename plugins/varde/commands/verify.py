"""`varde verify TARGET`: does a copy of the site (a folder, or a URL it is
served at) match the manifest.json it carries?"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from varde.commands._options import completes
from varde.deploy.publishing import read_build
from varde.deploy.verify import VerifyError, is_url, verify

HELP = "check a copy of the site (a folder or a web address) against its manifest.json"
EXAMPLE = """example:
  varde verify output                            # the build in this folder
  varde verify /srv/www/status                   # a mirror on this machine
  varde verify https://status.example/           # a mirror as readers get it
  varde verify https://status.example/ --build output   # ... and it serves this build

Exit status: 0 the copy matches, 1 it differs (each file listed) or could not be read."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    completes(
        parser.add_argument("target", metavar="TARGET", help="a site's folder, or the http(s) URL of its root"), "dir"
    )
    completes(
        parser.add_argument(
            "--build",
            type=Path,
            metavar="FOLDER",
            help="also require the build in FOLDER (e.g. output), not just any complete one",
        ),
        "dir",
    )


def run(args: argparse.Namespace) -> int:
    try:
        comparison = verify(args.target)
        expected = read_build(args.build) if args.build else None
    except VerifyError as error:
        print(f"varde: {error}", file=sys.stderr)
        return 1
    for line in comparison.lines():
        print(line)
    print(comparison.summary())
    if expected and expected.manifest["build_id"] != comparison.build_id:
        served = is_url(args.target)  # a folder has no cache in front of it to wait for
        print(
            f"varde: {args.target} {'serves' if served else 'holds'} build {comparison.build_id[:12]}, "
            f"not {expected.short_id} from {args.build}; publish again"
            f"{', or wait for caches to expire' if served else ''}.",
            file=sys.stderr,
        )
        return 1
    return 0 if comparison.matches else 1
