"""Recurring maintenance (content format 1.1): a weekly Tuesday 22:00 window
in Europe/Oslo, built on both sides of both daylight-saving changes of 2026
(29 March, 25 October), with one window cancelled.  Each window must stay at
22:00 on the wall clock and be a window of its own on the pages, in the API
and in the uptime; the calendar carries the series as one event with its
rule and the cancelled window as an exception."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar
from support import copy_site, epoch, pelican, varde, visible_text

from varde.model import ComponentStatus, Maintenance, MaintenanceUpdate, MaintenanceUpdateStatus, Recurrence
from varde.status.recurrence import occurrences
from varde.times import parse_time

OSLO = ZoneInfo("Europe/Oslo")

SERIES = """\
---
title: Weekly patching
recurrence:
  rule: FREQ=WEEKLY;BYDAY=TU
  start: 2026-03-17 22:00
  duration: 2h
  until: 2026-11-30
affected:
  login: under_maintenance
  portal: partial_outage
announced: 2026-03-01 12:00
updates:
  - at: 2026-03-30 09:00
    status: cancelled
    text: No patching this week (Easter).
  - at: 2026-10-20 22:05
    status: in_progress
    text: Patching has begun.
  - at: 2026-10-20 23:40
    status: completed
    text: Done early.
---
The login servers are patched; the portal may fail now and then.
"""

#: Inside the window of 24 March (winter time), in the cancelled one of
#: 31 March (summer time), and inside the window of 27 October (winter again).
MOMENTS = {
    "march-before": "2026-03-24T22:30+01:00",
    "march-cancelled": "2026-03-31T22:30+02:00",
    "october-after": "2026-10-27T22:30+01:00",
}


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    """The output of the same site built at each of MOMENTS."""
    outputs = {}
    for name, moment in MOMENTS.items():
        site = copy_site("minimal", tmp_path_factory.mktemp(name))
        (site / "content/maintenance/weekly-patching.md").write_text(SERIES, encoding="utf-8")
        run = pelican(site, at=epoch(moment))
        assert run.returncode == 0, run.output
        outputs[name] = site / "output"
    return outputs


def api(output: Path, path: str) -> dict:
    return json.loads((output / "api/v2" / path).read_text())


def windows(output: Path, path: str) -> list[tuple[str, str]]:
    """(scheduled_for, status) of the weekly windows an endpoint lists."""
    listed = api(output, path)["scheduled_maintenances"]
    return sorted((m["scheduled_for"], m["status"]) for m in listed if m["name"] == "Weekly patching")


def component_status(output: Path, ident: str) -> str:
    components = api(output, "components.json")["components"]
    return next(c["status"] for c in components if c["name"] == {"login": "Login", "portal": "Citizen portal"}[ident])


def day(output: Path, ident: str, date: str) -> dict:
    uptime = json.loads((output / "api/varde/uptime.json").read_text())
    component = next(c for c in uptime["components"] if c["id"] == ident)
    return next(d for d in component["days"] if d["date"] == date)


def test_each_window_stays_at_22_local_across_the_march_change(builds):
    listed = windows(builds["march-cancelled"], "scheduled-maintenances.json")
    assert listed[:4] == [
        ("2026-03-17T22:00:00.000+01:00", "completed"),
        ("2026-03-24T22:00:00.000+01:00", "completed"),
        ("2026-03-31T22:00:00.000+02:00", "completed"),  # cancelled: Statuspage says completed
        ("2026-04-07T22:00:00.000+02:00", "scheduled"),
    ]


def test_a_window_in_progress_is_active_and_puts_its_components_under_maintenance(builds):
    output = builds["march-before"]
    assert windows(output, "scheduled-maintenances/active.json") == [("2026-03-24T22:00:00.000+01:00", "in_progress")]
    assert windows(output, "scheduled-maintenances/upcoming.json")[0] == ("2026-03-31T22:00:00.000+02:00", "scheduled")
    assert component_status(output, "login") == "under_maintenance"
    assert component_status(output, "portal") == "partial_outage"
    index = visible_text(output / "index.html")
    assert "Maintenance in progress" in index and "Weekly patching" in index


def test_a_cancelled_window_cancels_only_itself(builds):
    output = builds["march-cancelled"]
    assert windows(output, "scheduled-maintenances/active.json") == []
    assert component_status(output, "login") == "operational"
    assert component_status(output, "portal") == "operational"
    upcoming = windows(output, "scheduled-maintenances/upcoming.json")
    assert upcoming[0] == ("2026-04-07T22:00:00.000+02:00", "scheduled")
    assert "Cancelled" in visible_text(output / "maintenance/weekly-patching-2026-03-31.html")
    assert "Cancelled" not in visible_text(output / "maintenance/weekly-patching-2026-04-07.html")
    assert "No patching this week" not in visible_text(output / "maintenance/weekly-patching-2026-04-07.html")


def test_the_windows_ahead_are_upcoming_for_a_month(builds):
    upcoming = windows(builds["march-cancelled"], "scheduled-maintenances/upcoming.json")
    assert [start for start, _ in upcoming] == [
        f"2026-{date}T22:00:00.000+02:00" for date in ("04-07", "04-14", "04-21", "04-28")
    ]


def test_each_window_stays_at_22_local_across_the_october_change(builds):
    output = builds["october-after"]
    listed = windows(output, "scheduled-maintenances.json")
    assert ("2026-10-20T22:00:00.000+02:00", "completed") in listed
    assert windows(output, "scheduled-maintenances/active.json") == [("2026-10-27T22:00:00.000+01:00", "in_progress")]
    # until 2026-11-30: the last window is on Tuesday 24 November
    assert windows(output, "scheduled-maintenances/upcoming.json")[-1] == ("2026-11-24T22:00:00.000+01:00", "scheduled")


def test_uptime_counts_each_window_and_not_the_cancelled_one(builds):
    march = builds["march-cancelled"]
    # by hand: 22:00 to 24:00 is 120 minutes, in winter and in summer time
    assert day(march, "portal", "2026-03-17")["partial_minutes"] == 120
    assert day(march, "portal", "2026-03-24")["partial_minutes"] == 120
    assert day(march, "portal", "2026-03-31")["partial_minutes"] == 0
    assert day(march, "login", "2026-03-24")["worst"] == "under_maintenance"
    assert day(march, "login", "2026-03-31")["worst"] == "operational"
    october = builds["october-after"]
    # 20 October ended early, at 23:40 (its `completed`): 100 minutes
    assert day(october, "portal", "2026-10-20")["partial_minutes"] == 100
    # 27 October, at now (22:30): 30 minutes so far
    assert day(october, "portal", "2026-10-27")["partial_minutes"] == 30


def test_the_calendar_has_one_event_with_the_rule_and_the_cancelled_window_excepted(builds):
    output = builds["march-cancelled"]
    calendar = Calendar.from_ical((output / "maintenance.ics").read_bytes())
    events = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "Weekly patching"]
    assert len(events) == 1
    event = events[0]
    start = event.decoded("DTSTART")
    assert start == datetime(2026, 3, 17, 22, 0, tzinfo=OSLO)
    assert event.decoded("DTEND") - start == timedelta(hours=2)
    assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event["RRULE"]["BYDAY"] == ["TU"]
    assert str(event["STATUS"]) == "CONFIRMED"
    excepted = [when.dt for when in event["EXDATE"].dts]
    assert excepted == [datetime(2026, 3, 31, 22, 0, tzinfo=OSLO)]
    # The rule as a calendar reads it gives the API's windows, less the exception.
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    from_calendar = [w for w in rule.between(start, start + timedelta(days=45), inc=True) if w not in excepted]
    from_api = [
        datetime.fromisoformat(scheduled)
        for scheduled, _ in windows(output, "scheduled-maintenances.json")
        if scheduled != "2026-03-31T22:00:00.000+02:00"
    ]
    assert from_calendar == from_api
    assert all(w.astimezone(OSLO).hour == 22 for w in from_calendar)


def test_the_feed_announces_the_series_once(builds):
    feed = (builds["march-cancelled"] / "history.atom").read_text()
    assert feed.count("[Planned maintenance] Weekly patching") == 1
    assert feed.count("No patching this week") == 1


# -- the engine on model objects: which update belongs to which window -------


def series(rule: str, start: str, *updates: tuple[str, MaintenanceUpdateStatus], until: str | None = None):
    first = parse_time(start, OSLO)
    return Maintenance(
        "patching",
        "Patching",
        first,
        first + timedelta(hours=2),
        (("login", ComponentStatus.UNDER_MAINTENANCE),),
        updates=tuple(MaintenanceUpdate(parse_time(at, OSLO), status, "news") for at, status in updates),
        recurrence=Recurrence(rule, first, timedelta(hours=2), OSLO, parse_time(until, OSLO) if until else None),
    )


def test_an_update_applies_to_the_window_holding_it_or_the_next():
    cancelled, done = MaintenanceUpdateStatus.CANCELLED, MaintenanceUpdateStatus.COMPLETED
    windows = occurrences(
        series(
            "FREQ=WEEKLY;BYDAY=TU",
            "2026-03-17 22:00",
            ("2026-03-17 23:30", done),  # inside the first window
            ("2026-03-18 00:00", cancelled),  # the first has just ended: the next one
        ),
        parse_time("2026-03-25 12:00", OSLO),
    )
    assert [w.slug for w in windows[:3]] == ["patching-2026-03-17", "patching-2026-03-24", "patching-2026-03-31"]
    assert [u.status for u in windows[0].updates] == [done]
    assert [u.status for u in windows[1].updates] == [cancelled]
    assert windows[2].updates == ()
    assert all(w.series == "patching" for w in windows)


def test_windows_end_at_until_and_a_late_update_goes_to_the_last():
    windows = occurrences(
        series(
            "FREQ=DAILY",
            "2026-03-27 22:00",
            ("2026-04-10 09:00", MaintenanceUpdateStatus.UPDATE),
            until="2026-03-29 23:00",
        ),
        parse_time("2026-04-10 12:00", OSLO),
    )
    assert [w.start.isoformat() for w in windows] == [
        "2026-03-27T22:00:00+01:00",
        "2026-03-28T22:00:00+01:00",
        "2026-03-29T22:00:00+02:00",
    ]
    assert len(windows[-1].updates) == 1


def test_a_window_the_clocks_skip_moves_on_by_the_skipped_hour():
    windows = occurrences(series("FREQ=DAILY", "2026-03-28 02:30"), parse_time("2026-03-30 12:00", OSLO))
    assert [w.start.isoformat() for w in windows[:3]] == [
        "2026-03-28T02:30:00+01:00",
        "2026-03-29T03:30:00+02:00",
        "2026-03-30T02:30:00+02:00",
    ]


def test_windows_are_made_a_month_ahead_and_at_least_the_next():
    weekly = occurrences(series("FREQ=WEEKLY", "2026-01-06 22:00"), parse_time("2026-01-01 12:00", OSLO))
    assert [w.start.day for w in weekly] == [6, 13, 20, 27]  # up to 1 February, 31 days on
    yearly = occurrences(series("FREQ=YEARLY", "2026-06-01 22:00"), parse_time("2026-06-10 12:00", OSLO))
    assert [w.start.year for w in yearly] == [2026, 2027]


def test_a_series_of_too_many_windows_is_refused_by_check_and_build(tmp_path):
    """A daily window from 1900 is 46,000 pages (a build of minutes) from
    ten lines: check and build both refuse it, naming the file."""
    site = copy_site("minimal", tmp_path)
    (site / "content/maintenance/nightly.md").write_text(
        "---\ntitle: Nightly\naffected: [portal]\nrecurrence:\n  rule: FREQ=DAILY\n"
        "  start: 1900-01-01 02:00\n  duration: 30m\n---\n"
    )
    problem = "content/maintenance/nightly.md:2: `recurrence` makes more than 3,000 windows by 1908-03-20"
    check = varde(site, "check")
    assert check.returncode == 1 and problem in check.stderr
    build = pelican(site)
    assert build.returncode == 1 and problem in build.output.replace("\n", " ")
    assert not (site / "output").exists()
