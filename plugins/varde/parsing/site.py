"""Reading a whole site: every file, every problem, then the model."""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from collections.abc import Callable, Mapping
from pathlib import Path
from zoneinfo import ZoneInfo

from ..cache import Cache, code_fingerprint
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


class ParsedFiles:
    """Incidents and maintenance parsed by an earlier run, by file content.

    Parsing is most of `varde check` and of a build's reading; a file whose
    bytes, name, time zone and known components are those of an earlier
    parse gives the same model, so that model is reused.  Only files that
    parsed without a problem are remembered.
    """

    def __init__(self, earlier: Mapping[tuple, object] | None = None) -> None:
        self.earlier = earlier or {}
        #: This run's files: what to remember for the next.
        self.current: dict[tuple, object] = {}

    @property
    def changed(self) -> bool:
        return self.current.keys() != self.earlier.keys()


def load_site(content: Path, zone: ZoneInfo, parsed: ParsedFiles | None = None) -> Site:
    """The site under `content`; raises ContentError listing every problem."""
    problems: list[Problem] = []
    catalog = _load_catalog(content / COMPONENTS_FILE, problems)
    known = {component.id for component in catalog.components} if catalog else None
    parsed = parsed if parsed is not None else ParsedFiles()
    context = (zone.key, tuple(sorted(known or ())))

    def read_each(folder: str, parse: Callable) -> tuple:
        return tuple(
            item
            for path, relative, shown in _markdown_files(content / folder, problems)
            if (item := _read_document(path, shown, parse, zone, known, problems, parsed,
                                       (*context, f"{folder}/{relative}"))) is not None
        )

    incidents = read_each(INCIDENTS_DIR, parse_incident)
    maintenances = read_each(MAINTENANCE_DIR, parse_maintenance)
    if problems or catalog is None:
        raise ContentError(problems)
    return Site(catalog, incidents, maintenances)


def load_site_cached(content: Path, zone: ZoneInfo, cache: Cache) -> Site:
    """load_site, reusing the parses kept in `cache` and keeping this run's,
    also when the site has problems: the fix is then the only file parsed anew."""
    fingerprint = code_fingerprint()
    parsed = ParsedFiles(cache.load(PARSED_CACHE, fingerprint))
    try:
        return load_site(content, zone, parsed)
    finally:
        if parsed.changed:
            cache.save(PARSED_CACHE, fingerprint, parsed.current)


#: The cache entry of parsed files.
PARSED_CACHE = "parsed.pickle"


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


def _markdown_files(folder: Path, problems: list[Problem]) -> list[tuple[Path, str, str]]:
    """`*.md` below `folder` in a stable order, each with its path relative
    to `folder` and as shown to people; two files may not share a slug.

    os.walk and strings rather than Path.rglob: a site may hold tens of
    thousands of files, and this runs before every build and check."""
    found = []
    for top, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]  # as Pelican's IGNORE_FILES
        relative = os.path.relpath(top, folder)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        found.extend(prefix + name for name in files if name.endswith(".md") and not name.startswith("."))
    base = display_path(folder)
    seen: dict[str, str] = {}
    unique = []
    for relative in sorted(found):
        shown = relative if base == "." else f"{base}/{relative}"
        slug = relative.rsplit("/", 1)[-1][: -len(".md")]
        if slug in seen:
            problems.append(Problem(Origin(shown, 1),
                f"the slug {slug!r} is already used by {seen[slug]}; "
                "a slug is the page's address, so rename one of the files."))
            continue
        seen[slug] = shown
        unique.append((folder / relative, relative, shown))
    return unique


def _read_document(path: Path, shown: str, parse: Callable, zone: ZoneInfo, known, problems: list[Problem],
                   parsed: ParsedFiles, context: tuple):
    """One incident or maintenance file; `context` is what, besides its
    bytes, its model depends on (zone, known components, path in content/)."""
    with open(path, "rb") as stream:
        raw = stream.read()
    key = (*context, hashlib.blake2b(raw, digest_size=16).digest())
    if key in parsed.earlier:
        item = parsed.current[key] = parsed.earlier[key]
        # Parsed from another folder (`varde update` checks a copy): point at this one.
        return item if item.origin.path == shown else replace(item, origin=replace(item.origin, path=shown))
    try:
        document: Document = split(decode(raw, shown), shown)
        data = load(document.front_matter, shown, document.front_matter_line)
    except (YamlSyntaxError, FrontMatterError) as error:
        problems.append(error.problem)
        return None
    before = len(problems)
    item = parse(path.stem, document, data, FileContext(shown, zone, known, problems))
    if len(problems) == before:
        parsed.current[key] = item
    return item
