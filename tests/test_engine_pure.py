"""The status engine on model objects built in code (no files): the overall
banner's rules (Atlassian Statuspage's wording) and an incident's impact."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from varde.model import (
    Catalog,
    Component,
    ComponentStatus,
    Environment,
    Impact,
    Incident,
    Maintenance,
    Site,
    Update,
    UpdateStatus,
)
from varde.status import incidents as incident_rules
from varde.status import snapshot
from varde.status.history import status_history
from varde.status.overall import overall
from varde.status.published import published
from varde.times import parse_time

OP = ComponentStatus.OPERATIONAL
UM = ComponentStatus.UNDER_MAINTENANCE
DEG = ComponentStatus.DEGRADED_PERFORMANCE
PART = ComponentStatus.PARTIAL_OUTAGE
MAJ = ComponentStatus.MAJOR_OUTAGE

OSLO = ZoneInfo("Europe/Oslo")
START = datetime.fromisoformat("2026-03-12T08:00+01:00")
NOW = datetime.fromisoformat("2026-03-12T09:00+01:00")
PRODUCTION = Environment("production", "Production")


def site_with(statuses: list[ComponentStatus], incidents: tuple[Incident, ...] = ()) -> Site:
    """Components c0, c1, ... whose statuses at NOW are `statuses`: an open
    incident gives the faults, a running maintenance the under_maintenance."""
    components = tuple(Component(f"c{i}", f"Component {i}", "production") for i in range(len(statuses)))
    faults = tuple((f"c{i}", s) for i, s in enumerate(statuses) if s not in (OP, UM))
    planned = tuple((f"c{i}", UM) for i, s in enumerate(statuses) if s is UM)
    if faults:
        incidents += (Incident("fault", "Fault", (Update(START, UpdateStatus.INVESTIGATING, "Down."),), faults),)
    maintenances = ()
    if planned:
        maintenances = (Maintenance("planned", "Planned", START, START + timedelta(hours=3), planned),)
    return Site(Catalog((PRODUCTION,), (), components), incidents, maintenances)


#: (component statuses, indicator, description), by hand from Statuspage's table.
TABLE = [
    ([OP], "none", "All Systems Operational"),
    ([OP, OP, OP], "none", "All Systems Operational"),
    ([UM, OP, OP], "maintenance", "Service Under Maintenance"),
    ([UM, UM], "maintenance", "Service Under Maintenance"),
    ([UM], "maintenance", "Service Under Maintenance"),
    ([DEG, OP, OP], "minor", "Partially Degraded Service"),
    ([DEG, DEG, DEG], "minor", "Degraded System Service"),
    ([DEG], "minor", "Partially Degraded Service"),  # a lone degraded component
    ([DEG, UM, OP], "minor", "Partially Degraded Service"),
    ([DEG, UM], "minor", "Partially Degraded Service"),
    ([PART, OP, OP], "minor", "Minor Service Outage"),
    ([PART, DEG], "minor", "Minor Service Outage"),
    ([PART, UM], "minor", "Minor Service Outage"),
    ([PART, PART], "major", "Partial System Outage"),
    ([PART], "major", "Partial System Outage"),
    ([MAJ, OP, OP], "major", "Partial System Outage"),
    ([MAJ, PART, DEG, UM], "major", "Partial System Outage"),
    ([MAJ, MAJ], "critical", "Major System Outage"),
    ([MAJ], "critical", "Major System Outage"),
]


def table_id(row) -> str:
    return "+".join(s.value for s in row[0])


@pytest.mark.parametrize("statuses, indicator, description", TABLE, ids=[table_id(r) for r in TABLE])
def test_overall_rules(statuses, indicator, description):
    """The banner's indicator and wording follow from the components' statuses as on Statuspage."""
    result = overall(statuses)
    assert (result.indicator.value, result.description) == (indicator, description)


@pytest.mark.parametrize("statuses, indicator, description", TABLE, ids=[table_id(r) for r in TABLE])
def test_overall_rules_through_snapshot(statuses, indicator, description):
    """A page whose incidents and maintenance give those statuses shows the same banner."""
    snap = snapshot(site_with(statuses), NOW)
    assert [state.status for state in snap.components] == statuses
    assert (snap.overall.indicator.value, snap.overall.description) == (indicator, description)


def test_overall_without_components():
    """An environment with no components reads as all operational."""
    result = overall([])
    assert (result.indicator.value, result.description) == ("none", "All Systems Operational")


def incident(affected=(), later=(), impact=None) -> Incident:
    """An open incident with `affected`, and one more update per entry of `later`."""
    updates = (Update(START, UpdateStatus.INVESTIGATING, "Down."),) + tuple(
        Update(START + timedelta(minutes=10 * (n + 1)), UpdateStatus.UPDATE, "News.", step)
        for n, step in enumerate(later)
    )
    return Incident("i", "Incident", updates, tuple(affected), impact)


IMPACTS = [
    ("nothing affected", incident(), "none"),
    ("operational only", incident([("c0", OP)]), "none"),
    ("degraded", incident([("c0", DEG)]), "minor"),
    ("partial outage", incident([("c0", PART)]), "major"),
    ("major outage", incident([("c0", MAJ)]), "critical"),
    ("worst of several", incident([("c0", DEG), ("c1", MAJ), ("c2", PART)]), "critical"),
    ("worsened by an update", incident([("c0", DEG)], [(("c0", PART),)]), "major"),
    ("eased by an update", incident([("c0", MAJ)], [(("c0", OP),)]), "critical"),
    ("explicit lower", incident([("c0", MAJ)], impact=Impact.MINOR), "minor"),
    ("explicit higher", incident([("c0", DEG)], impact=Impact.CRITICAL), "critical"),
    ("explicit none", incident([("c0", MAJ)], impact=Impact.NONE), "none"),
    ("explicit major", incident([("c0", OP)], impact=Impact.MAJOR), "major"),
]


@pytest.mark.parametrize("name, found, expected", IMPACTS, ids=[r[0] for r in IMPACTS])
def test_impact(name, found, expected):
    """An incident's impact is the declared one, else derived from the worst status it has given."""
    site = Site(
        Catalog((PRODUCTION,), (), tuple(Component(f"c{i}", f"C{i}", "production") for i in range(3))), (found,), ()
    )
    [view] = snapshot(site, NOW).incidents
    assert view.impact.value == expected


