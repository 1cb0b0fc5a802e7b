"""The domain of a status site, as plain immutable data.

Nothing here knows about Pelican, files or the clock: readers build these
objects, the status engine computes from them, presenters show them.  Every
datetime is aware with a fixed UTC offset (see times.py for why).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo


class ComponentStatus(StrEnum):
    """A component's status, in Statuspage's vocabulary, and `unknown`: a
    component mirrored from another organisation's page whose report is
    missing or stale.  Unknown ranks below operational: it never makes
    the page look worse than it is known to be, nor better (it is shown
    as unknown, never as operational)."""

    UNKNOWN = "unknown"
    OPERATIONAL = "operational"
    UNDER_MAINTENANCE = "under_maintenance"
    DEGRADED_PERFORMANCE = "degraded_performance"
    PARTIAL_OUTAGE = "partial_outage"
    MAJOR_OUTAGE = "major_outage"

    @property
    def severity(self) -> int:
        """Rank for "which is worse": planned maintenance is milder than any
        fault an incident declares, so an open incident's status wins over it."""
        return _COMPONENT_SEVERITY[self]


_COMPONENT_SEVERITY = {status: rank for rank, status in enumerate(ComponentStatus)}

#: Statuses a report can give: Statuspage's five (unknown is Varde's own word
#: for having no report).
REPORTED_STATUSES = tuple(s for s in ComponentStatus if s is not ComponentStatus.UNKNOWN)

#: Statuses an incident may give a component (maintenance gives the other one).
INCIDENT_COMPONENT_STATUSES = tuple(s for s in REPORTED_STATUSES if s is not ComponentStatus.UNDER_MAINTENANCE)


class Impact(StrEnum):
    NONE = "none"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def severity(self) -> int:
        return _IMPACT_SEVERITY[self]


_IMPACT_SEVERITY = {impact: rank for rank, impact in enumerate(Impact)}


class UpdateStatus(StrEnum):
    """The state an incident update reports."""

    INVESTIGATING = "investigating"
    IDENTIFIED = "identified"
    MONITORING = "monitoring"
    UPDATE = "update"  # news that keeps the state before it
    RESOLVED = "resolved"


class MaintenanceUpdateStatus(StrEnum):
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    VERIFYING = "verifying"
    UPDATE = "update"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class MaintenancePhase(StrEnum):
    """Where a maintenance stands at an instant."""

    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class Indicator(StrEnum):
    """The page's overall indicator, Statuspage's `status.indicator`."""

    NONE = "none"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"
    MAINTENANCE = "maintenance"


class _Record:
    """Pickled as a call of its constructor.  The build cache keeps tens of
    thousands of these; dataclasses' own pickling of frozen slotted classes
    looks up the fields again for every object (docs/benchmarks.md, "Why
    the code is as it is")."""

    __slots__ = ()

    def __reduce__(self) -> tuple:
        return type(self), _arguments(type(self))(self)


@functools.cache
def _arguments(kind: type) -> Callable[[object], tuple]:
    """A record's constructor arguments, read in one call: attrgetter runs
    in C, and saving the parse cache calls this for every record."""
    get = operator.attrgetter(*kind.__match_args__)
    return get if len(kind.__match_args__) > 1 else lambda record: (get(record),)


