"""`varde import statuspage`: a Statuspage page's history becomes a Varde site,
and the site's API gives that history back."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from datetime import datetime
from pathlib import Path

import pytest
from builds import SAMPLES, sample, schema_errors
from support import SITES, epoch, pelican, varde

from varde.importing.statuspage import Source, SourceError, import_statuspage

DISCORD = {
    "components.json": "discordstatus-components-2022-02-15.json",
    "incidents.json": "discordstatus-incidents-2022-02-15.json",
    "scheduled-maintenances.json": "discordstatus-scheduled-maintenances-2022-02-15.json",
}
GITHUB = {"summary.json": "githubstatus-summary-2022-11-25.json"}


def saved(tmp_path: Path, files: dict[str, str], changed: dict[str, object] | None = None) -> Path:
    """A folder of saved API responses; `changed` replaces some (JSON, or text as is)."""
    folder = tmp_path / "saved"
    folder.mkdir(exist_ok=True)
    for name, sample_name in files.items():
        shutil.copy(SAMPLES / sample_name, folder / name)
    for name, data in (changed or {}).items():
        (folder / name).write_text(data if isinstance(data, str) else json.dumps(data))
    return folder


def new_site(tmp_path: Path, zone: str, name: str = "site") -> Path:
    """An empty site: minimal's settings, the page's time zone, no content."""
    site = tmp_path / name
    site.mkdir()
    settings = (SITES / "minimal/pelicanconf.py").read_text().replace("Europe/Oslo", zone)
    (site / "pelicanconf.py").write_text(settings)
    return site


def imported_api(tmp_path: Path, files: dict[str, str], zone: str, at: str) -> tuple[Path, Path]:
    """Import, check, build at `at`; the site and its api/v2 folder."""
    site = new_site(tmp_path, zone)
    run = varde(site, "import", "statuspage", str(saved(tmp_path, files)))
    assert run.returncode == 0, run.output
    check = varde(site, "check")
    assert check.returncode == 0, check.output
    build = pelican(site, at=epoch(at))
    assert build.returncode == 0, build.output
    return site, site / "output/api/v2"


def instant(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def essentials(record: dict) -> dict:
    """What the round trip keeps: names, statuses, texts, times, affected components."""
    return {
        "name": record["name"],
        "status": record["status"],
        "impact": record["impact"],
        "monitoring_at": instant(record["monitoring_at"]),
        "resolved_at": instant(record["resolved_at"]),
        "components": [component["name"] for component in record["components"]],
        "updates": [
            (
                update["status"],
                update["body"].replace("\r\n", "\n"),
                instant(update["display_at"]),
                [(row["name"], row["new_status"]) for row in update["affected_components"] or ()],
            )
            for update in record["incident_updates"]
        ],
        **{key: instant(record[key]) for key in ("scheduled_for", "scheduled_until") if key in record},
    }


def test_discord_round_trip_gives_back_the_same_incidents_and_maintenance(tmp_path):
    site, api = imported_api(tmp_path, DISCORD, "America/Tijuana", "2022-02-15T14:00-08:00")
    ours = json.loads((api / "incidents.json").read_text())
    theirs = sample(DISCORD["incidents.json"])
    assert [essentials(r) for r in ours["incidents"]] == [essentials(r) for r in theirs["incidents"]]
    # In the page's own zone even the text of every time is the same.
    assert ours["incidents"][0]["incident_updates"][1]["display_at"] == "2022-02-15T13:21:55.183-08:00"
    assert ours["page"]["time_zone"] == "America/Tijuana"
    work = json.loads((api / "scheduled-maintenances.json").read_text())["scheduled_maintenances"]
    expected = essentials(sample(DISCORD["scheduled-maintenances.json"])["scheduled_maintenances"][0])
    # Statuspage gave this maintenance no component; Varde needs one, so the
    # import names every component, at a status that changes nothing.
    expected.update(impact="maintenance", components=["API"])
    assert [essentials(r) for r in work] == [expected]
    for path in ("incidents.json", "scheduled-maintenances.json"):
        assert schema_errors(path.removesuffix(".json"), json.loads((api / path).read_text())) == []


def test_github_summary_round_trip_gives_back_the_open_incident(tmp_path):
    site, api = imported_api(tmp_path, GITHUB, "Etc/UTC", "2022-11-25T15:55+00:00")
    summary = json.loads((api / "summary.json").read_text())
    theirs = sample(GITHUB["summary.json"])
    assert [essentials(r) for r in summary["incidents"]] == [essentials(r) for r in theirs["incidents"]]
    assert [c["name"] for c in summary["components"]] == [c["name"] for c in theirs["components"]]
    assert [c["start_date"] for c in summary["components"]] == [c["start_date"] for c in theirs["components"]]
    assert summary["page"]["updated_at"] == "2022-11-25T15:50:04.967+00:00"


def test_the_import_says_what_it_wrote_and_what_to_set(tmp_path):
    site = new_site(tmp_path, "Europe/Oslo")
    run = varde(site, "import", "statuspage", str(saved(tmp_path, DISCORD)))
    assert run.returncode == 0, run.output
    assert "1 incident and 1 maintenance" in run.stdout
    assert "America/Tijuana" in run.stdout  # the page's zone differs from the site's
    assert sorted(p.relative_to(site / "content").as_posix() for p in (site / "content").rglob("*.*")) == [
        "components.yaml",
        "incidents/2022-02-15-messaging-issues.md",
        "maintenance/2015-09-22-server-juice.md",
    ]
    text = (site / "content/maintenance/2015-09-22-server-juice.md").read_text()
    assert "announced: 2015-09-18T18:20-07:00" in text
    assert "\r" not in text and "(ﾉ◕ヮ◕)ﾉ*:･ﾟ✧ Wow our servers wow." in text  # the announcement is the body


def test_groups_are_kept_with_their_members_in_order(tmp_path):
    components = sample(DISCORD["components.json"])
    api = components["components"][0]
    group = dict(api, id="grp0000000001", name="Chat platform", group=True, description="Everything chat")
    gateway = dict(api, id="gtw0000000001", name="Gateway", group_id="grp0000000001", position=1)
    media = dict(api, id="med0000000001", name="Media Proxy", group_id="grp0000000001", position=2)
    components["components"] = [group, gateway, dict(api, position=2), media]
    files = import_statuspage(
        Source("components.json", components),
        Source("incidents.json", sample(DISCORD["incidents.json"])),
        Source("scheduled-maintenances.json", {"scheduled_maintenances": []}),
    ).files
    assert files["components.yaml"].split("\n\n", 1)[1] == (
        "groups:\n"
        "  - id: chat-platform\n    name: Chat platform\n    description: Everything chat\n"
        "components:\n"
        "  - id: gateway\n    name: Gateway\n    group: chat-platform\n    description: " + api["description"] + "\n"
        "  - id: media-proxy\n    name: Media Proxy\n    group: chat-platform\n    description: "
        + api["description"]
        + "\n"
        "  - id: api\n    name: API\n    description: " + api["description"] + "\n"
    )


def test_titles_that_share_a_day_get_distinct_slugs():
    incidents = sample(DISCORD["incidents.json"])
    incidents["incidents"] = incidents["incidents"] * 2
    files = import_statuspage(
        Source("components.json", sample(DISCORD["components.json"])),
        Source("incidents.json", incidents),
        Source("scheduled-maintenances.json", {"scheduled_maintenances": []}),
    ).files
    assert [name for name in files if name.startswith("incidents/")] == [
        "incidents/2022-02-15-messaging-issues.md",
        "incidents/2022-02-15-messaging-issues-2.md",
    ]


def broken_incidents(change) -> dict:
    data = sample(DISCORD["incidents.json"])
    change(data["incidents"][0])
    return data


@pytest.mark.parametrize(
    "files, expected",
    [
        (
            {"incidents.json": '{"incidents": [}'},
            "incidents.json: is not valid JSON (line 1, column 16: Expecting value)",
        ),
        (
            {"incidents.json": broken_incidents(lambda i: i.pop("incident_updates"))},
            "incidents.json: incident 1 ('Messaging issues') has no `incident_updates`; Varde needs at least one update.",
        ),
        (
            {"incidents.json": broken_incidents(lambda i: i["incident_updates"][0].update(status="exploded"))},
            "incidents.json: update 1 has `status` 'exploded', which is not one of",
        ),
        (
            {"incidents.json": broken_incidents(lambda i: i["incident_updates"][0].update(display_at="yesterday"))},
            "incidents.json: update 1 has `display_at` 'yesterday', which is not an ISO 8601 time with an offset.",
        ),
        (
            {"incidents.json": broken_incidents(lambda i: i.update(name=42))},
            "incidents.json: incident 1 has no `name` that is a text (it is a number).",
        ),
        (
            {"incidents.json": sample(DISCORD["components.json"])},
            "incidents.json: there is no `incidents` list, so this is not a response of Statuspage's API",
        ),
        (
            {"scheduled-maintenances.json": {"scheduled_maintenances": [{"name": "Later", "incident_updates": []}]}},
            "scheduled-maintenances.json: maintenance 1 ('Later') has no `scheduled_for` that is a text (it is missing).",
        ),
    ],
)
def test_malformed_input_is_one_sentence_naming_the_file(tmp_path, files, expected):
    site = new_site(tmp_path, "America/Tijuana")
    folder = saved(tmp_path, DISCORD, files)
    run = varde(site, "import", "statuspage", str(folder))
    assert run.returncode == 1
    assert "1 problem found:" in run.stderr and expected in run.stderr, run.stderr
    assert "Traceback" not in run.output
    assert not (site / "content").exists() or not any((site / "content").rglob("*.*"))


def test_a_missing_file_or_folder_is_named(tmp_path):
    site = new_site(tmp_path, "UTC")
    folder = saved(tmp_path, DISCORD)
    (folder / "scheduled-maintenances.json").unlink()
    run = varde(site, "import", "statuspage", str(folder))
    assert run.returncode == 1 and "scheduled-maintenances.json: does not exist" in run.stderr, run.stderr
    run = varde(site, "import", "statuspage", str(tmp_path / "nowhere"))
    assert run.returncode == 1 and "nowhere: is neither a folder nor an http(s) address" in run.stderr


def test_existing_files_are_never_overwritten_without_force(tmp_path):
    site = new_site(tmp_path, "America/Tijuana")
    (site / "content").mkdir()
    (site / "content/components.yaml").write_text("components:\n  - id: mine\n    name: Mine\n")
    run = varde(site, "import", "statuspage", str(saved(tmp_path, DISCORD)))
    assert run.returncode == 1
    assert "content/components.yaml: exists already, so nothing was imported; add --force" in run.stderr
    assert (site / "content/components.yaml").read_text() == "components:\n  - id: mine\n    name: Mine\n"
    assert not (site / "content/incidents").exists()
    forced = varde(site, "import", "statuspage", str(saved(tmp_path, DISCORD)), "--force")
    assert forced.returncode == 0, forced.output
    assert "name: API" in (site / "content/components.yaml").read_text()


@pytest.mark.parametrize("option", ["--site", "--into"])  # --into: its name before --site, still read
def test_into_another_site(tmp_path, option):
    site = new_site(tmp_path, "America/Tijuana")
    run = varde(tmp_path, "import", "statuspage", str(saved(tmp_path, DISCORD)), option, str(site))
    assert run.returncode == 0, run.output
    assert (site / "content/incidents/2022-02-15-messaging-issues.md").is_file()
    assert not (tmp_path / "content").exists()


def test_the_help_names_the_site_option_only_once(tmp_path):
    run = varde(tmp_path, "import", "--help")
    assert "--site DIR" in run.stdout and "--into" not in run.stdout


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def served(tmp_path):
    """The saved responses at http://127.0.0.1:<port>/api/v2/, as a page serves them."""
    root = tmp_path / "www"
    shutil.copytree(saved(tmp_path, DISCORD), root / "api/v2")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", root
    server.shutdown()
    server.server_close()


def test_import_from_the_page_address(tmp_path, served):
    address, root = served
    site = new_site(tmp_path, "America/Tijuana")
    run = varde(site, "import", "statuspage", address)
    assert run.returncode == 0, run.output
    assert "Messaging issues" in (site / "content/incidents/2022-02-15-messaging-issues.md").read_text()
    (root / "api/v2/incidents.json").unlink()
    other = new_site(tmp_path, "UTC", "other")
    failed = varde(other, "import", "statuspage", address + "/api/v2/")
    assert failed.returncode == 1
    assert f"{address}/api/v2/incidents.json: answered 404" in failed.stderr


def test_the_pure_import_raises_with_the_source_named():
    with pytest.raises(SourceError) as raised:
        import_statuspage(
            Source("c.json", {"components": []}),
            Source("i.json", {"incidents": []}),
            Source("m.json", {"scheduled_maintenances": []}),
        )
    assert str(raised.value) == "c.json: the page lists no components; Varde needs at least one."
