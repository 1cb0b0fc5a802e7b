"""robots.txt: a public status page wants to be found."""

from __future__ import annotations

from varde.presentation.build import Build
from varde.status import Snapshot


def render(build: Build, snapshot: Snapshot) -> dict[str, str]:
    if build.prefix(snapshot):
        return {}  # one per site, at its root
    return {"robots.txt": "User-agent: *\nAllow: /\n"}
