"""An incident's state, impact and the component statuses it declares.

These take an incident already cut to "now" (see publishing), so they need
no instant of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from varde.model import Affected, ComponentStatus, Impact, Incident, Update, UpdateStatus

_IMPACT_OF = {
    ComponentStatus.OPERATIONAL: Impact.NONE,
    ComponentStatus.UNDER_MAINTENANCE: Impact.NONE,
    ComponentStatus.DEGRADED_PERFORMANCE: Impact.MINOR,
    ComponentStatus.PARTIAL_OUTAGE: Impact.MAJOR,
    ComponentStatus.MAJOR_OUTAGE: Impact.CRITICAL,
}


def state(incident: Incident) -> UpdateStatus:
    """The latest update's status, `update` posts skipped (they keep the state)."""
    for update in reversed(incident.updates):
        if update.status is not UpdateStatus.UPDATE:
            return update.status
    return UpdateStatus.INVESTIGATING


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
