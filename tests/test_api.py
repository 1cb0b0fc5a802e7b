"""api/v2/*.json: Statuspage's public API, same paths and shapes.

Pure tests over the healthnet test site at chosen instants, then real
`pelican` builds of healthnet and of the example site.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from builds import (
    ENDPOINT_SCHEMAS,
    SAMPLE_ENDPOINTS,
    build_at,
    sample,
    schema_errors,
)
from support import SITES, copy_site, epoch, pelican, tree

from varde.model import ComponentStatus
from varde.presentation.api import statuspage_files
from varde.status.overall import overall

ID = re.compile(r"^[a-z0-9]{12}$")
TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$")


def api(at: str, environment: int = 0, site: Path = SITES / "healthnet", **settings) -> dict[str, dict]:
    """Every API file of one environment at `at`, parsed, by path under api/v2/."""
    build = build_at(at, site, **settings)
    files = statuspage_files(build, build.snapshots[environment])
    return {path.removeprefix("api/v2/"): json.loads(text) for path, text in files.items()}


def incident(files: dict, slug: str, endpoint: str = "incidents.json") -> dict:
    found = [record for record in files[endpoint]["incidents"] if record["shortlink"].endswith(f"/{slug}.html")]
    assert len(found) == 1, [record["name"] for record in files[endpoint]["incidents"]]
    return found[0]


def maintenance(files: dict, slug: str, endpoint: str = "scheduled-maintenances.json") -> dict:
    found = [
        record for record in files[endpoint]["scheduled_maintenances"] if record["shortlink"].endswith(f"/{slug}.html")
    ]
    assert len(found) == 1, [record["name"] for record in files[endpoint]["scheduled_maintenances"]]
    return found[0]


def component(files: dict, name: str) -> dict:
    return next(entry for entry in files["components.json"]["components"] if entry["name"] == name)


def changes(update: dict) -> list[tuple[str, str, str]]:
    return [(row["name"], row["old_status"], row["new_status"]) for row in update["affected_components"] or ()]


# -- incidents through their life -------------------------------------------


def test_open_incident_is_investigating_and_listed_as_unresolved():
    files = api("2026-03-12T08:30+01:00")
    record = incident(files, "2026-03-12-network-fault", "incidents/unresolved.json")
    assert record["status"] == "investigating"
    assert record["impact"] == "critical"
    assert record["resolved_at"] is None and record["monitoring_at"] is None
    assert record["started_at"] == record["created_at"] == "2026-03-12T08:05:00.000+01:00"
    assert record["shortlink"] == "https://status.healthnet.example/incidents/2026-03-12-network-fault.html"
    assert [u["body"] for u in record["incident_updates"]] == [
        "Many users cannot log in. The citizen portal, the patient record and\n"
        "the message service are affected. We are investigating."
    ]
    assert changes(record["incident_updates"][0])[:2] == [
        ("Datacenter network", "operational", "major_outage"),
        ("National login", "operational", "major_outage"),
    ]
    assert {c["name"]: c["status"] for c in record["components"]} == {
        "Datacenter network": "major_outage",
        "National login": "major_outage",
        "Citizen portal": "partial_outage",
        "Core patient record": "degraded_performance",
        "Message service": "degraded_performance",
    }
    assert files["summary.json"]["incidents"] == [record]
    assert files["status.json"]["status"] == {"indicator": "major", "description": "Partial System Outage"}
    assert component(files, "National login")["status"] == "major_outage"


def test_monitoring_incident_lists_updates_newest_first_with_what_changed():
    files = api("2026-03-12T10:30+01:00")
    record = incident(files, "2026-03-12-network-fault")
    assert record["status"] == "monitoring"
    assert record["monitoring_at"] == "2026-03-12T10:15:00.000+01:00"
    assert [u["status"] for u in record["incident_updates"]] == ["monitoring", "identified", "investigating"]
    assert [u["display_at"] for u in record["incident_updates"]] == [
        "2026-03-12T10:15:00.000+01:00",
        "2026-03-12T08:40:00.000+01:00",
        "2026-03-12T08:05:00.000+01:00",
    ]
    monitoring, identified, _ = record["incident_updates"]
    assert changes(monitoring) == [
        ("Datacenter network", "major_outage", "operational"),
        ("National login", "major_outage", "degraded_performance"),
    ]
    assert identified["affected_components"] is None  # it changed no status
    assert all(u["incident_id"] == record["id"] for u in record["incident_updates"])
    assert component(files, "National login")["status"] == "degraded_performance"
    assert component(files, "National login")["updated_at"] == "2026-03-12T10:15:00.000+01:00"


def test_resolved_incident_leaves_the_unresolved_list_and_frees_its_components():
    files = api("2026-03-12T12:00+01:00")
    record = incident(files, "2026-03-12-network-fault")
    assert record["status"] == "resolved"
    assert record["resolved_at"] == "2026-03-12T11:10:00.000+01:00"
    assert files["incidents/unresolved.json"]["incidents"] == []
    assert files["summary.json"]["incidents"] == []
    assert files["status.json"]["status"] == {"indicator": "none", "description": "All Systems Operational"}
    resolving = record["incident_updates"][0]
    assert resolving["status"] == "resolved"
    assert ("National login", "degraded_performance", "operational") in changes(resolving)
    assert all(c["status"] == "operational" for c in record["components"])


def test_update_posts_carry_the_state_they_keep_and_a_postmortem_shows_once_published():
    before = incident(api("2026-04-09T11:00+02:00"), "2026-04-08-prescribing-data")
    assert before["status"] == "resolved"
    assert [u["status"] for u in before["incident_updates"]] == [
        "resolved",
        "identified",
        "identified",
        "identified",
        "identified",
        "investigating",
    ]
    assert before["impact"] == "major"  # from the worst status it gave: partial outage
    after = incident(api("2026-04-09T12:30+02:00"), "2026-04-08-prescribing-data")
    assert after["status"] == "postmortem"
    assert after["updated_at"] == "2026-04-09T12:00:00.000+02:00"
    assert after["resolved_at"] == before["resolved_at"] == "2026-04-08T06:00:00.000+02:00"


def test_a_resolved_incident_does_not_change_with_now():
    """Later incidents touch the same component; the old record stays as it was."""
    early = incident(api("2026-03-13T12:00+01:00"), "2026-03-12-network-fault")
    later_files = api("2026-10-25T02:30+01:00")  # the message service is slow again
    assert component(later_files, "Message service")["status"] == "degraded_performance"
    assert incident(later_files, "2026-03-12-network-fault") == early


# -- maintenance through its life --------------------------------------------


def test_maintenance_is_absent_before_its_announcement():
    files = api("2026-05-15T08:00+02:00")
    slugs = [m["shortlink"] for m in files["scheduled-maintenances.json"]["scheduled_maintenances"]]
    assert not any("customer-portal-upgrade" in link for link in slugs)


def test_scheduled_maintenance_is_upcoming_with_its_announcement_as_first_update():
    files = api("2026-05-16T12:00+02:00")
    record = maintenance(files, "2026-05-20-customer-portal-upgrade", "scheduled-maintenances/upcoming.json")
    assert record["status"] == "scheduled"
    assert record["impact"] == "maintenance"
    assert record["scheduled_for"] == "2026-05-20T16:00:00.000+02:00"
    assert record["scheduled_until"] == "2026-05-20T18:00:00.000+02:00"
    assert record["created_at"] == record["started_at"] == "2026-05-15T09:00:00.000+02:00"
    [announcement] = record["incident_updates"]
    assert announcement["status"] == "scheduled"
    assert announcement["display_at"] == "2026-05-15T09:00:00.000+02:00"
    assert announcement["body"] == "The customer portal is unavailable while it is upgraded."
    assert files["scheduled-maintenances/active.json"]["scheduled_maintenances"] == []
    assert record in files["summary.json"]["scheduled_maintenances"]
    assert component(files, "Customer portal")["status"] == "operational"


def test_maintenance_in_progress_is_active_and_puts_its_components_under_maintenance():
    files = api("2026-05-20T17:00+02:00")
    record = maintenance(files, "2026-05-20-customer-portal-upgrade", "scheduled-maintenances/active.json")
    assert record["status"] == "in_progress"
    assert record["resolved_at"] is None
    assert [c["status"] for c in record["components"]] == ["under_maintenance"]
    assert component(files, "Customer portal")["status"] == "under_maintenance"
    assert component(files, "Customer services")["status"] == "under_maintenance"  # its group
    assert files["status.json"]["status"] == {"indicator": "maintenance", "description": "Service Under Maintenance"}
    assert record not in files["scheduled-maintenances/upcoming.json"]["scheduled_maintenances"]
    assert record in files["summary.json"]["scheduled_maintenances"]


def test_completed_maintenance_ends_at_its_completing_update():
    files = api("2026-05-20T17:30+02:00")
    record = maintenance(files, "2026-05-20-customer-portal-upgrade")
    assert record["status"] == "completed"
    assert record["resolved_at"] == record["updated_at"] == "2026-05-20T17:20:00.000+02:00"
    completed, announced = record["incident_updates"]
    assert (completed["status"], announced["status"]) == ("completed", "scheduled")
    assert changes(completed) == [("Customer portal", "under_maintenance", "operational")]
    assert component(files, "Customer portal")["status"] == "operational"
    assert record not in files["summary.json"]["scheduled_maintenances"]
    assert files["status.json"]["status"]["indicator"] == "none"


def test_a_window_across_the_end_of_summer_time_keeps_both_offsets():
    files = api("2026-10-25T02:30+01:00")
    record = maintenance(files, "2026-10-25-record-dst-night", "scheduled-maintenances/active.json")
    assert record["scheduled_for"] == "2026-10-25T01:00:00.000+02:00"
    assert record["scheduled_until"] == "2026-10-25T04:00:00.000+01:00"
    night = incident(files, "2026-10-25-messaging-dst-night")
    # the repeated hour: 02:20 CEST comes before 02:10 CET
    assert [u["display_at"] for u in night["incident_updates"]] == [
        "2026-10-25T02:10:00.000+01:00",
        "2026-10-25T02:20:00.000+02:00",
    ]


# -- the page, the components and the lists ------------------------------------


def test_groups_are_flat_entries_with_their_members():
    files = api("2026-03-12T10:30+01:00")
    entries = files["components.json"]["components"]
    assert [e["name"] for e in entries[:3]] == ["Core infrastructure", "Datacenter network", "National login"]
    group, network, login = entries[:3]
    assert group["group"] is True and group["group_id"] is None
    assert group["components"] == [network["id"], login["id"]]
    assert network["group_id"] == login["group_id"] == group["id"]
    assert (group["position"], network["position"], login["position"]) == (1, 1, 2)
    assert group["status"] == "degraded_performance"  # its worst member
    alone = next(e for e in entries if e["name"] == "Document store")
    assert alone["group"] is False and alone["group_id"] is None and "components" not in alone
    assert "Login (test)" not in [e["name"] for e in entries]


def test_the_test_environment_is_a_page_of_its_own():
    production, test = api("2026-07-01T11:00+02:00"), api("2026-07-01T11:00+02:00", environment=1)
    assert test["summary.json"]["page"]["url"] == "https://status.healthnet.example/test"
    assert production["summary.json"]["page"]["url"] == "https://status.healthnet.example"
    assert test["summary.json"]["page"]["id"] != production["summary.json"]["page"]["id"]
    assert [e["name"] for e in test["components.json"]["components"]] == ["Login (test)"]
    assert [i["name"] for i in test["incidents/unresolved.json"]["incidents"]] == ["Test login is down"]
    assert production["incidents/unresolved.json"]["incidents"] == []
    assert incident(test, "2026-07-01-test-login")["shortlink"] == (
        "https://status.healthnet.example/test/incidents/2026-07-01-test-login.html"
    )


def test_page_updated_at_is_the_latest_published_change_not_the_build_time():
    files = api("2026-08-01T12:00+02:00")
    page = files["summary.json"]["page"]
    assert page["updated_at"] == "2026-06-10T23:00:00.000+02:00"  # the docstore window closed
    assert page["time_zone"] == "Europe/Oslo"
    assert page["name"] == "Healthnet status"
    build_a, build_b = build_at("2026-08-01T12:00+02:00"), build_at("2026-09-30T12:00+02:00")
    assert statuspage_files(build_a, build_a.snapshots[0]) == statuspage_files(build_b, build_b.snapshots[0])


def test_nothing_unpublished_shows_through_the_dates():
    """Before the first incident, no date of the page or its components tells of it."""
    files = api("2026-03-01T12:00+01:00")
    assert files["incidents.json"]["incidents"] == []
    dated = [files["summary.json"]["page"], *files["components.json"]["components"]]
    stamps = [entry[key] for entry in dated for key in ("created_at", "updated_at") if key in entry]
    assert stamps and all(
        datetime.fromisoformat(stamp) <= datetime.fromisoformat("2026-03-01T12:00+01:00") for stamp in stamps
    ), stamps


def test_ids_are_statuspage_shaped_and_stable_across_builds():
    first, second = api("2026-03-12T10:30+01:00"), api("2026-11-01T12:00+01:00")

    def ids(files):
        found = {c["name"]: c["id"] for c in files["components.json"]["components"]}
        for record in files["incidents.json"]["incidents"]:
            found[record["name"]] = record["id"]
            found.update((f"{record['name']} {u['display_at']}", u["id"]) for u in record["incident_updates"])
        return found

    early, late = ids(first), ids(second)
    assert all(ID.match(value) for value in late.values())
    assert len(set(late.values())) == len(late)
    assert {name: early[name] for name in early} == {name: late[name] for name in early}
    assert first["summary.json"]["page"]["id"] == second["summary.json"]["page"]["id"]


def test_times_carry_milliseconds_and_the_offset_of_their_season():
    text = json.dumps(api("2026-11-01T12:00+01:00"))
    stamps = re.findall(r'"(?:\w+_at|scheduled_\w+)": "([^"]+)"', text)
    assert stamps and all(TIME.match(stamp) for stamp in stamps), stamps
    assert "2026-06-10T21:00:00.000+02:00" in stamps and "2026-03-12T08:05:00.000+01:00" in stamps


def test_list_endpoints_give_the_50_most_recent(tmp_path):
    site = tmp_path / "many"
    shutil.copytree(SITES / "minimal", site)
    for folder in ("incidents", "maintenance"):
        for old in (site / "content" / folder).glob("*.md"):
            old.unlink()
    for day in range(1, 61):
        date = f"2026-{1 + (day - 1) // 28:02d}-{1 + (day - 1) % 28:02d}"
        resolved = "" if day > 57 else f"  - at: {date} 12:00\n    status: resolved\n    text: Fixed.\n"
        (site / f"content/incidents/{date}-login.md").write_text(
            f"---\ntitle: Login fault {day}\naffected:\n  login: partial_outage\nupdates:\n"
            f"  - at: {date} 10:00\n    status: investigating\n    text: Slow.\n{resolved}---\n"
        )
        (site / f"content/maintenance/{date}-portal.md").write_text(
            f"---\ntitle: Portal work {day}\nwindow:\n  start: {date} 20:00\n  end: {date} 21:00\n"
            f"affected: [portal]\n---\nWork.\n"
        )
    files = api("2026-03-31T12:00+02:00", site=site)
    listed = files["incidents.json"]["incidents"]
    assert len(listed) == 50
    assert [record["name"] for record in listed[:2]] == ["Login fault 60", "Login fault 59"]
    assert listed[-1]["name"] == "Login fault 11"
    assert len(files["incidents/unresolved.json"]["incidents"]) == 3  # not capped, all open
    maintenances = files["scheduled-maintenances.json"]["scheduled_maintenances"]
    assert len(maintenances) == 50 and maintenances[0]["name"] == "Portal work 60"
    assert not schema_errors("incidents", files["incidents.json"])


# -- the contract: the samples' shapes -----------------------------------------


def key_orders(document, path: str = "") -> dict[str, list[tuple[str, ...]]]:
    """Every object's keys, by where it stands (list indexes dropped)."""
    found: dict[str, list[tuple[str, ...]]] = {}
    if isinstance(document, dict):
        kind = path + ("[group]" if document.get("group") is True else "")
        found.setdefault(kind, []).append(tuple(document))
        for key, value in document.items():
            for where, orders in key_orders(value, f"{path}.{key}").items():
                found.setdefault(where, []).extend(orders)
    elif isinstance(document, list):
        for item in document:
            for where, orders in key_orders(item, path).items():
                found.setdefault(where, []).extend(orders)
    return found


