"""The status engine on the `healthnet` test site: what a reader of the
status page sees at chosen instants, with every expected value written by
hand from the content files and the content-format contract."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from support import SITES

from varde.model import ComponentStatus, MaintenancePhase, UpdateStatus
from varde.parsing import load_site
from varde.status import snapshot, snapshots

OSLO = ZoneInfo("Europe/Oslo")

OP = ComponentStatus.OPERATIONAL
UM = ComponentStatus.UNDER_MAINTENANCE
DEG = ComponentStatus.DEGRADED_PERFORMANCE
PART = ComponentStatus.PARTIAL_OUTAGE
MAJ = ComponentStatus.MAJOR_OUTAGE

MAIN_COMPONENTS = (
    "network",
    "login",
    "portal",
    "record",
    "messaging",
    "catalogue",
    "prescribing",
    "customer-portal",
    "docstore",
)

NETWORK_FAULT = "2026-03-12-network-fault"
PRESCRIBING = "2026-04-08-prescribing-data"
PORTAL_UPGRADE = "2026-05-20-customer-portal-upgrade"
DOCSTORE_UPGRADE = "2026-06-10-docstore-upgrade"
DOCSTORE_CRASH = "2026-06-10-docstore-crash"
DOCSTORE_QUESTION = "2026-06-10-docstore-question"
TEST_LOGIN = "2026-07-01-test-login"
RECORD_DST = "2026-10-25-record-dst-night"
MESSAGING_DST = "2026-10-25-messaging-dst-night"

ALL_OK = ("none", "All Systems Operational")


@pytest.fixture(scope="module")
def site():
    return load_site(SITES / "healthnet" / "content", OSLO)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def utc(moment: datetime) -> datetime:
    """For comparing instants: `==` between zones is False for any time in a
    repeated (fall-back) hour, so compare in UTC."""
    return moment.astimezone(UTC)


def statuses(snap) -> dict[str, ComponentStatus]:
    return {state.component.id: state.status for state in snap.components}


def not_operational(snap) -> dict[str, ComponentStatus]:
    return {ident: status for ident, status in statuses(snap).items() if status is not OP}


def upstream(snap) -> dict[str, tuple[str, ...]]:
    return {state.component.id: tuple(c.id for c in state.upstream) for state in snap.components}


def overall(snap) -> tuple[str, str]:
    return (snap.overall.indicator.value, snap.overall.description)


def incident(snap, slug):
    found = [view for view in snap.incidents if view.incident.slug == slug]
    assert len(found) <= 1
    return found[0] if found else None


def maintenance(snap, slug):
    found = [view for view in snap.maintenances if view.maintenance.slug == slug]
    assert len(found) <= 1
    return found[0] if found else None


# --- a. cascading outage: network fault → login down → its dependants ---------

#: What the page shows in each stretch of the incident (from the file).
STRETCHES = {
    "before": dict(
        statuses={},
        overall=ALL_OK,
        upstream={},
    ),
    "open": dict(
        statuses={"network": MAJ, "login": MAJ, "portal": PART, "record": DEG, "messaging": DEG},
        overall=("major", "Partial System Outage"),
        upstream={
            "login": ("network",),
            "portal": ("login", "network"),
            "record": ("login", "network"),
            "messaging": ("login", "network"),
        },
    ),
    "eased": dict(
        statuses={"login": DEG, "portal": PART, "record": DEG, "messaging": DEG},
        overall=("minor", "Minor Service Outage"),
        upstream={"portal": ("login",), "record": ("login",), "messaging": ("login",)},
    ),
    "after": dict(
        statuses={},
        overall=ALL_OK,
        upstream={},
    ),
}

#: (now, the incident's state or None when unpublished, stretch, updates shown)
CASCADE = [
    ("2026-03-12T08:04:59+01:00", None, "before", 0),
    ("2026-03-12T08:05+01:00", UpdateStatus.INVESTIGATING, "open", 1),
    ("2026-03-12T08:06+01:00", UpdateStatus.INVESTIGATING, "open", 1),
    ("2026-03-12T08:22:30+01:00", UpdateStatus.INVESTIGATING, "open", 1),
    ("2026-03-12T08:39:59+01:00", UpdateStatus.INVESTIGATING, "open", 1),
    ("2026-03-12T08:40+01:00", UpdateStatus.IDENTIFIED, "open", 2),
    ("2026-03-12T08:41+01:00", UpdateStatus.IDENTIFIED, "open", 2),
    ("2026-03-12T09:27:30+01:00", UpdateStatus.IDENTIFIED, "open", 2),
    ("2026-03-12T10:14:59+01:00", UpdateStatus.IDENTIFIED, "open", 2),
    ("2026-03-12T10:15+01:00", UpdateStatus.MONITORING, "eased", 3),
    ("2026-03-12T10:16+01:00", UpdateStatus.MONITORING, "eased", 3),
    ("2026-03-12T10:42:30+01:00", UpdateStatus.MONITORING, "eased", 3),
    ("2026-03-12T11:09:59+01:00", UpdateStatus.MONITORING, "eased", 3),
    ("2026-03-12T11:10+01:00", UpdateStatus.RESOLVED, "after", 4),
    ("2026-03-12T11:11+01:00", UpdateStatus.RESOLVED, "after", 4),
    ("2026-03-13T12:00+01:00", UpdateStatus.RESOLVED, "after", 4),
]
CASCADE_IDS = [row[0][11:] if row[0].startswith("2026-03-12") else row[0] for row in CASCADE]
UPDATE_TIMES = ["2026-03-12T08:05+01:00", "2026-03-12T08:40+01:00", "2026-03-12T10:15+01:00", "2026-03-12T11:10+01:00"]


@pytest.mark.parametrize("now, state, stretch, shown", CASCADE, ids=CASCADE_IDS)
def test_cascade_incident_state(site, now, state, stretch, shown):
    """The network-fault incident appears at its first update and shows the state of its latest update so far."""
    view = incident(snapshot(site, at(now)), NETWORK_FAULT)
    if state is None:
        assert view is None
        return
    assert view is not None
    assert view.state is state
    assert view.is_open is (state is not UpdateStatus.RESOLVED)
    assert len(view.incident.updates) == shown
    assert view.latest_update.at == at(UPDATE_TIMES[shown - 1])
    assert view.started_at == at("2026-03-12T08:05+01:00")
    assert view.resolved_at == (at("2026-03-12T11:10+01:00") if state is UpdateStatus.RESOLVED else None)
    assert view.impact.value == "critical"  # worst status given: major_outage


@pytest.mark.parametrize("now, state, stretch, shown", CASCADE, ids=CASCADE_IDS)
def test_cascade_component_statuses(site, now, state, stretch, shown):
    """Components show the statuses the incident declares, eased at the monitoring update and all operational once resolved."""
    snap = snapshot(site, at(now))
    assert [state.component.id for state in snap.components] == list(MAIN_COMPONENTS)
    assert not_operational(snap) == STRETCHES[stretch]["statuses"]


@pytest.mark.parametrize("now, state, stretch, shown", CASCADE, ids=CASCADE_IDS)
def test_cascade_overall(site, now, state, stretch, shown):
    """The page banner follows the worst component status during the cascade."""
    assert overall(snapshot(site, at(now))) == STRETCHES[stretch]["overall"]


@pytest.mark.parametrize("now, state, stretch, shown", CASCADE, ids=CASCADE_IDS)
def test_cascade_upstream(site, now, state, stretch, shown):
    """Each component names its troubled upstream components, nearest first, and only while they are not operational."""
    expected = {ident: () for ident in MAIN_COMPONENTS} | STRETCHES[stretch]["upstream"]
    assert upstream(snapshot(site, at(now))) == expected


@pytest.mark.parametrize("now, state, stretch, shown", CASCADE, ids=CASCADE_IDS)
def test_cascade_open_incidents(site, now, state, stretch, shown):
    """The incident is listed as open exactly while it is published and not resolved."""
    open_slugs = [view.incident.slug for view in snapshot(site, at(now)).open_incidents]
    assert open_slugs == ([NETWORK_FAULT] if stretch in ("open", "eased") else [])


def test_cascade_incident_statuses_view(site):
    """The incident's own status list follows its updates: as written at first, eased (network operational) after monitoring."""
    first = incident(snapshot(site, at("2026-03-12T09:00+01:00")), NETWORK_FAULT)
    assert dict(first.statuses) == {"network": MAJ, "login": MAJ, "portal": PART, "record": DEG, "messaging": DEG}
    eased = incident(snapshot(site, at("2026-03-12T10:30+01:00")), NETWORK_FAULT)
    assert dict(eased.statuses) == {"network": OP, "login": DEG, "portal": PART, "record": DEG, "messaging": DEG}
    assert dict(eased.worst_statuses) == {"network": MAJ, "login": MAJ, "portal": PART, "record": DEG, "messaging": DEG}


