"""api/varde/uptime.json: each component's days and uptime figures, the
numbers behind the uptime bars (docs/uptime.md)."""

from __future__ import annotations

import functools
import json

from varde.presentation.build import Build
from varde.status import Snapshot
from varde.status.uptime import ComponentUptime, Day, floor_percent, site_uptime
from varde.times import iso

PATH = "api/varde/uptime.json"
#: Decimals of the percentages in the JSON, cut, never rounded up.
PLACES = 4


def environment_uptime(build: Build, snapshot: Snapshot) -> dict[str, ComponentUptime]:
    """Uptime of the environment's components, by id, in display order."""
    return _uptime(build, tuple(state.component for state in snapshot.components))


@functools.lru_cache(maxsize=8)
def _uptime(build: Build, components: tuple) -> dict[str, ComponentUptime]:
    """Once per build and environment: the pages and this file both show it."""
    return site_uptime(build.site, build.now, build.settings.timezone, build.settings.uptime_days, list(components))


def render(build: Build, snapshot: Snapshot) -> dict[str, str]:
    document = {
        "now": iso(build.now, build.settings.timezone),
        "timezone": build.settings.timezone.key,
        "days": build.settings.uptime_days,
        "components": [_component(found) for found in environment_uptime(build, snapshot).values()],
    }
    return {PATH: json.dumps(document, ensure_ascii=False, indent=2) + "\n"}


def _component(found: ComponentUptime) -> dict:
    since = found.component.since
    return {
        "id": found.component.id,
        "name": found.component.name,
        "since": since.isoformat() if since else None,
        "data_since": found.data_since.isoformat() if found.data_since else None,
        "uptime_30": _percent(found.uptime_30),
        "uptime_90": _percent(found.uptime_90),
        "days": [_day(day) for day in found.days],
    }


def _day(day: Day) -> dict:
    return {
        "date": day.date.isoformat(),
        "minutes": day.minutes,
        "worst": day.worst.value if day.worst else None,
        "major_minutes": day.major_minutes,
        "partial_minutes": day.partial_minutes,
        "incidents": list(day.incidents),
    }


def _percent(value) -> float | None:
    return None if value is None else float(floor_percent(value, PLACES))