def test_state_skips_update_posts():
    """`update` posts keep the state before them; a later real state replaces it."""
    updates = (
        Update(START, UpdateStatus.IDENTIFIED, "Found it."),
        Update(START + timedelta(minutes=5), UpdateStatus.UPDATE, "Still on it."),
        Update(START + timedelta(minutes=6), UpdateStatus.UPDATE, "Nearly there."),
        Update(START + timedelta(minutes=7), UpdateStatus.MONITORING, "Fixed."),
        Update(START + timedelta(minutes=8), UpdateStatus.UPDATE, "Watching."),
    )
    site = Site(
        Catalog((PRODUCTION,), (), (Component("c0", "C0", "production"),)),
        (Incident("i", "I", updates, (("c0", PART),)),),
        (),
    )
    expected = ["identified", "identified", "identified", "monitoring", "monitoring"]
    for n, state in enumerate(expected):
        [view] = snapshot(site, START + timedelta(minutes=(0, 5, 6, 7, 8)[n])).incidents
        assert view.state.value == state


def test_steps_give_each_update_its_state_and_the_statuses_it_sets():
    """The first update puts the incident's statuses in place, a later one
    changes those it names, an `update` post keeps the state, and the
    resolving update sets every named component back to operational."""
    minutes = [timedelta(minutes=n) for n in range(4)]
    found = Incident(
        "i",
        "I",
        (
            Update(START, UpdateStatus.IDENTIFIED, "Down.", (("c1", DEG),)),
            Update(START + minutes[1], UpdateStatus.UPDATE, "Worse.", (("c1", PART),)),
            Update(START + minutes[2], UpdateStatus.MONITORING, "Fixed."),
            Update(START + minutes[3], UpdateStatus.RESOLVED, "Up."),
        ),
        (("c0", MAJ),),
    )
    assert [(step.state, step.before, step.sets) for step in incident_rules.steps(found)] == [
        (UpdateStatus.IDENTIFIED, (), (("c0", MAJ), ("c1", DEG))),
        (UpdateStatus.IDENTIFIED, (("c0", MAJ), ("c1", DEG)), (("c1", PART),)),
        (UpdateStatus.MONITORING, (("c0", MAJ), ("c1", PART)), ()),
        (UpdateStatus.RESOLVED, (("c0", MAJ), ("c1", PART)), (("c0", OP), ("c1", OP))),
    ]


