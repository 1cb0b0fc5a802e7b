"""Uptime: each component's worst status, outage minutes and incidents per
day, and its uptime over 30 and 90 days, as Atlassian Statuspage weighs it.

Pure, like the rest of the engine.  The rules (docs/uptime.md):

- A component's timeline comes from what is published at `now`: an
  incident's `affected` from its first update, an update's `affected` from
  that update on, everything back to operational at the resolving update
  (an open incident counts up to now); maintenance gives its status while
  `maintenance.phase` says it is in progress (up to now).  Where several
  overlap, the worst status holds at each instant, so no time is counted
  twice.
- Days are the site zone's calendar days, from one local midnight to the
  next (23 or 25 hours when the clocks change); today ends at now.
- Downtime is major outage in full and partial outage at 30 %; degraded
  performance and maintenance count nothing.  Uptime over a window is
  100 × (1 − downtime / time with data), from exact durations.
- A component's history begins on its `since` date, else on the day of the
  site's first published incident or maintenance (for a component mirrored
  from an upstream page: of the site's first fetch of that page).
- A component mirrored from an upstream page counts what the site's fetches
  saw, each until the next fetch or for the upstream max age at most
  (status/upstream.py); `unknown` counts as operational.  Earlier days have no
  data: they are shown as such and left out of the percentages.

The timeline is built with a sweep over interval boundaries, never minute by
minute, so the work grows with the number of updates, not their length.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from fractions import Fraction
from math import floor
from zoneinfo import ZoneInfo

from varde.model import Component, ComponentStatus, Site
from varde.status.incidents import declared_statuses, resolved_at, started_at
from varde.status.published import published
from varde.status.timeline import Span, timelines
from varde.status.upstream import first_observed, observed_spans
from varde.times import fixed

#: Statuspage's weighting: the share of time in a status that is downtime.
PARTIAL_WEIGHT = Fraction(3, 10)
#: The windows, in days, uptime percentages are given for.
WINDOWS = (30, 90)

_STATUSES = tuple(sorted(ComponentStatus, key=lambda status: status.severity))
_NOTHING = timedelta(0)
_MINUTE = timedelta(minutes=1)
_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class Day:
    """One calendar day of one component."""

    date: date
    #: Local midnight, as a fixed-offset time.
    start: datetime
    #: The next local midnight; now, for today.
    end: datetime
    #: False before the component's history begins: nothing known, nothing counted.
    has_data: bool
    #: The worst status at any instant of the day; None without data.
    worst: ComponentStatus | None = None
    major: timedelta = _NOTHING
    partial: timedelta = _NOTHING
    degraded: timedelta = _NOTHING
    maintenance: timedelta = _NOTHING
    #: Slugs of the incidents that named the component and were open that day.
    incidents: tuple[str, ...] = ()

    @property
    def length(self) -> timedelta:
        return self.end - self.start

    @property
    def minutes(self) -> int:
        """Whole minutes in the day: 1440, or 1380/1500 when the clocks change."""
        return whole_minutes(self.length)

    @property
    def major_minutes(self) -> int | None:
        return whole_minutes(self.major) if self.has_data else None

    @property
    def partial_minutes(self) -> int | None:
        return whole_minutes(self.partial) if self.has_data else None

    @property
    def status_minutes(self) -> dict[ComponentStatus, int] | None:
        """Whole minutes in each status, mildest first, adding up to the
        day's minutes (operational takes the rest); None without data.  The
        monthly reports add these up, so their minutes are this file's."""
        if not self.has_data:
            return None
        spent = {
            ComponentStatus.UNDER_MAINTENANCE: whole_minutes(self.maintenance),
            ComponentStatus.DEGRADED_PERFORMANCE: whole_minutes(self.degraded),
            ComponentStatus.PARTIAL_OUTAGE: whole_minutes(self.partial),
            ComponentStatus.MAJOR_OUTAGE: whole_minutes(self.major),
        }
        return {ComponentStatus.OPERATIONAL: self.minutes - sum(spent.values()), **spent}

    @property
    def uptime(self) -> Fraction | None:
        """This day's uptime in percent (today: so far)."""
        return uptime_over((self,))


@dataclass(frozen=True, slots=True)
class ComponentUptime:
    component: Component
    #: The first day with data (`since`, else the site's first content); None if none.
    data_since: date | None
    #: The last `days` days, oldest first; the last one is today.
    days: tuple[Day, ...]
    #: Uptime in percent over the last 30 and 90 days, from the days with
    #: data among them; None when none has data.
    uptime_30: Fraction | None
    uptime_90: Fraction | None