def test_upstream_never_changes_own_status(site):
    """A dependant of a broken component keeps the status its incident gives it (or operational), never an inherited one."""
    snap = snapshot(site, at("2026-03-12T09:00+01:00"))
    by_id = {state.component.id: state for state in snap.components}
    # portal depends on login (major_outage) but is declared partial_outage only.
    assert by_id["portal"].status is PART
    assert [c.id for c in by_id["portal"].upstream] == ["login", "network"]
    # After monitoring: login degraded, network operational; record stays degraded, not worse.
    later = {s.component.id: s for s in snapshot(site, at("2026-03-12T10:30+01:00")).components}
    assert later["record"].status is DEG
    assert [c.id for c in later["record"].upstream] == ["login"]


# --- b. nightly data job: `update` posts keep the state; postmortem later -----

#: (now, state or None, prescribing's status, derived impact, overall)
NIGHTLY = [
    ("2026-04-08T02:09+02:00", None, OP, None, ALL_OK),
    ("2026-04-08T02:10+02:00", UpdateStatus.INVESTIGATING, DEG, "minor", ("minor", "Partially Degraded Service")),
    ("2026-04-08T03:00+02:00", UpdateStatus.IDENTIFIED, DEG, "minor", ("minor", "Partially Degraded Service")),
    ("2026-04-08T03:29+02:00", UpdateStatus.IDENTIFIED, DEG, "minor", ("minor", "Partially Degraded Service")),
    ("2026-04-08T03:30+02:00", UpdateStatus.IDENTIFIED, PART, "major", ("minor", "Minor Service Outage")),
    ("2026-04-08T04:15+02:00", UpdateStatus.IDENTIFIED, PART, "major", ("minor", "Minor Service Outage")),
    ("2026-04-08T05:00+02:00", UpdateStatus.IDENTIFIED, PART, "major", ("minor", "Minor Service Outage")),
    ("2026-04-08T05:59+02:00", UpdateStatus.IDENTIFIED, PART, "major", ("minor", "Minor Service Outage")),
    ("2026-04-08T06:00+02:00", UpdateStatus.RESOLVED, OP, "major", ALL_OK),
    ("2026-04-09T13:00+02:00", UpdateStatus.RESOLVED, OP, "major", ALL_OK),
]


