"""Dependency impact on the built site: what a component depends on and what
needs it, "may be affected via" while an upstream component has an open
incident (its own status and uptime untouched), and the components an
incident possibly affects downstream.

healthnet: login depends on network; portal, record and messaging on login;
prescribing on catalogue.  A fault of the network alone, open at 11:00.
"""

from __future__ import annotations

import json
import re

import pytest
from support import copy_site, epoch, pelican, visible_text

BLIP = """---
title: Network blip
affected:
  network: major_outage
updates:
  - at: 2026-03-20 10:00
    status: investigating
    text: Packets are lost in the datacenter network.
  - at: 2026-03-20 12:00
    status: resolved
    text: The network is stable again.
---
"""
DURING = epoch("2026-03-20T11:00+01:00")
AFTER = epoch("2026-03-20T13:00+01:00")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = copy_site("healthnet", tmp_path_factory.mktemp("dependencies"))
    (site / "content/incidents/2026-03-20-network-blip.md").write_text(BLIP)
    return site


@pytest.fixture(scope="module")
def during(site):
    run = pelican(site, at=DURING)
    assert run.returncode == 0, run.output
    return {
        path: (site / "output" / path).read_text()
        for path in ("index.html", "incidents/2026-03-20-network-blip.html", "api/varde/uptime.json")
    }


def row(index_html: str, name: str) -> str:
    """The index's list item for one component."""
    found = re.search(
        rf'<li>\s*<a class="name" href="[^"]+">{re.escape(name)}</a>(.*?)<ol class="uptime-days"', index_html, re.S
    )
    assert found, name
    return found.group(1)


def words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def links(html: str) -> list[str]:
    return re.findall(r"<a [^>]*>([^<]+)</a>", html)


def facts(page) -> dict[str, list[str]]:
    """A component page's "Depends on" and "Needed by", as the linked names."""
    return {term: links(value) for term, value in re.findall(r"<dt>([^<]+)</dt><dd>(.*?)</dd>", page.read_text())}


def test_downstream_components_may_be_affected_via_the_network(during):
    index = during["index.html"]
    for name in ("National login", "Citizen portal", "Core patient record", "Message service"):
        shown = row(index, name)
        assert words(shown) == "Operational May be affected via Datacenter network", name  # own status kept
        assert '<a href="./components/network.html">Datacenter network</a>' in shown
    assert "May be affected via" not in row(index, "Datacenter network")
    assert "Major outage" in words(row(index, "Datacenter network"))
    # Not downstream of the network: no note.
    assert "May be affected via" not in row(index, "Prescribing module")


def test_the_note_leaves_uptime_alone(during):
    figures = {c["id"]: c for c in json.loads(during["api/varde/uptime.json"])["components"]}
    assert figures["network"]["days"][-1]["major_minutes"] == 60
    for ident in ("login", "portal"):
        today = figures[ident]["days"][-1]
        assert (today["worst"], today["major_minutes"], today["incidents"]) == ("operational", 0, [])


def test_incident_page_lists_what_is_possibly_affected_downstream(during):
    html = during["incidents/2026-03-20-network-blip.html"]
    note = re.search(r'<p class="via">Possibly affected through dependencies: (.*?)</p>', html)
    assert note, html
    assert links(note.group(1)) == ["National login", "Citizen portal", "Core patient record", "Message service"]
    assert 'href="../components/portal.html"' in note.group(1)


def test_the_note_goes_when_the_incident_is_resolved(site):
    assert pelican(site, at=AFTER).returncode == 0
    assert "May be affected via" not in visible_text(site / "output/index.html")


def test_component_pages_show_both_directions(site, during):  # `during` builds the site
    output = site / "output"
    assert facts(output / "components/login.html") == {
        "Depends on": ["Datacenter network"],
        "Needed by": ["Citizen portal", "Core patient record", "Message service"],
    }
    assert facts(output / "components/network.html") == {"Needed by": ["National login"]}
    assert facts(output / "components/prescribing.html") == {"Depends on": ["Drug catalogue"]}
    assert facts(output / "components/docstore.html") == {}  # nothing claimed either way
    login = (output / "components/login.html").read_text()
    assert 'href="../components/portal.html"' in login and 'href="../components/network.html"' in login
