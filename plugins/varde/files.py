"""Files written whole: a reader, a running server or a build that is
killed midway sees a file's old content or its new one, never part of it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def replacing(path: Path, *, durable: bool = False) -> Iterator[BinaryIO]:
    """A stream whose content takes the place of `path` when the block ends;
    if it raises, `path` is left as it was and nothing else remains.

    The new file is written beside `path` (a rename within one folder is
    atomic) and keeps `path`'s permissions, or gets those of any new file.
    `durable` puts the content on disk before the rename, for what a person
    wrote; a cache, rebuilt if lost, need not wait for the disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def umask() -> int:
    """The process's umask (reading it means setting it, and back)."""
    current = os.umask(0)
    os.umask(current)
    return current
