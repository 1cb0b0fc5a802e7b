"""Uptime bars and percentages, computed on sites built in code, checked
against figures worked out by hand (Europe/Oslo: CET +01:00, CEST +02:00;
summer time 2026 starts 29 March and ends 25 October)."""

from __future__ import annotations

import time
from datetime import date, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest

from varde.model import (
    Catalog,
    Component,
    ComponentStatus,
    Environment,
    Incident,
    Maintenance,
    MaintenanceUpdate,
    MaintenanceUpdateStatus,
    Site,
    Update,
    UpdateStatus,
)
from varde.status.uptime import component_uptime, floor_percent, site_uptime
from varde.times import parse_time

OSLO = ZoneInfo("Europe/Oslo")
MAJ, PART, DEG, OP = (
    ComponentStatus.MAJOR_OUTAGE,
    ComponentStatus.PARTIAL_OUTAGE,
    ComponentStatus.DEGRADED_PERFORMANCE,
    ComponentStatus.OPERATIONAL,
)
DAY = 24 * 60
NOW = "2026-03-20 12:00"  # a Friday noon in winter time: today has 720 minutes so far


def at(text: str):
    return parse_time(text, OSLO)


def incident(slug: str, affected: dict, *steps: tuple) -> Incident:
    """Steps are (local time, update status) or (local time, status, affected from then on)."""
    updates = tuple(
        Update(at(step[0]), UpdateStatus(step[1]), "…", tuple(step[2].items()) if len(step) > 2 else ())
        for step in steps
    )
    return Incident(slug, slug, updates, tuple(affected.items()))


def site(*content, since: date | None = date(2025, 1, 1), others: tuple[str, ...] = ()) -> Site:
    components = (Component("api", "API", "production", since=since),) + tuple(
        Component(ident, ident, "production") for ident in others
    )
    return Site(
        Catalog((Environment("production", "Production"),), (), components),
        tuple(c for c in content if isinstance(c, Incident)),
        tuple(c for c in content if isinstance(c, Maintenance)),
    )


def uptime(site_: Site, now: str = NOW, days: int = 90, ident: str = "api"):
    component = next(c for c in site_.catalog.components if c.id == ident)
    return component_uptime(site_, component, at(now), OSLO, days)


def day(result, when: str):
    return next(d for d in result.days if d.date == date.fromisoformat(when))


def percent(minutes_down: Fraction | int, minutes_total: int) -> Fraction:
    return 100 * (1 - Fraction(minutes_down) / minutes_total)


def test_a_ninety_minute_major_outage():
    """90 minutes down on one day: that day, its 30 and its 90 days, to the minute."""
    result = uptime(
        site(incident("outage", {"api": MAJ}, ("2026-03-12 10:00", "investigating"), ("2026-03-12 11:30", "resolved")))
    )
    outage = day(result, "2026-03-12")
    assert (outage.worst, outage.major_minutes, outage.partial_minutes) == (MAJ, 90, 0)
    assert outage.incidents == ("outage",)
    assert outage.uptime == Fraction(9375, 100)  # 1 - 90/1440
    # 29 whole days and today's 12 hours; 89 whole days and 12 hours.
    assert result.uptime_30 == percent(90, 29 * DAY + 720)
    assert result.uptime_90 == percent(90, 89 * DAY + 720)
    assert floor_percent(result.uptime_30, 2) == Fraction("99.78")  # 99.788…, never rounded up
    assert all(d.worst is OP and d.major_minutes == 0 for d in result.days if d is not outage)


def test_the_bar_covers_the_last_days_ending_today():
    """90 cells by default, oldest first, the last one today; the setting changes the count."""
    result = uptime(site())
    assert len(result.days) == 90
    assert result.days[-1].date == date(2026, 3, 20) and result.days[0].date == date(2025, 12, 21)
    assert [d.date for d in uptime(site(), days=7).days] == [date(2026, 3, d) for d in range(14, 21)]
    assert uptime(site(), days=7).uptime_90 == 100  # the percentages keep their windows


def test_an_incident_across_midnight_is_split_between_the_days():
    result = uptime(
        site(incident("night", {"api": PART}, ("2026-03-12 23:30", "investigating"), ("2026-03-13 00:45", "resolved")))
    )
    first, second = day(result, "2026-03-12"), day(result, "2026-03-13")
    assert (first.partial_minutes, second.partial_minutes) == (30, 45)
    assert first.incidents == second.incidents == ("night",)
    assert first.worst is second.worst is PART
    assert result.uptime_30 == percent(Fraction(3, 10) * 75, 29 * DAY + 720)


