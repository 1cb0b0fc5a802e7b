"""What the deployers share: their one-sentence error, the outside programs
they drive (rsync, rclone), and the guard against replacing a folder that
holds something other than a Varde site."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from varde.deploy.verify import verify_folder
from varde.output.manifest import MANIFEST, is_foreign


@dataclass(frozen=True)
class BuiltSite:
    """A complete build to publish: its folder and its manifest."""

    output: Path
    manifest: dict

    @property
    def files(self) -> dict[str, str]:
        """SHA-256 by path of every file but the manifest's own."""
        return self.manifest["files"]

    @property
    def short_id(self) -> str:
        return self.manifest["build_id"][:12]


class DeployError(Exception):
    """A mirror could not be brought up to date.  The message is one
    sentence: what failed, then (after a semicolon) what to check."""


def run(
    command: list[str], hint: str, input: str | None = None, ok: Iterable[int] = (0,)
) -> subprocess.CompletedProcess:
    """Run an outside program; a failure becomes a DeployError that quotes
    the program's last error line and ends with `hint`."""
    try:
        done = subprocess.run(command, input=input, capture_output=True, text=True)
    except FileNotFoundError:
        raise DeployError(
            f"{command[0]} is not installed; install it (Debian: apt-get install {command[0]})."
        ) from None
    if done.returncode not in tuple(ok):
        lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
        # rclone's first ERROR line names the file and the cause; rsync's (or
        # ssh's) first line does, before rsync's generic trailer.
        said = next((line for line in lines if "ERROR" in line), lines[0] if lines else "")
        program = command[0] if command[1].startswith("-") else f"{command[0]} {command[1]}"  # rclone's verb
        raise DeployError(f"{program} stopped with exit status {done.returncode}{f' ({said})' if said else ''}; {hint}")
    return done


def refuse_foreign(where: str, names: Iterable[str]) -> None:
    """A publish replaces the target's whole tree: never where something
    other than a Varde site already lives (a mistyped path, a bucket's root)."""
    names = list(names)
    if is_foreign(names):
        raise DeployError(
            f"{where} already holds {len(names)} files and no {MANIFEST}, so it is not a Varde "
            "site this would replace; empty it, or point the mirror at a folder of its own."
        )


def require_complete(folder: Path, when: str) -> None:
    """Every file of the build in `folder`, with its bytes, and no other."""
    copied = verify_folder(folder)
    if not copied.matches:
        raise DeployError(f"{when}, {copied.summary()} ({', '.join(copied.lines()[:3])}); check the disk and retry.")
