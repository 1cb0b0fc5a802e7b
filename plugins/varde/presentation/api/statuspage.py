"""The JSON of Atlassian Statuspage's public API v2, from a snapshot.

Every object is a dict built in the key order of the real responses (see
docs/api.md and schemas/statuspage/), so clients written for Statuspage,
even those that compare text, read a Varde site unchanged.  Times are in
the site's zone with milliseconds and offset; ids come from ids.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, time
from itertools import chain

from varde.model import (
    Affected,
    Component,
    ComponentStatus,
    Incident,
    Maintenance,
    MaintenancePhase,
    MaintenanceUpdateStatus,
    UpdateStatus,
)
from varde.presentation.api import ids
from varde.presentation.build import Build
from varde.status import Snapshot
from varde.status.changes import JUST_BEFORE, announcement, incident_changes, latest, maintenance_changes
from varde.status.history import status_history
from varde.status.incidents import steps
from varde.status.maintenance import phase
from varde.status.published import published
from varde.status.snapshot import GroupState, IncidentView, MaintenanceView
from varde.urls import absolute, incident_path, maintenance_path

#: The list endpoints give the most recent this many, as Statuspage's do.
LIST_CAP = 50
#: A resolved incident with a published postmortem, in Statuspage's words.
POSTMORTEM = "postmortem"
#: Statuspage's impact of planned work.
MAINTENANCE_IMPACT = "maintenance"

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_DONE = (MaintenancePhase.COMPLETED, MaintenancePhase.CANCELLED)
#: Statuspage's maintenance statuses; it has no "cancelled", so a cancelled
#: maintenance is a completed one (the pages and the calendar say cancelled).
_MAINTENANCE_STATUS = {
    MaintenancePhase.SCHEDULED: "scheduled",
    MaintenancePhase.IN_PROGRESS: "in_progress",
    MaintenancePhase.COMPLETED: "completed",
    MaintenancePhase.CANCELLED: "completed",
}


def api_time(moment: datetime, zone) -> str:
    """2024-06-06T10:57:00.000+02:00: the site's zone, milliseconds, offset."""
    return moment.astimezone(zone).isoformat(timespec="milliseconds")


def dump(body: object) -> str:
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def statuspage_files(build: Build, snapshot: Snapshot) -> dict[str, str]:
    """api/v2/*.json of one environment."""
    return {f"api/v2/{path}": dump(body) for path, body in StatuspageApi(build, snapshot).endpoints().items()}


def maintenance_status(maintenance: Maintenance, moment: datetime) -> str:
    """Statuspage's status of a maintenance at `moment`: its phase, with
    `verifying` while the latest word in progress says so."""
    current = phase(maintenance, moment)
    if current is MaintenancePhase.IN_PROGRESS:
        said = [
            update.status
            for update in maintenance.updates
            if update.at <= moment
            and update.status in (MaintenanceUpdateStatus.IN_PROGRESS, MaintenanceUpdateStatus.VERIFYING)
        ]
        if said and said[-1] is MaintenanceUpdateStatus.VERIFYING:
            return MaintenanceUpdateStatus.VERIFYING.value
    return _MAINTENANCE_STATUS[current]


