"""The VARDE_MIRRORS setting, read into typed mirrors: plain data, which
`varde publish` copies each build to.

    VARDE_MIRRORS = [
        "/srv/www/status",                                    # a local folder
        {"target": "deploy@host:/var/www/status",              # rsync over ssh
         "verify": "https://mirror2.example/"},                 #   checked through its URL
        {"target": "rclone:s3:bucket/status"},                 # any rclone remote
    ]

A target is a local folder (absolute, or relative to the site's folder), an
rsync destination (`[user@]host:path`, `rsync://...`, or `rsync:` before any
destination, a local one too), or `rclone:` before an rclone remote and path.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from varde.errors import ContentError, Problem, did_you_mean
from varde.model import Origin

SETTING = "VARDE_MIRRORS"
KEYS = ("target", "verify")
EXAMPLE = '[{"target": "/srv/www/status"}, {"target": "rclone:s3:bucket/status", "verify": "https://status.example/"}]'
ORIGIN = Origin(f"the {SETTING} setting")


class Kind(StrEnum):
    LOCAL = "local folder"
    RSYNC = "rsync"
    RCLONE = "rclone"


@dataclass(frozen=True, slots=True)
class Mirror:
    #: The target as the setting wrote it: what progress and the table show.
    target: str
    kind: Kind
    #: A folder for LOCAL, an rsync destination, or an rclone `remote:path`.
    location: str
    #: A base URL the mirror is served at, checked after each publish.
    verify: str | None = None

    @property
    def folder(self) -> Path | None:
        """The mirror's folder on this machine, where it has one."""
        if self.kind is Kind.LOCAL or (self.kind is Kind.RSYNC and not _remote_rsync(self.location)):
            return Path(self.location)
        return None


def read_mirrors(value: object, site: Path, output: Path) -> tuple[Mirror, ...]:
    """The setting's entries as mirrors (none where it is not set), with
    relative folders in `site`; every mistake in it at once."""
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ContentError([Problem(ORIGIN, f"{value!r} is not a list of mirrors; set it to e.g. {EXAMPLE}.")])
    numbered, problems = [], []
    for number, entry in enumerate(value, 1):
        try:
            numbered.append((number, _mirror(entry, site)))
        except ValueError as error:
            problems.append(Problem(ORIGIN, f"mirror {number}: {error}"))
    output = Path(site, output).resolve()
    seen: set[str] = set()
    for number, mirror in numbered:
        if mirror.location in seen:
            problems.append(Problem(ORIGIN, f"mirror {number}: {mirror.target!r} is listed twice; remove one."))
        seen.add(mirror.location)
        if mirror.folder is not None and output in (folder := mirror.folder.resolve(), *folder.parents):
            problems.append(
                Problem(
                    ORIGIN,
                    f"mirror {number}: {mirror.target!r} is in the build's own output folder ({output}); "
                    "give the mirror a folder of its own.",
                )
            )
    if problems:
        raise ContentError(problems)
    return tuple(mirror for _, mirror in numbered)


def _mirror(entry: object, site: Path) -> Mirror:
    if isinstance(entry, str):
        entry = {"target": entry}
    if not isinstance(entry, dict):
        raise ValueError(
            f'{entry!r} is neither a target nor a {{"target": ..., "verify": ...}} entry; write e.g. "/srv/www/status".'
        )
    for key in entry:
        if key not in KEYS:
            raise ValueError(f"unknown key {key!r}; use {' and '.join(KEYS)}.{did_you_mean(str(key), KEYS)}")
    target, verify = entry.get("target"), entry.get("verify")
    if not isinstance(target, str) or not target.strip():
        raise ValueError('"target" is missing; give a folder, an rsync destination or rclone:REMOTE:PATH.')
    if verify is not None and not (isinstance(verify, str) and re.match(r"https?://[^/]", verify)):
        raise ValueError(f'"verify" {verify!r} is not an http:// or https:// address.')
    kind, location = _where(target.strip(), site)
    return Mirror(target=target.strip(), kind=kind, location=location, verify=verify)


def _where(target: str, site: Path) -> tuple[Kind, str]:
    if target.startswith("rclone:"):
        remote = target.removeprefix("rclone:")
        if not re.match(r"[^:/\s][^:/]*:", remote) and not remote.startswith(":"):
            raise ValueError(
                f"{target!r} names no rclone remote; write rclone:REMOTE:PATH, e.g. rclone:s3:bucket/status."
            )
        return Kind.RCLONE, remote
    if target.startswith("rsync:") and not target.startswith("rsync://"):
        destination = target.removeprefix("rsync:")
        if not destination:
            raise ValueError(f"{target!r} names no destination; write rsync:[USER@]HOST:PATH or rsync:/local/path.")
        return Kind.RSYNC, destination if _remote_rsync(destination) else str(_local(destination, site))
    if _remote_rsync(target):
        return Kind.RSYNC, target
    return Kind.LOCAL, str(_local(target, site))


def _remote_rsync(destination: str) -> bool:
    """`host:path`, `user@host:path` or `rsync://`: rsync's own test is a
    colon before any slash."""
    return destination.startswith("rsync://") or bool(re.match(r"[^/]+:", destination))


def _local(folder: str, site: Path) -> Path:
    path = Path(os.path.normpath(site.absolute() / Path(folder).expanduser()))
    if path == Path(path.anchor):
        raise ValueError(f"{folder!r} is the root folder; give a folder of the site's own.")
    return path
