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
    events = tuple((views, _changed(views, snapshot.now)) for views in _events(snapshot.maintenances))
    return {FILE: Deferred(events, functools.partial(_calendar, build, snapshot, events))}


def _events(views: tuple[MaintenanceView, ...]) -> list[tuple[MaintenanceView, ...]]:
    """One event per maintenance: a window of its own, or all the windows of
    a repeating one (one event with its rule), in the order of their first."""
    events: dict[str, list[MaintenanceView]] = {}
    for view in views:
        events.setdefault(view.maintenance.series or view.maintenance.slug, []).append(view)
    return [tuple(found) for found in events.values()]


def _calendar(
    build: Build, snapshot: Snapshot, events: tuple[tuple[tuple[MaintenanceView, ...], datetime], ...]
) -> bytes:
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
    for views, changed in events:
        calendar.add_component(_event(build, snapshot, views, changed))
    if snapshot.maintenances:
        # The zone's rules, for the years the events span (not all of 1970–2038).
        first = min(view.maintenance.start for view in snapshot.maintenances)
        last = max(view.maintenance.end for view in snapshot.maintenances)
        calendar.add_missing_timezones(date(first.year - 1, 1, 1), date(last.year + 2, 1, 1))
    return calendar.to_ical()


def _changed(views: tuple[MaintenanceView, ...], now: datetime) -> datetime:
    """When the event last changed, as of `now`."""
    changes = [moment for view in views for moment in maintenance_changes(view.maintenance)]
    return latest(changes, now, default=announcement(views[0].maintenance))


def _event(build: Build, snapshot: Snapshot, views: tuple[MaintenanceView, ...], changed: datetime) -> Event:
    from icalendar import Event

    maintenance = views[0].maintenance
    zone = build.settings.timezone
    event = Event()
    event.add("uid", f"{ids.maintenance_id(maintenance.series or maintenance.slug)}@{_host(build)}")
    event.add("dtstamp", changed.astimezone(UTC))
    event.add("created", announcement(maintenance).astimezone(UTC))
    event.add("last-modified", changed.astimezone(UTC))
    event.add("sequence", sum(len(view.maintenance.updates) for view in views))
    event.add("dtstart", maintenance.start.astimezone(zone))
    event.add("dtend", maintenance.end.astimezone(zone))
    shown = views[0]
    if maintenance.series is not None:
        shown = _repeat(event, views)
    event.add("summary", maintenance.title)
    if maintenance.description:
        event.add("description", maintenance.description)
    if build.settings.site_url:
        page = maintenance_path(shown.maintenance.slug)
        event.add("url", absolute(build.settings.site_url, build.prefix(snapshot), page))
    # A series stands while its cancelled windows are exceptions (EXDATE).
    cancelled = maintenance.series is None and shown.phase is MaintenancePhase.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def _repeat(event: Event, views: tuple[MaintenanceView, ...]) -> MaintenanceView:
    """The rule of a repeating maintenance, with its cancelled windows as
    exceptions; the window the event's link shows (the one in progress or
    next, else the last)."""
    from icalendar import vRecur

    recurrence = views[0].maintenance.recurrence
    rule = vRecur.from_ical(recurrence.rule)
    if recurrence.until is not None:
        rule["UNTIL"] = [recurrence.until.astimezone(UTC)]
    event.add("rrule", rule)
    cancelled = [
        view.maintenance.start.astimezone(recurrence.zone) for view in views if view.phase is MaintenancePhase.CANCELLED
    ]
    if cancelled:
        event.add("exdate", cancelled)
    ahead = (MaintenancePhase.SCHEDULED, MaintenancePhase.IN_PROGRESS)
    return next((view for view in views if view.phase in ahead), views[-1])


def _host(build: Build) -> str:
    """The UID's right-hand side: the site's host, or its page id for a local build."""
    host = urlsplit(build.settings.site_url).hostname
    return host or f"{ids.page_id(build.settings.site_name, None)}.varde"
