"""A mirror reached with rsync (over ssh for `[user@]host:path`).

rsync compares by checksum, so only files whose bytes changed travel.  With
--delay-updates it writes every new file into a hidden `.~tmp~` folder and
renames them all into place only once the whole transfer is through, and
--delete-delay removes stale files after that: a transfer that breaks off
leaves the previous build as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from varde.deploy.tools import BuiltSite, refuse_foreign, require_complete, run
from varde.output.manifest import UNLISTED
from varde.settings import Mirror

#: Seconds without any data before rsync gives up on a stalled connection.
IO_TIMEOUT = 120

#: `--itemize-changes` lines for a file sent (">f..." or "cf...") or deleted.
_CHANGED = re.compile(r"^(?:[<>c]f\S*|\*deleting)\s+(.+)$")


def command(output: Path, destination: str) -> list[str]:
    """The rsync command line that publishes `output` to `destination`."""
    return [
        "rsync",
        "--archive",
        "--checksum",
        "--delay-updates",
        "--delete-delay",
        "--itemize-changes",
        f"--timeout={IO_TIMEOUT}",
        f"{output}/",
        destination,
    ]


def deploy(build: BuiltSite, mirror: Mirror, say: Callable[[str], None]) -> int:
    folder = mirror.folder
    if folder is not None and folder.is_dir():
        refuse_foreign(str(folder), (path.name for path in folder.iterdir()))
    say(f"rsync to {mirror.location}")
    done = run(
        command(build.output, mirror.location),
        "check the destination, that this user may write there and, for host:path, "
        "that `ssh HOST` logs in without a password.",
    )
    if folder is not None:
        require_complete(folder, "after rsync")
    return sum(
        1
        for line in done.stdout.splitlines()
        if (found := _CHANGED.match(line)) and not found[1].endswith("/") and found[1] not in UNLISTED
    )
