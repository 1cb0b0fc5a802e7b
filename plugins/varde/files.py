"""Files written whole, and one writer at a time.

A reader, a running server or a build that is killed midway sees a file's
old content or its new one, never part of it.  Where several processes may
write the same files (two builds of a site, two commands changing its
content), each holds a lock on the folder while it writes; a second one
says so and waits its turn.  The lock is the operating system's (flock on
the folder itself: no lock file is left behind), so it is released when
its holder ends, however it ends."""

from __future__ import annotations

import fcntl
import os
import shutil
import stat
import sys
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


def remove_tree(tree: Path) -> None:
    """Delete `tree`, even where a folder in it was made read-only (a mirror
    someone chmod'ed 555): a tree left behind would block the next build or
    publish that stages there.  Its owner may make each folder writable
    again; what still cannot be deleted stays, for the caller to name."""
    shutil.rmtree(tree, ignore_errors=True)
    if not tree.is_dir() or tree.is_symlink():
        return
    _make_writable(tree)
    for folder, subfolders, _names in os.walk(tree):  # top-down: a folder is opened after it is made writable
        for name in subfolders:
            _make_writable(Path(folder, name))
    shutil.rmtree(tree, ignore_errors=True)


def _make_writable(folder: Path) -> None:
    if folder.is_symlink():  # chmod would change what it points to
        return
    try:
        folder.chmod(folder.stat().st_mode | stat.S_IRWXU)
    except OSError:  # not ours: rmtree leaves it, and the caller says so
        pass


def umask() -> int:
    """The process's umask (reading it means setting it, and back)."""
    current = os.umask(0)
    os.umask(current)
    return current


#: The folders this process holds, each with its open descriptor.
_HELD: dict[Path, int] = {}


def hold(folder: Path, waiting: str) -> None:
    """Take the lock on writing in `folder`, saying `waiting` (a sentence
    without its end) while another process holds it; held already if this
    process holds it (a devserver's next build)."""
    folder = folder.resolve()
    if folder in _HELD:
        return
    folder.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"varde: {waiting}; waiting for it to finish.", file=sys.stderr, flush=True)
        fcntl.flock(descriptor, fcntl.LOCK_EX)
    _HELD[folder] = descriptor


def _forget_held() -> None:
    """In a forked child: close the copies of the held locks' descriptors.
    The parent's copies keep the locks; a child's copy would keep them past
    the parent's release, for as long as the child runs."""
    for descriptor in _HELD.values():
        os.close(descriptor)
    _HELD.clear()


os.register_at_fork(after_in_child=_forget_held)


def release(folder: Path) -> None:
    """Let the next writer in `folder` go on."""
    descriptor = _HELD.pop(folder.resolve(), None)
    if descriptor is not None:
        os.close(descriptor)  # closing the last descriptor releases the flock
