"""Atomic output: a build writes beside the output and replaces it only
when it completed.

A status site is read hardest while things are broken, which is also when
a hurried edit is most likely to be wrong.  A failed build must therefore
leave the last good site exactly as it was, byte for byte.  Pelican's own
DELETE_OUTPUT_DIRECTORY empties the output first, so it cannot give that.
"""

from __future__ import annotations

import atexit
import ctypes
import errno
import functools
import os
import time
from collections.abc import Iterable
from pathlib import Path

from varde import files, processes
from varde.output.manifest import MANIFEST, is_foreign


class StagingError(Exception):
    exitcode = 1


def staging_path(output: Path) -> Path:
    return output.parent / f".{output.name}.staging"


def prepare(output: Path, content: Path, trash: Path | None = None, retained: Iterable[str] = ()) -> Path:
    """An empty folder to build into, on the same file system as `output`;
    what `publish` left in `trash` is deleted meanwhile, by another process."""
    output, content = output.resolve(), content.resolve()
    if content == output or output in content.parents:
        raise StagingError(
            f"the output folder {output} contains the content folder {content}; "
            "set OUTPUT_PATH (or -o) to a folder of its own, such as output/."
        )
    if output.is_dir() and is_foreign((path.name for path in output.iterdir()), retained):
        raise StagingError(
            f"the output folder {output} holds files that no Varde build wrote (it has no {MANIFEST}), "
            "and a build replaces the whole folder; empty it, or set OUTPUT_PATH (or -o) to a folder of its own."
        )
    staging = staging_path(output)
    files.remove_tree(staging)  # left over by a build that was killed
    if trash is not None:
        _empty_in_background(trash)
    staging.mkdir(parents=True)
    if staging not in _CLEANED_AT_EXIT:  # a build that fails leaves nothing behind
        atexit.register(files.remove_tree, staging)
        _CLEANED_AT_EXIT.add(staging)
    return staging


_CLEANED_AT_EXIT: set[Path] = set()


def publish(staging: Path, output: Path, retained: Iterable[str] = (), trash: Path | None = None) -> None:
    """Put the completed build in `staging` in the place of `output`.

    Names in `retained` (Pelican's OUTPUT_RETENTION, e.g. `.git`, `CNAME`)
    are carried over from the old output.  The two trees trade places in one
    step where the system can (Linux), else the old one is renamed away and
    the new one renamed in: either way a reader sees the old or the new site.
    The old tree goes to `trash`, if given, for the next `prepare` to delete.
    """
    output = output.resolve()
    previous = output.parent / f".{output.name}.previous"
    files.remove_tree(previous)
    if output.exists():
        for name in retained:
            if (output / name).exists() and not (staging / name).exists():
                os.rename(output / name, staging / name)
        if _exchange(staging, output):  # `staging` now holds the old tree
            _discard(staging, trash)
            return
        os.rename(output, previous)
    os.rename(staging, output)
    files.remove_tree(previous)


def _discard(tree: Path, trash: Path | None) -> None:
    """Delete a replaced tree, or move it to `trash` to be deleted later.

    Deleting a large site's old tree (tens of thousands of files) takes a
    noticeable part of a rebuild.  Moved into `trash` (on the same file
    system: a rename), it is deleted at the start of the next build by
    another process, on a core that is idle while the site is read."""
    _wait_for_emptying()
    if trash is not None:
        try:
            trash.mkdir(parents=True, exist_ok=True)
            os.rename(tree, trash / f"output-{time.time_ns()}")
            return
        except OSError:  # another file system, or no room to write: delete now
            pass
    files.remove_tree(tree)


def _empty_in_background(trash: Path) -> None:
    """Delete what is in `trash`, in another process where one can be spared."""
    _wait_for_emptying()
    try:
        leftovers = list(trash.iterdir())
    except OSError:
        return
    if leftovers:
        _EMPTYING.append(processes.Background(lambda: _delete(leftovers)))


def _delete(trees: Iterable[Path]) -> None:
    for tree in trees:
        files.remove_tree(tree)


def _wait_for_emptying() -> None:
    while _EMPTYING:
        _EMPTYING.pop().wait()


#: The deletion of the trash, while it runs (processes waits for it at exit).
_EMPTYING: list[processes.Background] = []


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def _exchange(one: Path, other: Path) -> bool:
    """Swap two existing paths atomically (renameat2 RENAME_EXCHANGE), so
    there is no instant at which neither is in place; False where the
    system or file system cannot, and the caller renames twice instead."""
    renameat2 = getattr(_libc(), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(one), _AT_FDCWD, os.fsencode(other), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(error, os.strerror(error), str(other))


@functools.cache
def _libc():
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
