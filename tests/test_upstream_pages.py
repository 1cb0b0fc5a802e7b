"""Upstream pages on the built site, through real servers and real builds:
a chain of three Varde sites (national → vendor → municipality) where an
outage at the top shows, as reported, at the bottom; and a hostile upstream
whose names carry HTML, which only ever shows as text."""

from __future__ import annotations

import json
import re

import pytest
from builds import SAMPLES
from support import copy_site, epoch, pelican, varde, visible_text
from upstreams import mirroring_site, serving

SUMMARY = "/api/v2/summary.json"
OUTAGE = """---
title: HelseID login fails
affected:
  login: major_outage
updates:
  - at: 2026-03-20 10:00
    status: investigating
    text: Nobody can log in.
---
"""
DURING = epoch("2026-03-20T11:00+01:00")


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    """national (the minimal site, its login down at 11:00) → vendor → municipality."""
    root = tmp_path_factory.mktemp("chain")
    national = copy_site("minimal", root)
    (national / "content/incidents/2026-03-20-helseid.md").write_text(OUTAGE)
    (national / "pelicanconf.py").write_text(
        (national / "pelicanconf.py").read_text().replace("Minimal status", "Nasjonal status")
    )
    run = pelican(national, at=DURING)
    assert run.returncode == 0, run.output
    routes = {"/national" + SUMMARY: national / "output/api/v2/summary.json"}
    with serving(routes) as base:
        vendor = mirroring_site(
            root / "vendor",
            "Vendor status",
            [("national", "Nasjonal status", f"{base}/national{SUMMARY}")],
            "  - id: helseid\n    name: HelseID\n    upstream: {page: national, component: Login}\n"
            "  - id: journal\n    name: Journal\n    depends_on: [helseid]\n",
        )
        built = varde(vendor, "build")
        assert built.returncode == 0, built.output
        routes["/vendor" + SUMMARY] = vendor / "output/api/v2/summary.json"
        town = mirroring_site(
            root / "town",
            "Kommune status",
            [("vendor", "Vendor status", f"{base}/vendor{SUMMARY}")],
            "  - id: journal\n    name: Fagsystem\n    upstream: {page: vendor, component: Journal}\n"
            "  - id: login\n    name: Innlogging\n    upstream: {page: vendor, component: HelseID}\n",
        )
        built = varde(town, "build")
        assert built.returncode == 0, built.output
    return vendor / "output", town / "output"


def _text(page) -> str:
    return visible_text(page).replace(" ,", ",").replace(" ;", ";")


def test_the_vendor_shows_the_national_outage_as_reported(chain):
    vendor, _ = chain
    text = _text(vendor / "index.html")
    assert "HelseID Major outage As reported by Nasjonal status," in text
    assert "HelseID login fails (Investigating)" in text  # the upstream's open incident, by name
    assert "Journal Operational May be affected via HelseID" in text
    assert 'href="http://127.0.0.1:' in (vendor / "components/helseid.html").read_text()  # to the upstream page


def test_the_vendor_api_reports_the_mirrored_status(chain):
    vendor, _ = chain
    components = {c["name"]: c for c in json.loads((vendor / "api/v2/components.json").read_text())["components"]}
    assert components["HelseID"]["status"] == "major_outage"
    status = json.loads((vendor / "api/v2/status.json").read_text())["status"]
    assert status["indicator"] == "major"


def test_the_municipality_sees_it_at_the_bottom_of_the_chain(chain):
    _, town = chain
    text = _text(town / "index.html")
    assert "Innlogging Major outage As reported by Vendor status," in text
    assert "Fagsystem Operational As reported by Vendor status," in text


def test_a_stale_report_is_unknown_on_the_page_and_operational_in_the_api(chain, tmp_path):
    _, town = chain
    site = town.parent
    run = varde(site, "build", "--offline", "--at", "2099-01-01 12:00")
    assert run.returncode == 0, run.output
    assert "was not read" not in run.output  # --offline: the server, gone now, was not asked
    text = _text(site / "output/index.html")
    assert "Innlogging Unknown No current report from Vendor status; last report" in text
    assert "Operational" not in text.split("Components", 1)[1].split("Innlogging", 1)[1][:40]
    (login,) = [
        c
        for c in json.loads((site / "output/api/v2/components.json").read_text())["components"]
        if c["name"] == "Innlogging"
    ]
    assert login["status"] == "operational"
    assert login["description"].startswith("No current report from Vendor status since ")


def test_a_build_whose_upstream_is_gone_says_so_and_builds_from_the_snapshot(chain):
    _, town = chain
    site = town.parent
    kept = (site / "upstream/vendor.json").read_bytes()
    run = varde(site, "build")  # the chain's servers have stopped
    assert run.returncode == 0, run.output
    (said,) = [line for line in run.stderr.splitlines() if "was not read" in line]
    assert said.startswith("varde: Vendor status (http://127.0.0.1:") and "its last snapshot, from " in said
    assert (site / "upstream/vendor.json").read_bytes() == kept


HOSTILE = "<script>alert(1)</script><img src=https://evil.example/x.png>"


def test_html_from_an_upstream_is_only_text(tmp_path):
    summary = json.loads((SAMPLES / "githubstatus-summary-2022-11-25.json").read_text())
    packages = next(c for c in summary["components"] if c["name"] == "Packages")
    packages["name"] = HOSTILE
    summary["incidents"][0]["name"] = HOSTILE
    summary["page"]["name"] = HOSTILE
    with serving({SUMMARY: json.dumps(summary).encode()}) as base:
        site = mirroring_site(
            tmp_path / "site",
            "Vendor",
            [("gh", "GitHub", base + SUMMARY)],
            f'  - id: packages\n    name: Packages\n    upstream: {{page: gh, id: "{packages["id"]}"}}\n',
        )
        run = varde(site, "build")
    assert run.returncode == 0, run.output
    for page in ("index.html", "components/packages.html"):
        html = (site / "output" / page).read_text()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, page  # shown, as text
        assert "<script" not in html and "<img" not in html
        assert not re.search(r'(src|href|action)="https://evil', html)
