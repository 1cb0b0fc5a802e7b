"""A mirror in a local folder (a web server's root, a mounted share): the
build is copied beside it, checked, and swapped in at once, as a build
replaces output/ (swap.publish)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from varde.deploy.tools import BuiltSite, DeployError, refuse_foreign, require_complete
from varde.deploy.verify import changes
from varde.output import lock, swap
from varde.output.manifest import file_hashes
from varde.settings import Mirror


def deploy(build: BuiltSite, mirror: Mirror, say: Callable[[str], None]) -> int:
    target = Path(mirror.location)
    if not target.parent.is_dir():
        raise DeployError(f"the folder {target.parent} does not exist; create it, or correct the mirror's target.")
    if target.exists() and not target.is_dir():
        raise DeployError(f"{target} is a file, not a folder; remove it, or correct the mirror's target.")
    before = {}
    if target.is_dir():
        refuse_foreign(str(target), (path.name for path in target.iterdir()))
        before = file_hashes(target)
    staged, step = swap.staging_path(target), "write"
    try:
        lock.hold(target)
        shutil.rmtree(staged, ignore_errors=True)  # left by a publish that was killed
        say(f"copying the build to {staged}")
        shutil.copytree(build.output, staged, symlinks=True)
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
        shutil.rmtree(staged, ignore_errors=True)
        lock.release(target)
    return changes(before, build.files)
