"""Reading a whole site: every file, every problem, then the model."""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

from varde import processes
from varde.cache.fingerprints import code_fingerprint, fingerprint
from varde.cache.store import Cache
from varde.collector import collector_paused
from varde.errors import ContentError, Problem, display_path
from varde.model import UPSTREAM_MAX_AGE, Catalog, Origin, Site
from varde.parsing.catalog import parse_catalog
from varde.parsing.fields import FileContext
from varde.parsing.frontmatter import Document, FrontMatterError, decode, split
from varde.parsing.incidents import parse_incident
from varde.parsing.listing import list_content
from varde.parsing.maintenance import parse_maintenance
from varde.parsing.upstream import load_reports
from varde.parsing.yamlsource import YamlSyntaxError, load
from varde.settings import COMPONENTS_FILE, INCIDENTS_DIR, MAINTENANCE_DIR, UPSTREAM_DIR

#: From this many files to read, they are read on every core: below it,
#: forking the workers costs more than it saves (docs/benchmarks.md).
PARALLEL_FROM = 300

#: Files read per task (a worker takes several tasks at a time).
BATCH = 16

#: A file changed this recently (nanoseconds) when a run began is not
#: remembered by its stat: see ParsedFiles.
SETTLED_NS = 2_000_000_000


#: A file's identity and state as stat gives them: device, inode, size,
#: modification and status-change times.
Signature = tuple[int, int, int, int, int]


def signature(status: os.stat_result) -> Signature:
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns


class ParsedFiles:
    """Incidents and maintenance parsed by an earlier run, by file content.

    Parsing is most of `varde check` and of a build's reading; a file whose
    bytes, name, time zone and known components are those of an earlier
    parse gives the same model, so that model is reused.  Only files that
    parsed without a problem are remembered.

    Finding a file's model needs a digest of its bytes, and reading and
    hashing ten thousand files is most of an unchanged site's reading.  So,
    as git does for its index, the digest is also remembered with the
    file's stat `Signature`, and a file whose signature is unchanged is not
    read.  Any write to a file sets its status-change time to the present
    (no program can set it back, unlike the modification time), and
    replacing it changes its inode.  File times advance by a coarse clock
    tick, though, so a write just after the stat that was taken could leave
    them as they were: a signature is therefore remembered only for a file
    whose times were SETTLED_NS or more before the run began (git's "racy"
    rule), after which any write gives a later time.  A file changed more
    recently is read and hashed, as any file without a remembered
    signature.  The key stays the digest: the signature is only a way to
    know it without reading.

    Signatures are kept per content folder (by absolute path), so checking
    a scratch copy of the content (as `varde update` does) leaves the real
    folder's alone; a folder that no longer exists is forgotten.
    """

    def __init__(self, earlier: object = None) -> None:
        models, signatures = earlier if _is_remembered(earlier) else ({}, {})
        self.earlier: Mapping[tuple, object] = models
        #: Content folder -> {path in it: (signature, digest)}, as remembered.
        self.earlier_signatures: Mapping[str, Mapping[str, tuple[Signature, bytes]]] = signatures
        #: This run's files: what to remember for the next.
        self.current: dict[tuple, object] = {}
        #: This run's content folder and its files' signatures.
        self.folder: str | None = None
        self.signatures: dict[str, tuple[Signature, bytes]] = {}

    @property
    def changed(self) -> bool:
        return (
            self.current.keys() != self.earlier.keys()
            or self.signatures != self.earlier_signatures.get(self.folder, {})
            or any(not os.path.isdir(folder) for folder in self.earlier_signatures if folder != self.folder)
        )

    def remembered(self) -> tuple[dict[tuple, object], dict[str, dict[str, tuple[Signature, bytes]]]]:
        """What the next run starts from: this run's models, and the
        signatures of this run's folder and of the other folders that remain."""
        signatures = {
            folder: table
            for folder, table in self.earlier_signatures.items()
            if folder != self.folder and os.path.isdir(folder)
        }
        if self.signatures:
            signatures[self.folder] = self.signatures
        return self.current, signatures


def _is_remembered(value: object) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], dict) and isinstance(value[1], dict)


@dataclass(frozen=True, slots=True)
class _File:
    """One incident or maintenance file to read."""

    path: str
    #: Its path below content/ ("incidents/x.md"): its model depends on it.
    relative: str
    #: As shown in problems.
    shown: str
    parse: Callable