def test_incident_duration_across_fall_back():
    """An incident from 02:30 summer time to 02:30 winter time on the fall-back night lasted one hour."""
    first = parse_time("2026-10-25 02:30", OSLO)  # as the parser makes them: the first 02:30
    second = parse_time("2026-10-25T02:30+01:00", OSLO)
    found = Incident(
        "i",
        "I",
        (
            Update(first, UpdateStatus.INVESTIGATING, "Down."),
            Update(second, UpdateStatus.RESOLVED, "Up."),
        ),
        (("c0", MAJ),),
    )
    assert incident_rules.duration(found, second) == timedelta(hours=1)


def test_published_when_now_is_in_the_second_repeated_hour():
    """An incident posted at the first 02:30 is published at the second 02:25, an hour later, whatever zone "now" is given in."""
    posted = parse_time("2026-10-25 02:30", OSLO)  # the first 02:30: 00:30 UTC
    site = Site(
        Catalog((PRODUCTION,), (), (Component("c0", "C0", "production"),)),
        (Incident("i", "I", (Update(posted, UpdateStatus.INVESTIGATING, "Down."),), (("c0", MAJ),)),),
        (),
    )
    for now in (datetime.fromisoformat("2026-10-25T01:25+00:00"), datetime(2026, 10, 25, 2, 25, fold=1, tzinfo=OSLO)):
        snap = snapshot(site, now)
        assert [view.incident.slug for view in snap.incidents] == ["i"], now
        assert snap.components[0].status is MAJ


def test_each_instant_sees_what_was_published_by_then():
    """The cut at an instant leaves out what was not yet posted or announced,
    and asking about one instant, another and the first again gives each its own."""
    hour = timedelta(hours=1)
    fault = Incident(
        "fault",
        "Fault",
        (Update(START, UpdateStatus.INVESTIGATING, "Down."), Update(START + 2 * hour, UpdateStatus.RESOLVED, "Up.")),
        (("c0", MAJ),),
    )
    later = Incident("later", "Later", (Update(START + 3 * hour, UpdateStatus.INVESTIGATING, "Slow."),), (("c0", DEG),))
    planned = Maintenance(
        "planned", "Planned", START + 5 * hour, START + 6 * hour, (("c0", UM),), announced=START + 3 * hour
    )
    site = Site(Catalog((PRODUCTION,), (), (Component("c0", "C0", "production"),)), (fault, later), (planned,))
    # (now, incidents newest first with their updates shown, maintenance, c0's status)
    expected = [
        (NOW, [("fault", 1)], [], MAJ),
        (START + 4 * hour, [("later", 1), ("fault", 2)], ["planned"], DEG),
        (NOW, [("fault", 1)], [], MAJ),
        (START - hour, [], [], OP),
    ]
    for now, incidents, maintenances, status in expected:
        shown = published(site, now)
        assert published(shown, now) is shown  # cut already
        assert sorted((i.slug, len(i.updates)) for i in shown.incidents) == sorted(incidents), now
        assert [m.slug for m in shown.maintenances] == maintenances, now
        snap = snapshot(site, now)
        assert [(view.incident.slug, len(view.incident.updates)) for view in snap.incidents] == incidents, now
        assert snap.components[0].status is status, now
        assert status_history(site, now).status_at("c0", now) is status, now
