"""`varde check`: validate a site's content without building it.

Fast enough for a pre-commit hook: it reads and validates, and renders nothing.
With `--format json` it prints the problems for CI annotations; with
`--cadence` it also fails for open incidents that have gone too long without
an update, so a scheduled CI job can remind the team.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from varde.authoring.cadence import overdue
from varde.cache.store import Cache
from varde.collector import collector_paused
from varde.commands._options import add_site
from varde.commands._site import read_site_settings, site_folder
from varde.errors import ContentError, Problem, display_path
from varde.parsing import load_site_cached
from varde.parsing.templates import TEMPLATES_DIR, load_templates
from varde.status.published import published
from varde.times import build_now

HELP = "validate the content without building"
EXAMPLE = """example:
  varde check                      # the site in this folder
  varde check --site ../status     # another site
  varde check --format json        # [{"file": ..., "line": ..., "message": ...}], [] when valid
  varde check --cadence            # also fail while an open incident is overdue for an update

Exit status: 0 valid, 1 problems (or, with --cadence, an overdue incident)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_site(parser, "former_site")  # `varde check DIR`, as hooks and CI jobs may still say
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for CI annotations",
    )
    parser.add_argument(
        "--cadence",
        action="store_true",
        help="fail when an open incident's latest update is older than VARDE_CADENCE_MINUTES allows",
    )


def run(args: argparse.Namespace) -> int:
    # A check loads the whole site and ends: Python's cycle collector, left
    # on, would only traverse the loaded models again after each pause.
    with collector_paused():
        return _check(args)


def _check(args: argparse.Namespace) -> int:
    try:
        settings = read_site_settings(args.site)
        folder = site_folder(args.site)
        try:
            site = load_site_cached(
                settings.content, settings.timezone, Cache(settings.cache), settings.upstream_max_age
            )
        except ContentError as error:  # the templates' problems too, all in one report
            raise ContentError([*error.problems, *_templates(folder, None)[1]]) from None
        count, problems = _templates(folder, [component.id for component in site.catalog.components])
        if problems:
            raise ContentError(problems)
        now = build_now(os.environ, time.time, settings.demo_now)
        if any(maintenance.recurrence for maintenance in site.maintenances):
            published(site, now)  # as the build would, refuses a series of too many windows by now
        late = overdue(site, now, settings.cadence) if args.cadence else []
    except ContentError as error:
        if args.format == "json":
            return _print_json(error.problems)
        raise
    if args.format == "json":
        return _print_json([item.problem() for item in late])
    if late:
        print(ContentError([item.problem() for item in late]).report(), file=sys.stderr)
        return 1
    counts = (
        _count(len(site.catalog.components), "component"),
        _count(len(site.incidents), "incident"),
        _count(len(site.maintenances), "maintenance", "maintenance"),
    )
    if count:
        counts += (_count(count, "template"),)
    print(f"{settings.content.name}/ is valid: {', '.join(counts)}.")
    return 0


def _templates(folder: Path, known: list[str] | None) -> tuple[int, list[Problem]]:
    """How many valid templates the site has, and the others' problems
    (component ids unchecked when `known` is None: components.yaml is broken)."""
    found, problems = load_templates(folder / TEMPLATES_DIR, display_path(folder / TEMPLATES_DIR), known)
    return len(found), problems


def _print_json(problems: list[Problem] | tuple[Problem, ...]) -> int:
    print(
        json.dumps(
            [{"file": p.origin.path, "line": p.origin.line, "message": p.message} for p in problems],
            ensure_ascii=False,
            indent=2,
        )
    )
    return 1 if problems else 0


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"
