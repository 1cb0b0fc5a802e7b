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

import codecs
import csv
import io
import json
import re
import shutil
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from playwright.sync_api import sync_playwright
from pypdf import PdfReader
from support import CHROMIUM, CHROMIUM_ARGS, copy_site, epoch, pelican, tree, visible_text
from test_uptime import DAY, MAJ, OSLO, PART, at, incident, percent

from varde.model import (
    REPORTED_STATUSES,
    Catalog,
    Component,
    ComponentStatus,
    Environment,
    Maintenance,
    Site,
)
from varde.status.reports import monthly_reports
from varde.status.uptime import floor_percent

REPO = Path(__file__).resolve().parent.parent

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
    return {status.value: row.minutes_in(status) for status in REPORTED_STATUSES if row.minutes_in(status)}


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


def test_a_report_lists_only_the_maintenance_of_its_own_components():
    """Another environment's maintenance is in its own reports, not in these."""
    elsewhere = Maintenance(
        "web-work",
        "Web work",
        at("2026-02-12 22:00"),
        at("2026-02-12 23:00"),
        (("web", ComponentStatus.UNDER_MAINTENANCE),),
    )
    site = Site(HAND_SITE.catalog, HAND_SITE.incidents, (NIGHT_WORK, elsewhere))
    february = monthly_reports(site, at(NOW), OSLO, HAND_SITE.catalog.components[:1])[1]
    assert [m.slug for m in february.maintenances] == ["night-work"]
    both = monthly_reports(site, at(NOW), OSLO, HAND_SITE.catalog.components)[1]
    assert [(m.slug, m.components) for m in both.maintenances] == [("night-work", ("api",)), ("web-work", ("web",))]


def test_a_site_without_data_has_no_reports():
    empty = Site(HAND_SITE.catalog, (), ())
    assert monthly_reports(empty, at(NOW), OSLO, (Component("web", "Web", "production"),)) == ()


# Built sites ---------------------------------------------------------------

#: The example site as the accessibility tests build it: an incident open.
EXAMPLE_AT = epoch("2026-11-22T12:00+01:00")
NIGHT = """---
title: Network down overnight
affected:
  network: major_outage
updates:
  - at: 2026-03-31 23:30
    status: investigating
    text: The datacenter network is down.
  - at: 2026-04-01 00:45
    status: resolved
    text: The network is back.
---
"""


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    """The example site (Norwegian Bokmål) built on 22 November 2026."""
    site = tmp_path_factory.mktemp("example") / "example"
    site.mkdir()
    for name in ("pelicanconf.py", "content", "theme"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy)(REPO / name, site / name)
    run = pelican(site, at=EXAMPLE_AT)
    assert run.returncode == 0, run.output
    return site / "output"


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    """The minimal site (English) with a night outage across 31 March and
    1 April, built on 10 June 2026 at noon (summer time)."""
    site = copy_site("minimal", tmp_path_factory.mktemp("small"))
    (site / "content/incidents/2026-03-31-network-night.md").write_text(NIGHT)
    run = pelican(site, at=epoch("2026-06-10T12:00+02:00"))
    assert run.returncode == 0, run.output
    return site / "output"


def report_json(output: Path, month: str) -> dict:
    return json.loads((output / f"api/varde/reports/{month}.json").read_text(encoding="utf-8"))


