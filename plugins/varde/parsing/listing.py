"""What a site's content folder holds, listed without opening anything.

Everything below content/ is read by some part of a build (Pelican reads
its Markdown files as pages, copies its images), so before anything is
read, every entry is looked at once: a link that leads out of the site
(to another user's files, to /dev/zero) or nowhere, and anything that is
not a plain file (a FIFO would hang the build), are refused; nothing is
ever opened to find out.  The incident and maintenance files are listed on
the way, with names every web server links alike.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from varde.errors import Problem, display_path
from varde.model import Origin
from varde.settings import INCIDENTS_DIR, MAINTENANCE_DIR
from varde.urls import SLUG, slugify

#: The folders whose `*.md` files are Varde's content.
CONTENT_FOLDERS = (INCIDENTS_DIR, MAINTENANCE_DIR)


@dataclass
class Listing:
    #: Per content folder: each `*.md` file as (path to open, path relative
    #: to the folder, path as shown to people), in a stable order.
    files: dict[str, list[tuple[str, str, str]]] = field(default_factory=lambda: {f: [] for f in CONTENT_FOLDERS})
    problems: list[Problem] = field(default_factory=list)


def list_content(content: Path) -> Listing:
    """Every entry below `content` looked at (by its directory entry, and by
    the file a link leads to), and the incident and maintenance files."""
    listing = Listing()
    site = os.path.realpath(content.parent)
    top = os.fspath(content)
    base = display_path(content)
    shown = "" if base == "." else base + "/"  # a file's path as shown: this, then its path below content/
    for folder in CONTENT_FOLDERS:
        path = content / folder
        if os.path.lexists(path) and not path.is_dir():
            listing.problems.append(
                Problem(Origin(display_path(path)), f"is a file, not a folder; make {folder}/ a folder of `.md` files.")
            )
    if os.path.isdir(top):
        _visit(top, "", shown, site, listing)
    for found in listing.files.values():
        found.sort(key=lambda entry: entry[1])
    return listing


def _visit(folder: str, relative: str, shown: str, site: str, listing: Listing) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith("."):  # as Pelican's IGNORE_FILES
                continue
            name = relative + entry.name
            if entry.is_symlink():
                if not _safe_link(entry.path, site, listing):
                    continue
                if os.path.isdir(entry.path):
                    continue  # a linked folder is not followed (as os.walk does not)
            elif entry.is_dir(follow_symlinks=False):
                _visit(entry.path, name + "/", shown, site, listing)
                continue
            elif not entry.is_file(follow_symlinks=False):
                listing.problems.append(
                    Problem(
                        Origin(display_path(Path(entry.path))),
                        "is not a plain file (a pipe, socket or device), which no build may read; remove it.",
                    )
                )
                continue
            _list(entry.path, name, shown + name, listing)


def _safe_link(path: str, site: str, listing: Listing) -> bool:
    """Whether the link at `path` leads to a plain file or folder inside the
    site; else its problem is listed."""
    shown = display_path(Path(path))
    target = os.path.realpath(path)
    if not os.path.exists(target):
        message = f"is a link to {os.readlink(path)}, which does not exist; remove the link or restore the file."
    elif os.path.commonpath([site, target]) != site:
        message = (
            f"is a link to {target}, outside the site; a build reads only the site's own files, "
            "so copy the file into the site instead."
        )
    elif not (stat.S_ISREG(mode := os.stat(target).st_mode) or stat.S_ISDIR(mode)):
        message = f"is a link to {target}, which is not a plain file; remove the link."
    else:
        return True
    listing.problems.append(Problem(Origin(shown), message))
    return False


def _list(path: str, name: str, shown: str, listing: Listing) -> None:
    """Note `name` (relative to content/) if it is an incident or maintenance file."""
    folder, _, rest = name.partition("/")
    if folder not in listing.files or not rest.endswith(".md"):
        return
    slug = rest.rsplit("/", 1)[-1][: -len(".md")]
    if not SLUG.fullmatch(slug):
        better = slugify(slug) or "incident"
        listing.problems.append(
            Problem(
                Origin(shown),
                f"the file name {slug + '.md'!r} has characters some web servers and browsers link differently "
                f"(spaces, `%`, letters such as å); rename it to {better + '.md'!r}.",
            )
        )
        return
    listing.files[folder].append((path, rest, shown))
