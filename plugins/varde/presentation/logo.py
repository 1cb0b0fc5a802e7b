"""The site's logo (VARDE_LOGO), copied once to the site's root, where the
header of every page, each environment's too, points."""

from __future__ import annotations

from varde.presentation.build import Build
from varde.status import Snapshot


def render(build: Build, snapshot: Snapshot) -> dict[str, bytes]:
    logo = build.settings.logo
    return {logo.name: logo.data} if logo and not build.prefix(snapshot) else {}
