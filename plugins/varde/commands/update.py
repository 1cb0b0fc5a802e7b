"""`varde update`: add an update to an open incident."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from varde.authoring.incidents import add_update, open_incident
from varde.authoring.texts import required_text
from varde.commands import _options, _site
from varde.errors import display_path
from varde.model import INCIDENT_COMPONENT_STATUSES, UpdateStatus
from varde.status.incidents import state
from varde.times import shown

HELP = "add an update to an open incident"
EXAMPLE = """example:
  varde update 2026-03-12-login-down --status identified --text "A faulty switch; replacing it."
  varde update 2026-03-12-login-down --status monitoring --affected login=degraded_performance \\
      --text "Login works again for most users."
  varde update 2026-03-12-login-down          # status `update`, text written in $EDITOR

Only the new lines are added to the file: comments and formatting stay."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    _options.add_incident_change(parser, "the update's text", "when it was posted")
    _options.add_update_status(
        parser,
        UpdateStatus.UPDATE,
        "investigating, identified, monitoring, update (news, same state; the default) or resolved",
    )
    _options.add_affected(
        parser,
        INCIDENT_COMPONENT_STATUSES,
        required=False,
        help="components whose status changes from this update on (e.g. login=operational)",
    )


def run(args: argparse.Namespace) -> int:
    return post(args, args.status)


def post(args: argparse.Namespace, status: UpdateStatus) -> int:
    """The update `args` describe, with `status`, checked before any text is asked for."""
    space = _site.workspace(args.site)
    incident, _ = open_incident(space, args.slug)
    at = space.posted_time(args.at, args.future)
    affected = space.components(getattr(args, "affected", ()), INCIDENT_COMPONENT_STATUSES)
    text = required_text(args.text, args.text_file, f"{incident.slug}-{status}.md")
    path = add_update(space, incident.slug, status, text, at, affected)
    now = f"still {state(incident)}" if status is UpdateStatus.UPDATE else f"now {status}"
    print(posted(path, incident.title, now, "update posted", at, space.zone))
    return 0


def posted(path: Path, title: str, state: str, what: str, at: datetime, zone: ZoneInfo) -> str:
    """The line that confirms a post: the file (for scripts, before the
    colon), then what a reader of the page will see."""
    return f'{display_path(path)}: "{title}", {state}, {what} at {shown(at, zone)}.'