@pytest.mark.parametrize(
    "when, now, length, major",
    [
        ("2026-03-29", "2026-03-31 12:00", 1380, 60),  # spring: 01:30 to 03:30 on the wall clock is one hour
        ("2026-10-25", "2026-10-31 12:00", 1500, 180),  # autumn: the same wall-clock times are three hours
    ],
)
def test_days_when_the_clocks_change_have_23_or_25_hours(when, now, length, major):
    result = uptime(
        site(incident("dst", {"api": MAJ}, (f"{when} 01:30", "investigating"), (f"{when} 03:30", "resolved"))), now=now
    )
    changed = day(result, when)
    assert (changed.minutes, changed.major_minutes) == (length, major)
    assert changed.uptime == percent(major, length)  # autumn: exactly 88 %
    neighbours = [d for d in result.days if abs((d.date - changed.date).days) == 1]
    assert [d.minutes for d in neighbours] == [DAY, DAY]
    assert result.uptime_30 == percent(major, 28 * DAY + length + 720)


def test_an_incident_inside_the_repeated_hour():
    """From the first 02:10 to the second 02:10 (offsets written): one hour, counted once."""
    result = uptime(
        site(
            incident(
                "repeat",
                {"api": PART},
                ("2026-10-25T02:10+02:00", "investigating"),
                ("2026-10-25T02:10+01:00", "resolved"),
            )
        ),
        now="2026-10-26 12:00",
    )
    assert day(result, "2026-10-25").partial_minutes == 60


def test_overlapping_incidents_count_the_worst_status_once():
    """Major 10:00–11:00 and partial 10:30–12:00: 60 major and 60 partial minutes, not 90 partial."""
    result = uptime(
        site(
            incident("major", {"api": MAJ}, ("2026-03-12 10:00", "investigating"), ("2026-03-12 11:00", "resolved")),
            incident("partial", {"api": PART}, ("2026-03-12 10:30", "investigating"), ("2026-03-12 12:00", "resolved")),
        )
    )
    both = day(result, "2026-03-12")
    assert (both.worst, both.major_minutes, both.partial_minutes) == (MAJ, 60, 60)
    assert both.incidents == ("major", "partial")
    assert both.uptime == percent(60 + Fraction(3, 10) * 60, DAY)


def test_two_overlapping_major_outages_are_not_added_up():
    result = uptime(
        site(
            incident("a", {"api": MAJ}, ("2026-03-12 10:00", "investigating"), ("2026-03-12 11:00", "resolved")),
            incident("b", {"api": MAJ}, ("2026-03-12 10:30", "investigating"), ("2026-03-12 11:30", "resolved")),
        )
    )
    assert day(result, "2026-03-12").major_minutes == 90


def test_an_update_changes_the_status_from_its_time_on():
    """Major until the 10:15 update, degraded after it: only 130 minutes are major."""
    result = uptime(
        site(
            incident(
                "cascade",
                {"api": MAJ},
                ("2026-03-12 08:05", "investigating"),
                ("2026-03-12 10:15", "monitoring", {"api": DEG}),
                ("2026-03-12 11:10", "resolved"),
            )
        )
    )
    assert (day(result, "2026-03-12").major_minutes, day(result, "2026-03-12").worst) == (130, MAJ)


def test_an_open_incident_counts_up_to_now():
    result = uptime(site(incident("open", {"api": MAJ}, ("2026-03-20 10:00", "investigating"))), now="2026-03-20 11:15")
    today = result.days[-1]
    assert (today.minutes, today.major_minutes, today.incidents) == (675, 75, ("open",))
    assert today.uptime == percent(75, 675)
    assert result.uptime_30 == percent(75, 29 * DAY + 675)


def test_an_update_after_now_is_not_counted():
    """Built at 10:30, the 11:30 resolution is not published yet: 30 minutes so far."""
    result = uptime(
        site(incident("later", {"api": MAJ}, ("2026-03-20 10:00", "investigating"), ("2026-03-20 11:30", "resolved"))),
        now="2026-03-20 10:30",
    )
    assert result.days[-1].major_minutes == 30


def test_maintenance_is_not_downtime():
    """Three hours under maintenance: the day shows maintenance, the uptime stays 100 %."""
    planned = Maintenance(
        "upgrade",
        "Upgrade",
        at("2026-03-12 01:00"),
        at("2026-03-12 04:00"),
        (("api", ComponentStatus.UNDER_MAINTENANCE),),
    )
    result = uptime(site(planned))
    night = day(result, "2026-03-12")
    assert (night.worst, night.major_minutes, night.partial_minutes) == (ComponentStatus.UNDER_MAINTENANCE, 0, 0)
    assert night.incidents == ()
    assert result.uptime_30 == result.uptime_90 == 100


