"""maintenance.ics: every maintenance window as an iCalendar event (RFC 5545),
for people to subscribe to in their calendar.

Events keep their UID from build to build, and carry SEQUENCE and
LAST-MODIFIED from the content, so a calendar that polls the file updates
an event in place (moved, cancelled) instead of adding a copy.
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from varde.model import MaintenancePhase
from varde.presentation.api import ids
from varde.presentation.build import Build, Deferred
from varde.status import Snapshot
from varde.status.changes import announcement, latest, maintenance_changes
from varde.status.snapshot import MaintenanceView
from varde.urls import absolute, maintenance_path

if TYPE_CHECKING:
    from icalendar import Event

PRODID = "-//Varde//Varde status page//EN"
FILE = "maintenance.ics"
#: How often subscribers should fetch the calendar again.
_HOUR = timedelta(hours=1)


def maintenance_calendar(build: Build, snapshot: Snapshot) -> dict[str, Deferred]:
    """The calendar, made only when an event changed since the last build:
    years of maintenance make it one of a large site's slower files."""
    events = tuple((view, _changed(view, snapshot.now)) for view in snapshot.maintenances)
    return {FILE: Deferred(events, functools.partial(_calendar, build, snapshot, events))}


def _calendar(build: Build, snapshot: Snapshot, events: tuple[tuple[MaintenanceView, datetime], ...]) -> bytes:
    from icalendar import Calendar  # slow to import, for a file most builds reuse

    settings = build.settings
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = settings.site_name if not build.prefix(snapshot) else f"{settings.site_name} – {snapshot.environment.name}"
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.timezone.key)
    calendar.add("refresh-interval", _HOUR, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for view, changed in events:
        calendar.add_component(_event(build, snapshot, view, changed))
    if snapshot.maintenances:
        # The zone's rules, for the years the events span (not all of 1970–2038).
        first = min(view.maintenance.start for view in snapshot.maintenances)
        last = max(view.maintenance.end for view in snapshot.maintenances)
        calendar.add_missing_timezones(date(first.year - 1, 1, 1), date(last.year + 2, 1, 1))
    return calendar.to_ical()


def _changed(view: MaintenanceView, now: datetime) -> datetime:
    """When the event last changed, as of `now`."""
    maintenance = view.maintenance
    return latest(maintenance_changes(maintenance), now, default=announcement(maintenance))


def _event(build: Build, snapshot: Snapshot, view: MaintenanceView, changed: datetime) -> Event:
    from icalendar import Event

    maintenance = view.maintenance
    zone = build.settings.timezone
    event = Event()
    event.add("uid", f"{ids.maintenance_id(maintenance.slug)}@{_host(build)}")
    event.add("dtstamp", changed.astimezone(UTC))
    event.add("created", announcement(maintenance).astimezone(UTC))
    event.add("last-modified", changed.astimezone(UTC))
    event.add("sequence", len(maintenance.updates))
    event.add("dtstart", maintenance.start.astimezone(zone))
    event.add("dtend", maintenance.end.astimezone(zone))
    event.add("summary", maintenance.title)
    if maintenance.description:
        event.add("description", maintenance.description)
    if build.settings.site_url:
        event.add("url", absolute(build.settings.site_url, build.prefix(snapshot), maintenance_path(maintenance.slug)))
    event.add("status", "CANCELLED" if view.phase is MaintenancePhase.CANCELLED else "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def _host(build: Build) -> str:
    """The UID's right-hand side: the site's host, or its page id for a local build."""
    host = urlsplit(build.settings.site_url).hostname
    return host or f"{ids.page_id(build.settings.site_name, None)}.varde"
