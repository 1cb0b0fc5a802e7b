"""Reading a whole site: every file, every problem, then the model."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from ..errors import ContentError, Problem
from ..model import Catalog, Origin, Site
from ..yamlsource import YamlSyntaxError, load
from .catalog import parse_catalog
from .fields import FileContext
from .frontmatter import Document, FrontMatterError, decode, split
from .incidents import parse_incident
from .maintenance import parse_maintenance

COMPONENTS_FILE = "components.yaml"
INCIDENTS_DIR = "incidents"
MAINTENANCE_DIR = "maintenance"


def display_path(path: Path) -> str:
    """The path as the person at the terminal would type it."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


def load_site(content: Path, zone: ZoneInfo) -> Site:
    """The site under `content`; raises ContentError listing every problem."""
    problems: list[Problem] = []
    catalog = _load_catalog(content / COMPONENTS_FILE, problems)
    known = {component.id for component in catalog.components} if catalog else None

    def read_each(folder: str, parse: Callable) -> tuple:
        return tuple(
            item
            for path in _markdown_files(content / folder, problems)
            if (item := _read_document(path, parse, zone, known, problems)) is not None
        )

    incidents = read_each(INCIDENTS_DIR, parse_incident)
    maintenances = read_each(MAINTENANCE_DIR, parse_maintenance)
    if problems or catalog is None:
        raise ContentError(problems)
    return Site(catalog, incidents, maintenances)


def _load_catalog(path: Path, problems: list[Problem]) -> Catalog | None:
    shown = display_path(path)
    if not path.is_file():
        problems.append(Problem(Origin(shown), "the site has no components.yaml; create it with a `components:` list."))
        return None
    try:
        data = load(decode(path.read_bytes(), shown), shown)
    except (YamlSyntaxError, FrontMatterError) as error:
        problems.append(error.problem)
        return None
    return parse_catalog(data, shown, problems)


def _markdown_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """`*.md` below `folder`, in a stable order; two files may not share a slug."""
    paths = sorted(folder.rglob("*.md"), key=lambda p: p.relative_to(folder).as_posix())
    seen: dict[str, Path] = {}
    unique = []
    for path in paths:
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue  # editor backups and the like, as Pelican's IGNORE_FILES
        slug = path.stem
        if slug in seen:
            problems.append(Problem(Origin(display_path(path), 1),
                f"the slug {slug!r} is already used by {display_path(seen[slug])}; "
                "a slug is the page's address, so rename one of the files."))
            continue
        seen[slug] = path
        unique.append(path)
    return unique


def _read_document(path: Path, parse: Callable, zone: ZoneInfo, known, problems: list[Problem]):
    shown = display_path(path)
    try:
        document: Document = split(decode(path.read_bytes(), shown), shown)
        data = load(document.front_matter, shown, document.front_matter_line)
    except (YamlSyntaxError, FrontMatterError) as error:
        problems.append(error.problem)
        return None
    return parse(path.stem, document, data, FileContext(shown, zone, known, problems))
