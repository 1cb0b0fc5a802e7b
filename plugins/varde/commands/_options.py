"""Options several commands share, and how their values are read.

Each option that can be completed in a shell says how, in `complete`
(read by the `completion` command): "incident" (an incident slug), "file",
"dir", or a list of words.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path

from varde.errors import did_you_mean
from varde.model import ComponentStatus


def completes(action: argparse.Action, how: str | Iterable[str]) -> argparse.Action:
    action.complete = how if isinstance(how, str) else list(how)
    return action


def add_site(parser: argparse.ArgumentParser) -> None:
    completes(
        parser.add_argument(
            "--site", type=Path, default=Path("."), metavar="DIR", help="the site's folder (default: this folder)"
        ),
        "dir",
    )


def add_at(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--at",
        metavar="TIME",
        help=f"{what} (default: now); YYYY-MM-DD HH:MM in the site's time zone, or with an offset",
    )


def add_text(parser: argparse.ArgumentParser, what: str = "the update's text") -> None:
    """--text or --text-file; with neither, the command opens $EDITOR."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--text", metavar="TEXT", help=f"{what}, Markdown (default: write it in $EDITOR)")
    completes(
        group.add_argument("--text-file", metavar="FILE", help=f"read {what} from FILE (- for standard input)"), "file"
    )


def choice(values: type[StrEnum] | Iterable[StrEnum], what: str):
    """An argparse type for one of `values`, with a "did you mean"."""
    allowed = {str(value): value for value in values}

    def parse(text: str):
        if text in allowed:
            return allowed[text]
        raise argparse.ArgumentTypeError(
            f"{text!r} is not {what}; use one of {', '.join(allowed)}.{did_you_mean(text, allowed)}"
        )

    parse.choices = list(allowed)
    return parse


def component_status(allowed: Iterable[ComponentStatus], status_required: bool = True):
    """An argparse type for `ID=STATUS` (or a bare `ID` when not required)."""
    read_status = choice(allowed, "a component status")
    form = "ID=STATUS" if status_required else "ID or ID=STATUS"

    def parse(text: str) -> tuple[str, ComponentStatus | None]:
        ident, equals, status = text.partition("=")
        if not ident or (status_required and not equals):
            raise argparse.ArgumentTypeError(f"{text!r} is not {form}; write e.g. login=major_outage.")
        return ident, read_status(status) if equals else None

    return parse


def add_affected(
    parser, allowed: Iterable[ComponentStatus], required: bool, help: str, status_required: bool = True
) -> None:
    allowed = tuple(allowed)
    completes(
        parser.add_argument(
            "--affected",
            nargs="+",
            action="extend",
            required=required,
            default=[],
            type=component_status(allowed, status_required),
            metavar="ID=STATUS" if status_required else "ID[=STATUS]",
            help=help,
        ),
        "affected:" + " ".join(allowed),
    )


def add_incident_change(parser: argparse.ArgumentParser, text: str, at: str) -> None:
    """SLUG, the text (--text, --text-file or $EDITOR), --at and --site."""
    completes(
        parser.add_argument(
            "slug", metavar="SLUG", help="the incident: its file name without .md (e.g. 2026-03-12-login-down)"
        ),
        "incident",
    )
    add_text(parser, text)
    add_at(parser, at)
    add_site(parser)