def rows(output: Path, month: str, delimiter: str) -> list[list[str]]:
    """The CSV as a spreadsheet reads it: UTF-8 after the BOM."""
    data = (output / f"reports/{month}.csv").read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def test_the_hand_computed_months_of_a_built_site(small):
    """March counts from the first incident (12 March) and loses an hour to
    summer time; the night outage is split 30/45 minutes; the portal's
    two-hour upgrade is maintenance in May; June is so far."""
    months = {month: report_json(small, month) for month in ("2026-03", "2026-04", "2026-05", "2026-06")}
    assert sorted(p.stem for p in (small / "api/varde/reports").glob("*.json")) == sorted(months)
    march = {c["id"]: c for c in months["2026-03"]["components"]}
    assert march["network"]["minutes"] == 20 * DAY - 60
    assert march["network"]["minutes_by_status"]["major_outage"] == 30
    assert march["login"]["minutes_by_status"]["major_outage"] == 55
    assert march["network"]["uptime"] == float(floor_percent(percent(30, 20 * DAY - 60), 4))
    night = next(i for i in months["2026-03"]["incidents"] if i["id"] == "2026-03-31-network-night")
    assert (night["minutes_in_month"], night["components"]) == (30, ["network"])
    april = months["2026-04"]
    assert april["components"][0]["minutes_by_status"] == {
        "operational": 30 * DAY - 45,
        "under_maintenance": 0,
        "degraded_performance": 0,
        "partial_outage": 0,
        "major_outage": 45,
    }
    assert [(i["id"], i["minutes_in_month"]) for i in april["incidents"]] == [("2026-03-31-network-night", 45)]
    may = {c["id"]: c for c in months["2026-05"]["components"]}
    assert may["portal"]["minutes_by_status"]["under_maintenance"] == 120 and may["portal"]["uptime"] == 100
    assert [(m["id"], m["minutes_in_month"]) for m in months["2026-05"]["maintenance"]] == [
        ("2026-05-20-portal-upgrade", 120)
    ]
    june = months["2026-06"]
    assert june["so_far"] and not months["2026-05"]["so_far"]
    assert june["end"] == "2026-06-10T12:00:00+02:00" and june["components"][0]["minutes"] == 9 * DAY + 720


def test_the_csv_opens_as_a_spreadsheet_reads_it_in_english(small):
    """A BOM, commas between fields and a decimal point; then, after an
    empty line, the incidents and maintenance with their minutes."""
    table = rows(small, "2026-03", ",")
    assert table[0][:3] == ["Component", "Minutes with data", "Operational"]
    network = next(row for row in table if row[0] == "Datacenter network")
    assert network[1:8] == [str(20 * DAY - 60), str(20 * DAY - 90), "0", "0", "0", "30", "99.8956"]
    blank = table.index([])
    assert table[blank + 1][:5] == ["Kind", "Title", "Start", "End", "Minutes in the month"]
    assert [
        "Incident",
        "Network down overnight",
        "2026-03-31 23:30",
        "2026-04-01 00:45",
        "30",
        "Datacenter network",
    ] in table


def test_the_csv_uses_the_languages_decimal_comma_and_semicolons(example):
    table = rows(example, "2026-03", ";")
    assert table[0][0] == "Tjeneste" and len(table[0]) == 10
    login = next(row for row in table if row[0] == "Helse-ID innlogging")
    assert login[7] == "99,7308"  # 120 minutes down of 44 580 (summer time takes an hour)


def test_reports_agree_with_the_uptime_figures_day_by_day(example):
    """For every month within uptime.json's 90 days, in both environments,
    each component's minutes are the sums of its days there."""
    checked = 0
    for environment in ("", "test/"):
        uptime = json.loads((example / environment / "api/varde/uptime.json").read_text())
        first = uptime["components"][0]["days"][0]["date"]
        for path in sorted((example / environment / "api/varde/reports").glob("*.json")):
            if f"{path.stem}-01" < first:
                continue
            report = {c["id"]: c for c in json.loads(path.read_text())["components"]}
            for component in uptime["components"]:
                days = [d for d in component["days"] if d["date"].startswith(path.stem) and d["worst"] is not None]
                mine = report[component["id"]]
                assert mine["minutes"] == sum(d["minutes"] for d in days), (path, component["id"])
                for status in ("major_outage", "partial_outage"):
                    key = status.split("_")[0] + "_minutes"
                    assert mine["minutes_by_status"][status] == sum(d[key] for d in days), (path, component["id"])
                named = {slug for d in days for slug in d["incidents"]}
                assert set(mine["incidents"]) == named
                checked += 1
    assert checked >= 3 * 15  # September to November, 15 components in production alone


def test_every_report_is_valid_against_its_schema(example, small):
    schema = json.loads((REPO / "schemas/varde/report.schema.json").read_text())
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    documents = [*example.glob("**/api/varde/reports/*.json"), *small.glob("api/varde/reports/*.json")]
    assert len(documents) > 20
    for path in documents:
        errors = [error.message for error in validator.iter_errors(json.loads(path.read_text()))]
        assert not errors, (path, errors)
    assert list(validator.iter_errors({**report_json(small, "2026-03"), "month": "2026-13"}))


