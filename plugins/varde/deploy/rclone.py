"""A mirror in any rclone remote: S3, GCS, Azure Blob, SFTP, WebDAV, a
local folder...  (`rclone config` names the remotes; RCLONE_CONFIG or
RCLONE_CONFIG_<NAME>_<OPTION> variables work too, as in CI.)

An object store cannot swap a whole tree at once, so the order is what
keeps a reader's view whole: first the files pages refer to (stylesheet,
icons), then the pages, feeds and API, checked against the build; only then
manifest.json, which marks the build complete; stale files go last.  A
publish that breaks off leaves the previous manifest, so `varde verify`
and the next publish see the mirror as unfinished, and the next publish
completes it.  Only files whose hash differs are sent.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from varde.deploy.tools import BuiltSite, DeployError, refuse_foreign, run
from varde.output.manifest import MANIFEST, UNLISTED
from varde.settings import Mirror

#: What readers and programs ask for by name (the rest are what those refer to).
PAGE_SUFFIXES = frozenset({".html", ".json", ".rss", ".atom", ".ics", ".xml", ".txt"})
#: Hashes to compare by, best first; a remote with neither gets every file.
HASHES = ("sha256", "md5")
#: As docs/nginx.conf says it for pages: an object store (or the CDN in front
#: of it) would otherwise pick its own lifetime, and keep an old page too long.
CACHE_CONTROL = "Cache-Control: public, max-age=60, must-revalidate"
HINT = "check the remote with `rclone lsd REMOTE:` and its credentials (rclone config, or RCLONE_CONFIG_* variables)."

Listing = dict[str, tuple[int, "str | None"]]


def deploy(build: BuiltSite, mirror: Mirror, say: Callable[[str], None]) -> int:
    remote = mirror.location
    hash_type = _hash_type(remote)
    before = _listing(remote, hash_type)
    refuse_foreign(f"rclone:{remote}", before)
    local = _local_listing(build.output, hash_type)
    changed = [path for path, entry in local.items() if not _same(entry, before.get(path), unknown_hash=False)]
    assets = [path for path in changed if not _is_page(path) and path not in UNLISTED]
    pages = [path for path in changed if _is_page(path) and path not in UNLISTED]
    for what, paths in (("assets", assets), ("pages, feeds and API files", pages)):
        _copy(build.output, remote, paths, what, say)
    after = _listing(remote, hash_type)
    wrong = [
        path
        for path, entry in local.items()
        if path not in UNLISTED and not _same(entry, after.get(path), unknown_hash=True)
    ]
    if wrong:
        raise DeployError(
            f"after the upload {len(wrong)} files on {remote} differ from the build (first: {wrong[0]}), "
            f"so its {MANIFEST} was left as it was; {HINT}"
        )
    _copy(build.output, remote, [path for path in changed if path in UNLISTED], "manifest files", say)
    stale = sorted(set(after) - set(local))
    if stale:
        say(f"deleting {len(stale)} stale files")
        run(["rclone", "delete", remote, "--files-from-raw", "-"], HINT, input="\n".join(stale) + "\n")
        run(["rclone", "rmdirs", remote, "--leave-root"], HINT)
    return sum(path not in UNLISTED for path in changed) + sum(path not in UNLISTED for path in stale)


def _copy(output: Path, remote: str, paths: list[str], what: str, say: Callable[[str], None]) -> None:
    if paths:
        say(f"uploading {len(paths)} {what}")
        run(
            [
                "rclone",
                "copy",
                str(output),
                remote,
                "--files-from-raw",
                "-",
                "--no-traverse",
                "--ignore-times",
                "--header-upload",
                CACHE_CONTROL,
            ],
            HINT,
            input="\n".join(paths) + "\n",
        )


def _same(ours: tuple[int, str | None], theirs: tuple[int, str | None] | None, unknown_hash: bool) -> bool:
    """Whether the remote's file has our bytes; where the remote keeps no
    hash for it, `unknown_hash` decides (sizes permitting)."""
    if theirs is None or theirs[0] != ours[0]:
        return False
    return ours[1] == theirs[1] if ours[1] and theirs[1] else unknown_hash


def _is_page(path: str) -> bool:
    pure = PurePosixPath(path)
    return (pure.with_suffix("") if pure.suffix in (".gz", ".br") else pure).suffix in PAGE_SUFFIXES


def _hash_type(remote: str) -> str | None:
    """The best hash the remote keeps for its files, if any."""
    features = json.loads(run(["rclone", "backend", "features", _root(remote)], HINT).stdout or "{}")
    kept = set(features.get("Hashes") or ())
    return next((name for name in HASHES if name in kept), None)


def _root(remote: str) -> str:
    """`name:` of `name:path` (on-the-fly remotes `:type,opt=x:` too)."""
    colon = remote.index(":", 1 if remote.startswith(":") else 0)
    return remote[: colon + 1]


def _listing(remote: str, hash_type: str | None) -> Listing:
    """Size and hash by path of every file below `remote` (none if it is not there yet)."""
    command = ["rclone", "lsjson", "--recursive", "--files-only", remote]
    if hash_type:
        command += ["--hash-type", hash_type]
    done = run(command, HINT, ok=(0, 3))
    if done.returncode == 3:  # the folder is not there yet
        return {}
    return {
        entry["Path"]: (entry["Size"], (entry.get("Hashes") or {}).get(hash_type) if hash_type else None)
        for entry in json.loads(done.stdout or "[]")
    }


def _local_listing(output: Path, hash_type: str | None) -> Listing:
    return {
        path.relative_to(output).as_posix(): (
            path.stat().st_size,
            hashlib.new(hash_type, path.read_bytes()).hexdigest() if hash_type else None,
        )
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }
