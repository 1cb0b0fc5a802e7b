"""A site's whole state at one instant, per environment: what pages present."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from varde.model import (
    Affected,
    Component,
    ComponentStatus,
    Environment,
    Group,
    Impact,
    Incident,
    Maintenance,
    MaintenancePhase,
    Site,
    UpdateStatus,
)
from varde.status import incidents as incident_rules
from varde.status.components import component_statuses, upstream_problems
from varde.status.maintenance import phase
from varde.status.overall import Overall, overall
from varde.status.published import published
from varde.status.upstream import Reported, reported


@dataclass(frozen=True, slots=True)
class IncidentView:
    #: The incident as published at the snapshot's instant.
    incident: Incident
    state: UpdateStatus
    impact: Impact
    #: Component statuses as of its latest published update.
    statuses: Affected
    #: Every component it has named so far, with the worst status it gave.
    worst_statuses: Affected

    @property
    def is_open(self) -> bool:
        return self.state is not UpdateStatus.RESOLVED

    @property
    def started_at(self) -> datetime:
        return incident_rules.started_at(self.incident)

    @property
    def resolved_at(self) -> datetime | None:
        return incident_rules.resolved_at(self.incident)

    @property
    def latest_update(self):
        return self.incident.updates[-1]


@dataclass(frozen=True, slots=True)
class MaintenanceView:
    maintenance: Maintenance
    phase: MaintenancePhase


@dataclass(frozen=True, slots=True)
class ComponentState:
    component: Component
    status: ComponentStatus
    #: Upstream components that are not operational, nearest first.
    upstream: tuple[Component, ...]
    #: For a component mirrored from another organisation's page: what it says.
    reported: Reported | None = None

    @property
    def visible(self) -> bool:
        return not self.component.only_show_if_affected or self.status is not ComponentStatus.OPERATIONAL


@dataclass(frozen=True, slots=True)
class GroupState:
    """A group and its components, or (group None) one ungrouped component."""

    group: Group | None
    components: tuple[ComponentState, ...]

    @property
    def visible(self) -> tuple[ComponentState, ...]:
        return tuple(state for state in self.components if state.visible)


@dataclass(frozen=True, slots=True)
class Snapshot:
    now: datetime
    environment: Environment
    overall: Overall
    #: In display order (the order of components.yaml).
    components: tuple[ComponentState, ...]
    groups: tuple[GroupState, ...]
    #: Published incidents touching this environment, newest first.
    incidents: tuple[IncidentView, ...]
    #: Published maintenance touching this environment, by window start.
    maintenances: tuple[MaintenanceView, ...]

    @property
    def open_incidents(self) -> tuple[IncidentView, ...]:
        return tuple(view for view in self.incidents if view.is_open)

    @property
    def maintenance_in_progress(self) -> tuple[MaintenanceView, ...]:
        return self._maintenance_in(MaintenancePhase.IN_PROGRESS)

    @property
    def maintenance_scheduled(self) -> tuple[MaintenanceView, ...]:
        return self._maintenance_in(MaintenancePhase.SCHEDULED)

    def _maintenance_in(self, wanted: MaintenancePhase) -> tuple[MaintenanceView, ...]:
        return tuple(view for view in self.maintenances if view.phase is wanted)

    def upcoming(self, within: timedelta) -> tuple[MaintenanceView, ...]:
        """Scheduled maintenance starting within `within` from now."""
        horizon = self.now + within
        return tuple(view for view in self.maintenance_scheduled if view.maintenance.start <= horizon)


def snapshots(site: Site, now: datetime) -> tuple[Snapshot, ...]:
    """The state of every environment of `site` at `now`, main environment first."""
    shown = published(site, now)
    incident_views = sorted(
        map(_incident_view, shown.incidents),
        key=lambda view: (view.started_at, view.incident.slug),
        reverse=True,
    )
    maintenance_views = sorted(
        (MaintenanceView(found, phase(found, now)) for found in shown.maintenances),
        key=lambda view: (view.maintenance.start, view.maintenance.slug),
    )
    statuses = component_statuses(
        site.catalog,
        (view.statuses for view in incident_views if view.is_open),
        (view.maintenance.affected for view in maintenance_views if view.phase is MaintenancePhase.IN_PROGRESS),
    )
    mirrored = reported(site, now)
    statuses.update((ident, report.status) for ident, report in mirrored.items())
    by_id = {component.id: component for component in site.catalog.components}
    upstream = upstream_problems(site.catalog, statuses)
    states = tuple(
        ComponentState(
            component,
            statuses[component.id],
            tuple(by_id[i] for i in upstream[component.id]),
            mirrored.get(component.id),
        )
        for component in site.catalog.components
    )
    main = site.catalog.main_environment.id

    def environments_of(affected: Affected) -> set[str]:
        return {by_id[ident].environment for ident, _ in affected} or {main}

    return tuple(
        _snapshot(
            site,
            now,
            environment,
            states,
            tuple(v for v in incident_views if environment.id in environments_of(v.worst_statuses)),
            tuple(v for v in maintenance_views if environment.id in environments_of(v.maintenance.affected)),
        )
        for environment in site.catalog.environments
    )


def snapshot(site: Site, now: datetime, environment: str | None = None) -> Snapshot:
    """The state of one environment (the main one by default) at `now`."""
    for found in snapshots(site, now):
        if environment is None or found.environment.id == environment:
            return found
    raise KeyError(environment)


def _incident_view(incident: Incident) -> IncidentView:
    worst = incident_rules.worst_statuses(incident)
    return IncidentView(
        incident=incident,
        state=incident_rules.state(incident),
        impact=incident_rules.impact(incident, worst),
        statuses=incident_rules.declared_statuses(incident),
        worst_statuses=worst,
    )


def _snapshot(site, now, environment, states, incidents, maintenances) -> Snapshot:
    own = tuple(state for state in states if state.component.environment == environment.id)
    return Snapshot(
        now=now,
        environment=environment,
        overall=overall([state.status for state in own]),
        components=own,
        groups=_grouped(site, own),
        incidents=incidents,
        maintenances=maintenances,
    )


def _grouped(site: Site, own: tuple[ComponentState, ...]) -> tuple[GroupState, ...]:
    """Groups in file order, at the place of their first component; an
    ungrouped component stands alone where it is listed."""
    groups = {group.id: group for group in site.catalog.groups}
    members: dict[str, list[ComponentState]] = {}
    order: list[GroupState | str] = []
    for state in own:
        ident = state.component.group
        if ident is None:
            order.append(GroupState(None, (state,)))
        elif ident not in members:
            members[ident] = [state]
            order.append(ident)
        else:
            members[ident].append(state)
    return tuple(
        GroupState(groups[entry], tuple(members[entry])) if isinstance(entry, str) else entry for entry in order
    )
