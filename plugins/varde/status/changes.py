"""When published content changed: the dates machine outputs give things.

The API's `updated_at`, the calendar's DTSTAMP and the like must come from
the content, never from the build's clock, so a rebuild without changes is
byte-identical and a resolved incident's record stays as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from varde.model import Incident, Maintenance
from varde.status.maintenance import phase
from varde.status.published import postmortem_time

#: An instant is compared with the one before it to see what it changed.
JUST_BEFORE = timedelta(microseconds=1)


def announcement(maintenance: Maintenance) -> datetime:
    """When a maintenance was announced: `announced`, else its window's start
    (as its feed entry is dated)."""
    return maintenance.announced or maintenance.start


def incident_changes(incident: Incident) -> list[datetime]:
    """Its updates and, once published, its postmortem (`incident` is cut to now)."""
    times = [update.at for update in incident.updates]
    if incident.postmortem is not None and (published := postmortem_time(incident)) is not None:
        times.append(published)
    return times


def maintenance_changes(maintenance: Maintenance) -> list[datetime]:
    """Its announcement, its updates, and its window's start and end where
    they changed its phase (and so the status of what it affects); filter
    them by now with `latest`."""
    edges = [
        moment
        for moment in (maintenance.start, maintenance.end)
        if phase(maintenance, moment) is not phase(maintenance, moment - JUST_BEFORE)
    ]
    return [announcement(maintenance), *(update.at for update in maintenance.updates), *edges]


def latest(times: Iterable[datetime], now: datetime, default: datetime) -> datetime:
    """The last of `times` that has happened by `now`, else `default`."""
    return max((moment for moment in times if moment <= now), default=default)
