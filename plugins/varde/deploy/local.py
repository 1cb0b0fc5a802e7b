"""A mirror in a local folder (a web server's root, a mounted share): the
build is copied beside it, checked, and swapped in at once, as a build
replaces output/ (swap.publish)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from varde import files
from varde.deploy.tools import BuiltSite, DeployError, refuse_foreign, require_complete
from varde.deploy.verify import changes
from varde.output import lock, swap
from varde.output.manifest import MANIFEST, file_hashes
from varde.settings import Mirror


def deploy(build: BuiltSite, mirror: Mirror, say: Callable[[str], None]) -> int:
    target = Path(mirror.location)
    if not target.parent.is_dir():
        raise DeployError(f"the folder {target.parent} does not exist; create it, or correct the mirror's target.")
    if target.exists() and not target.is_dir():
        raise DeployError(f"{target} is a file, not a folder; remove it, or correct the mirror's target.")
    before = {}
    if target.is_dir():
        if not os.access(target, os.W_OK | os.X_OK):  # else swapped out anyway, and its mode lost
            raise DeployError(
                f"this user may not write to {target} (read-only); make it writable (chmod u+w {target}), "
                "or publish as a user who may."
            )
        refuse_foreign(str(target), (path.name for path in target.iterdir()))
        before = _published(target)
    staged, step = swap.staging_path(target), "write"
    try:
        lock.hold(target)
        files.remove_tree(staged)  # left by a publish that was killed
        if staged.exists():
            raise DeployError(
                f"{staged}, left by an earlier publish, cannot be deleted by this user; "
                "delete it (as its owner), then publish again."
            )
        say(f"copying the build to {staged}")
        shutil.copytree(build.output, staged, symlinks=True, copy_function=_Linker().copy)
        require_complete(staged, "after copying")
        say(f"swapping it in at {target}")
        step = "swap the new build in at"
        swap.publish(staged, target)
    except OSError as error:
        raise DeployError(
            f"could not {step} "
            f"{error.filename or target} ({error.strerror or error}); check that this user may write to "
            f"{target.parent} and {target}, and that the disk has room."
        ) from None
    finally:
        files.remove_tree(staged)  # the new build, if it failed; else the old tree, swapped out
        lock.release(target)
    return changes(before, build.files)


def _published(target: Path) -> dict[str, str]:
    """What the mirror holds, by path: hash, for the "files changed" column:
    as its manifest lists it, which spares reading every file (0.75 s at
    10,000 incidents); by its bytes where the manifest cannot be read."""
    try:
        listed = json.loads((target / MANIFEST).read_text(encoding="utf-8"))["files"]
        if isinstance(listed, dict) and all(isinstance(v, str) for v in listed.values()):
            return listed
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return file_hashes(target)


class _Linker:
    """Each file of the build linked into the mirror where both are on one
    file system, else copied.  Creating files is what a copy of a large
    site spends its time on: 32,000 copies took seconds of every publish
    during an incident, links a tenth of a second (docs/benchmarks.md).
    Sharing the files is safe because nothing writes one in place: a build
    writes new files and swaps its tree in, as a publish does."""

    def __init__(self) -> None:
        self.linking = True

    def copy(self, source: str, target: str) -> str:
        if self.linking:
            try:
                os.link(source, target)
                return target
            except OSError:  # another file system, or links not allowed there
                self.linking = False
        return shutil.copy2(source, target)
