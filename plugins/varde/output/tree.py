"""The files of an output tree, walked once the same way everywhere."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def files_below(root: Path) -> list[str]:
    """Every file below `root`, as POSIX paths relative to it, in the order
    of their parts (a folder's files before a sibling like `a.txt` of `a/`).

    Each folder's listing is sorted on its own, which gives that order
    without comparing tens of thousands of split paths, and os.scandir
    strings rather than Path objects: this runs at every build.  As os.walk,
    it lists a link to a folder but does not follow it."""
    found: list[str] = []

    def visit(folder: str, prefix: str) -> None:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
        for entry in entries:
            if entry.is_dir() and not entry.is_symlink():
                visit(entry.path, f"{prefix}{entry.name}/")
            elif not entry.is_dir():
                found.append(prefix + entry.name)

    if os.path.isdir(root):
        visit(os.fspath(root), "")
    return found


def in_tree_order(names: Iterable[str]) -> list[str]:
    """Relative paths in the order files_below lists them: by their parts,
    which is by the whole path with "/" as the smallest character (no name
    holds a NUL), without splitting tens of thousands of paths into lists."""
    return sorted(names, key=lambda name: name.replace("/", "\0"))