def site_uptime(
    site: Site, now: datetime, zone: ZoneInfo, days: int = 90, components: Iterable[Component] | None = None
) -> dict[str, ComponentUptime]:
    """Uptime of `components` (default: all of the site's) at `now`, by id,
    in file order."""
    calendar, found = _timelines(site, now, zone, components, max(days, *WINDOWS))
    result = {}
    for ident, (component, since, spans, named) in found.items():
        record = calendar.days(since, spans, named)
        result[ident] = ComponentUptime(
            component,
            since,
            tuple(record[len(record) - days :]) if days else (),
            *(uptime_over(record[len(record) - window :]) for window in WINDOWS),
        )
    return result


@dataclass(frozen=True, slots=True)
class Tally:
    """What a component's timeline put on a calendar's days, kept only for
    the days something happened on: the rest are quiet, operational days."""

    since: date | None
    #: Time in each status, by day index.
    time_in: dict[int, dict[ComponentStatus, timedelta]]
    #: Slugs of the incidents open and naming the component, by day index.
    incidents: dict[int, list[str]]

    def day(self, calendar: Calendar, index: int) -> Day:
        """The day as the uptime bars show it."""
        return calendar.day(index, self.since, self.time_in.get(index), self.incidents.get(index, ()))


def whole_history(
    site: Site, now: datetime, zone: ZoneInfo, components: Iterable[Component], this_month: bool = False
) -> tuple[Calendar | None, dict[str, Tally]]:
    """The calendar of the uptime bars from the first day of the month of
    the earliest data (or, `this_month`, of now's month) to today (None
    without any data), and each component's tally on it, by id in the
    order given: for the monthly reports (reports.py), which read years of
    days and look closely only at those something happened on."""
    days = now.astimezone(zone).day if this_month else None
    calendar, found = _timelines(site, now, zone, components, days)
    tallies = {ident: Tally(since, *calendar.tally(spans, named)) for ident, (_, since, spans, named) in found.items()}
    return (calendar if calendar.dates else None), tallies


def _timelines(
    site: Site, now: datetime, zone: ZoneInfo, components: Iterable[Component] | None, count: int | None
) -> tuple[Calendar, dict[str, tuple[Component, date | None, list[Span], list[tuple[datetime, datetime, str]]]]]:
    """The calendar of the last `count` days (`count` None: from the first
    of the month the earliest data falls in, or no day without data), and
    each component with its first day with data, its timeline and the
    incidents that named it."""
    wanted = {c.id: c for c in (site.catalog.components if components is None else components)}
    shown = published(site, now)
    first = min((*(started_at(i) for i in shown.incidents), *(m.start for m in shown.maintenances)), default=None)
    since = {}
    for ident, component in wanted.items():
        # A component mirrored from an upstream page: from the site's first fetch of it.
        begins = first_observed(site, component.upstream.page, now) if component.upstream else first
        since[ident] = component.since or (begins.astimezone(zone).date() if begins else None)
    if count is None:
        today = now.astimezone(zone).date()
        earliest = min((day for day in since.values() if day is not None and day <= today), default=None)
        count = (today - earliest.replace(day=1)).days + 1 if earliest else 0
    calendar = Calendar(now, zone, count)
    # An incident over before the calendar's first day counts on no day: only
    # the rest go through the timeline, a few of a large site's thousands.
    incidents = [i for i in shown.incidents if (resolved_at(i) or now) > calendar.starts[0]]
    spans = timelines(incidents, shown.maintenances, now, wanted)
    spans.update(observed_spans(site, now, wanted))
    named: dict[str, list[tuple[datetime, datetime, str]]] = {ident: [] for ident in wanted}
    for incident in incidents:
        end = resolved_at(incident) or now
        for ident, _ in declared_statuses(incident):  # every component it named
            if ident in wanted:
                named[ident].append((started_at(incident), end, incident.slug))
    return calendar, {
        ident: (component, since[ident], spans[ident], sorted(named[ident])) for ident, component in wanted.items()
    }


def component_uptime(
    site: Site, component: Component, now: datetime, zone: ZoneInfo, days: int = 90
) -> ComponentUptime:
    return site_uptime(site, now, zone, days, (component,))[component.id]


def floor_percent(value: Fraction, places: int) -> Fraction:
    """`value` cut (never rounded up) to `places` decimals: a month with one
    minute of outage never shows as 100 %."""
    scale = 10**places
    return Fraction(floor(value * scale), scale)


