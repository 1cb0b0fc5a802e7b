"""`varde resolve`: close an incident with a `resolved` update."""

from __future__ import annotations

import argparse

from varde.commands import _options
from varde.commands.update import post
from varde.model import UpdateStatus

HELP = "resolve an open incident"
EXAMPLE = """example:
  varde resolve 2026-03-12-login-down --text "Login works again. We will publish a postmortem."
  varde resolve 2026-03-12-login-down --at "2026-03-12 11:10" --text "Resolved."
  varde resolve 2026-03-12-login-down          # text written in $EDITOR"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    _options.add_incident_change(parser, "the resolving update's text", "when it was resolved")


def run(args: argparse.Namespace) -> int:
    return post(args, UpdateStatus.RESOLVED)
