"""`varde postmortem`: write or revise an incident's postmortem."""

from __future__ import annotations

import argparse
import sys

from varde.authoring.incidents import postmortem_of, write_postmortem
from varde.authoring.texts import edited, given_text
from varde.commands import _options, _site
from varde.errors import display_path

HELP = "write an incident's postmortem in $EDITOR"
EXAMPLE = """example:
  varde postmortem 2026-03-12-login-down                         # opens the postmortem in $EDITOR
  varde postmortem 2026-03-12-login-down --text-file report.md   # or takes it from a file

The postmortem is the incident file's Markdown body. The first one of a
resolved incident is dated now (postmortem_at), so feeds announce it then."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    _options.add_incident_change(parser, "the postmortem", "when it is published (postmortem_at)")


def run(args: argparse.Namespace) -> int:
    space = _site.workspace(args.site)
    at = space.posted_time(args.at, args.future) if args.at else None
    body = given_text(args.text, args.text_file)
    if body is None:
        incident, _ = space.incident(args.slug)
        body = edited(postmortem_of(space, args.slug) + "\n", f"{incident.slug}-postmortem.md")
    path = write_postmortem(space, args.slug, body, at)
    if path is None:
        print("varde: the postmortem is unchanged; nothing was written.", file=sys.stderr)
        return 0
    print(display_path(path))
    return 0
