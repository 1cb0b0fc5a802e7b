"""Python's cycle collector, kept out of the way of a build's millions of
objects, none of them in a cycle."""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager

# What a build or a check leaves in memory when the process ends (a large
# site's millions of objects) is the operating system's to free.  Python's
# last cycle collection at exit would walk all of it for nothing, a
# noticeable part of a large site's rebuild.  Frozen objects are out of its
# sight.
atexit.register(gc.freeze)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off for a while.

    Reading a site creates millions of small objects, none in a cycle; the
    collector, run every few hundred allocations, scans the ever larger
    model again and again for nothing, while parsing and even more while
    loading or saving the cached models (pickling allocates too).  Whatever cycles are made meanwhile (an exception's
    traceback) are collected later."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