@pytest.mark.parametrize("now, state, status, impact, banner", NIGHTLY, ids=[row[0] for row in NIGHTLY])
def test_nightly_job(site, now, state, status, impact, banner):
    """`update` posts keep the state; their `affected` moves prescribing to partial outage and the derived impact to major."""
    snap = snapshot(site, at(now))
    view = incident(snap, PRESCRIBING)
    assert (view.state if view else None) is state
    assert not_operational(snap) == ({} if status is OP else {"prescribing": status})
    assert (view.impact.value if view else None) == impact
    assert overall(snap) == banner
    # prescribing depends on catalogue, which stays operational: nothing upstream.
    assert upstream(snap)["prescribing"] == ()


def test_nightly_update_posts_are_published(site):
    """Each `update` post is shown as news with its own status, while the incident keeps its state."""
    view = incident(snapshot(site, at("2026-04-08T05:30+02:00")), PRESCRIBING)
    assert [u.status.value for u in view.incident.updates] == [
        "investigating",
        "identified",
        "update",
        "update",
        "update",
    ]
    assert view.latest_update.status is UpdateStatus.UPDATE
    assert view.state is UpdateStatus.IDENTIFIED


POSTMORTEM_TIMES = [
    ("2026-04-08T03:30+02:00", False),  # still open
    ("2026-04-08T06:00+02:00", False),  # resolved, postmortem_at not reached
    ("2026-04-09T11:59:59+02:00", False),
    ("2026-04-09T12:00+02:00", True),
    ("2026-04-20T12:00+02:00", True),
]


