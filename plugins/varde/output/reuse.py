"""Pages an earlier build wrote and this one need not render again.

A resolved incident's page is the same at every later build, and at ten
thousand incidents rendering them all again is most of a build.  Each page
the generator writes has a fingerprint of everything it shows: the site's
settings, theme, code and non-incident content (one fingerprint for the
whole site), and what pages.py says the page depends on.  A page whose
fingerprint matches the one recorded for the published output is
hard-linked from there into the staging folder, with its compressed
copies, instead of being rendered; the manifest takes its digest from the
record.  The result is byte for byte the build that renders everything.

Hard links, not copies: a link is one system call and no bytes written.
They are safe because nothing writes into a published file: the staging
folder only receives new files, and the replaced tree is only deleted
(swap.publish moves it aside for the next build to delete).
A linked file is also checked to be the file the record describes: the
very file (device, inode, size, modification time), or else one with the
recorded bytes, which its digest shows.  An output restored from an archive,
as a CI cache restores it, is therefore reused, while a hand-edited or
replaced one is rendered anew rather than trusted.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG

from varde.cache.fingerprints import code_fingerprint, fingerprint, folder_fingerprint, settings_fingerprint
from varde.cache.store import Cache
from varde.output.compression import COMPANIONS
from varde.output.records import FileRecord

#: The cache entry describing the published output.
RECORD = "output.pickle"


@dataclass(frozen=True, slots=True)
class OutputRecord:
    """What a published output holds: each page's fingerprint, each file."""

    pages: Mapping[str, str]
    files: Mapping[str, FileRecord]

    def __reduce__(self):
        # Files as plain tuples: pickle rebuilds a named tuple through Python
        # code, far slower for the tens of thousands a large site has.
        return _output_record, (self.pages, list(self.files), [tuple(record) for record in self.files.values()])


def _output_record(pages: Mapping[str, str], names: list[str], files: list[tuple]) -> OutputRecord:
    return OutputRecord(pages, dict(zip(names, map(FileRecord._make, files))))


def site_fingerprint(settings: Mapping, content: Path, skip: frozenset[str]) -> str:
    """Everything every page may show besides its own data: Varde's code,
    the theme, Pelican's settings, and the content outside `skip` (the
    incident and maintenance folders, which pages depend on one by one)."""
    themes = [settings.get("THEME", ""), *(settings.get("THEME_TEMPLATES_OVERRIDES") or ())]
    return fingerprint(
        code_fingerprint(),
        settings_fingerprint(settings),
        [folder_fingerprint(Path(theme)) for theme in themes if theme and Path(theme).is_dir()],
        folder_fingerprint(content, skip) if content.is_dir() else None,
    )


@dataclass
class Reuse:
    """One build's reuse of the published output, and its record for the next."""

    cache: Cache
    #: Where the published output is, and where this build stages the next.
    output: Path
    staging: Path
    site: str
    previous: OutputRecord | None = None
    #: This build's page fingerprints.
    pages: dict[str, str] = field(default_factory=dict)
    #: Files linked from the output, by path relative to the staging folder.
    linked: dict[str, FileRecord] = field(default_factory=dict)
    _folders: set[str] = field(default_factory=set)

    @classmethod
    def start(cls, cache: Cache, output: Path, staging: Path, site: str) -> Reuse:
        previous = cache.load(_record_name(output), site)
        return cls(cache, output, staging, site, previous if isinstance(previous, OutputRecord) else None)

    def key(self, name: str, template: str, depends_on: object) -> str | None:
        """The fingerprint of a page, or None if it shows the present; kept
        in this build's record, for the next build to compare with."""
        if depends_on is None:
            return None
        self.pages[name] = key = fingerprint(self.site, name, template, depends_on)
        return key

    def link(self, name: str, key: str | None) -> bool:
        """Link the published `name` and its companions into staging if the
        output holds them as recorded under the fingerprint `key`."""
        if key is None or self.previous is None or self.previous.pages.get(name) != key:
            return False
        names = [name] + [name + suffix for suffix in COMPANIONS if name + suffix in self.previous.files]
        # Strings, not Paths: this runs for every page of a large site.
        output, staging = os.fspath(self.output), os.fspath(self.staging)
        made: list[str] = []
        try:
            records = [_published(f"{output}/{each}", self.previous.files.get(each)) for each in names]
            if None in records:
                return False
            folder = os.path.dirname(f"{staging}/{name}")
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            for each in names:
                os.link(f"{output}/{each}", f"{staging}/{each}")
                made.append(each)
        except OSError:  # e.g. a file system without hard links: render instead
            for each in made:  # never leave a link for the writer to write through
                os.unlink(f"{staging}/{each}")
            return False
        self.linked.update(zip(names, records))
        return True

    def learned(self) -> tuple[dict[str, str], list[str], dict[str, tuple]]:
        """What this process found out, for the process that publishes: the
        names it linked as recorded, whose records that process has too,
        and the records of those it recognised by their digest."""
        files = self.previous.files if self.previous is not None else {}
        recorded = [name for name, record in self.linked.items() if record is files.get(name)]
        recognised = {name: tuple(record) for name, record in self.linked.items() if record is not files.get(name)}
        return self.pages, recorded, recognised

    def learn(self, learned: tuple[dict[str, str], list[str], dict[str, tuple]]) -> None:
        """Take in what another process rendering the same build found out."""
        pages, recorded, recognised = learned
        self.pages.update(pages)
        files = self.previous.files if self.previous is not None else {}
        self.linked.update((name, files[name]) for name in recorded)
        self.linked.update((name, FileRecord._make(record)) for name, record in recognised.items())

    def remember(self, files: Mapping[str, FileRecord]) -> None:
        """Record the output just published, for the next build."""
        self.cache.save(_record_name(self.output), self.site, OutputRecord(self.pages, dict(files)))


def _published(path: str, record: FileRecord | None) -> FileRecord | None:
    """The record of the published file at `path` if it holds the bytes
    `record` describes, else None.  The very file recorded is taken on its
    stat; another file of the same size (the output restored from an
    archive, whose files are new ones) is read and taken on its digest."""
    if record is None:
        return None
    stat = os.lstat(path)  # a symbolic link would be linked as itself, not as the file it names
    if record.describes(stat):
        return record
    if not S_ISREG(stat.st_mode) or stat.st_size != record.size:
        return None
    found = FileRecord.read(path)
    return found if found.sha256 == record.sha256 else None


def _record_name(output: Path) -> str:
    """One record per output folder, so sites sharing a cache folder keep theirs."""
    return f"{fingerprint(str(output.resolve()))}-{RECORD}"
