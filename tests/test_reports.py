"""Monthly availability reports, worked out by hand on a site built in code
(Europe/Oslo, CET +01:00 all winter), then on built sites: the files, their
agreement with api/varde/uptime.json, the CSV in a spreadsheet's reading,
the JSON against its schema, and the page printed on A4 by chromium.

The hand-computed site: `api` has history from 1 January 2026; one incident
is a major outage from 31 January 23:00 to 1 February 00:30 and a partial
outage from then to 01:30, crossing the month boundary; a maintenance holds
`api` under maintenance on 10 February 22:00-24:00.  Built on 10 March at
noon, March is reported so far.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from test_uptime import DAY, MAJ, OSLO, PART, at, incident, percent

from varde.model import (
    Catalog,
    Component,
    ComponentStatus,
    Environment,
    Maintenance,
    Site,
)
from varde.status.reports import monthly_reports

NOW = "2026-03-10 12:00"
ACROSS = incident(
    "across",
    {"api": MAJ},
    ("2026-01-31 23:00", "investigating"),
    ("2026-02-01 00:30", "identified", {"api": PART}),
    ("2026-02-01 01:30", "resolved"),
)
NIGHT_WORK = Maintenance(
    "night-work",
    "Night work",
    at("2026-02-10 22:00"),
    at("2026-02-11 00:00"),
    (("api", ComponentStatus.UNDER_MAINTENANCE),),
)
HAND_SITE = Site(
    Catalog(
        (Environment("production", "Production"),),
        (),
        (Component("api", "API", "production", since=date(2026, 1, 1)), Component("web", "Web", "production")),
    ),
    (ACROSS,),
    (NIGHT_WORK,),
)


def hand_reports():
    return monthly_reports(HAND_SITE, at(NOW), OSLO, HAND_SITE.catalog.components)


def minutes(row) -> dict[str, int]:
    return {status.value: row.minutes_in(status) for status in ComponentStatus if row.minutes_in(status)}


def test_months_run_from_the_first_data_to_now_the_last_so_far():
    reports = hand_reports()
    assert [(r.month, r.so_far) for r in reports] == [
        (date(2026, 1, 1), False),
        (date(2026, 2, 1), False),
        (date(2026, 3, 1), True),
    ]
    assert reports[-1].end == at(NOW) and reports[0].start == at("2026-01-01 00:00")


def test_an_incident_across_the_month_boundary_is_split_to_the_minute():
    january, february, _ = hand_reports()
    api = january.components[0]
    assert minutes(api) == {"operational": 31 * DAY - 60, "major_outage": 60}
    assert api.uptime == percent(60, 31 * DAY)
    assert [(i.slug, i.within) for i in january.incidents] == [("across", timedelta(minutes=60))]
    api = february.components[0]
    assert minutes(api) == {
        "operational": 28 * DAY - 210,
        "under_maintenance": 120,
        "partial_outage": 60,
        "major_outage": 30,
    }
    assert api.uptime == percent(30 + Fraction(3, 10) * 60, 28 * DAY)  # partial outage weighs 30 %
    listed = february.incidents[0]
    assert (listed.slug, listed.within, listed.components) == ("across", timedelta(minutes=90), ("api",))
    assert (listed.start, listed.end) == (at("2026-01-31 23:00"), at("2026-02-01 01:30"))
    assert [(m.slug, m.within, m.components) for m in february.maintenances] == [
        ("night-work", timedelta(minutes=120), ("api",))
    ]
    assert api.incidents == ("across",) and api.maintenances == ("night-work",)


def test_the_current_month_counts_up_to_now_and_data_starts_with_the_history():
    january, _, march = hand_reports()
    assert minutes(march.components[0]) == {"operational": 9 * DAY + 720}
    assert march.components[0].uptime == 100 and not march.incidents
    # `web` has no `since`: its history begins the day of the site's first incident.
    web = january.components[1]
    assert web.total_minutes == DAY and web.uptime == 100 and web.incidents == ()


def test_a_site_without_data_has_no_reports():
    empty = Site(HAND_SITE.catalog, (), ())
    assert monthly_reports(empty, at(NOW), OSLO, (Component("web", "Web", "production"),)) == ()
