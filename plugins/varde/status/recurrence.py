"""The windows of a repeating maintenance, each an ordinary maintenance.

Everything a build shows reads the site through `published`, which puts
these windows in place of the repeating maintenance: the phases, the pages,
the API and the uptime then treat each window as any other maintenance, and
only the calendar looks back at the series (one event with its rule).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from dateutil.rrule import rrulestr

from varde.errors import ContentError, Problem
from varde.model import Maintenance, MaintenanceUpdate, Recurrence
from varde.times import fixed

#: Windows are made this far ahead of now, and at least the next one:
#: enough for the pages' and the API's "upcoming" without listing a weekly
#: maintenance's windows for years ahead (the calendar carries the rule).
AHEAD = timedelta(days=31)


def occurrences(maintenance: Maintenance, now: datetime) -> tuple[Maintenance, ...]:
    """`maintenance` itself, or (repeating) its windows that started by
    `now` and those ahead within AHEAD, each with the updates that apply
    to it: those inside its window, or before it and after the one before."""
    recurrence = maintenance.recurrence
    if recurrence is None or maintenance.series is not None:
        return (maintenance,)
    starts = window_starts(recurrence, now)
    if len(starts) > MOST_WINDOWS:
        raise ContentError(
            [
                Problem(
                    maintenance.origin,
                    f"`recurrence` makes more than {MOST_WINDOWS:,} windows by "
                    f"{starts[MOST_WINDOWS].astimezone(recurrence.zone):%Y-%m-%d}, each a page of its own; "
                    "end this series with `until` and go on in a new file with a later `start`.",
                )
            ]
        )
    if not starts:
        return ()
    updates: list[list[MaintenanceUpdate]] = [[] for _ in starts]
    for update in maintenance.updates:
        updates[_window_of(update.at, starts, recurrence.duration)].append(update)
    return tuple(
        replace(
            maintenance,
            slug=occurrence_slug(maintenance.slug, start, recurrence),
            start=start,
            end=start + recurrence.duration,
            updates=tuple(found),
            series=maintenance.slug,
        )
        for start, found in zip(starts, updates)
    )


#: The most windows one series may have made by now: eight years of daily
#: ones.  A daily series from 1900 would be 46,000 pages (a build of
#: minutes), from one file of ten lines.
MOST_WINDOWS = 3000


def window_starts(recurrence: Recurrence, now: datetime) -> list[datetime]:
    """The windows' starts up to AHEAD after `now` (at least one after it),
    read as wall-clock times in the site's zone: a rule's 22:00 is 22:00 in
    summer and in winter.  A start the clocks skip in spring moves on by the
    skipped hour."""
    zone = recurrence.zone
    wall_start = recurrence.start.astimezone(zone).replace(tzinfo=None)
    wall_until = recurrence.until.astimezone(zone).replace(tzinfo=None) if recurrence.until else None
    horizon = now + AHEAD
    starts: list[datetime] = []
    for wall in rrulestr(recurrence.rule, dtstart=wall_start):
        if wall_until is not None and wall > wall_until:
            break
        start = fixed(wall.replace(tzinfo=zone, fold=0).astimezone(UTC).astimezone(zone))
        if start > horizon and starts and starts[-1] > now or len(starts) > MOST_WINDOWS:
            break
        starts.append(start)
    return starts


def _window_of(moment: datetime, starts: list[datetime], duration: timedelta) -> int:
    """The window holding `moment`, else the next one (else the last)."""
    index = bisect_right(starts, moment) - 1
    if index >= 0 and moment < starts[index] + duration:
        return index
    return min(index + 1, len(starts) - 1)


def occurrence_slug(series: str, start: datetime, recurrence: Recurrence) -> str:
    """`<series>-<yyyy-mm-dd>` (local date; a rule makes one window a day at
    most): stable from build to build, as pages and API ids need."""
    return f"{series}-{start.astimezone(recurrence.zone):%Y-%m-%d}"
