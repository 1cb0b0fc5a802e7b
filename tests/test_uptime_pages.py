"""Uptime on the built site: api/varde/uptime.json, the bars on the index and
on component pages, read as a visitor and a screen reader would.

healthnet, built on 20 March 2026 at noon: its first incident (the network
fault of 12 March, 08:05–11:10) starts its history.  Login was down 08:05 to
10:15 (130 minutes), the citizen portal partly down 08:05 to 11:10 (185
minutes).  Since 12 March: 8 whole days and 12 hours, 12 240 minutes.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction

import pytest
from playwright.sync_api import sync_playwright
from support import CHROMIUM, CHROMIUM_ARGS, built, configure, copy_site, epoch, pelican, visible_text

BUILT = epoch("2026-03-20T12:00+01:00")
FAULT = "2026-03-12-network-fault"


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    return built("healthnet", tmp_path_factory.mktemp("uptime"), at=BUILT)


def components(output, environment: str = "") -> dict:
    document = json.loads((output / environment / "api/varde/uptime.json").read_text())
    return {c["id"]: c for c in document["components"]}


def cell(html: str, date_text: str) -> str:
    """The screen-reader text of one day's cell, links kept."""
    found = re.search(rf'<li class="uptime-day[^"]*"[^>]*><span class="uptime-tip">({date_text}:.*?)</span></li>', html)
    assert found, date_text
    return found.group(1)


def test_uptime_json_has_the_network_fault_day_to_the_minute(output):
    login, portal = components(output)["login"], components(output)["portal"]
    day = next(d for d in login["days"] if d["date"] == "2026-03-12")
    assert day == {
        "date": "2026-03-12",
        "minutes": 1440,
        "worst": "major_outage",
        "major_minutes": 130,
        "partial_minutes": 0,
        "incidents": [FAULT],
    }
    assert next(d for d in portal["days"] if d["date"] == "2026-03-12")["partial_minutes"] == 185
    # 100 × (1 − 130/12240) = 98.93790…, and partial outage weighs 30 %: 100 × (1 − 55.5/12240) = 99.54656…
    assert login["uptime_30"] == login["uptime_90"] == 98.9379
    assert portal["uptime_30"] == 99.5465
    assert float(100 * (1 - Fraction(130, 12240))) == pytest.approx(98.93790, abs=1e-5)
    assert components(output)["catalogue"]["uptime_90"] == 100


def test_uptime_json_marks_days_before_the_history_as_no_data(output):
    login = components(output)["login"]
    assert len(login["days"]) == 90 and login["days"][-1]["date"] == "2026-03-20"
    before = next(d for d in login["days"] if d["date"] == "2026-03-11")
    assert before["worst"] is None and before["major_minutes"] is None
    assert login["data_since"] == "2026-03-12" and login["since"] is None
    assert login["days"][-1]["minutes"] == 720  # today, up to noon


def test_each_environment_has_its_own_uptime_file(output):
    assert list(components(output, "test")) == ["test-login"]
    assert "test-login" not in components(output)


def test_index_shows_a_bar_per_component_with_the_incident_linked(output):
    html = (output / "index.html").read_text()
    assert html.count('<ol class="uptime-days"') == 9  # every visible production component
    login_row = html[html.index('aria-label="Uptime, last 90 days: National login"') :]
    text = cell(login_row, "March 12, 2026")
    assert text.startswith("March 12, 2026: Major outage for 2 hr 10 min. Incidents: ")
    assert f'<a href="./incidents/{FAULT}.html">Network fault in the main datacenter stops login</a>' in text
    assert (output / "incidents" / f"{FAULT}.html").is_file()
    assert "98.93% uptime over 90 days" in visible_text(output / "index.html")


def test_days_before_the_history_are_one_empty_track_that_says_since_when(output):
    """Issue 22: a new site's bars say "No data before <since>" rather than
    count 81 grey days, each read out to a screen reader as "No data"."""
    html = (output / "index.html").read_text()
    login_row = html[html.index('aria-label="Uptime, last 90 days: National login"') :]
    login_row = login_row[: login_row.index("</div>")]
    assert "March 11, 2026" not in login_row and "No data<" not in login_row
    assert login_row.count('<li class="uptime-day uptime-none" aria-hidden="true"></li>') == 81
    legend = visible_text(output / "index.html")
    assert "No data before March 12, 2026" in legend and "89 days ago" not in legend


def test_component_page_shows_the_larger_bar_and_both_figures(output):
    page = output / "components/portal.html"
    html = page.read_text()
    assert '<div class="uptime uptime-large">' in html
    text = cell(html, "March 12, 2026")
    assert text.startswith("March 12, 2026: Partial outage for 3 hr 5 min. Incidents: ")
    assert f'href="../incidents/{FAULT}.html"' in text
    shown = visible_text(page)
    assert "99.54% uptime over 30 days" in shown and "99.54% uptime over 90 days" in shown
    assert cell(html, "March 20, 2026") == "March 20, 2026: Operational"


def test_the_bar_length_is_a_setting_and_texts_follow_the_language(tmp_path):
    site = configure(copy_site("healthnet", tmp_path), VARDE_UPTIME_DAYS=30, DEFAULT_LANG="nb")
    assert pelican(site, at=BUILT).returncode == 0
    html = (site / "output/components/login.html").read_text()
    assert html.count('<li class="uptime-day') == 30
    assert "98,93 % oppetid siste 90 dager" in visible_text(site / "output/components/login.html")
    assert cell(html, "12. mars 2026").startswith("12. mars 2026: Utilgjengelig i 2 t 10 min")
    assert len(components(site / "output")["login"]["days"]) == 30


def test_ninety_days_fit_a_320_pixel_screen_and_hovering_tells_the_day(output):
    """No sideways scrolling at 320 px, every cell has a width, and pointing at
    the outage day shows its text with the incident link (no JavaScript)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 320, "height": 640}, java_script_enabled=False)
        page.goto((output / "components/login.html").as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        widths = page.locator(".uptime-day").evaluate_all("cells => cells.map(c => c.getBoundingClientRect().width)")
        assert len(widths) == 90 and min(widths) > 1
        outage = page.locator(".uptime-major_outage")
        link = outage.get_by_role("link", name="Network fault in the main datacenter stops login")
        tip = outage.locator(".uptime-tip")
        assert tip.bounding_box()["width"] <= 1  # for screen readers only, until pointed at
        outage.hover()
        assert tip.bounding_box()["width"] > 200 and link.is_visible()
        assert tip.bounding_box()["x"] >= 0 and tip.bounding_box()["x"] + tip.bounding_box()["width"] <= 320
        browser.close()
