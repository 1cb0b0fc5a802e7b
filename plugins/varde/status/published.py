"""What is public at an instant: nothing dated after it.

Every part of a build that reads the site at its instant (the snapshots,
the status history, the uptime, the API's dates) reads it through
`published`, so they cannot differ on what had been published by then.
A repeating maintenance is published as its windows (status/recurrence.py),
so none of them needs to know that windows repeat.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from varde.model import Incident, Maintenance, Site, UpdateStatus
from varde.status.recurrence import occurrences


def published(site: Site, now: datetime) -> Site:
    """`site` as it stood at `now`: its incidents and maintenance cut to what
    had been published by then, those not yet begun left out, a repeating
    maintenance as its windows; the very same site where nothing is cut (a
    site already cut to `now`, most rebuilds' history)."""
    incidents = tuple(found for incident in site.incidents if (found := published_incident(incident, now)))
    maintenances = tuple(
        window
        for m in site.maintenances
        if (found := published_maintenance(m, now))
        for window in occurrences(found, now)
    )
    if _same(incidents, site.incidents) and _same(maintenances, site.maintenances):
        return site
    return replace(site, incidents=incidents, maintenances=maintenances)


def _same(cut: tuple, whole: tuple) -> bool:
    return len(cut) == len(whole) and all(a is b for a, b in zip(cut, whole))


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