@pytest.mark.parametrize("now, shown", POSTMORTEM_TIMES, ids=[row[0] for row in POSTMORTEM_TIMES])
def test_postmortem_published_at_postmortem_at(site, now, shown):
    """The postmortem is hidden until its `postmortem_at` time and shown, as written, from then on."""
    view = incident(snapshot(site, at(now)), PRESCRIBING)
    if not shown:
        assert view.incident.postmortem is None
    else:
        body = view.incident.postmortem
        assert body.startswith("## What happened\n\nThe nightly import of drug data")
        assert "**overloaded**" in body
        assert body.endswith("- A restarted import runs with a lower priority.")
    assert view.incident.postmortem_at == at("2026-04-09T12:00+02:00")


# --- c. maintenance of the customer portal, completed early ------------------

#: (now, phase or None when unpublished, customer-portal status, overall)
PORTAL_WINDOW = [
    ("2026-05-15T08:59+02:00", None, OP, ALL_OK),
    ("2026-05-15T09:00+02:00", MaintenancePhase.SCHEDULED, OP, ALL_OK),
    ("2026-05-20T15:59+02:00", MaintenancePhase.SCHEDULED, OP, ALL_OK),
    ("2026-05-20T16:00+02:00", MaintenancePhase.IN_PROGRESS, UM, ("maintenance", "Service Under Maintenance")),
    ("2026-05-20T17:19+02:00", MaintenancePhase.IN_PROGRESS, UM, ("maintenance", "Service Under Maintenance")),
    ("2026-05-20T17:20+02:00", MaintenancePhase.COMPLETED, OP, ALL_OK),
    ("2026-05-20T17:21+02:00", MaintenancePhase.COMPLETED, OP, ALL_OK),
    ("2026-05-20T18:00+02:00", MaintenancePhase.COMPLETED, OP, ALL_OK),
    ("2026-05-21T09:00+02:00", MaintenancePhase.COMPLETED, OP, ALL_OK),
]


@pytest.mark.parametrize("now, phase, status, banner", PORTAL_WINDOW, ids=[row[0] for row in PORTAL_WINDOW])
def test_portal_maintenance(site, now, phase, status, banner):
    """Announced maintenance is scheduled, then in progress (component under maintenance), then done at the `completed` update."""
    snap = snapshot(site, at(now))
    view = maintenance(snap, PORTAL_UPGRADE)
    assert (view.phase if view else None) is phase
    assert statuses(snap)["customer-portal"] is status
    assert not_operational(snap) == ({} if status is OP else {"customer-portal": status})
    assert overall(snap) == banner
    in_progress = [v.maintenance.slug for v in snap.maintenance_in_progress]
    scheduled = [v.maintenance.slug for v in snap.maintenance_scheduled]
    assert (PORTAL_UPGRADE in in_progress) is (phase is MaintenancePhase.IN_PROGRESS)
    assert (PORTAL_UPGRADE in scheduled) is (phase is MaintenancePhase.SCHEDULED)


