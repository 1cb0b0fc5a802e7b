"""Where a maintenance stands at an instant."""

from __future__ import annotations

from datetime import datetime

from varde.model import Maintenance, MaintenancePhase, MaintenanceUpdateStatus

_EXPLICIT = {
    MaintenanceUpdateStatus.COMPLETED: MaintenancePhase.COMPLETED,
    MaintenanceUpdateStatus.CANCELLED: MaintenancePhase.CANCELLED,
    MaintenanceUpdateStatus.IN_PROGRESS: MaintenancePhase.IN_PROGRESS,
    MaintenanceUpdateStatus.VERIFYING: MaintenancePhase.IN_PROGRESS,
}


def phase(maintenance: Maintenance, now: datetime) -> MaintenancePhase:
    """The window decides, except that a `completed` or `cancelled` update
    ends it early and an `in_progress`/`verifying` one starts it early."""
    if now >= maintenance.end:
        latest = _latest_explicit(maintenance, now)
        return MaintenancePhase.CANCELLED if latest is MaintenancePhase.CANCELLED else MaintenancePhase.COMPLETED
    latest = _latest_explicit(maintenance, now)
    if latest is not None:
        return latest
    if now >= maintenance.start:
        return MaintenancePhase.IN_PROGRESS
    return MaintenancePhase.SCHEDULED


def _latest_explicit(maintenance: Maintenance, now: datetime) -> MaintenancePhase | None:
    for update in reversed(maintenance.updates):
        if update.at <= now and update.status in _EXPLICIT:
            return _EXPLICIT[update.status]
        if update.at <= now and update.status is MaintenanceUpdateStatus.SCHEDULED:
            return None
    return None
