"""Upstream pages in components.yaml: what is refused, with file and line
(content-format.md, "Upstream pages")."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from varde.errors import ContentError
from varde.parsing import load_site

CATALOG = """\
upstreams:
  - id: nhn
    name: Norsk helsenett
    url: https://status.nhn.example/api/v2/summary.json
components:
  - id: helseid
    name: HelseID
    upstream: {page: nhn, component: "HelseID (innlogging)"}
  - id: journal
    name: Journal
    depends_on: [helseid]
"""

INCIDENT = """\
---
title: Login fails
affected:
  helseid: major_outage
updates:
  - at: 2026-03-12 08:05
    status: investigating
    text: Login fails.
---
"""


def _site(tmp_path, catalog: str, incident: str | None = None):
    content = tmp_path / "content"
    (content / "incidents").mkdir(parents=True)
    (content / "components.yaml").write_text(catalog)
    if incident:
        (content / "incidents" / "x.md").write_text(incident)
    return content


def _problems(content) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_site(content, ZoneInfo("Europe/Oslo"))
    return [f"{p.origin.line}: {p.message}" for p in caught.value.problems]


def test_a_mirrored_component_reads_with_its_page_and_link(tmp_path):
    site = load_site(_site(tmp_path, CATALOG), ZoneInfo("Europe/Oslo"))
    (page,) = site.catalog.upstreams
    assert (page.name, page.link) == ("Norsk helsenett", "https://status.nhn.example/")
    assert site.catalog.components[0].upstream.name == "HelseID (innlogging)"
    assert site.catalog.mirrored == {"helseid"}
    assert site.reports == ()  # never fetched: nothing to read, no error


def test_an_unknown_page_id_is_refused_at_its_line(tmp_path):
    (problem,) = _problems(_site(tmp_path, CATALOG.replace("page: nhn", "page: nhm")))
    assert problem.startswith("8: the upstream page 'nhm' is not listed under `upstreams`")
    assert "Did you mean 'nhn'?" in problem


def test_an_incident_naming_a_mirrored_component_is_refused_at_its_line(tmp_path):
    (problem,) = _problems(_site(tmp_path, CATALOG, INCIDENT))
    assert problem.startswith("4: `affected` names the component 'helseid', whose status its upstream page reports")


def test_a_cycle_through_a_mirrored_component_is_refused(tmp_path):
    looped = CATALOG.replace(
        'component: "HelseID (innlogging)"}', 'component: "HelseID (innlogging)"}\n    depends_on: [journal]'
    )
    (problem,) = _problems(_site(tmp_path, looped))
    assert "the dependencies form a cycle" in problem


def test_a_reference_needs_a_name_or_an_id_not_both(tmp_path):
    both = CATALOG.replace('component: "HelseID (innlogging)"', "component: HelseID, id: abcdefabcdef")
    (problem,) = _problems(_site(tmp_path, both))
    assert problem.startswith("8: `upstream` needs either `component`") and "not both" in problem


def test_an_upstream_address_must_be_http(tmp_path):
    (problem,) = _problems(_site(tmp_path, CATALOG.replace("https://status", "ftp://status")))
    assert problem.startswith("4: `url` is 'ftp://")


@pytest.mark.parametrize(
    "snapshot",
    ['{"fetched_at": "yesterday"}', "[" * 100_000 + "]" * 100_000, "\x00\xff", '{"fetched_at": 5, "summary": []}'],
    ids=["a word for a time", "nested 100,000 deep", "not text", "wrong types"],
)
def test_a_broken_snapshot_names_its_file(tmp_path, snapshot):
    content = _site(tmp_path, CATALOG)
    (tmp_path / "upstream").mkdir()
    (tmp_path / "upstream" / "nhn.json").write_text(snapshot)
    with pytest.raises(ContentError) as caught:
        load_site(content, ZoneInfo("Europe/Oslo"))
    (problem,) = caught.value.problems
    assert problem.origin.path.endswith("upstream/nhn.json")
    assert "run `varde upstream fetch` again" in problem.message


def test_no_file_may_write_the_unknown_status(tmp_path):
    catalog = CATALOG + "  - id: own\n    name: Own\n"
    (problem,) = _problems(_site(tmp_path, catalog, INCIDENT.replace("helseid: major_outage", "own: unknown")))
    assert problem.startswith(
        "4: the status of 'own' must be one of operational, degraded_performance, partial_outage, major_outage; 'unknown' is not."
    )