@pytest.mark.parametrize(
    "now, within, listed",
    [
        ("2026-05-15T09:00+02:00", timedelta(days=14), True),
        ("2026-05-15T09:00+02:00", timedelta(days=3), False),  # starts 5 days 7 hours later
        ("2026-05-17T16:00+02:00", timedelta(days=3), True),
        ("2026-05-20T15:59+02:00", timedelta(days=14), True),
        ("2026-05-20T16:00+02:00", timedelta(days=14), False),  # in progress, no longer upcoming
        ("2026-05-15T08:59+02:00", timedelta(days=14), False),  # not announced yet
    ],
)
def test_portal_maintenance_upcoming(site, now, within, listed):
    """Scheduled maintenance is listed as upcoming only when it starts within the horizon."""
    upcoming = [v.maintenance.slug for v in snapshot(site, at(now)).upcoming(within)]
    assert (PORTAL_UPGRADE in upcoming) is listed


def test_portal_maintenance_updates_after_now_left_out(site):
    """The `completed` update is not shown before 17:20 and shown from then on."""
    before = maintenance(snapshot(site, at("2026-05-20T17:19+02:00")), PORTAL_UPGRADE)
    assert before.maintenance.updates == ()
    after = maintenance(snapshot(site, at("2026-05-20T17:20+02:00")), PORTAL_UPGRADE)
    assert [(u.at, u.status.value) for u in after.maintenance.updates] == [(at("2026-05-20T17:20+02:00"), "completed")]


# --- d. a window across the end of summer time ------------------------------


def test_dst_window_times(site):
    """A window from 01:00 to 04:00 the night summer time ends starts at +02:00, ends at +01:00 and lasts four hours."""
    view = maintenance(snapshot(site, at("2026-10-24T12:00+02:00")), RECORD_DST)
    start, end = view.maintenance.start, view.maintenance.end
    assert start.utcoffset() == timedelta(hours=2)
    assert end.utcoffset() == timedelta(hours=1)
    assert utc(start) == at("2026-10-24T23:00+00:00")
    assert utc(end) == at("2026-10-25T03:00+00:00")
    assert end - start == timedelta(hours=4)


@pytest.mark.parametrize(
    "now, phase, status",
    [
        (at("2026-10-25T00:59+02:00"), MaintenancePhase.SCHEDULED, OP),
        (at("2026-10-25T01:00+02:00"), MaintenancePhase.IN_PROGRESS, UM),
        (at("2026-10-25T02:30+02:00"), MaintenancePhase.IN_PROGRESS, UM),  # the first 02:30
        (at("2026-10-25T02:30+01:00"), MaintenancePhase.IN_PROGRESS, UM),  # the second 02:30
        (datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=OSLO), MaintenancePhase.IN_PROGRESS, UM),
        (at("2026-10-25T03:59+01:00"), MaintenancePhase.IN_PROGRESS, UM),
        (at("2026-10-25T04:00+01:00"), MaintenancePhase.COMPLETED, OP),
        (datetime(2026, 10, 25, 4, 0, tzinfo=OSLO), MaintenancePhase.COMPLETED, OP),
    ],
    ids=str,
)
def test_dst_window_phase(site, now, phase, status):
    """The fall-back night's window is in progress through both 02:30s and done at 04:00 CET."""
    snap = snapshot(site, now)
    assert maintenance(snap, RECORD_DST).phase is phase
    assert statuses(snap)["record"] is status


@pytest.mark.parametrize(
    "now, state, shown",
    [
        ("2026-10-25T02:19+02:00", None, 0),
        ("2026-10-25T02:25+02:00", UpdateStatus.INVESTIGATING, 1),  # the first 02:25
        ("2026-10-25T02:05+01:00", UpdateStatus.INVESTIGATING, 1),  # the second 02:05, 45 min later
        ("2026-10-25T02:15+01:00", UpdateStatus.IDENTIFIED, 2),
        ("2026-10-25T03:30+01:00", UpdateStatus.RESOLVED, 3),
    ],
)
def test_dst_incident_updates_in_real_time_order(site, now, state, shown):
    """Updates in the repeated hour are ordered by the instant they were posted, not by wall-clock time."""
    view = incident(snapshot(site, at(now)), MESSAGING_DST)
    assert (view.state if view else None) is state
    if view is None:
        return
    assert len(view.incident.updates) == shown
    assert [utc(u.at) for u in view.incident.updates] == [
        at("2026-10-25T00:20+00:00"),
        at("2026-10-25T01:10+00:00"),
        at("2026-10-25T02:30+00:00"),
    ][:shown]
    assert utc(view.started_at) == at("2026-10-25T00:20+00:00")


