"""A real browser (Debian's chromium through Playwright) reads the built site
with JavaScript disabled, from a local server and from file://."""

from __future__ import annotations

import functools
import http.server
import threading
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect, sync_playwright
from support import CHROMIUM, CHROMIUM_ARGS, copy_site, epoch, pelican


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    """healthnet during the login outage: an open incident, a cascade, a postmortem elsewhere."""
    site = copy_site("healthnet", tmp_path_factory.mktemp("browser"))
    run = pelican(site, at=epoch("2026-03-12T09:30+01:00"))
    assert run.returncode == 0, run.output
    return site / "output"


@pytest.fixture(scope="module")
def server(output):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(output)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def read_without_javascript(browser, url: str):
    """Open `url` with JavaScript off; return the page and every URL it requested."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, requested


def test_index_shows_the_outage_without_javascript(browser, server):
    """The index shows the banner, the open incident and the statuses; nothing loads from elsewhere."""
    page, requested = read_without_javascript(browser, server + "/index.html")
    expect(page.get_by_role("heading", level=1)).to_have_text("Current status: Production")
    expect(page.get_by_role("heading", name="Open incidents")).to_be_visible()
    expect(page.locator(".overall")).to_be_visible()
    expect(page.get_by_text("May be affected via").first).to_be_visible()
    assert page.locator("link[rel=stylesheet]").count() == 1
    banner = page.locator(".banner")  # the stylesheet applied: a solid band across the window
    assert banner.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(179, 89, 0)"  # major: login is down
    assert banner.bounding_box()["width"] == page.evaluate("document.documentElement.clientWidth")
    assert {urlsplit(url).netloc for url in requested} == {urlsplit(server).netloc}, requested


def test_incident_page_shows_updates_without_javascript(browser, server):
    """Following the open incident leads to its report, updates visible, newest first."""
    page, requested = read_without_javascript(browser, server + "/index.html")
    page.locator("#open-incidents ~ article h3 a, section[aria-labelledby=open-incidents] h3 a").first.click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", name="Updates")).to_be_visible()
    statuses = page.locator(".update-status").all_inner_texts()
    assert statuses[-1] == "Investigating" and len(statuses) >= 2
    assert all(urlsplit(url).netloc == urlsplit(server).netloc for url in requested)


def test_site_works_from_file(browser, output):
    """Opened straight from disk, pages and links work (every link names a file)."""
    page, requested = read_without_javascript(browser, (output / "index.html").as_uri())
    page.get_by_role("link", name="History").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/history.html")
    expect(page.get_by_role("heading", level=1)).to_contain_text("2026")
    assert all(url.startswith("file://") for url in requested), requested


@pytest.mark.parametrize(("width", "columns"), [(390, 1), (1280, 2)])
def test_a_desktop_screen_shows_the_components_in_two_columns(browser, server, width, columns):
    """Issue 22: on a desktop's screen the groups of components stand side by
    side, and the banner still spans the window; a phone has one column."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(server + "/index.html")
    lefts = page.locator(".group").evaluate_all("groups => groups.map(g => Math.round(g.getBoundingClientRect().x))")
    assert len(set(lefts)) == columns
    assert page.locator(".banner").bounding_box()["width"] == page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