def object_kind(where: str) -> str:
    """The kind of object at a place: a component is one in summary and in an incident."""
    return where.split(".")[-1] or "(top)"


def test_every_object_has_the_samples_keys_in_the_samples_order():
    expected: dict[str, set[tuple[str, ...]]] = {}
    for name, endpoint in SAMPLE_ENDPOINTS.items():
        for where, orders in key_orders(sample(name)).items():
            kind = f"endpoint {endpoint}" if where == "" else object_kind(where)
            expected.setdefault(kind, set()).update(orders)
    ours: dict[str, set[tuple[str, ...]]] = {}
    for at in ("2026-03-12T10:30+01:00", "2026-05-20T17:00+02:00", "2026-05-16T12:00+02:00"):
        for environment in (0, 1):
            for path, document in api(at, environment).items():
                for where, orders in key_orders(document).items():
                    kind = f"endpoint {ENDPOINT_SCHEMAS[path]}" if where == "" else object_kind(where)
                    ours.setdefault(kind, set()).update(orders)
    # A group is a component with its members listed last, as Statuspage's are.
    [component_keys] = expected["components"]
    expected["components[group]"] = {component_keys + ("components",)}
    expected["endpoint scheduled-maintenances-active"] = expected["endpoint scheduled-maintenances"]
    for kind, orders in ours.items():
        assert orders == expected[kind], kind
    assert {
        "components",
        "components[group]",
        "incident_updates",
        "affected_components",
        "incidents",
        "scheduled_maintenances",
        "page",
        "status",
    } <= set(ours)