# --- e. an open incident against maintenance --------------------------------

#: (now, docstore status, overall, open incident slugs)
DOCSTORE_NIGHT = [
    ("2026-06-10T19:59+02:00", OP, ALL_OK, []),
    ("2026-06-10T20:30+02:00", UM, ("maintenance", "Service Under Maintenance"), []),
    ("2026-06-10T21:00+02:00", MAJ, ("major", "Partial System Outage"), [DOCSTORE_CRASH]),
    ("2026-06-10T21:15+02:00", MAJ, ("major", "Partial System Outage"), [DOCSTORE_CRASH]),
    ("2026-06-10T21:30+02:00", UM, ("maintenance", "Service Under Maintenance"), []),
    ("2026-06-10T22:00+02:00", UM, ("maintenance", "Service Under Maintenance"), [DOCSTORE_QUESTION]),
    ("2026-06-10T22:15+02:00", UM, ("maintenance", "Service Under Maintenance"), [DOCSTORE_QUESTION]),
    ("2026-06-10T22:30+02:00", UM, ("maintenance", "Service Under Maintenance"), []),
    ("2026-06-10T23:00+02:00", OP, ALL_OK, []),
]


@pytest.mark.parametrize("now, status, banner, open_slugs", DOCSTORE_NIGHT, ids=[r[0] for r in DOCSTORE_NIGHT])
def test_incident_against_maintenance(site, now, status, banner, open_slugs):
    """During maintenance an open incident's major outage wins, and an incident saying `operational` does not lift the maintenance."""
    snap = snapshot(site, at(now))
    assert not_operational(snap) == ({} if status is OP else {"docstore": status})
    assert overall(snap) == banner
    assert [v.incident.slug for v in snap.open_incidents] == open_slugs


def test_incident_during_maintenance_keeps_maintenance_running(site):
    """An incident during a window does not end the window: the maintenance stays in progress."""
    snap = snapshot(site, at("2026-06-10T21:15+02:00"))
    assert maintenance(snap, DOCSTORE_UPGRADE).phase is MaintenancePhase.IN_PROGRESS
    assert [v.maintenance.slug for v in snap.maintenance_in_progress] == [DOCSTORE_UPGRADE]


# --- f. publishing: nothing dated after now ---------------------------------


def test_update_after_now_left_out(site):
    """An update dated after now is not shown, nor its state, nor the statuses it sets."""
    snap = snapshot(site, at("2026-03-12T10:14+01:00"))
    view = incident(snap, NETWORK_FAULT)
    assert [u.status.value for u in view.incident.updates] == ["investigating", "identified"]
    assert view.state is UpdateStatus.IDENTIFIED
    assert statuses(snap)["login"] is MAJ
    assert statuses(snap)["network"] is MAJ


def test_incident_before_first_update_absent_everywhere(site):
    """An incident whose first update is after now is on no environment's page."""
    for snap in snapshots(site, at("2026-03-12T08:04+01:00")):
        assert NETWORK_FAULT not in [v.incident.slug for v in snap.incidents]
    assert [v.incident.slug for v in snapshot(site, at("2026-03-12T08:04+01:00")).incidents] == []


def test_maintenance_without_announced_published_long_before(site):
    """Maintenance without `announced` is published at any time before its window, as scheduled."""
    snap = snapshot(site, at("2026-01-01T00:00+01:00"))
    assert [(v.maintenance.slug, v.phase) for v in snap.maintenances] == [(RECORD_DST, MaintenancePhase.SCHEDULED)]
    assert statuses(snap)["record"] is OP
    assert overall(snap) == ALL_OK
    assert [v.maintenance.slug for v in snap.upcoming(timedelta(days=14))] == []


