"""WCAG 2.1 A and AA (axe-core in Debian's chromium) and HTML validity (the
Nu Html Checker) over every page type, both colour schemes, a phone's and a
desktop's width, and all four languages."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright
from support import CHROMIUM, CHROMIUM_ARGS, epoch, pelican

from varde.presentation.i18n import LANGUAGES

REPO = Path(__file__).resolve().parent.parent
VNU = REPO / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"
PAGE_TYPES = {
    "index": "index.html",
    "index without reload": "index-no-refresh.html",
    "open incident": "incidents/2026-11-20-meldingstjeneste-forsinket-levering.html",
    "incident with postmortem": "incidents/2026-03-12-innlogging-nettverksfeil.html",
    "maintenance": "maintenance/2026-10-25-dokumentlager-oppgradering.html",
    "component": "components/innlogging.html",
    "mirrored component": "components/id-porten.html",
    "embedded banner": "embed/status.html",
    "history": "history.html",
    "older history": "history/2025.html",
    "free page": "pages/om.html",
    "environment": "test/index.html",
    "monthly report": "reports/2026-03.html",
    "current month's report": "reports/2026-11.html",
    "list of reports": "reports.html",
}
#: WCAG 2.1 A and AA.  `meta-refresh` flags any self-reloading page; SC 2.2.1
#: is met by the link that turns the reload off, which
#: test_a_reloading_page_offers_to_stop_first checks instead.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "rules": {"meta-refresh": {"enabled": False}},
    # Only the violations come back: the passes' details, which axe would
    # otherwise send for every node of every page, are never read.
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """The example site with an incident open, built once per language."""
    built = {}
    for language in LANGUAGES:
        site = tmp_path_factory.mktemp(language) / "example"
        site.mkdir()
        for name in ("pelicanconf.py", "content", "theme", "upstream"):
            copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy
            copy(REPO / name, site / name)
        conf = site / "pelicanconf.py"
        conf.write_text(conf.read_text().replace('DEFAULT_LANG = "nb"', f'DEFAULT_LANG = "{language}"'))
        run = pelican(site, at=epoch("2026-11-22T12:00+01:00"))
        assert run.returncode == 0, run.output
        built[language] = site / "output"
    return built


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [320, 1280])
def test_no_wcag_violations(sites, browser, language, scheme, width):
    """axe-core finds no WCAG 2.1 A/AA violation on any page type."""
    context = browser.new_context(
        color_scheme=scheme, viewport={"width": width, "height": 800}, java_script_enabled=True
    )  # axe itself is a script; the pages have none
    page = context.new_page()
    axe = Axe()
    found = {}
    for name, path in PAGE_TYPES.items():
        page.goto((sites[language] / path).as_uri())
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        if violations:
            found[name] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    context.close()
    assert not found, found


def test_a_reloading_page_offers_to_stop_first(sites):
    """While the index reloads itself, its first content is a link that stops it (SC 2.2.1)."""
    index = (sites["en"] / "index.html").read_text()
    main = index[index.index('<main id="main">') :]
    first_link = re.search(r'<a href="([^"]+)">([^<]+)</a>', main)
    assert first_link.groups() == ("./index-no-refresh.html", "Stop automatic updates")
    still = (sites["en"] / "index-no-refresh.html").read_text()
    assert 'http-equiv="refresh"' not in still
    assert '<a href="./index.html">Turn them back on</a>' in still


def test_every_page_is_valid_html(sites):
    """The Nu Html Checker reports no error on any page, in any language."""
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--skip-non-html", "--errors-only", *map(str, sites.values())],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-3000:]


def test_content_is_reachable_at_a_phone_width(sites, browser):
    """At 320 px the overall state is above the fold and nothing scrolls sideways."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=True)
    page = context.new_page()
    for path in PAGE_TYPES.values():
        page.goto((sites["nb"] / path).as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    page.goto((sites["nb"] / "index.html").as_uri())
    assert page.locator(".overall").bounding_box()["y"] < 640
    context.close()