@dataclass(frozen=True, slots=True)
class Origin(_Record):
    """Where a piece of content was written, so later checks can point at it."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"


#: Component statuses as written: (component id, status) in file order.
Affected = tuple[tuple[str, ComponentStatus], ...]


@dataclass(frozen=True, slots=True)
class Environment(_Record):
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Group(_Record):
    id: str
    name: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class UpstreamPage(_Record):
    """Another organisation's status page, read through its Statuspage API
    (components.yaml's `upstreams`)."""

    id: str
    name: str
    #: Its summary.json, as `varde upstream fetch` reads it.
    url: str
    #: Where readers are sent: the configured `link`, else the page the API
    #: belongs to.  Never taken from the upstream's own answer.
    link: str


@dataclass(frozen=True, slots=True)
class UpstreamRef(_Record):
    """Which component of an upstream page a component mirrors: by its
    name there, or by its Statuspage id."""

    page: str
    name: str | None = None
    id: str | None = None


@dataclass(frozen=True, slots=True)
class Component(_Record):
    id: str
    name: str
    environment: str
    group: str | None = None
    description: str | None = None
    depends_on: tuple[str, ...] = ()
    only_show_if_affected: bool = False
    since: date | None = None
    #: Set for a component whose status another organisation's page reports.
    upstream: UpstreamRef | None = None


@dataclass(frozen=True, slots=True)
class Update(_Record):
    at: datetime
    status: UpdateStatus
    text: str
    #: Statuses from this update on; components not named keep theirs.
    affected: Affected = ()
    #: False (`notify: false`): published, but sent to no notification channel.
    notify: bool = True


@dataclass(frozen=True, slots=True)
class Incident(_Record):
    slug: str
    title: str
    #: Sorted by time, oldest first.
    updates: tuple[Update, ...]
    affected: Affected = ()
    #: As declared; None means "derive it from the statuses".
    impact: Impact | None = None
    reference: str | None = None
    #: The postmortem in Markdown, or None.
    postmortem: str | None = None
    postmortem_at: datetime | None = None
    origin: Origin = Origin("")
    #: A digest of all the incident was read from (its file's bytes and place,
    #: the time zone, the known components), or "" if not read from a file.
    #: Equal sources give equal incidents, so the build cache compares this
    #: rather than the whole incident, thousands of times per build.
    source: str = ""


@dataclass(frozen=True, slots=True)
class MaintenanceUpdate(_Record):
    at: datetime
    status: MaintenanceUpdateStatus
    text: str
    #: False (`notify: false`): published, but sent to no notification channel.
    notify: bool = True


@dataclass(frozen=True, slots=True)
class Recurrence(_Record):
    """A maintenance window that repeats, as `recurrence:` writes it: an
    RFC 5545 rule, read in the site's zone so a 22:00 window stays at 22:00
    when the clocks change (status/recurrence.py makes the windows)."""

    #: The RRULE value as written, e.g. FREQ=WEEKLY;BYDAY=TU.
    rule: str
    #: The first window's start.
    start: datetime
    duration: timedelta
    #: The site's zone, where the rule's wall-clock times are.
    zone: ZoneInfo
    #: No window starts after this.
    until: datetime | None = None


@dataclass(frozen=True, slots=True)
class Maintenance(_Record):
    slug: str
    title: str
    start: datetime
    end: datetime
    affected: Affected
    #: Markdown: what will happen and what users will notice.
    description: str = ""
    announced: datetime | None = None
    reference: str | None = None
    #: Sorted by time, oldest first.
    updates: tuple[MaintenanceUpdate, ...] = ()
    origin: Origin = Origin("")
    #: A repeating maintenance: start and end are then its first window.
    recurrence: Recurrence | None = None
    #: For one window of a repeating maintenance: the slug of the file it
    #: comes from (its own slug adds the window's date).
    series: str | None = None


@dataclass(frozen=True, slots=True)
class Catalog(_Record):
    """What the site reports on: content/components.yaml."""

    environments: tuple[Environment, ...]
    groups: tuple[Group, ...]
    components: tuple[Component, ...]
    upstreams: tuple[UpstreamPage, ...] = ()

    @property
    def mirrored(self) -> frozenset[str]:
        """Ids of the components whose status an upstream page reports."""
        return frozenset(component.id for component in self.components if component.upstream is not None)

    @property
    def main_environment(self) -> Environment:
        return self.environments[0]


#: How old an upstream report may be before it says nothing (VARDE_UPSTREAM_MAX_AGE).
UPSTREAM_MAX_AGE = timedelta(minutes=30)


@dataclass(frozen=True, slots=True)
class ReportedComponent(_Record):
    """A component as an upstream page reported it."""

    id: str
    name: str
    status: ComponentStatus


@dataclass(frozen=True, slots=True)
class ReportedNotice(_Record):
    """An unresolved incident or a maintenance under way, as an upstream
    page reported it: shown by name, linked to that page."""

    name: str
    #: Its state in the upstream's words (investigating, in_progress, ...).
    status: str
    impact: Impact
    maintenance: bool
    #: The upstream component ids it names.
    components: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Observation(_Record):
    """What one fetch saw: the upstream components that were not
    operational.  Uptime counts an upstream outage only from these."""

    at: datetime
    statuses: tuple[tuple[str, ComponentStatus], ...]


@dataclass(frozen=True, slots=True)
class UpstreamReport(_Record):
    """An upstream page's latest snapshot (upstream/<page id>.json)."""

    page: str
    fetched_at: datetime
    components: tuple[ReportedComponent, ...]
    notices: tuple[ReportedNotice, ...]
    #: Every fetch kept, oldest first (the latest one included).
    observations: tuple[Observation, ...] = ()


@dataclass(frozen=True, slots=True)
class Site(_Record):
    catalog: Catalog
    incidents: tuple[Incident, ...]
    maintenances: tuple[Maintenance, ...]
    #: The upstream pages' latest snapshots, one per page that has one.
    reports: tuple[UpstreamReport, ...] = ()
    #: A report older than this at "now" says nothing: its components are unknown.
    upstream_max_age: timedelta = UPSTREAM_MAX_AGE