class _Outcome(NamedTuple):
    """What reading one file gave; crosses from a worker process in a pipe."""

    #: The digest of its bytes (its key is the context's, see _key); None
    #: when unreadable.
    digest: bytes | None = None
    #: The model, or None: when reused (see `reused`) or when it has problems.
    item: object | None = None
    #: The model is the earlier run's under its key (not sent back again).
    reused: bool = False
    problems: tuple[Problem, ...] = ()
    #: (signature, digest) to remember, when the file had settled.
    remember: tuple[Signature, bytes] | None = None
    #: Why the file could not be read (raised as when reading it in turn).
    error: OSError | None = None


def load_site(
    content: Path, zone: ZoneInfo, parsed: ParsedFiles | None = None, upstream_max_age: timedelta = UPSTREAM_MAX_AGE
) -> Site:
    """The site under `content`, with the snapshots of its upstream pages
    beside it (in the site's folder, `content`'s parent); raises
    ContentError listing every problem."""
    began = time.time_ns()
    problems: list[Problem] = []
    catalog = _load_catalog(content / COMPONENTS_FILE, problems)
    known = {component.id for component in catalog.components} if catalog else None
    parsed = parsed if parsed is not None else ParsedFiles()
    context = (zone.key, tuple(sorted(known or ())), tuple(sorted(catalog.mirrored if catalog else ())))
    folders = [
        (folder, parse, [], [])
        for folder, parse in ((INCIDENTS_DIR, parse_incident), (MAINTENANCE_DIR, parse_maintenance))
    ]
    listing = list_content(content)
    problems.extend(listing.problems)
    for folder, parse, listing_problems, files in folders:
        files.extend(
            _File(path, f"{folder}/{relative}", shown, parse)
            for path, relative, shown in _unique_slugs(listing.files[folder], listing_problems)
        )
    with collector_paused():
        outcomes = iter(
            _read_all(
                [file for *_, files in folders for file in files],
                zone,
                known,
                context,
                parsed,
                os.path.abspath(content),
                began,
            )
        )
        models = []
        for _, _, listing_problems, files in folders:
            problems.extend(listing_problems)
            models.append(
                tuple(
                    item
                    for file in files
                    if (item := _take(file, next(outcomes), context, parsed, problems)) is not None
                )
            )
    reports = load_reports(content.parent / UPSTREAM_DIR, catalog, problems) if catalog else ()
    if problems or catalog is None:
        raise ContentError(problems)
    return Site(catalog, *models, reports, upstream_max_age)


def load_site_cached(
    content: Path, zone: ZoneInfo, cache: Cache, upstream_max_age: timedelta = UPSTREAM_MAX_AGE
) -> Site:
    """load_site, reusing the parses kept in `cache` and keeping this run's,
    also when the site has problems: the fix is then the only file parsed anew."""
    fingerprint = code_fingerprint()
    with collector_paused():
        parsed = ParsedFiles(cache.load(PARSED_CACHE, fingerprint))
    try:
        return load_site(content, zone, parsed, upstream_max_age)
    finally:
        if parsed.changed:
            cache.save_in_background(PARSED_CACHE, fingerprint, parsed.remembered())


#: The cache entry of parsed files.
PARSED_CACHE = "parsed.pickle"


