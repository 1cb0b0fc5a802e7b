"""`varde publish`: the public build (publishconf.py), then every mirror in
the VARDE_MIRRORS setting, each on its own; a table at the end."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from varde.commands import _options
from varde.commands._site import read_site_settings
from varde.commands.build import pelican
from varde.commands.notify import notify_after_publish
from varde.commands.upstream import add_offline, fetch_before_building
from varde.deploy.publishing import publish, read_build
from varde.deploy.report import summary, table
from varde.deploy.verify import VerifyError
from varde.errors import ContentError, Problem
from varde.settings import PUBLISH_SETTINGS_FILE, mirrors

HELP = "build with publishconf.py and copy the site to each of its mirrors"
EXAMPLE = f"""example:
  varde publish                       # build, then publish to every mirror
  varde publish --no-build            # publish output/ as built by an earlier step

In publishconf.py:
  {mirrors.SETTING} = [
      "/srv/www/status",                                       # a local folder
      {{"target": "deploy@host:/var/www/status",                 # rsync over ssh
       "verify": "https://mirror2.example/"}},                    # checked through its URL
      "rclone:s3:bucket/status",                               # any rclone remote
  ]

Then, once the build is on at least one mirror, `varde notify` sends each
channel in VARDE_NOTIFY what is new (docs/notifications.md).

Exit status: 0 every mirror has the new build and every channel its news,
1 any failed (the others are still published and notified; a failed mirror
keeps its previous complete build, a failed channel is retried next time)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    _options.add_settings(parser, PUBLISH_SETTINGS_FILE)
    parser.add_argument(
        "--no-build",
        action="store_true",
        help="publish the output folder as it is (built by an earlier step) instead of building",
    )
    add_offline(parser)


def run(args: argparse.Namespace) -> int:
    settings = read_site_settings(args.site / args.settings)
    if not settings.mirrors:
        raise ContentError(
            [
                Problem(
                    mirrors.ORIGIN,
                    f"no mirrors to publish to; set {mirrors.SETTING} in {args.settings} to e.g. {mirrors.EXAMPLE}.",
                )
            ]
        )
    if not args.no_build:
        fetch_before_building(args, settings)
        print(f"Building with {args.settings}.", file=sys.stderr, flush=True)
        if code := pelican(args, []):
            print(
                "varde: the build failed (see above), so nothing was published; every mirror keeps its site.",
                file=sys.stderr,
            )
            return code
    try:
        build = read_build(args.site / settings.output)  # Pelican runs in the site's folder
    except VerifyError as error:
        print(f"varde: {error}", file=sys.stderr)
        return 1
    outcomes = publish(build, settings.mirrors)
    print(table(outcomes), end="\n\n")
    print(summary(outcomes, build.short_id))
    published = 0 if all(outcome.ok for outcome in outcomes) else 1
    if not any(outcome.ok for outcome in outcomes):
        return published  # nobody can see the news yet: the next publish sends it
    # What the build shows, at the instant it shows it: no news is sent before its page is up.
    return (
        notify_after_publish(args.site, args.settings, datetime.fromisoformat(build.manifest["describes"])) or published
    )