def whole_minutes(span: timedelta) -> int:
    """Whole minutes, half a minute rounded up."""
    return (span + _MINUTE / 2) // _MINUTE


def uptime_over(days: Sequence[Day]) -> Fraction | None:
    """Uptime in percent over `days`, from the exact time in each status of
    those with data; None when none has data."""
    counted = [day for day in days if day.has_data]
    return weigh(
        sum((day.length for day in counted), _NOTHING),
        sum((day.major for day in counted), _NOTHING),
        sum((day.partial for day in counted), _NOTHING),
    )


def weigh(total: timedelta, major: timedelta, partial: timedelta) -> Fraction | None:
    """Uptime in percent from the time with data and the time in major and
    in partial outage within it, added up before they are weighed once;
    None without time with data."""
    if not total:
        return None
    down = major // _MICROSECOND + PARTIAL_WEIGHT * (partial // _MICROSECOND)
    return 100 * (1 - down / (total // _MICROSECOND))


class Calendar:
    """The last `count` days in `zone`, today last, with their local midnights."""

    def __init__(self, now: datetime, zone: ZoneInfo, count: int):
        today = now.astimezone(zone).date()
        self.now = now
        self.dates = [today - timedelta(days=count - 1 - i) for i in range(count)]
        #: count + 1 midnights: the start of each day and the end of today.
        self.starts = [_midnight(day, zone) for day in (*self.dates, today + timedelta(days=1))]
        #: Each day's end: the next midnight, and now for today.
        self.ends = [*self.starts[1:-1], now][:count]

    def days(
        self,
        since: date | None,
        spans: Iterable[tuple[datetime, datetime, ComponentStatus]],
        named: Sequence[tuple[datetime, datetime, str]],
    ) -> list[Day]:
        time_in, incidents = self.tally(spans, named)
        return [
            self.day(index, since, time_in.get(index), incidents.get(index, ())) for index in range(len(self.dates))
        ]

    def tally(
        self,
        spans: Iterable[tuple[datetime, datetime, ComponentStatus]],
        named: Sequence[tuple[datetime, datetime, str]],
    ) -> tuple[dict[int, dict[ComponentStatus, timedelta]], dict[int, list[str]]]:
        """The time in each status and the incidents, by day index, of the
        days something happened on: years of history are mostly quiet days."""
        count = len(self.dates)
        time_in: dict[int, dict[ComponentStatus, timedelta]] = {}
        for start, end, status in spans:
            start, end = max(start, self.starts[0]), min(end, self.now)
            index = bisect_right(self.starts, start) - 1
            while start < end and index < count and self.starts[index] < end:
                tally = time_in.setdefault(index, dict.fromkeys(_STATUSES, _NOTHING))
                tally[status] += min(end, self.starts[index + 1]) - max(start, self.starts[index])
                index += 1
        incidents: dict[int, list[str]] = {}
        for start, end, slug in named:
            first = bisect_right(self.starts, start) - 1
            last = max(bisect_left(self.starts, end) - 1, first)
            for index in range(max(first, 0), min(last, count - 1) + 1):
                incidents.setdefault(index, []).append(slug)
        return time_in, incidents

    def day(
        self,
        index: int,
        since: date | None,
        time_in: dict[ComponentStatus, timedelta] | None,
        incidents: Sequence[str],
    ) -> Day:
        start, end = self.starts[index], self.ends[index]
        if since is None or self.dates[index] < since:
            return Day(self.dates[index], start, end, has_data=False)
        if time_in is None:  # a quiet day
            return Day(self.dates[index], start, end, True, ComponentStatus.OPERATIONAL, incidents=tuple(incidents))
        worst = max(
            (s for s, spent in time_in.items() if spent), key=lambda s: s.severity, default=ComponentStatus.OPERATIONAL
        )
        return Day(
            self.dates[index],
            start,
            end,
            True,
            worst,
            time_in[ComponentStatus.MAJOR_OUTAGE],
            time_in[ComponentStatus.PARTIAL_OUTAGE],
            time_in[ComponentStatus.DEGRADED_PERFORMANCE],
            time_in[ComponentStatus.UNDER_MAINTENANCE],
            tuple(incidents),
        )


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    """The instant `day` begins in `zone`.  Where the clocks skip midnight,
    the first instant that exists; where they repeat it, the first one."""
    return fixed(datetime.combine(day, time(), tzinfo=zone))
