"""Each component's status over time, as the pages would have shown it.

One sweep over the interval boundaries of published incidents and running
maintenance, never a replay of the whole site per instant, so the work grows
with the number of updates.  Uptime (how long in which status) and the API
(when did a status last change, what was it when an incident ended) both
read this one timeline, so they cannot disagree with each other or with the
pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import groupby
from operator import itemgetter

from varde.model import ComponentStatus, Incident, Maintenance, MaintenancePhase
from varde.status.incidents import resolved_at, statuses_by_update
from varde.status.maintenance import phase

#: (start, end, status): a status held over [start, end), never operational.
Span = tuple[datetime, datetime, ComponentStatus]

_STATUSES = tuple(sorted(ComponentStatus, key=lambda status: status.severity))


def timelines(
    incidents: Iterable[Incident], maintenances: Iterable[Maintenance], now: datetime, wanted: Iterable[str]
) -> dict[str, list[Span]]:
    """For each wanted component id, the spans (oldest first) in which it was
    not operational, the worst status winning where several overlap.
    `incidents` and `maintenances` are those published at `now`."""
    changes: dict[str, list[tuple[datetime, int, int]]] = {ident: [] for ident in wanted}

    def hold(ident: str, start: datetime, end: datetime, status: ComponentStatus) -> None:
        if ident in changes and status is not ComponentStatus.OPERATIONAL and start < end:
            changes[ident] += ((start, 1, status.severity), (end, -1, status.severity))

    for incident in incidents:
        for span in _incident_spans(incident, now):
            hold(*span)
    for maintenance in maintenances:
        for start, end in in_progress(maintenance, now):
            for ident, status in maintenance.affected:
                hold(ident, start, end, status)
    return {ident: list(_worst_spans(found)) for ident, found in changes.items()}


def status_changes(spans: list[Span], now: datetime) -> list[tuple[datetime, ComponentStatus]]:
    """(instant, new status) wherever a timeline changes, oldest first; a span
    still open at `now` ends there only because time does, not by a change."""
    changes: list[tuple[datetime, ComponentStatus]] = []

    def change(moment: datetime, status: ComponentStatus) -> None:
        if changes and changes[-1][0] == moment:
            changes.pop()
        if (changes[-1][1] if changes else ComponentStatus.OPERATIONAL) is not status:
            changes.append((moment, status))

    for start, end, status in spans:
        change(start, status)
        if end < now:
            change(end, ComponentStatus.OPERATIONAL)
    return changes


def _incident_spans(incident: Incident, now: datetime) -> Iterator[tuple[str, datetime, datetime, ComponentStatus]]:
    """(component, start, end, status) for each status the incident declared,
    until the next update changed it, the resolving update, or now."""
    end = resolved_at(incident) or now
    held: dict[str, tuple[datetime, ComponentStatus]] = {}
    for update, statuses in statuses_by_update(incident):
        if update.at >= end:
            break
        for ident, status in statuses:
            before = held.get(ident)
            if before is None or before[1] is not status:
                if before is not None:
                    yield ident, before[0], update.at, before[1]
                held[ident] = (update.at, status)
    for ident, (start, status) in held.items():
        yield ident, start, end, status


def in_progress(maintenance: Maintenance, now: datetime) -> Iterator[tuple[datetime, datetime]]:
    """The spans, up to now, in which `phase` says the maintenance is in
    progress.  The phase only changes at the window's ends and at update
    times, so asking it there follows its rules exactly."""
    moments = sorted({maintenance.start, maintenance.end, *(u.at for u in maintenance.updates)})
    begun = None
    for moment in (m for m in moments if m < now):
        running = phase(maintenance, moment) is MaintenancePhase.IN_PROGRESS
        if running and begun is None:
            begun = moment
        elif not running and begun is not None:
            yield begun, moment
            begun = None
    if begun is not None:
        yield begun, now


def _worst_spans(changes: list[tuple[datetime, int, int]]) -> Iterator[Span]:
    """Sweep over (instant, +1/-1, severity): the worst status held between
    consecutive instants, where it is not operational."""
    active = [0] * len(_STATUSES)
    previous = None
    for moment, group in groupby(sorted(changes, key=itemgetter(0)), key=itemgetter(0)):
        if previous is not None:
            worst = next((s for s in range(len(active) - 1, 0, -1) if active[s]), 0)
            if worst:
                yield previous, moment, _STATUSES[worst]
        for _, delta, severity in group:
            active[severity] += delta
        previous = moment
