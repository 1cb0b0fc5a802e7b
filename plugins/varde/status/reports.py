"""Monthly availability reports: per month and component, the minutes in
each status, the uptime, and the incidents and maintenance with the time
they took within the month.

Pure, like the rest of the engine, and made from the very days the uptime
bars show (uptime.whole_history: the same calendar and timeline; a day
something happened on is read as its Day, a quiet one is operational
throughout): a month's minutes are the sums of its days' minutes in
api/varde/uptime.json, its uptime is weighed as the bars' percentages are
(docs/uptime.md), so a report never disagrees with them.
Months run from the first of the month of a component's earliest data to
the one holding now, which is reported "so far".
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

from varde.model import REPORTED_STATUSES, Component, ComponentStatus, Incident, Maintenance, Site
from varde.status.incidents import resolved_at, started_at
from varde.status.published import published
from varde.status.timeline import in_progress
from varde.status.uptime import Calendar, Tally, weigh, whole_history, whole_minutes

#: The statuses a report counts minutes of, mildest first: Statuspage's
#: five.  Time without a current upstream report (`unknown`) is counted as
#: operational, as uptime counts it (docs/reports.md).
STATUSES = tuple(sorted(REPORTED_STATUSES, key=lambda status: status.severity))


@dataclass(frozen=True, slots=True)
class ComponentMonth:
    """One component's month."""

    component: Component
    #: Whole minutes in each status (STATUSES order) over the month's days
    #: with data; all zero when it has none.
    minutes: tuple[int, ...]
    #: Uptime in percent over the days with data; None when none has data.
    uptime: Fraction | None
    #: Slugs of the incidents that named it and of the maintenance on it, by start.
    incidents: tuple[str, ...]
    maintenances: tuple[str, ...]

    @property
    def has_data(self) -> bool:
        return self.uptime is not None

    @property
    def total_minutes(self) -> int:
        """The month's minutes with data."""
        return sum(self.minutes)

    def minutes_in(self, status: ComponentStatus) -> int:
        return self.minutes[STATUSES.index(status)]


@dataclass(frozen=True, slots=True)
class Listed:
    """An incident or a maintenance as a month's report lists it."""

    slug: str
    title: str
    #: When it began and ended as a whole; end None while it goes on.
    start: datetime
    end: datetime | None
    #: The part of it within the month: from the incident's first update to
    #: its resolution, or the time the maintenance was in progress.
    within: timedelta
    #: The ids of the report's components it named, in the report's order.
    components: tuple[str, ...]

    @property
    def minutes(self) -> int:
        """Whole minutes within the month, counted as the uptime counts them."""
        return whole_minutes(self.within)


@dataclass(frozen=True, slots=True)
class MonthReport:
    #: The month's first day.
    month: date
    #: Its first local midnight, and the next month's (now, if so far).
    start: datetime
    end: datetime
    so_far: bool
    components: tuple[ComponentMonth, ...]
    incidents: tuple[Listed, ...]
    maintenances: tuple[Listed, ...]


def monthly_reports(
    site: Site, now: datetime, zone: ZoneInfo, components: Iterable[Component], this_month: bool = False
) -> tuple[MonthReport, ...]:
    """The reports of `components`' months at `now`, oldest first; the last
    one, the month holding now, so far.  None for a site without data yet.
    With `this_month`, only that last one: the others depend on the content
    alone, and a build may keep them from the last (presentation.reports)."""
    wanted = tuple(components)
    calendar, tallies = whole_history(site, now, zone, wanted, this_month)
    if calendar is None or not wanted:
        return ()
    shown = published(site, now)
    incidents = {incident.slug: incident for incident in shown.incidents}
    # Each maintenance on these components that was in progress, with when,
    # and the components it named.
    ids = {component.id for component in wanted}
    maintenances = [
        (maintenance, spans, named)
        for maintenance in shown.maintenances
        if (named := {ident for ident, _ in maintenance.affected} & ids)
        and (spans := list(in_progress(maintenance, now)))
    ]
    maintenances.sort(key=lambda found: (found[1][0][0], found[0].slug))
    reports = []
    days = _Days(calendar)
    for first, end_index in days.months:
        start, end = calendar.starts[first], calendar.ends[end_index - 1]
        maintained = [found for found in maintenances if _overlap(found[1], start, end)]
        rows = tuple(
            _component_month(
                component,
                tallies[component.id],
                days,
                range(first, end_index),
                [m.slug for m, _, idents in maintained if component.id in idents],
            )
            for component in wanted
        )
        reports.append(
            MonthReport(
                calendar.dates[first],
                start,
                end,
                end == now,
                rows,
                _incidents(rows, incidents, start, end, now),
                tuple(_maintenance(m, spans, idents, rows, start, end, now) for m, spans, idents in maintained),
            )
        )
    return tuple(reports)


