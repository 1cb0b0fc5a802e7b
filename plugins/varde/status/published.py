"""What is public at an instant: nothing dated after it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from varde.model import Incident, Maintenance, UpdateStatus


def postmortem_time(incident: Incident) -> datetime | None:
    """When the postmortem is published: `postmortem_at`, else the resolving
    update's time, else (an unresolved incident) None, meaning "with the incident"."""
    if incident.postmortem_at is not None:
        return incident.postmortem_at
    last = incident.updates[-1] if incident.updates else None
    if last is not None and last.status is UpdateStatus.RESOLVED:
        return last.at
    return None


def published_incident(incident: Incident, now: datetime) -> Incident | None:
    """The incident as it stood at `now`, or None if it had not begun."""
    shown_at = postmortem_time(incident)
    if incident.updates and incident.updates[-1].at <= now and (shown_at is None or shown_at <= now):
        return incident  # all of it: most of a large site's history, so checked first
    updates = tuple(update for update in incident.updates if update.at <= now)
    if not updates:
        return None
    postmortem = incident.postmortem if shown_at is None or shown_at <= now else None
    if updates == incident.updates and postmortem == incident.postmortem:
        return incident
    return replace(incident, updates=updates, postmortem=postmortem)


def published_maintenance(maintenance: Maintenance, now: datetime) -> Maintenance | None:
    """The maintenance as announced by `now`, or None before its announcement."""
    if maintenance.announced is not None and maintenance.announced > now:
        return None
    updates = tuple(update for update in maintenance.updates if update.at <= now)
    if updates == maintenance.updates:
        return maintenance
    return replace(maintenance, updates=updates)
