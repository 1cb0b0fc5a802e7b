"""Fingerprints: short digests of everything that can change a byte of the
output, so a cache entry made from other inputs is never used."""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import sys
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

from varde import __version__

#: Libraries whose version can change a byte of the output.
SHAPING_LIBRARIES = (
    "pelican",
    "jinja2",
    "markupsafe",
    "markdown",
    "nh3",
    "babel",
    "feedgen",
    "icalendar",
    "pyyaml",
    "brotli",
)


def fingerprint(*parts: object) -> str:
    """A short digest of values whose repr is stable from run to run."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


@functools.cache
def code_fingerprint() -> str:
    """Varde's own code and theme and the versions of the libraries that
    shape its output: upgrading any of them renders everything anew."""
    return fingerprint(
        __version__,
        sys.version,
        folder_fingerprint(Path(__file__).parent.parent),
        [(name, _version(name)) for name in SHAPING_LIBRARIES],
    )


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