def test_the_list_of_reports_is_newest_first_and_linked_from_every_page(example):
    listing = (example / "reports.html").read_text()
    links = re.findall(r'<a href="\./reports/(\d{4}-\d{2})\.html">([^<]+)</a>', listing)
    assert links[0] == ("2026-11", "November 2026 (så langt)") and links[1][1] == "Oktober 2026"
    assert [month for month, _ in links] == sorted((month for month, _ in links), reverse=True)
    assert links[-1][0] == "2025-02"  # the earliest `since` in components.yaml
    for month, _ in links:
        for path in (f"reports/{month}.html", f"reports/{month}.csv", f"api/varde/reports/{month}.json"):
            assert (example / path).is_file(), path
    assert 'href="./reports.html">Tilgjengelighetsrapporter</a>' in (example / "index.html").read_text()
    assert (example / "test/reports.html").is_file()
    current = visible_text(example / "reports/2026-11.html")
    assert "Tilgjengelighetsrapport, November 2026 (så langt)" in current
    manifest = json.loads((example / "manifest.json").read_text())
    assert {"reports.html", "reports/2026-10.csv", "api/varde/reports/2026-10.json"} <= set(manifest["files"])
    assert (example / "reports/2026-10.csv.gz").is_file()


def test_a_month_of_fifteen_components_prints_on_one_a4_page(example):
    """The production environment has 16 components: each month's report,
    printed by chromium on A4, is one page, without the site's navigation."""
    assert len(report_json(example, "2026-03")["components"]) == 16
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for month in ("2026-03", "2026-10", "2026-11"):
            page.goto((example / f"reports/{month}.html").as_uri())
            printed = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
            assert len(printed.pages) == 1, month
            text = printed.pages[0].extract_text()
            assert "Helse-ID innlogging" in text and "Hopp til innhold" not in text and "Historikk" not in text
        browser.close()


def test_an_ended_month_is_kept_and_a_rebuild_equals_a_build_from_nothing(tmp_path):
    """Built on 31 October and again on 2 November: September's files are
    the very same, October's report is final now, November's so far; and
    the output is byte for byte a build from nothing's."""
    site = copy_site("healthnet", tmp_path / "reusing")
    assert pelican(site, at=epoch("2026-10-31T12:00+01:00")).returncode == 0
    output = site / "output"
    kept = ("reports/2026-09.html", "reports/2026-09.csv", "api/varde/reports/2026-09.json")
    inode = {name: (output / name).stat().st_ino for name in kept}
    assert "(so far)" in visible_text(output / "reports/2026-10.html")
    assert pelican(site, at=epoch("2026-11-02T12:00+01:00")).returncode == 0
    assert {name: (output / name).stat().st_ino for name in kept} == inode
    assert "(so far)" not in visible_text(output / "reports/2026-10.html")
    assert report_json(output, "2026-11")["so_far"] and not report_json(output, "2026-10")["so_far"]
    fresh = copy_site("healthnet", tmp_path / "fresh")
    assert pelican(fresh, at=epoch("2026-11-02T12:00+01:00")).returncode == 0
    assert tree(output) == tree(fresh / "output")


def test_the_kept_months_follow_an_edit_of_an_old_incident(tmp_path):
    """Within a month, a rebuild takes the ended months from the build
    cache; an edit of a June incident (half an hour longer) still shows in
    June's report, as in a build from nothing."""
    site = copy_site("healthnet", tmp_path / "reusing")
    at = epoch("2026-11-02T12:00+01:00")
    assert pelican(site, at=at).returncode == 0
    assert pelican(site, at=at + 300).returncode == 0  # June from the cache
    before = report_json(site / "output", "2026-06")
    crash = site / "content/incidents/2026-06-10-docstore-crash.md"
    crash.write_text(crash.read_text().replace("at: 2026-06-10 21:30", "at: 2026-06-10 22:00"))
    assert pelican(site, at=at + 600).returncode == 0
    assert report_json(site / "output", "2026-06") != before
    fresh = copy_site("healthnet", tmp_path / "fresh")
    (fresh / crash.relative_to(site)).write_text(crash.read_text())
    assert pelican(fresh, at=at + 600).returncode == 0
    assert tree(site / "output") == tree(fresh / "output")
