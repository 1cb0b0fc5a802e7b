"""An incident's state, impact and the component statuses it declares.

These take an incident already cut to "now" (see publishing), so they need
no instant of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from varde.model import Affected, ComponentStatus, Impact, Incident, Update, UpdateStatus

_IMPACT_OF = {
    ComponentStatus.OPERATIONAL: Impact.NONE,
    ComponentStatus.UNDER_MAINTENANCE: Impact.NONE,
    ComponentStatus.DEGRADED_PERFORMANCE: Impact.MINOR,
    ComponentStatus.PARTIAL_OUTAGE: Impact.MAJOR,
    ComponentStatus.MAJOR_OUTAGE: Impact.CRITICAL,
}


@dataclass(frozen=True, slots=True)
class Step:
    """One update and what it did to the incident."""

    update: Update
    #: The incident's state from this update on.
    state: UpdateStatus
    #: Each component's status as declared before this update.
    before: Affected
    #: The statuses this update puts in place: those it names (the first one
    #: the incident's `affected` too), or, resolving, every one back to operational.
    sets: Affected


def state(incident: Incident) -> UpdateStatus:
    """The latest update's status, `update` posts skipped (they keep the state)."""
    current = UpdateStatus.INVESTIGATING
    for update in incident.updates:
        current = _state_after(update, current)
    return current


def steps(incident: Incident) -> Iterator[Step]:
    """Each update, oldest first, with the state and the statuses it left."""
    current = UpdateStatus.INVESTIGATING
    before: Affected = ()
    for number, (update, declared) in enumerate(statuses_by_update(incident)):
        current = _state_after(update, current)
        if update.status is UpdateStatus.RESOLVED:
            sets = tuple((ident, ComponentStatus.OPERATIONAL) for ident, _ in declared)
        else:
            sets = tuple((dict(incident.affected) | dict(update.affected)).items()) if number == 0 else update.affected
        yield Step(update, current, before, sets)
        before = declared


def _state_after(update: Update, before: UpdateStatus) -> UpdateStatus:
    return before if update.status is UpdateStatus.UPDATE else update.status


def is_open(incident: Incident) -> bool:
    return state(incident) is not UpdateStatus.RESOLVED


def declared_statuses(incident: Incident) -> Affected:
    """Each component's status as of the incident's latest update."""
    current = dict(incident.affected)
    for update in incident.updates:
        current.update(update.affected)
    return tuple(current.items())


def statuses_by_update(incident: Incident) -> Iterator[tuple[Update, Affected]]:
    """Each update with the component statuses that hold from it on.

    The incident's `affected` holds from its start; an update's `affected`
    replaces the statuses it names from then on.
    """
    current = dict(incident.affected)
    for update in incident.updates:
        current.update(update.affected)
        yield update, tuple(current.items())


def worst_statuses(incident: Incident) -> Affected:
    """Each component's worst status at any point of the incident so far."""
    worst: dict[str, ComponentStatus] = {}
    for affected in (incident.affected, *(update.affected for update in incident.updates)):
        for ident, status in affected:
            if ident not in worst or status.severity > worst[ident].severity:
                worst[ident] = status
    return tuple(worst.items())


def impact(incident: Incident, worst: Affected | None = None) -> Impact:
    """As declared, else from the worst status the incident has given
    (`worst`, if the caller has it already)."""
    if incident.impact is not None:
        return incident.impact
    return max(
        (_IMPACT_OF[status] for _, status in (worst_statuses(incident) if worst is None else worst)),
        key=lambda found: found.severity,
        default=Impact.NONE,
    )


def started_at(incident: Incident) -> datetime:
    return incident.updates[0].at


def resolved_at(incident: Incident) -> datetime | None:
    last = incident.updates[-1]
    return last.at if last.status is UpdateStatus.RESOLVED else None


def duration(incident: Incident, now: datetime) -> timedelta:
    """How long it lasted, or has lasted so far."""
    return (resolved_at(incident) or now) - started_at(incident)