def test_the_schemas_accept_every_sample():
    for name, endpoint in SAMPLE_ENDPOINTS.items():
        assert schema_errors(endpoint, sample(name)) == [], name


@pytest.mark.parametrize(
    "at",
    [
        "2026-03-12T08:30+01:00",
        "2026-04-09T12:30+02:00",
        "2026-05-16T12:00+02:00",
        "2026-05-20T17:00+02:00",
        "2026-07-01T11:00+02:00",
        "2026-10-25T02:30+01:00",
    ],
)
@pytest.mark.parametrize("environment", [0, 1])
def test_the_schemas_accept_our_output(at, environment):
    for path, document in api(at, environment).items():
        assert schema_errors(ENDPOINT_SCHEMAS[path], document) == [], path


def test_the_schemas_refuse_what_a_client_could_not_read():
    files = api("2026-03-12T10:30+01:00")
    missing = json.loads(json.dumps(files["incidents.json"]))
    del missing["incidents"][0]["incident_updates"][0]["display_at"]
    assert any("display_at" in error for error in schema_errors("incidents", missing))
    wrong = json.loads(json.dumps(files["components.json"]))
    wrong["components"][1]["status"] = "broken"
    assert schema_errors("components", wrong)
    bad_time = json.loads(json.dumps(files["status.json"]))
    bad_time["page"]["updated_at"] = "2026-03-12T10:15:00+01:00"  # no milliseconds
    assert schema_errors("status", bad_time)
    extra = json.loads(json.dumps(files["status.json"]))
    extra["status"]["colour"] = "red"
    assert schema_errors("status", extra)