def _read_all(
    files: list[_File], zone: ZoneInfo, known, context: tuple, parsed: ParsedFiles, folder: str, began: int
) -> list[_Outcome]:
    """Every file's outcome, in the order of `files`.

    A file whose signature is remembered with a digest whose model is known
    is not read.  The others are read here, or, when there are many (a
    fresh clone, a cache from another version), on every core: forked
    workers inherit everything needed and send back only their outcomes,
    which are the same as reading in turn would give."""
    parsed.folder = folder
    remembered = parsed.earlier_signatures.get(folder, {})
    outcomes: list[_Outcome | None] = []
    unknown: list[tuple[int, _File, os.stat_result | None]] = []
    for file in files:
        try:
            status = os.stat(file.path)
        except OSError:
            status = None  # opening it will say why
        if status is not None and (kept := remembered.get(file.relative)) is not None:
            mark, digest = kept
            if mark == signature(status) and _key(context, file, digest) in parsed.earlier:
                outcomes.append(_Outcome(digest, None, True, (), kept))
                continue
        unknown.append((len(outcomes), file, status))
        outcomes.append(None)
    settled = began - SETTLED_NS
    batches = [unknown[start : start + BATCH] for start in range(0, len(unknown), BATCH)]
    here = os.getpid()
    #: Batch number -> its outcomes, pickled when a worker read them.
    done: dict[int, list[_Outcome] | bytes] = {}

    def read(number: int) -> None:
        batch = [
            _read_document(file, status, settled, zone, known, context, parsed.earlier)
            for _, file, status in batches[number]
        ]
        # A worker pickles each batch as soon as it is read: pickling them all
        # once done would keep this process waiting for it.
        done[number] = batch if os.getpid() == here else pickle.dumps(batch, pickle.HIGHEST_PROTOCOL)

    if len(unknown) >= PARALLEL_FROM:
        processes.share(
            [lambda number=number: read(number) for number in range(len(batches))], lambda: done, done.update
        )
    else:
        for number in range(len(batches)):
            read(number)
    for number, batch in done.items():
        for (place, _, _), outcome in zip(batches[number], pickle.loads(batch) if isinstance(batch, bytes) else batch):
            outcomes[place] = outcome
    return outcomes


def _key(context: tuple, file: _File, digest: bytes) -> tuple:
    """A file's key among parsed files: what its model depends on (zone,
    known components, path in content/, the digest of its bytes)."""
    return (*context, file.relative, digest)


def _take(file: _File, outcome: _Outcome, context: tuple, parsed: ParsedFiles, problems: list[Problem]):
    """Record one file's outcome in `parsed` and `problems`; its model or None."""
    if outcome.error is not None:
        raise outcome.error
    problems.extend(outcome.problems)
    key = _key(context, file, outcome.digest)
    if outcome.reused:
        item = parsed.earlier[key]
    elif outcome.item is not None and not outcome.problems:
        item = outcome.item
    else:  # not parsed, or with problems: not remembered
        return outcome.item
    parsed.current[key] = item
    if outcome.remember is not None:
        parsed.signatures[file.relative] = outcome.remember
    # Parsed from another folder (`varde update` checks a copy): point at this one.
    return item if item.origin.path == file.shown else replace(item, origin=replace(item.origin, path=file.shown))


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


def _unique_slugs(files: list[tuple[str, str, str]], problems: list[Problem]) -> list[tuple[str, str, str]]:
    """`files` but those whose slug an earlier one has: a slug is a page's address."""
    seen: dict[str, str] = {}
    unique = []
    for path, relative, shown in files:
        slug = relative.rsplit("/", 1)[-1][: -len(".md")]
        if slug in seen:
            problems.append(
                Problem(
                    Origin(shown, 1),
                    f"the slug {slug!r} is already used by {seen[slug]}; "
                    "a slug is the page's address, so rename one of the files.",
                )
            )
            continue
        seen[slug] = shown
        unique.append((path, relative, shown))
    return unique


def _read_document(
    file: _File,
    status: os.stat_result | None,
    settled: int,
    zone: ZoneInfo,
    known,
    context: tuple,
    earlier: Mapping[tuple, object],
) -> _Outcome:
    """Read and parse one incident or maintenance file (in any process).

    `status` is its stat taken before reading (None if that failed); its
    signature is remembered with the digest if neither of its times is
    after `settled`."""
    try:
        with open(file.path, "rb") as stream:
            raw = stream.read()
    except OSError as error:
        return _Outcome(error=error)
    digest = hashlib.blake2b(raw, digest_size=16).digest()
    remember = None
    if status is not None and status.st_mtime_ns < settled and status.st_ctime_ns < settled:
        remember = (signature(status), digest)
    if _key(context, file, digest) in earlier:
        return _Outcome(digest, None, True, (), remember)
    shown = file.shown
    try:
        document: Document = split(decode(raw, shown), shown)
        data = load(document.front_matter, shown, document.front_matter_line)
    except (YamlSyntaxError, FrontMatterError) as error:
        return _Outcome(digest, None, False, (error.problem,))
    problems: list[Problem] = []
    slug = file.relative.rsplit("/", 1)[-1][: -len(".md")]
    source = fingerprint(*_key(context, file, digest))
    item = file.parse(slug, document, data, FileContext(shown, zone, known, problems, source, mirrored=context[2]))
    return _Outcome(digest, item, False, tuple(problems), remember)