def test_announced_maintenance_hidden_before_announcement(site):
    """Maintenance with `announced` is not published before that time, even though its window is known."""
    snap = snapshot(site, at("2026-05-01T12:00+02:00"))
    assert [v.maintenance.slug for v in snap.maintenances] == [RECORD_DST]


def test_incidents_newest_first(site):
    """The page lists published incidents newest first."""
    snap = snapshot(site, at("2026-12-01T12:00+01:00"))
    assert [v.incident.slug for v in snap.incidents] == [
        MESSAGING_DST,
        DOCSTORE_QUESTION,
        DOCSTORE_CRASH,
        PRESCRIBING,
        NETWORK_FAULT,
    ]
    assert [v.maintenance.slug for v in snap.maintenances] == [PORTAL_UPGRADE, DOCSTORE_UPGRADE, RECORD_DST]
    assert all(v.phase is MaintenancePhase.COMPLETED for v in snap.maintenances)


# --- g. environments ---------------------------------------------------------


def test_environments_order_and_components(site):
    """The main environment comes first with its nine components; the test environment has only test-login."""
    main, test = snapshots(site, at("2026-02-01T12:00+01:00"))
    assert (main.environment.id, main.environment.name) == ("production", "Production")
    assert (test.environment.id, test.environment.name) == ("test", "Test environments")
    assert [s.component.id for s in main.components] == list(MAIN_COMPONENTS)
    assert [s.component.id for s in test.components] == ["test-login"]
    assert snapshot(site, at("2026-02-01T12:00+01:00"), "test").environment.id == "test"
    assert snapshot(site, at("2026-02-01T12:00+01:00")).environment.id == "production"


def test_groups_in_file_order(site):
    """Components are grouped in file order; an ungrouped component stands alone."""
    main, test = snapshots(site, at("2026-02-01T12:00+01:00"))
    assert [(g.group.id if g.group else None, [s.component.id for s in g.components]) for g in main.groups] == [
        ("core", ["network", "login"]),
        ("citizen", ["portal", "record", "messaging"]),
        ("e-prescription", ["catalogue", "prescribing"]),
        ("customer", ["customer-portal"]),
        (None, ["docstore"]),
    ]
    assert [(g.group, [s.component.id for s in g.components]) for g in test.groups] == [(None, ["test-login"])]


def test_test_environment_incident_stays_in_test(site):
    """An incident on test-login shows only on the test sub-site and leaves the main page's banner alone."""
    main, test = snapshots(site, at("2026-07-01T11:00+02:00"))
    assert [v.incident.slug for v in test.incidents] == [TEST_LOGIN]
    assert [v.incident.slug for v in test.open_incidents] == [TEST_LOGIN]
    assert statuses(test) == {"test-login": MAJ}
    assert overall(test) == ("critical", "Major System Outage")
    assert TEST_LOGIN not in [v.incident.slug for v in main.incidents]
    assert main.open_incidents == ()
    assert not_operational(main) == {}
    assert overall(main) == ALL_OK
    assert test.maintenances == ()


def test_test_environment_after_resolution(site):
    """Once the test incident is resolved the test sub-site is all operational and keeps it in its history."""
    test = snapshot(site, at("2026-07-01T12:00+02:00"), "test")
    assert overall(test) == ALL_OK
    assert [(v.incident.slug, v.state) for v in test.incidents] == [(TEST_LOGIN, UpdateStatus.RESOLVED)]


def test_unknown_environment(site):
    """Asking for an environment the site does not have is an error, not the main page."""
    with pytest.raises(KeyError):
        snapshot(site, at("2026-07-01T11:00+02:00"), "staging")


# --- the engine stands without Pelican ---------------------------------------


def test_engine_imports_nothing_from_pelican():
    """The model, parsers and status engine load without importing Pelican."""
    code = (
        "import sys, varde.model, varde.status, varde.parsing; "
        "assert not any(m == 'pelican' or m.startswith('pelican.') for m in sys.modules), "
        "sorted(m for m in sys.modules if m.startswith('pelican'))"
    )
    plugins = Path(__file__).resolve().parent.parent / "plugins"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(plugins), os.environ.get("PYTHONPATH")])))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
