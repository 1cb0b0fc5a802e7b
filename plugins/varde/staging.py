"""Atomic output: a build writes beside the output and replaces it only
when it completed.

A status site is read hardest while things are broken, which is also when
a hurried edit is most likely to be wrong.  A failed build must therefore
leave the last good site exactly as it was, byte for byte.  Pelican's own
DELETE_OUTPUT_DIRECTORY empties the output first, so it cannot give that.
"""

from __future__ import annotations

import atexit
import os
import shutil
from collections.abc import Iterable
from pathlib import Path


class StagingError(Exception):
    exitcode = 1


def staging_path(output: Path) -> Path:
    return output.parent / f".{output.name}.staging"


def prepare(output: Path, content: Path) -> Path:
    """An empty folder to build into, on the same file system as `output`."""
    output, content = output.resolve(), content.resolve()
    if content == output or output in content.parents:
        raise StagingError(
            f"the output folder {output} contains the content folder {content}; "
            "set OUTPUT_PATH (or -o) to a folder of its own, such as output/."
        )
    staging = staging_path(output)
    shutil.rmtree(staging, ignore_errors=True)  # left over by a build that was killed
    staging.mkdir(parents=True)
    if staging not in _CLEANED_AT_EXIT:  # a build that fails leaves nothing behind
        atexit.register(shutil.rmtree, staging, True)
        _CLEANED_AT_EXIT.add(staging)
    return staging


_CLEANED_AT_EXIT: set[Path] = set()


def publish(staging: Path, output: Path, retained: Iterable[str] = ()) -> None:
    """Put the completed build in `staging` in the place of `output`.

    Names in `retained` (Pelican's OUTPUT_RETENTION, e.g. `.git`, `CNAME`)
    are carried over from the old output.  The old tree is renamed away and
    the new one renamed in, so a reader sees either the old or the new site.
    """
    output = output.resolve()
    previous = output.parent / f".{output.name}.previous"
    shutil.rmtree(previous, ignore_errors=True)
    if output.exists():
        for name in retained:
            if (output / name).exists() and not (staging / name).exists():
                os.rename(output / name, staging / name)
        os.rename(output, previous)
    os.rename(staging, output)
    shutil.rmtree(previous, ignore_errors=True)
