"""A file of a build as the system sees it, with its digest: what lets a
later build or the manifest take a file without reading it again."""

from __future__ import annotations

import hashlib
import os
from typing import NamedTuple


class FileRecord(NamedTuple):
    """A published file, as the system sees it, and its SHA-256.  A named
    tuple: the record of a large site holds tens of thousands, and tuples
    pickle fastest."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    sha256: str

    def describes(self, stat: os.stat_result) -> bool:
        return (self.device, self.inode, self.size, self.mtime_ns) == (
            stat.st_dev,
            stat.st_ino,
            stat.st_size,
            stat.st_mtime_ns,
        )

    @classmethod
    def of(cls, stat: os.stat_result, sha256: str) -> FileRecord:
        return cls(stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, sha256)

    @classmethod
    def read(cls, path: str) -> FileRecord:
        """The record of the file at `path`, its bytes read for their digest."""
        with open(path, "rb") as stream:
            return cls.of(os.fstat(stream.fileno()), hashlib.file_digest(stream, "sha256").hexdigest())