class StatuspageApi:
    """One environment's API: its page object and the records it lists."""

    def __init__(self, build: Build, snapshot: Snapshot):
        self.settings = build.settings
        self.snapshot = snapshot
        self.now = snapshot.now
        self.zone = build.settings.timezone
        self.prefix = build.prefix(snapshot)
        self.environment = snapshot.environment.id
        self.page_id = ids.page_id(self.settings.site_name, self.environment if self.prefix else None)
        self.history = status_history(build.site, self.now)
        #: This environment's components, in display order.
        self.own: dict[str, Component] = {state.component.id: state.component for state in snapshot.components}
        #: Mirrored components whose upstream report says nothing at now.
        self.unknown = {
            state.component.id: state.reported
            for state in snapshot.components
            if state.reported is not None and not state.reported.known
        }
        self.positions: dict[str, int] = {}
        for number, entry in enumerate(snapshot.groups, 1):
            if entry.group is None:
                self.positions[entry.components[0].component.id] = number
            else:
                self.positions[entry.group.id] = number
                self.positions.update((state.component.id, n) for n, state in enumerate(entry.components, 1))
        #: When the site's published history begins (in any environment):
        #: the created_at of what has no date of its own.
        shown = published(build.site, self.now)
        dated = chain(
            (moment for incident in shown.incidents for moment in incident_changes(incident)),
            map(announcement, shown.maintenances),
        )
        self.origin = min((moment for moment in dated if moment <= self.now), default=_EPOCH)

    # -- helpers -------------------------------------------------------------

    def time(self, moment: datetime | None) -> str | None:
        return None if moment is None else api_time(moment, self.zone)

    def url(self, path: str) -> str:
        return absolute(self.settings.site_url, self.prefix, path)

    # -- the page and its components -----------------------------------------

    def page(self) -> dict:
        changes = [moment for view in self.snapshot.incidents for moment in incident_changes(view.incident)]
        changes += [moment for view in self.snapshot.maintenances for moment in maintenance_changes(view.maintenance)]
        return {
            "id": self.page_id,
            "name": self.settings.site_name,
            "url": self.url("").rstrip("/"),
            "time_zone": self.zone.key,
            "updated_at": self.time(latest(changes, self.now, default=self.origin)),
        }

    def status(self) -> dict:
        return {"indicator": self.snapshot.overall.indicator.value, "description": self.snapshot.overall.description}

    def components(self, at: datetime) -> list[dict]:
        """Statuspage's flat list: each group, then its members, in display order."""
        entries = []
        for entry in self.snapshot.groups:
            if entry.group is not None:
                entries.append(self.group(entry, at))
            entries.extend(self.component(state.component, at) for state in entry.components)
        return entries

    def created_at(self, component: Component) -> datetime:
        if component.since is None:
            return self.origin
        return datetime.combine(component.since, time(0), tzinfo=self.zone)

    def updated_at(self, component: Component, at: datetime) -> datetime:
        """When its status last changed by `at`."""
        return self.history.changed_at(component.id, at) or self.created_at(component)

    def component(self, component: Component, at: datetime) -> dict:
        """A component as it stood at `at`."""
        return self._component_shape(
            ident=ids.component_id(component.id),
            name=component.name,
            status=self.history.status_at(component.id, at),
            created=self.created_at(component),
            updated=self.updated_at(component, at),
            position=self.positions[component.id],
            description=self._description(component, at),
            showcase=True,
            start_date=component.since.isoformat() if component.since else None,
            group_id=ids.group_id(self.environment, component.group) if component.group else None,
            only_show_if_degraded=component.only_show_if_affected,
        )

    def _description(self, component: Component, at: datetime) -> str | None:
        """Statuspage has no `unknown`: such a component is reported
        operational, and its description says the report is stale."""
        report = self.unknown.get(component.id)
        if report is None or at != self.now:
            return component.description
        since = f"since {self.time(report.at)}" if report.at else "yet"
        stale = f"No current report from {report.page.name} {since}: this status is not known."
        return f"{stale} {component.description}" if component.description else stale

    def group(self, entry: GroupState, at: datetime) -> dict:
        """A group is a component whose status is its worst member's."""
        members = [state.component for state in entry.components]
        shape = self._component_shape(
            ident=ids.group_id(self.environment, entry.group.id),
            name=entry.group.name,
            status=max((self.history.status_at(member.id, at) for member in members), key=lambda s: s.severity),
            created=min(self.created_at(member) for member in members),
            updated=max(self.updated_at(member, at) for member in members),
            position=self.positions[entry.group.id],
            description=entry.group.description,
            showcase=False,
            start_date=None,
            group_id=None,
            only_show_if_degraded=False,
        )
        shape["group"] = True
        shape["components"] = [ids.component_id(member.id) for member in members]
        return shape

    def _component_shape(
        self,
        *,
        ident,
        name,
        status,
        created,
        updated,
        position,
        description,
        showcase,
        start_date,
        group_id,
        only_show_if_degraded,
    ) -> dict:
        return {
            "id": ident,
            "name": name,
            "status": status.value,
            "created_at": self.time(created),
            "updated_at": self.time(updated),
            "position": position,
            "description": description,
            "showcase": showcase,
            "start_date": start_date,
            "group_id": group_id,
            "page_id": self.page_id,
            "group": False,
            "only_show_if_degraded": only_show_if_degraded,
        }

    def _components_named(self, affected: Affected, at: datetime) -> list[dict]:
        named = {ident for ident, _ in affected}
        return [self.component(component, at) for ident, component in self.own.items() if ident in named]

    def _affected_components(
        self, before: Mapping[str, ComponentStatus], after: Mapping[str, ComponentStatus]
    ) -> list[dict] | None:
        """What an update changed: null where it changed nothing on this page."""
        rows = [
            {
                "code": ids.component_id(ident),
                "name": self.own[ident].name,
                "old_status": before.get(ident, ComponentStatus.OPERATIONAL).value,
                "new_status": status.value,
            }
            for ident, status in after.items()
            if ident in self.own
        ]
        return rows or None

    # -- incidents and maintenance -------------------------------------------

    def _update(
        self, ident: str, status: str, body: str, record: str, at: datetime, affected: list[dict] | None
    ) -> dict:
        return {
            "id": ident,
            "status": status,
            "body": body,
            "incident_id": record,
            "created_at": self.time(at),
            "updated_at": self.time(at),
            "display_at": self.time(at),
            "affected_components": affected,
            "deliver_notifications": True,
            "custom_tweet": None,
            "tweet_id": None,
        }

    def _record(
        self,
        *,
        ident: str,
        name: str,
        status: str,
        created: datetime,
        updated: datetime,
        monitoring: datetime | None,
        resolved: datetime | None,
        impact: str,
        path: str,
        updates: list[dict],
        components: list[dict],
        **window: datetime,
    ) -> dict:
        record = {
            "id": ident,
            "name": name,
            "status": status,
            "created_at": self.time(created),
            "updated_at": self.time(updated),
            "monitoring_at": self.time(monitoring),
            "resolved_at": self.time(resolved),
            "impact": impact,
            "shortlink": self.url(path),
            "started_at": self.time(created),
            "page_id": self.page_id,
            "incident_updates": updates[::-1],  # newest first
            "components": components,
        }
        record.update((key, self.time(moment)) for key, moment in window.items())
        return record

    def incident(self, view: IncidentView) -> dict:
        incident = view.incident
        monitoring = [update.at for update in incident.updates if update.status is UpdateStatus.MONITORING]
        resolved_with_postmortem = not view.is_open and incident.postmortem is not None
        return self._record(
            ident=ids.incident_id(incident.slug),
            name=incident.title,
            status=POSTMORTEM if resolved_with_postmortem else view.state.value,
            created=view.started_at,
            updated=max(incident_changes(incident)),
            monitoring=monitoring[-1] if monitoring else None,
            resolved=view.resolved_at,
            impact=view.impact.value,
            path=incident_path(incident.slug),
            updates=self.incident_updates(incident),
            # A resolved incident shows its components as they stood when it
            # ended, so its record never changes again.
            components=self._components_named(view.worst_statuses, view.resolved_at or self.now),
        )

    def incident_updates(self, incident: Incident) -> list[dict]:
        """Oldest first.  An `update` post carries the state it keeps, as
        Statuspage's own updates do."""
        record = ids.incident_id(incident.slug)
        return [
            self._update(
                ids.incident_update_id(incident.slug, number),
                step.state.value,
                step.update.text,
                record,
                step.update.at,
                self._affected_components(dict(step.before), dict(step.sets)),
            )
            for number, step in enumerate(steps(incident), 1)
        ]

    def maintenance(self, view: MaintenanceView) -> dict:
        maintenance = view.maintenance
        verifying = [u.at for u in maintenance.updates if u.status is MaintenanceUpdateStatus.VERIFYING]
        resolved = self._maintenance_resolved_at(maintenance) if view.phase in _DONE else None
        return self._record(
            ident=ids.maintenance_id(maintenance.slug),
            name=maintenance.title,
            status=maintenance_status(maintenance, self.now),
            created=announcement(maintenance),
            updated=latest(maintenance_changes(maintenance), self.now, default=announcement(maintenance)),
            monitoring=verifying[-1] if verifying else None,
            resolved=resolved,
            impact=MAINTENANCE_IMPACT,
            path=maintenance_path(maintenance.slug),
            updates=self.maintenance_updates(maintenance),
            components=self._components_named(maintenance.affected, resolved or self.now),
            scheduled_for=maintenance.start,
            scheduled_until=maintenance.end,
        )

    @staticmethod
    def _maintenance_resolved_at(maintenance: Maintenance) -> datetime:
        """When it ended: the update that completed or cancelled it, else the window's end."""
        ending = (MaintenanceUpdateStatus.COMPLETED, MaintenanceUpdateStatus.CANCELLED)
        return next((update.at for update in maintenance.updates if update.status in ending), maintenance.end)

    def maintenance_updates(self, maintenance: Maintenance) -> list[dict]:
        """Oldest first.  Clients read incident_updates[0], and Statuspage's
        first update of a maintenance is its announcement: where the content
        has no `scheduled` update, the announcement is one, dated `announced`
        and saying what the body says."""
        record = ids.maintenance_id(maintenance.slug)
        entries = []
        if not any(update.status is MaintenanceUpdateStatus.SCHEDULED for update in maintenance.updates):
            entries.append(
                self._update(
                    ids.maintenance_update_id(maintenance.slug, 0),
                    "scheduled",
                    maintenance.description,
                    record,
                    announcement(maintenance),
                    None,
                )
            )
        # The statuses it gives while in progress; one it leaves operational changes nothing.
        working = {ident: status for ident, status in maintenance.affected if status is not ComponentStatus.OPERATIONAL}
        idle = dict.fromkeys(working, ComponentStatus.OPERATIONAL)
        for number, update in enumerate(maintenance.updates, 1):
            was = phase(maintenance, update.at - JUST_BEFORE) is MaintenancePhase.IN_PROGRESS
            is_now = phase(maintenance, update.at) is MaintenancePhase.IN_PROGRESS
            affected = None
            if was != is_now:
                affected = self._affected_components(*((idle, working) if is_now else (working, idle)))
            entries.append(
                self._update(
                    ids.maintenance_update_id(maintenance.slug, number),
                    _maintenance_update_status(maintenance, update.status, update.at),
                    update.text,
                    record,
                    update.at,
                    affected,
                )
            )
        return entries

    # -- the endpoints -------------------------------------------------------

    def endpoints(self) -> dict[str, dict]:
        page = self.page()
        status = self.status()
        components = self.components(self.now)
        # Newest first; only the records some endpoint lists are built: a
        # record is the costliest thing here, and most incidents are old.
        incidents = [self.incident(view) for view in self.snapshot.incidents[:LIST_CAP]]
        unresolved = [self.incident(view) for view in self.snapshot.open_incidents]
        records = {view.maintenance.slug: self.maintenance(view) for view in self.snapshot.maintenances}

        def maintenances(views: Iterable[MaintenanceView]) -> list[dict]:
            return [records[view.maintenance.slug] for view in views]

        by_start = self.snapshot.maintenances  # soonest first
        active = self.snapshot.maintenance_in_progress
        upcoming = self.snapshot.maintenance_scheduled
        current = (MaintenancePhase.IN_PROGRESS, MaintenancePhase.SCHEDULED)
        return {
            "summary.json": {
                "page": page,
                "components": components,
                "incidents": unresolved,
                "scheduled_maintenances": maintenances(v for v in by_start if v.phase in current),
                "status": status,
            },
            "status.json": {"page": page, "status": status},
            "components.json": {"page": page, "components": components},
            "incidents.json": {"page": page, "incidents": incidents[:LIST_CAP]},
            "incidents/unresolved.json": {"page": page, "incidents": unresolved},
            "scheduled-maintenances.json": {
                "page": page,
                "scheduled_maintenances": maintenances(reversed(by_start))[:LIST_CAP],
            },
            "scheduled-maintenances/upcoming.json": {"page": page, "scheduled_maintenances": maintenances(upcoming)},
            "scheduled-maintenances/active.json": {"page": page, "scheduled_maintenances": maintenances(active)},
        }


def _maintenance_update_status(maintenance: Maintenance, status: MaintenanceUpdateStatus, at: datetime) -> str:
    """Statuspage has neither `update` (it keeps the status of its moment)
    nor `cancelled` (a cancelled maintenance is completed)."""
    if status is MaintenanceUpdateStatus.UPDATE:
        return maintenance_status(maintenance, at)
    if status is MaintenanceUpdateStatus.CANCELLED:
        return MaintenanceUpdateStatus.COMPLETED.value
    return status.value
