"""One writer of a site's output at a time.

A scheduled CI run and a push, or `varde serve` and `make html`, build the
same site at once; each stages its build in the same place and swaps it in,
and two at a time left an output missing files its own manifest lists.  A
build (and a publish to a local mirror) therefore holds a lock on the
folder that holds the output, where its staging folder is made and the
swap happens; a second writer says so and waits its turn, then writes the
content as it then is.  The lock is the operating system's (flock on the
folder itself: no lock file is left behind), so it is released when its
holder ends, however it ends.
"""

from __future__ import annotations

import fcntl
import os
import sys
from pathlib import Path

from varde.errors import display_path

#: The folders this process holds, each with its open descriptor.
_HELD: dict[Path, int] = {}


def hold(folder: Path) -> None:
    """Take the lock on writing `folder`, waiting for another writer to end;
    taken again by the process that holds it (a devserver's next build), it
    is already held."""
    parent = folder.resolve().parent
    if parent in _HELD:
        return
    parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(
            f"varde: another build or publish is writing {display_path(folder)}; waiting for it to finish.",
            file=sys.stderr,
            flush=True,
        )
        fcntl.flock(descriptor, fcntl.LOCK_EX)
    _HELD[parent] = descriptor


def release(folder: Path) -> None:
    """Let the next writer of `folder` go on."""
    descriptor = _HELD.pop(folder.resolve().parent, None)
    if descriptor is not None:
        os.close(descriptor)  # closing the last descriptor releases the flock
