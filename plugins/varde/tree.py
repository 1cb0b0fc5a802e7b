"""The files of an output tree, walked once the same way everywhere."""

from __future__ import annotations

import os
from pathlib import Path


def files_below(root: Path) -> list[str]:
    """Every file below `root`, as POSIX paths relative to it, in the order
    of their parts (a folder's files before a sibling like `a.txt` of `a/`).

    os.walk rather than Path.rglob: at tens of thousands of files the
    Path objects alone cost a noticeable part of a rebuild."""
    found = []
    for top, folders, files in os.walk(root):
        folders.sort()
        relative = os.path.relpath(top, root)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        found.extend(prefix + name for name in files)
    return sorted(found, key=lambda path: path.split("/"))