def test_maintenance_that_declares_an_outage_ends_at_its_completed_update():
    """A maintenance written `api: partial_outage` counts as partial outage while
    it runs, and a `completed` update at 02:00 ends it before its 04:00 window end."""
    planned = Maintenance(
        "cutover",
        "Cutover",
        at("2026-03-12 01:00"),
        at("2026-03-12 04:00"),
        (("api", PART),),
        updates=(MaintenanceUpdate(at("2026-03-12 02:00"), MaintenanceUpdateStatus.COMPLETED, "Done."),),
    )
    assert day(uptime(site(planned)), "2026-03-12").partial_minutes == 60


def test_degraded_performance_is_not_downtime():
    result = uptime(
        site(incident("slow", {"api": DEG}, ("2026-03-12 08:00", "investigating"), ("2026-03-12 11:00", "resolved")))
    )
    slow = day(result, "2026-03-12")
    assert (slow.worst, slow.major_minutes, slow.partial_minutes, slow.incidents) == (DEG, 0, 0, ("slow",))
    assert result.uptime_30 == 100


def test_days_before_since_have_no_data_and_do_not_count():
    """History begins 15 March: earlier days are "no data" (not 100 %), and an
    outage on 12 March is not held against the component."""
    result = uptime(
        site(
            incident("before", {"api": MAJ}, ("2026-03-12 10:00", "investigating"), ("2026-03-12 12:00", "resolved")),
            incident("after", {"api": MAJ}, ("2026-03-16 10:00", "investigating"), ("2026-03-16 11:00", "resolved")),
            since=date(2026, 3, 15),
        )
    )
    before = day(result, "2026-03-12")
    assert (before.has_data, before.worst, before.major_minutes, before.incidents) == (False, None, None, ())
    assert day(result, "2026-03-15").has_data and day(result, "2026-03-15").worst is OP
    assert result.data_since == date(2026, 3, 15)
    assert result.uptime_30 == result.uptime_90 == percent(60, 5 * DAY + 720)


def test_without_since_history_begins_with_the_sites_first_content():
    """A component with no incidents, on a site whose first incident (on
    another component) began 12 March: 100 % from that day, no data before."""
    result = uptime(
        site(
            incident("elsewhere", {"db": MAJ}, ("2026-03-12 10:00", "investigating"), ("2026-03-12 11:00", "resolved")),
            since=None,
            others=("db",),
        )
    )
    assert result.data_since == date(2026, 3, 12)
    assert result.uptime_30 == result.uptime_90 == 100
    assert not day(result, "2026-03-11").has_data
    assert day(result, "2026-03-12").worst is OP and day(result, "2026-03-12").incidents == ()


def test_a_site_without_any_history_has_no_percentages():
    result = uptime(site(since=None))
    assert result.uptime_30 is None and result.uptime_90 is None
    assert not any(d.has_data for d in result.days)


def test_an_incident_that_names_a_component_operational_is_listed_not_counted():
    result = uptime(
        site(incident("question", {"api": OP}, ("2026-03-12 10:00", "investigating"), ("2026-03-12 11:00", "resolved")))
    )
    asked = day(result, "2026-03-12")
    assert (asked.worst, asked.incidents, asked.major_minutes) == (OP, ("question",), 0)


def test_ten_thousand_incidents_stay_fast():
    """A year of 10 000 incidents on 20 components: computed in well under a second or two."""
    start = at("2025-03-20 00:00")
    incidents = tuple(
        Incident(
            f"i{n}",
            "Fault",
            (
                Update(start + timedelta(minutes=50 * n), UpdateStatus.INVESTIGATING, "…"),
                Update(start + timedelta(minutes=50 * n + 30), UpdateStatus.RESOLVED, "…"),
            ),
            ((f"c{n % 20}", MAJ),),
        )
        for n in range(10_000)
    )
    components = tuple(Component(f"c{n}", f"C{n}", "production") for n in range(20))
    big = Site(Catalog((Environment("production", "Production"),), (), components), incidents, ())
    began = time.perf_counter()
    result = site_uptime(big, at(NOW), OSLO)
    assert time.perf_counter() - began < 5
    # Incident n covers minutes 50n..50n+30 after the start: c0 gets every 20th,
    # one 30-minute outage per 1000 minutes.
    assert sum(d.major_minutes for d in result["c0"].days if d.has_data) > 0
    assert result["c0"].uptime_90 < 100
