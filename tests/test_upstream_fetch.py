"""`varde upstream fetch` against real HTTP servers: a real Statuspage
answer is kept with the time it was read; a page that is silent, huge,
redirects without end or is not Statuspage's is refused with one sentence,
keeps its last snapshot, and never stops the others."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest
from builds import SAMPLES
from support import copy_site, varde
from upstreams import huge, mirroring_site, redirect_loop, serving, silent

SUMMARY = "/api/v2/summary.json"
GITHUB = (SAMPLES / "githubstatus-summary-2022-11-25.json").read_bytes()


@pytest.fixture(scope="module")
def fetched(tmp_path_factory):
    """A site mirroring five pages, fetched twice: once with all of them
    good, then with four of them gone bad."""
    routes = {f"/{page}{SUMMARY}": GITHUB for page in ("good", "slow", "huge", "loop", "html")}
    with serving(routes) as base:
        site = mirroring_site(
            tmp_path_factory.mktemp("fetch") / "site",
            "Vendor status",
            [(page, f"Page {page}", f"{base}/{page}{SUMMARY}") for page in ("good", "slow", "huge", "loop", "html")],
            "  - id: packages\n    name: Packages\n    upstream: {page: good, component: Packages}\n"
            '  - id: gone\n    name: Gone\n    upstream: {page: good, component: "No such thing"}\n',
        )
        first = varde(site, "upstream", "fetch")
        before = {path.name: path.read_bytes() for path in (site / "upstream").iterdir()}
        routes.update(
            {
                f"/slow{SUMMARY}": silent,
                f"/huge{SUMMARY}": huge,
                f"/loop{SUMMARY}": redirect_loop,
                f"/html{SUMMARY}": b"<html><body>Status</body></html>",
            }
        )
        time.sleep(1.1)  # fetches are timed to the second: the second one must be seen as later
        started = datetime.now(UTC)
        second = varde(site, "upstream", "fetch")
        took = datetime.now(UTC) - started
    return site, first, before, second, took


def test_a_real_statuspage_answer_is_kept_with_the_time_it_was_read(fetched):
    _, first, before, _, _ = fetched
    assert first.returncode == 0, first.output
    assert "Fetched Page good (good): 11 components." in first.stdout
    snapshot = json.loads(before["good.json"])
    assert snapshot["summary"] == json.loads(GITHUB)
    assert datetime.now(UTC) - datetime.fromisoformat(snapshot["fetched_at"]) < timedelta(minutes=2)
    (seen,) = snapshot["observations"]
    assert seen["statuses"] == {"st3j38cctv9l": "partial_outage"}  # Packages, as GitHub said


def test_a_component_the_page_does_not_list_is_a_note_not_an_error(fetched):
    _, first, _, _, _ = fetched
    assert "Note: Page good lists no component 'No such thing'" in first.stderr


def test_each_failing_page_gets_one_sentence_and_keeps_its_snapshot(fetched):
    site, _, before, second, _ = fetched
    assert second.returncode == 1
    lines = second.stderr.strip().splitlines()
    said = {line.split(" (")[0].removeprefix("varde: "): line for line in lines if line.startswith("varde: ")}
    assert "did not answer within 10 seconds" in said["Page slow"]
    assert said["Page huge"].startswith("varde: Page huge (http://127.0.0.1:")
    assert "was not read: the answer is larger than the 5 MB allowed; its last snapshot" in said["Page huge"]
    assert "redirected more than 3 times" in said["Page loop"]
    assert "is not JSON" in said["Page html"]
    for page in ("slow", "huge", "loop", "html"):
        assert "its last snapshot, from " in said[f"Page {page}"] and said[f"Page {page}"].endswith("is kept.")
        assert (site / f"upstream/{page}.json").read_bytes() == before[f"{page}.json"]
    # The good page was read again, beside them: two observations now.
    assert len(json.loads((site / "upstream/good.json").read_text())["observations"]) == 2


def test_a_silent_page_costs_its_timeout_not_more(fetched):
    *_, took = fetched
    assert took < timedelta(seconds=25)  # the silent page's 10 s, and the others' moments


def test_an_answer_that_is_not_a_summary_is_refused_by_the_schema(tmp_path):
    wrong = json.dumps({"page": {"name": "<script>alert(1)</script>"}, "components": "none"}).encode()
    with serving({SUMMARY: wrong}) as base:
        site = mirroring_site(tmp_path / "site", "Vendor", [("x", "X", base + SUMMARY)], "  - id: a\n    name: A\n")
        run = varde(site, "upstream", "fetch")
    assert run.returncode == 1
    assert "X (" in run.stderr and "is not a Statuspage summary" in run.stderr
    assert "it has no snapshot yet, so its components are shown as unknown." in run.stderr
    assert not (site / "upstream").exists()


def test_a_site_without_upstreams_is_told_so_and_a_broken_catalog_is_not_silent(tmp_path):
    site = copy_site("minimal", tmp_path)
    run = varde(site, "upstream", "fetch")
    assert (run.returncode, run.stdout) == (0, "content/components.yaml lists no `upstreams`; nothing to fetch.\n")
    (site / "content/components.yaml").write_text("components: [\n")
    run = varde(site, "upstream", "fetch")
    assert run.returncode == 1
    assert run.stderr == "varde: content/components.yaml could not be read; `varde check` says why.\n"
