"""maintenance.ics: every maintenance as an event a calendar can subscribe to."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
from builds import REPO, build_at
from support import SITES, copy_site, epoch, pelican

from varde.presentation.calendar import maintenance_calendar


def calendar_at(at: str, environment: int = 0, site=SITES / "healthnet", **settings) -> bytes:
    build = build_at(at, site, **settings)
    return maintenance_calendar(build, build.snapshots[environment])["maintenance.ics"].make()


def events(data: bytes) -> dict[str, icalendar.Event]:
    """The events by summary, after checking the file parses without errors."""
    calendar = icalendar.Calendar.from_ical(data)
    assert [(c.name, c.errors) for c in calendar.walk() if c.errors] == []
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_every_published_maintenance_is_an_event():
    found = events(calendar_at("2026-11-01T12:00+01:00"))
    assert sorted(found) == [
        "Document store upgrade",
        "Patient record database migration",
        "Planned upgrade of the customer portal",
    ]
    portal = found["Planned upgrade of the customer portal"]
    assert portal.decoded("DTSTART") == datetime.fromisoformat("2026-05-20T16:00+02:00")
    assert portal.decoded("DTEND") == datetime.fromisoformat("2026-05-20T18:00+02:00")
    assert portal["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert str(portal["DESCRIPTION"]) == "The customer portal is unavailable while it is upgraded."
    assert str(portal["URL"]) == (
        "https://status.healthnet.example/maintenance/2026-05-20-customer-portal-upgrade.html"
    )
    assert str(portal["STATUS"]) == "CONFIRMED"
    assert portal.decoded("LAST-MODIFIED") == datetime.fromisoformat("2026-05-20T17:20+02:00")


def test_maintenance_not_yet_announced_is_not_in_the_calendar():
    found = events(calendar_at("2026-05-14T12:00+02:00"))
    assert "Planned upgrade of the customer portal" not in found
    assert "Patient record database migration" in found  # no `announced`: public from the start


def test_a_window_across_the_end_of_summer_time_has_both_offsets_and_the_zone_rules():
    data = calendar_at("2026-10-20T12:00+02:00")
    night = events(data)["Patient record database migration"]
    start, end = night.decoded("DTSTART"), night.decoded("DTEND")
    assert start.utcoffset() == timedelta(hours=2) and end.utcoffset() == timedelta(hours=1)
    # 01:00 CEST to 04:00 CET: four real hours (Python subtracts one zone's times by the wall clock)
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=4)
    calendar = icalendar.Calendar.from_ical(data)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]


def test_a_site_in_utc_writes_utc_times():
    night = events(calendar_at("2026-10-20T12:00+02:00", zone="UTC"))["Patient record database migration"]
    assert night["DTSTART"].to_ical() == b"20261025T010000Z"
    assert "TZID" not in night["DTSTART"].params


def test_uids_stay_and_a_rebuild_without_changes_is_identical():
    early = events(calendar_at("2026-06-02T12:00+02:00"))
    late = events(calendar_at("2026-11-01T12:00+01:00"))
    assert {name: str(e["UID"]) for name, e in early.items()} == {name: str(late[name]["UID"]) for name in early}
    assert len({str(e["UID"]) for e in late.values()}) == len(late)
    assert calendar_at("2026-11-01T12:00+01:00") == calendar_at("2027-01-01T12:00+01:00")


def test_a_cancelled_maintenance_is_a_cancelled_event():
    """The example site cancelled its certificate change the day before."""
    found = events(calendar_at("2026-09-10T12:00+02:00", site=REPO, site_name="Nordhelse", language="nb"))
    assert str(found["Bytte av sertifikater i Meldingstjenesten"]["STATUS"]) == "CANCELLED"
    assert found["Bytte av sertifikater i Meldingstjenesten"]["SEQUENCE"] == 2
    assert str(found["Planlagt vedlikehold av innbyggerportalen minhelse"]["STATUS"]) == "CONFIRMED"


def test_each_environment_has_its_own_calendar():
    test = events(calendar_at("2026-11-20T12:00+01:00", 1, site=REPO, site_name="Nordhelse"))
    assert sorted(test) == ["Oppdatering av testmiljøet", "Ukentlig sikkerhetsoppdatering av testmiljøet"]
    assert "/test/maintenance/" in str(test["Oppdatering av testmiljøet"]["URL"])
    weekly = test["Ukentlig sikkerhetsoppdatering av testmiljøet"]
    assert weekly["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=TU"
    assert [day.dt.date().isoformat() for day in weekly["EXDATE"].dts] == ["2026-11-24"]  # the cancelled window
    production = events(calendar_at("2026-11-20T12:00+01:00", 0, site=REPO, site_name="Nordhelse"))
    assert not {"Oppdatering av testmiljøet", "Ukentlig sikkerhetsoppdatering av testmiljøet"} & set(production)


def test_the_file_is_folded_crlf_text_as_rfc_5545_wants():
    data = calendar_at("2026-11-01T12:00+01:00")
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75


def test_a_local_build_has_no_urls_but_a_pelican_build_writes_the_calendar(tmp_path):
    assert "URL" not in events(calendar_at("2026-11-01T12:00+01:00", site_url=""))["Document store upgrade"]
    site = copy_site("healthnet", tmp_path)
    run = pelican(site, at=epoch("2026-11-01T12:00+01:00"))
    assert run.returncode == 0, run.output
    assert len(events((site / "output/maintenance.ics").read_bytes())) == 3
    assert events((site / "output/test/maintenance.ics").read_bytes()) == {}
