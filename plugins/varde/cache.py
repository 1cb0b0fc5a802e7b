"""The build cache: what earlier runs computed, kept so the next can skip it.

During an outage the time from `git push` to the live page is what counts,
and at ten thousand incidents most of a build is work an earlier build has
already done: parsing files that did not change, rendering pages of incidents
resolved years ago.  The cache keeps that work.

It can make a build faster but never different.  Every entry is stored under
a fingerprint of everything that produced it, and an entry whose fingerprint
does not match is simply not used; a missing, stale or corrupt cache means a
slower build, never an error and never an old page.  Deleting the folder is
always safe.
"""

from __future__ import annotations

import atexit
import functools
import gc
import hashlib
import marshal
import os
import pickle
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

from . import __version__, parallel

#: Libraries whose version can change a byte of the output.
SHAPING_LIBRARIES = ("pelican", "jinja2", "markupsafe", "markdown", "nh3", "babel", "feedgen", "icalendar",
                     "pyyaml", "brotli")


def fingerprint(*parts: object) -> str:
    """A short digest of values whose repr is stable from run to run."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


class Cache:
    """One folder of pickled entries, each stored with its fingerprint."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load(self, name: str, expected: str) -> object | None:
        """The entry `name` if it was stored under `expected`, else None."""
        _reap(self.folder / name)  # a save of it in the background ends first
        try:
            with open(self.folder / name, "rb") as stream, collector_paused():
                stored, value = pickle.load(stream)
        except Exception:  # missing, truncated, from another Python: recompute
            return None
        return value if stored == expected else None

    def save(self, name: str, fingerprint_: str, value: object) -> None:
        """Store an entry atomically; a cache that cannot be written is only
        a slower next build, so failures are ignored."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=f".{name}.")
            with os.fdopen(handle, "wb") as stream, collector_paused():
                pickle.dump((fingerprint_, value), stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.folder / name)
        except OSError:
            pass

    def save_in_background(self, name: str, fingerprint_: str, value: object) -> None:
        """save(), in a forked process where one can be spared (Linux, more
        than one core), for an entry only the next run needs: pickling ten
        thousand parsed files is a tenth of a second this run need not wait
        for.  This process waits for it before it loads the entry or exits."""
        _reap(self.folder / name)
        if sys.platform != "linux" or parallel.cores() < 2:
            self.save(name, fingerprint_, value)
            return
        pid = os.fork()
        if pid == 0:  # logs nothing and touches nothing of the parent's (see parallel.py)
            try:
                self.save(name, fingerprint_, value)
            finally:
                os._exit(0)
        _SAVING[pid] = self.folder / name


#: Processes saving an entry, and the entry's file, until waited for.
_SAVING: dict[int, Path] = {}


def _reap(path: Path | None = None) -> None:
    """Wait for the background saves of `path` (of every entry if None)."""
    for pid, saving in list(_SAVING.items()):
        if path is None or saving == path:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
            del _SAVING[pid]


atexit.register(_reap)


# What a build or a check leaves in memory when the process ends (a large
# site's millions of objects) is the operating system's to free.  Python's
# last cycle collection at exit would walk all of it for nothing: 0.3-0.45 s
# of a 10,000-incident rebuild of 2.3 s, 0.1 s of a check.  Frozen objects
# are out of its sight.
atexit.register(gc.freeze)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off for a while.

    Reading a site creates millions of small objects, none in a cycle; the
    collector, run every few hundred allocations, scans the ever larger
    model again and again for nothing: a quarter of the time of parsing ten
    thousand files, and more of loading or saving their cached models
    (pickling allocates too).  Whatever cycles are made meanwhile (an exception's
    traceback) are collected later."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@functools.cache
def code_fingerprint() -> str:
    """Varde's own code and theme and the versions of the libraries that
    shape its output: upgrading any of them renders everything anew."""
    return fingerprint(__version__, sys.version, folder_fingerprint(Path(__file__).parent),
                       [(name, _version(name)) for name in SHAPING_LIBRARIES])


def folder_fingerprint(folder: Path, skip: frozenset[str] = frozenset()) -> str:
    """Every file below `folder` (following links; names in `skip` at the top
    level left out), by path and content."""
    digest = hashlib.blake2b(digest_size=16)
    for top, folders, files in os.walk(folder, followlinks=True):
        folders.sort()
        if top == str(folder):
            folders[:] = [name for name in folders if name not in skip]
        for name in sorted(files):
            if name.endswith(".pyc"):
                continue
            path = os.path.join(top, name)
            digest.update(os.path.relpath(path, folder).encode("utf-8", "surrogateescape") + b"\0")
            try:
                with open(path, "rb") as stream:
                    digest.update(hashlib.blake2b(stream.read(), digest_size=16).digest())
            except OSError:  # a broken link, say: Pelican will report it if it matters
                digest.update(b"unreadable")
    return digest.hexdigest()


def settings_fingerprint(settings: Mapping) -> str:
    """Pelican's settings, including functions a settings file defines (by
    their code), but not the addresses of objects, which change every run."""
    return fingerprint(_stable(settings))


def _stable(value: object) -> object:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Mapping):
        return sorted((str(key), _stable(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return [_stable(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(repr(_stable(item)) for item in value)
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    code = getattr(value, "__code__", None)
    if code is not None:
        return (getattr(value, "__qualname__", ""), hashlib.blake2b(marshal.dumps(code), digest_size=16).hexdigest())
    name = getattr(value, "__name__", None)
    if isinstance(name, str):  # modules, classes, builtins
        return f"{getattr(value, '__module__', '') or ''}.{name}"
    shown = repr(value)
    return type(value).__qualname__ if " at 0x" in shown else shown


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None
