"""`.gz` and `.br` beside every text file, for nginx's gzip_static and
brotli_static and for CDNs: the server sends the smallest form without
compressing on every request, which matters most under an outage's load.

Both are reproducible: gzip without a timestamp or name, brotli at a fixed
quality, so an unchanged site gives byte-identical archives.  Brotli runs at
quality 5, not 11, and gzip at level 6, zlib's default, not 9: on our pages
the higher settings save few bytes for many times the time, and during an
outage the time from push to live page counts (docs/benchmarks.md has the
figures).  gzip only serves the few clients without brotli.
"""

from __future__ import annotations

import functools
import gzip
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli

#: Beside each text file, its compressed copies, in this order.
COMPANIONS = (".gz", ".br")
TEXT_SUFFIXES = frozenset({".html", ".css", ".csv", ".json", ".xml", ".rss", ".atom", ".ics", ".svg", ".txt"})
BROTLI_QUALITY = 5
GZIP_LEVEL = 6
#: Below this, compression saves nothing a client would notice.
SMALLEST = 256
#: From this size (bytes), a file's gzip and brotli copies are made side by side.
SIDE_BY_SIDE = 1 << 20


def compress(path: Path) -> tuple[str, ...]:
    """FILE.gz and FILE.br beside one file, if it is text worth compressing;
    the suffixes written."""
    if path.suffix not in TEXT_SUFFIXES:
        return ()
    made = companions(path.name, path.read_bytes())
    for suffix, each in made.items():
        path.with_name(path.name + suffix).write_bytes(each)
    return tuple(made)


def companions(name: str, data: bytes) -> dict[str, bytes]:
    """The compressed copies of a file called `name` that holds `data`, by
    suffix: none unless it is text worth compressing."""
    if os.path.splitext(name)[1] not in TEXT_SUFFIXES or len(data) < SMALLEST:
        return {}
    packers = (
        functools.partial(gzip.compress, data, compresslevel=GZIP_LEVEL, mtime=0),
        functools.partial(brotli.compress, data, quality=BROTLI_QUALITY),
    )
    if len(data) < SIDE_BY_SIDE:
        packed = [pack() for pack in packers]
    else:  # the manifest of a large site: its two archives at once
        with ThreadPoolExecutor(max_workers=2) as pool:
            packed = list(pool.map(lambda pack: pack(), packers))
    return dict(zip(COMPANIONS, packed))
