"""Publishing one build to every mirror, each on its own: one failing (a
host down, a full disk, a wrong key) never stops or spoils the others."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TextIO

from varde.deploy import local, rclone, rsync
from varde.deploy.report import Outcome
from varde.deploy.tools import BuiltSite, DeployError
from varde.deploy.verify import VerifyError, read_manifest, verify_url
from varde.output.manifest import MANIFEST
from varde.settings import Kind, Mirror

DEPLOYERS: dict[Kind, Callable[[BuiltSite, Mirror, Callable[[str], None]], int]] = {
    Kind.LOCAL: local.deploy,
    Kind.RSYNC: rsync.deploy,
    Kind.RCLONE: rclone.deploy,
}

#: How long a mirror's URL may keep serving the previous build after a
#: publish (a cache in front of it, max-age=60 in docs/nginx.conf).
VERIFY_WAIT = 75
VERIFY_INTERVAL = 5


def read_build(output: Path) -> BuiltSite:
    try:
        return BuiltSite(output, read_manifest((output / MANIFEST).read_bytes(), str(output / MANIFEST)))
    except FileNotFoundError:
        raise VerifyError(f"{output} holds no complete build (no {MANIFEST}); build the site first.") from None


def publish(build: BuiltSite, mirrors: tuple[Mirror, ...], progress: TextIO = sys.stderr) -> list[Outcome]:
    """Every mirror brought to `build`, in parallel; their outcomes in order."""
    lock = threading.Lock()

    def say(mirror: Mirror, text: str) -> None:
        with lock:
            print(f"{mirror.target}: {text}", file=progress, flush=True)

    with ThreadPoolExecutor(max_workers=len(mirrors)) as pool:
        return list(pool.map(lambda mirror: _one(build, mirror, lambda text: say(mirror, text)), mirrors))


def _one(build: BuiltSite, mirror: Mirror, say: Callable[[str], None]) -> Outcome:
    start = time.monotonic()
    say(f"publishing build {build.short_id} ({mirror.kind})")
    try:
        changed = DEPLOYERS[mirror.kind](build, mirror, say)
        if mirror.verify:
            say(f"verifying through {mirror.verify}")
            try:
                _verify_served(build, mirror.verify)
            except VerifyError as error:
                raise VerifyError(f"updated, but {error}") from None
    except (DeployError, VerifyError) as error:
        failure = str(error)
    except OSError as error:
        failure = f"{error.strerror or error} ({error.filename or mirror.location}); check the target and retry."
    except Exception as error:  # a bug of ours; still one mirror's row, never a traceback
        failure = f"an unexpected {type(error).__name__} ({error}); please report it with this line."
    else:
        seconds = time.monotonic() - start
        say(f"ok, {changed} files changed ({seconds:.1f} s)")
        return Outcome(mirror, changed, seconds)
    seconds = time.monotonic() - start
    say(f"FAILED: {failure}")
    return Outcome(mirror, None, seconds, failure)


def _verify_served(build: BuiltSite, url: str) -> None:
    """The URL serves this build, complete; a cache may lag for a while."""
    deadline = time.monotonic() + VERIFY_WAIT
    while True:
        served = verify_url(url)
        if served.build_id == build.manifest["build_id"] or time.monotonic() > deadline:
            break
        time.sleep(VERIFY_INTERVAL)
    if served.build_id != build.manifest["build_id"]:
        raise VerifyError(
            f"{url} still serves build {served.build_id[:12]}, not {build.short_id}, after "
            f"{VERIFY_WAIT} s; check that the URL serves this mirror and what caches it."
        )
    if not served.matches:
        raise VerifyError(f"{served.summary()} ({', '.join(served.lines()[:3])}); check what caches or rewrites it.")