class _Days:
    """The calendar's months as ranges of day indices, and running sums of
    its days' whole minutes and exact lengths: a month of quiet days is
    added up without a look at each."""

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar
        starts = [0] + [index for index in range(1, len(calendar.dates)) if calendar.dates[index].day == 1]
        self.months = list(zip(starts, [*starts[1:], len(calendar.dates)]))
        self.minutes, self.lengths = [0], [timedelta(0)]
        for start, end in zip(calendar.starts, calendar.ends):
            self.minutes.append(self.minutes[-1] + whole_minutes(end - start))
            self.lengths.append(self.lengths[-1] + (end - start))


def _component_month(
    component: Component, tally: Tally, days: _Days, month: range, maintenances: list[str]
) -> ComponentMonth:
    """The month's figures: its quiet days with data are all operational,
    the others are read as the uptime bars show them (Day)."""
    # The month's first day with data, if any.
    first = month.stop if tally.since is None else max(month.start, bisect_left(days.calendar.dates, tally.since))
    if first >= month.stop:
        return ComponentMonth(component, (0,) * len(STATUSES), None, (), tuple(maintenances))
    minutes = [days.minutes[month.stop] - days.minutes[first], *(0,) * (len(STATUSES) - 1)]
    major = partial = timedelta(0)
    named: dict[str, None] = {}
    for index in sorted(
        index for index in tally.time_in.keys() | tally.incidents.keys() if first <= index < month.stop
    ):
        day = tally.day(days.calendar, index)
        for status, spent in (day.status_minutes or {}).items():
            counted = ComponentStatus.OPERATIONAL if status is ComponentStatus.UNKNOWN else status
            minutes[STATUSES.index(counted)] += spent
        minutes[0] -= day.minutes
        major, partial = major + day.major, partial + day.partial
        named.update(dict.fromkeys(day.incidents))
    uptime = weigh(days.lengths[month.stop] - days.lengths[first], major, partial)
    return ComponentMonth(component, tuple(minutes), uptime, tuple(named), tuple(maintenances))


def _incidents(
    rows: tuple[ComponentMonth, ...], incidents: dict[str, Incident], start: datetime, end: datetime, now: datetime
) -> tuple[Listed, ...]:
    """The incidents the month's days list for any component, by start."""
    slugs = dict.fromkeys(slug for row in rows for slug in row.incidents)
    found = sorted((incidents[slug] for slug in slugs), key=lambda incident: (started_at(incident), incident.slug))
    return tuple(
        Listed(
            incident.slug,
            incident.title,
            started_at(incident),
            resolved_at(incident),
            _overlap([(started_at(incident), resolved_at(incident) or now)], start, end),
            tuple(row.component.id for row in rows if incident.slug in row.incidents),
        )
        for incident in found
    )


def _maintenance(
    maintenance: Maintenance,
    spans: list[tuple[datetime, datetime]],
    idents: set[str],
    rows: tuple[ComponentMonth, ...],
    start: datetime,
    end: datetime,
    now: datetime,
) -> Listed:
    """A maintenance as the month lists it: from when it began to when it
    ended (None while in progress), its time in progress within the month."""
    return Listed(
        maintenance.slug,
        maintenance.title,
        spans[0][0],
        spans[-1][1] if spans[-1][1] < now else None,
        _overlap(spans, start, end),
        tuple(row.component.id for row in rows if row.component.id in idents),
    )


def _overlap(spans: Iterable[tuple[datetime, datetime]], start: datetime, end: datetime) -> timedelta:
    """How much of `spans` lies within [start, end)."""
    return sum((max(min(b, end) - max(a, start), timedelta(0)) for a, b in spans), timedelta(0))
