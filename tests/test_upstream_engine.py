"""The engine on mirrored components: status from the latest snapshot,
`unknown` when it is stale or missing, dependents "may be affected via",
and uptime counting only what fetches saw (content-format.md, "Upstream pages")."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from builds import SAMPLES

from varde.importing.snapshots import snapshot_document
from varde.model import ComponentStatus, Indicator
from varde.parsing import load_site
from varde.status import snapshot
from varde.status.uptime import site_uptime

GITHUB = json.loads((SAMPLES / "githubstatus-summary-2022-11-25.json").read_text())
ZONE = ZoneInfo("Europe/Oslo")
CATALOG = """\
upstreams:
  - id: github
    name: GitHub
    url: https://www.githubstatus.example/api/v2/summary.json
components:
  - id: packages
    name: Packages
    upstream: {page: github, component: Packages}
  - id: actions
    name: Actions
    upstream: {page: github, id: "%s"}
  - id: builds
    name: Our builds
    depends_on: [packages]
    since: 2022-11-01
"""
ACTIONS = next(c["id"] for c in GITHUB["components"] if c["name"] == "Actions")
T0 = datetime.fromisoformat("2022-11-25T10:00:00+00:00")


def _site(tmp_path, fetches: list[datetime], max_age=timedelta(minutes=30)):
    content = tmp_path / "content"
    content.mkdir(parents=True, exist_ok=True)
    (content / "components.yaml").write_text(CATALOG % ACTIONS)
    target = tmp_path / "upstream" / "github.json"
    target.parent.mkdir(exist_ok=True)
    for at in fetches:
        earlier = target.read_bytes() if target.exists() else None
        target.write_bytes(snapshot_document("github", "u", GITHUB, at, earlier))
    return load_site(content, ZONE, upstream_max_age=max_age)


def _states(site, now):
    return {state.component.id: state for state in snapshot(site, now).components}


def test_a_fresh_report_gives_the_upstream_status_and_its_incident(tmp_path):
    site = _site(tmp_path, [T0])
    states = _states(site, T0 + timedelta(minutes=29))
    packages = states["packages"]
    assert packages.status is ComponentStatus.PARTIAL_OUTAGE
    assert packages.reported.at == T0 and packages.reported.page.name == "GitHub"
    assert [notice.name for notice in packages.reported.notices] == ["Incident with Packages and Pages"]
    assert states["actions"].status is ComponentStatus.OPERATIONAL  # found by its id there
    assert states["actions"].reported.notices == ()
    assert [c.id for c in states["builds"].upstream] == ["packages"]  # may be affected via Packages
    assert snapshot(site, T0 + timedelta(minutes=29)).overall.indicator is Indicator.MINOR


@pytest.mark.parametrize("late", [timedelta(minutes=31), timedelta(days=3)])
def test_a_stale_report_is_unknown_and_counts_as_operational(tmp_path, late):
    site = _site(tmp_path, [T0])
    now = T0 + late
    states = _states(site, now)
    assert states["packages"].status is ComponentStatus.UNKNOWN
    assert states["packages"].reported.at == T0  # the time of the last report, shown
    assert states["packages"].reported.notices == ()
    assert states["builds"].upstream == ()  # nothing known to be wrong
    assert snapshot(site, now).overall.indicator is Indicator.NONE


def test_no_snapshot_or_one_from_after_now_is_unknown(tmp_path):
    never = _site(tmp_path / "a", [])
    assert _states(never, T0)["packages"].status is ComponentStatus.UNKNOWN
    assert _states(never, T0)["packages"].reported.at is None
    later = _site(tmp_path / "b", [T0])
    assert _states(later, T0 - timedelta(minutes=1))["packages"].status is ComponentStatus.UNKNOWN


def test_the_max_age_is_the_sites(tmp_path):
    site = _site(tmp_path, [T0], max_age=timedelta(minutes=120))
    assert _states(site, T0 + timedelta(minutes=90))["packages"].status is ComponentStatus.PARTIAL_OUTAGE


def test_uptime_counts_an_upstream_outage_only_over_fetches_taken(tmp_path):
    """Fetched at 10:00 and 10:10, then never again: 10 minutes until the
    second fetch and 30 (the max age) after it, not the hours until now."""
    site = _site(tmp_path, [T0, T0 + timedelta(minutes=10)])
    uptime = site_uptime(site, T0 + timedelta(hours=3), ZONE, days=2)
    yesterday, today = uptime["packages"].days
    assert not yesterday.has_data  # before the first fetch nothing is known
    assert today.partial_minutes == 40 and today.major_minutes == 0
    assert uptime["actions"].days[1].partial_minutes == 0
    assert uptime["builds"].days[1].partial_minutes == 0  # dependents' own uptime untouched
