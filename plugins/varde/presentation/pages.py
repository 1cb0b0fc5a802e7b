"""Which HTML pages an environment gets, and what each one presents.

Pure, like the engine: the generator renders what this returns.  Every page
is a template name, a path relative to the environment's root, and the
values its template shows, all computed here so templates only present.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

from varde.model import Impact, Incident, MaintenancePhase, MaintenanceUpdateStatus
from varde.presentation.build import Build
from varde.presentation.reports import environment_reports
from varde.presentation.uptime import environment_uptime
from varde.status import ComponentState, Snapshot
from varde.status.reports import STATUSES
from varde.status.snapshot import IncidentView, MaintenanceView
from varde.urls import (
    HISTORY,
    REPORTS,
    STILL_INDEX,
    component_path,
    history_year_path,
    incident_path,
    maintenance_path,
    report_path,
)


@dataclass(frozen=True, slots=True)
class Page:
    path: str
    template: str
    #: What its template shows, or a function making that when the page is
    #: rendered: a resolved incident's page is mostly reused, and the index's
    #: and component pages' values are best made after the build forks.
    shows: dict | Callable[[], dict] = field(default_factory=dict)
    #: Everything the page shows besides the site's settings, theme and
    #: catalogue, as values with a stable repr, so a later build can reuse
    #: the page while this is unchanged (reuse.py); None for a page that
    #: shows the present and is rendered at every build.
    depends_on: object = None

    @property
    def values(self) -> dict:
        return self.shows() if callable(self.shows) else self.shows


@dataclass(frozen=True, slots=True)
class HistoryItem:
    """One line of history: an incident or a maintenance."""

    title: str
    path: str
    start: datetime
    #: How long it lasted; None while it goes on, or if it never took place.
    duration: timedelta | None
    ongoing: bool
    impact: Impact | None = None
    phase: MaintenancePhase | None = None


@dataclass(frozen=True, slots=True)
class Month:
    start: datetime
    items: tuple[HistoryItem, ...]


@dataclass(frozen=True, slots=True)
class Year:
    year: int
    months: tuple[Month, ...]


def pages(build: Build, snapshot: Snapshot) -> Iterator[Page]:
    settings = build.settings
    upstream = _upstream_closure(snapshot.components)
    # For each component, those downstream of it: an incident names one or
    # two components, and this spares a scan of all of them per incident.
    downstream: dict[str, set[str]] = {ident: set() for ident in upstream}
    for ident, ups in upstream.items():
        for up in ups:
            downstream.setdefault(up, set()).add(ident)
    present = _Present(build, snapshot)
    yield Page("index.html", "index", present.index)
    if present.refresh_seconds:
        # WCAG 2.2.1: a page that reloads itself offers, before anything
        # else, a way to turn that off: this still copy of the index.
        yield Page(STILL_INDEX, "index", functools.partial(present.index, paused=True))
    for view in snapshot.incidents:
        yield Page(
            incident_path(view.incident.slug),
            "incident",
            functools.partial(_incident_values, snapshot, view, downstream),
            depends_on=None if view.is_open else _published(view.incident),
        )  # resolved: final
    for view in snapshot.maintenances:
        yield Page(
            maintenance_path(view.maintenance.slug),
            "maintenance",
            {
                "view": view,
                "affected": view.maintenance.affected,
            },
            depends_on=(view.maintenance, view.phase),
        )
    for state in snapshot.components:
        yield Page(component_path(state.component.id), "component", functools.partial(present.component, state))
    yield from _report_pages(build, snapshot)
    years = _history(snapshot, settings.timezone)
    newest = years[0].year if years else None
    for year in years or (Year(snapshot.now.year, ()),):
        path = HISTORY if year.year == newest or newest is None else history_year_path(year.year)
        values = {"year": year, "years": [y.year for y in years], "newest": newest}
        yield Page(path, "history", values, depends_on=values)


def _report_pages(build: Build, snapshot: Snapshot) -> Iterator[Page]:
    """A page per month's availability report, the current month's shown
    anew at every build, and the list of them, newest first."""
    reports = environment_reports(build, snapshot)
    for report in reports:
        values = {"report": report, "statuses": STATUSES}
        yield Page(report_path(report.month, "html"), "report", values, None if report.so_far else report)
    months = tuple((report.month, report.start, report.so_far) for report in reversed(reports))
    yield Page(REPORTS, "reports", {"months": months}, depends_on=months)


class _Present:
    """The values of the pages that show the present (the index, component
    pages), made when the first of them is rendered: after the build has
    forked, so the uptime and the component reports are worked out beside
    the other process's work rather than before it.  Each process makes
    them at most once."""

    def __init__(self, build: Build, snapshot: Snapshot) -> None:
        self.build, self.snapshot = build, snapshot
        self.refresh_seconds = build.settings.refresh_seconds if snapshot.open_incidents else None

    @functools.cached_property
    def titles(self) -> dict[str, str]:
        return {view.incident.slug: view.incident.title for view in self.snapshot.incidents}

    @functools.cached_property
    def reports(self) -> dict[str, ComponentReports]:
        return _component_reports(self.snapshot, self.snapshot.now - timedelta(days=self.build.settings.uptime_days))

    def index(self, paused: bool = False) -> dict:
        settings, snapshot = self.build.settings, self.snapshot
        values = {
            "upcoming": snapshot.upcoming(timedelta(days=settings.upcoming_days)),
            "recent": _recently_resolved(snapshot, timedelta(days=settings.recent_days)),
            "refresh_seconds": None if paused else self.refresh_seconds,
            "uptime": environment_uptime(self.build, snapshot),
            "incident_titles": self.titles,
        }
        return {**values, "paused": True} if paused else values

    def component(self, state: ComponentState) -> dict:
        ident, snapshot = state.component.id, self.snapshot
        components = {component.id: component for component in self.build.site.catalog.components}
        listed = self.reports.get(ident, ComponentReports())
        return {
            "state": state,
            "depends_on": [components[i] for i in state.component.depends_on],
            "needed_by": [s.component for s in snapshot.components if ident in s.component.depends_on],
            "incidents": listed.incidents,
            "maintenances": listed.maintenances,
            "earlier": listed.earlier,
            "uptime": environment_uptime(self.build, snapshot)[ident],
            "incident_titles": self.titles,
        }


def _published(incident: Incident) -> object:
    """An incident as published, in short: its source and how much of it is
    out (updates are published oldest first, the postmortem last), or the
    whole incident where it has no source."""
    if not incident.source:
        return incident
    return incident.source, len(incident.updates), incident.postmortem is not None


def _incident_values(snapshot: Snapshot, view: IncidentView, downstream: dict[str, set[str]]) -> dict:
    named = {ident for ident, _ in view.worst_statuses}
    return {
        "view": view,
        "affected": view.worst_statuses,
        "possibly_affected": _in_order(snapshot, set().union(*(downstream.get(i, ()) for i in named)) - named),
        "duration": (view.resolved_at or snapshot.now) - view.started_at,
    }


@dataclass(slots=True)
class ComponentReports:
    """What a component's page lists: the incidents and maintenance of its
    uptime period, and any still open or to come.  Earlier ones are in the
    history; ten years of them on every component page would make each
    grow without end and be rendered at every build."""

    incidents: list[IncidentView] = field(default_factory=list)
    maintenances: list[MaintenanceView] = field(default_factory=list)
    #: Whether the history holds earlier ones.
    earlier: bool = False


def _component_reports(snapshot: Snapshot, since: datetime) -> dict[str, ComponentReports]:
    """Each component's reports since `since`, in the snapshot's order, in
    one pass over the incidents rather than one per component."""
    reports: dict[str, ComponentReports] = {}

    def add(idents: Iterator[str], listed: str, view: object, recent: bool) -> None:
        for ident in dict.fromkeys(idents):
            report = reports.setdefault(ident, ComponentReports())
            if recent:
                getattr(report, listed).append(view)
            else:
                report.earlier = True

    for view in snapshot.incidents:
        add(
            (i for i, _ in view.worst_statuses),
            "incidents",
            view,
            view.resolved_at is None or view.resolved_at >= since,
        )
    for view in snapshot.maintenances:
        add((i for i, _ in view.maintenance.affected), "maintenances", view, view.maintenance.end >= since)
    return reports


def _in_order(snapshot: Snapshot, idents: set[str]) -> list:
    """The components `idents`, in display order."""
    return [state.component for state in snapshot.components if state.component.id in idents] if idents else []


def _recently_resolved(snapshot: Snapshot, within: timedelta) -> tuple[IncidentView, ...]:
    since = snapshot.now - within
    return tuple(v for v in snapshot.incidents if v.resolved_at is not None and v.resolved_at >= since)


def _upstream_closure(states: tuple[ComponentState, ...]) -> dict[str, set[str]]:
    """For each component, every component it depends on, directly or not."""
    depends_on = {s.component.id: s.component.depends_on for s in states}
    closure: dict[str, set[str]] = {}

    def upstream_of(ident: str, seen: frozenset[str] = frozenset()) -> set[str]:
        if ident not in closure:
            found: set[str] = set()
            for up in depends_on.get(ident, ()):
                if up not in seen:
                    found |= {up} | upstream_of(up, seen | {ident})
            closure[ident] = found
        return closure[ident]

    return {ident: upstream_of(ident) for ident in depends_on}


def _history(snapshot: Snapshot, zone: ZoneInfo) -> tuple[Year, ...]:
    """Past and ongoing incidents and maintenance, newest first, by year and
    month: every month from the first one with news to the present, a quiet
    one too, as Statuspage's history shows them, so a reader scanning it
    sees that nothing happened rather than a month missing."""
    items = [_incident_item(v) for v in snapshot.incidents] + [
        _maintenance_item(v) for v in snapshot.maintenances if v.phase is not MaintenancePhase.SCHEDULED
    ]
    if not items:
        return ()
    items.sort(key=lambda item: (item.start, item.path), reverse=True)

    def month_of(moment: datetime) -> tuple[int, int]:
        local = moment.astimezone(zone)
        return local.year, local.month

    by_month = {key: tuple(grouped) for key, grouped in groupby(items, key=lambda item: month_of(item.start))}
    (year, month), first = max(month_of(snapshot.now), month_of(items[0].start)), month_of(items[-1].start)
    months: list[Month] = []
    while (year, month) >= first:
        months.append(Month(datetime(year, month, 1, tzinfo=zone), by_month.get((year, month), ())))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return tuple(Year(year, tuple(grouped)) for year, grouped in groupby(months, key=lambda month: month.start.year))


def _incident_item(view: IncidentView) -> HistoryItem:
    end = view.resolved_at
    return HistoryItem(
        view.incident.title,
        incident_path(view.incident.slug),
        view.started_at,
        end - view.started_at if end else None,
        ongoing=end is None,
        impact=view.impact,
    )


def _maintenance_item(view: MaintenanceView) -> HistoryItem:
    m = view.maintenance
    done = view.phase is MaintenancePhase.COMPLETED
    return HistoryItem(
        m.title,
        maintenance_path(m.slug),
        m.start,
        (_ended_at(view) - m.start) if done else None,
        ongoing=view.phase is MaintenancePhase.IN_PROGRESS,
        phase=view.phase,
    )


def _ended_at(view: MaintenanceView) -> datetime:
    """When the work ended: an early `completed` update, else the window's end."""
    m = view.maintenance
    for update in m.updates:
        if update.status is MaintenanceUpdateStatus.COMPLETED and update.at < m.end:
            return max(update.at, m.start)
    return m.end