def test_the_overall_status_follows_statuspage_as_the_real_summary_shows():
    """GitHub's page: one of eleven components in partial outage."""
    summary = sample("githubstatus-summary-2022-11-25.json")
    result = overall([ComponentStatus(c["status"]) for c in summary["components"]])
    assert {"indicator": result.indicator.value, "description": result.description} == summary["status"]


# -- real builds ---------------------------------------------------------------


def read_api(output: Path) -> dict[str, dict]:
    return {path: json.loads((output / "api/v2" / path).read_text()) for path in ENDPOINT_SCHEMAS}


def test_a_pelican_build_writes_the_api_for_every_environment(tmp_path):
    site = copy_site("healthnet", tmp_path)
    run = pelican(site, at=epoch("2026-07-01T11:00+02:00"))
    assert run.returncode == 0, run.output
    production, test = read_api(site / "output"), read_api(site / "output/test")
    for files in (production, test):
        for path, document in files.items():
            assert schema_errors(ENDPOINT_SCHEMAS[path], document) == [], path
    assert [i["name"] for i in test["incidents/unresolved.json"]["incidents"]] == ["Test login is down"]
    assert production["status.json"]["status"]["indicator"] == "none"
    assert production["summary.json"]["page"]["url"] == ""  # local build: no SITEURL
    assert test["summary.json"]["page"]["url"] == "test"
    raw = (site / "output/api/v2/summary.json").read_text()
    assert raw.endswith("}\n") and "\\u00" not in raw
    before = tree(site / "output/api")
    assert pelican(site, at=epoch("2026-07-01T11:00+02:00")).returncode == 0
    assert tree(site / "output/api") == before  # a rebuild is byte-identical


