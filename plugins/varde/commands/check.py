"""`varde check`: validate a site's content without building it.

Fast enough for a pre-commit hook: it reads and validates, and renders nothing.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..parsing import load_site
from ..sitefiles import read_site_settings

HELP = "validate the content without building"
EXAMPLE = """example:
  varde check              # the site in this folder
  varde check ../status    # another site"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("site", nargs="?", default=".", type=Path,
                        help="the site's folder or its settings file (default: this folder)")


def run(args: argparse.Namespace) -> int:
    settings = read_site_settings(args.site)
    site = load_site(settings.content, settings.timezone)
    counts = (
        _count(len(site.catalog.components), "component"),
        _count(len(site.incidents), "incident"),
        _count(len(site.maintenances), "maintenance", "maintenance"),
    )
    print(f"{settings.content.name}/ is valid: {', '.join(counts)}.")
    return 0


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"
