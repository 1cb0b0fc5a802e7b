"""A favicon that shows the page's overall state, so a pinned tab tells
the news: colour and a shape (never colour alone), drawn per build."""

from __future__ import annotations

from varde.model import Indicator
from varde.presentation.build import Build
from varde.status import Snapshot

#: indicator -> (fill colour, SVG path of the white mark on a 64×64 canvas)
_MARKS = {
    Indicator.NONE: ("#1a7f37", "M18 33l9 9 19-21"),  # a tick
    Indicator.MINOR: ("#8a6100", "M32 16v20M32 44v4"),  # an exclamation mark
    Indicator.MAJOR: ("#b35900", "M32 16v20M32 44v4"),
    Indicator.CRITICAL: ("#c62828", "M21 21l22 22M43 21L21 43"),  # a cross
    Indicator.MAINTENANCE: ("#1f5fbf", "M20 32h24"),  # a bar
}


def mark(indicator: Indicator) -> str:
    """The state's mark, an SVG path: the page's banner shows it too."""
    return _MARKS[indicator][1]


def render(build: Build, snapshot: Snapshot) -> dict[str, str]:
    fill, mark = _MARKS[snapshot.overall.indicator]
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f"<title>{snapshot.overall.description}</title>"
        f'<circle cx="32" cy="32" r="30" fill="{fill}"/>'
        f'<path d="{mark}" stroke="#fff" stroke-width="7" stroke-linecap="round" '
        'stroke-linejoin="round" fill="none"/></svg>\n'
    )
    return {"favicon.svg": svg}