def test_the_example_site_publishes_api_calendar_and_badges(example_site):
    run = pelican(example_site, epoch("2026-11-22T12:00+01:00"), "publishconf.py")
    assert run.returncode == 0, run.output
    output = example_site / "output"
    for root, environment in ((output, "Produksjon"), (output / "test", "Testmiljø")):
        files = read_api(root)
        for path, document in files.items():
            assert schema_errors(ENDPOINT_SCHEMAS[path], document) == [], (environment, path)
        assert files["summary.json"]["page"]["name"] == "Nordhelse driftsstatus"
        assert files["summary.json"]["page"]["url"].startswith("https://status.nordhelse.example")
        assert (root / "maintenance.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
        assert (root / "badges/status.svg").is_file()
        assert re.search(r'href="[^"]*maintenance\.ics"', (root / "index.html").read_text())  # to subscribe
        badge_names = {path.stem for path in (root / "badges").glob("*.svg")}
        assert len(badge_names) == 1 + sum(not e["group"] for e in files["components.json"]["components"])
    production = read_api(output)
    assert [i["name"] for i in production["incidents/unresolved.json"]["incidents"]] == [
        "Meldingstjenesten – forsinket levering av meldinger"
    ]
    assert production["status.json"]["status"] == {"indicator": "minor", "description": "Partially Degraded Service"}
    assert "Oppgradering av databasen for Kjernejournal" in [
        m["name"] for m in production["scheduled-maintenances/upcoming.json"]["scheduled_maintenances"]
    ]
