"""The files a build writes into its staging folder, compressed and
described as they are written.

The process that renders a page compresses it and takes its digest while
its bytes are at hand, on whichever core rendered it, so finishing the build
has only the files written some other way left to read (the theme's static
files, which Pelican copies).  Compressing a large site's thirty thousand files at the end
instead, in threads of one process, spent more time handing the
interpreter's lock from thread to thread than compressing.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field

from pelican.utils import sanitised_join

from varde.output.compression import companions
from varde.output.records import FileRecord


@dataclass
class Staged:
    """What this process wrote into the staging folder `root`."""

    root: str
    #: Each file written, and its compressed copies, by path relative to root.
    records: dict[str, FileRecord] = field(default_factory=dict)

    def write(self, name: str, data: bytes) -> None:
        """Write `data` as the file `name`, and its compressed copies."""
        path = sanitised_join(self.root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self._keep(name, data, _put(path, data))

    def written(self, name: str) -> None:
        """Compress and describe `name`, written by another writer (Pelican's)."""
        with open(sanitised_join(self.root, name), "rb") as stream:
            stat, data = os.fstat(stream.fileno()), stream.read()
        self._keep(name, data, stat)

    def _keep(self, name: str, data: bytes, stat: os.stat_result) -> None:
        self.records[name] = FileRecord.of(stat, hashlib.sha256(data).hexdigest())
        for suffix, packed in companions(name, data).items():
            path = f"{self.root}/{name}{suffix}"
            self.records[name + suffix] = FileRecord.of(_put(path, packed), hashlib.sha256(packed).hexdigest())

    def learned(self) -> dict[str, tuple]:
        """What this process wrote, for the process that publishes (records
        as plain tuples, which pickle fastest)."""
        return {name: tuple(record) for name, record in self.records.items()}

    def learn(self, learned: dict[str, tuple]) -> None:
        """Take in what another process writing the same build wrote."""
        self.records.update((name, FileRecord._make(record)) for name, record in learned.items())


def _put(path: str, data: bytes) -> os.stat_result:
    """Write a new file; its stat once written.  Plain system calls: this
    runs for every file of a build."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        return os.fstat(descriptor)
    finally:
        os.close(descriptor)
