"""The public pages, built by real Pelican runs and read as a visitor would."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from support import configure, copy_site, epoch, pelican, visible_text

from varde.presentation.i18n import LANGUAGES, texts

DURING = epoch("2026-03-12T09:30+01:00")  # the healthnet login outage is open
LATER = epoch("2026-11-01T12:00+01:00")  # everything resolved


@pytest.fixture(scope="module")
def healthnet(tmp_path_factory):
    """The healthnet test site built once, late in 2026."""
    site = copy_site("healthnet", tmp_path_factory.mktemp("pages"))
    run = pelican(site, at=LATER)
    assert run.returncode == 0, run.output
    return site / "output"


def cascade_page(output):
    return output / "incidents/2026-03-12-network-fault.html"


def test_incident_page_is_the_report_people_know(healthnet):
    """Title, impact, postmortem-free report, updates newest first with anchors and zone."""
    page = cascade_page(healthnet)
    html = page.read_text()
    text = visible_text(page)
    labels = [m for m in re.findall(r'class="update-status"><a href="#update-(\d+)">', html)]
    assert labels == sorted(labels, key=int, reverse=True) and labels[-1] == "1"
    assert re.search(r'<li id="update-1">', html)
    assert "Resolved" in text and "Investigating" in text
    assert re.search(r'<time datetime="2026-03-12T08:05:00\+01:00">March 12, 2026 at 08:05 CET</time>', html)
    assert "This incident affected" in text
    assert 'href="../components/login.html"' in html


def test_postmortem_comes_before_the_updates(healthnet):
    """A postmortem is shown above the updates under its heading."""
    page = healthnet / "incidents/2026-04-08-prescribing-data.html"
    html = page.read_text()
    assert html.index('id="postmortem"') < html.index('id="updates"')


def test_resolved_incident_page_does_not_change_with_now(tmp_path):
    """Rebuilding later leaves a resolved incident's page byte-identical."""
    site = copy_site("healthnet", tmp_path)
    assert pelican(site, at=epoch("2026-03-13T12:00+01:00")).returncode == 0
    first = cascade_page(site / "output").read_bytes()
    assert pelican(site, at=LATER).returncode == 0
    assert cascade_page(site / "output").read_bytes() == first


def test_open_incident_page_and_index_during_the_outage(tmp_path):
    """During the outage: the index lists it first, links it, and refreshes itself."""
    site = copy_site("healthnet", tmp_path)
    assert pelican(site, at=DURING).returncode == 0
    index = (site / "output/index.html").read_text()
    text = visible_text(site / "output/index.html")
    assert '<meta http-equiv="refresh" content="60">' in index
    assert text.index("Open incidents") < text.index("Components")
    link = re.search(r'<h3><a href="(\./incidents/[^"]+\.html)">', index).group(1)
    assert (site / "output" / link).is_file()
    assert "so far" in visible_text(site / "output" / link)


def test_history_groups_by_month_newest_first(healthnet):
    """History lists past incidents and maintenance by month, newest first, each linked."""
    html = (healthnet / "history.html").read_text()
    months = re.findall(r'<h2 id="month-\d+">([^<]+)</h2>', html)
    assert months and months[0].startswith(("November", "October"))
    order = [
        "November",
        "October",
        "September",
        "August",
        "July",
        "June",
        "May",
        "April",
        "March",
        "February",
        "January",
    ]
    positions = [order.index(m.split()[0]) for m in months]
    assert positions == sorted(positions)
    for link in re.findall(r'<a href="\./((?:incidents|maintenance)/[^"]+)"', html):
        assert (healthnet / link).is_file(), link


def test_history_shows_every_month_a_quiet_one_too(healthnet):
    """Issue 22: the history scans by month as Statuspage's does: every month
    from the first news to now, a month without any saying so."""
    html = (healthnet / "history.html").read_text()
    sections = re.findall(r'<h2 id="month-\d+">([^<]+)</h2>\s*(<p class="quiet">[^<]+</p>|<ul class="history">)', html)
    assert sections[0][0] == "November 2026"  # the present month, quiet or not
    numbers = [datetime.strptime(month, "%B %Y") for month, _ in sections]
    assert all((a.year * 12 + a.month) - (b.year * 12 + b.month) == 1 for a, b in zip(numbers, numbers[1:]))
    assert '<p class="quiet">No incidents or maintenance this month.</p>' in {shown for _, shown in sections}


def test_history_reads_with_spaced_separators_and_links_the_other_years(tmp_path):
    """Issue 22, item 11: `påvirkning</span>·Pågår` ran together, and the
    list of earlier years held the year on show."""
    site = copy_site("healthnet", tmp_path)
    crash = (site / "content/incidents/2026-06-10-docstore-crash.md").read_text()
    (site / "content/incidents/2025-06-10-docstore-crash.md").write_text(crash.replace("2026-06-10", "2025-06-10"))
    assert pelican(site, at=LATER).returncode == 0
    newest, older = site / "output/history.html", site / "output/history/2025.html"
    assert "Critical impact June 10, 2026 at 21:00 CEST · 30 min" in visible_text(newest)
    assert not re.search(r"</span>·|·<", newest.read_text())
    assert re.findall(r'<ul class="years">(.*?)</ul>', newest.read_text(), flags=re.S) == [
        '\n    <li><a href="./history/2025.html">2025</a></li>\n  '
    ]
    assert "Other years 2026" in visible_text(older)
    assert "2025" not in re.search(r'<ul class="years">(.*?)</ul>', older.read_text(), flags=re.S).group(1)


def test_component_page_shows_dependencies_and_incidents(healthnet, tmp_path):
    """A component page says what it depends on, what needs it, and the
    incidents of its uptime period; earlier ones it leaves to the history."""
    text = visible_text(healthnet / "components/login.html")
    assert "Depends on" in text and "Needed by" in text
    html = (healthnet / "components/login.html").read_text()
    assert 'href="../components/network.html"' in html
    assert 'href="../components/login.atom"' in html
    # In November, March's login outage is older than the 90 days shown.
    assert "2026-03-12-network-fault.html" not in html
    assert re.search(r'<a href="\.\./history\.html">Earlier incidents and maintenance are in the history\.</a>', html)
    site = copy_site("healthnet", tmp_path)
    assert pelican(site, at=epoch("2026-04-01T12:00+02:00")).returncode == 0
    html = (site / "output/components/login.html").read_text()
    assert 'href="../incidents/2026-03-12-network-fault.html"' in html
    assert "Earlier incidents" not in html


def test_environments_link_each_other(healthnet):
    """Every environment but the first has its tree under <id>/, linked both ways."""
    assert (healthnet / "test/index.html").is_file()
    assert 'href="./test/index.html"' in (healthnet / "index.html").read_text()
    assert 'href="../index.html"' in (healthnet / "test/index.html").read_text()


def test_feed_autodiscovery_on_every_page(healthnet):
    """Every page announces the feeds; with SITEURL empty the links stay relative."""
    for page in [healthnet / "index.html", cascade_page(healthnet), healthnet / "history.html"]:
        html = page.read_text()
        assert re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]+href="[^"]*history\.atom"', html)
        assert re.search(r'<link rel="alternate" type="application/rss\+xml"[^>]+href="[^"]*history\.rss"', html)


def test_publish_build_makes_feed_links_absolute(tmp_path):
    """With SITEURL (publishconf.py) the alternate links are absolute; page links stay relative."""
    site = configure(copy_site("minimal", tmp_path), SITEURL="https://status.example.org")
    assert pelican(site).returncode == 0
    html = (site / "output/index.html").read_text()
    assert 'href="https://status.example.org/history.atom"' in html
    assert 'href="./history.html"' in html


def test_no_script_anywhere_and_a_csp_that_forbids_it(healthnet):
    """No page carries JavaScript, and each says so to the browser."""
    for page in healthnet.rglob("*.html"):
        html = page.read_text()
        assert "<script" not in html, page
        assert "default-src 'none'" in html, page


def test_content_text_is_escaped(tmp_path):
    """A title with markup shows as text, never as HTML."""
    site = copy_site("minimal", tmp_path)
    incident = site / "content/incidents/2026-03-12-login-down.md"
    incident.write_text(
        incident.read_text().replace("title: Login is down", 'title: "Login <img src=x onerror=alert(1)> & co"')
    )
    assert pelican(site, at=epoch("2026-03-12T08:30+01:00")).returncode == 0
    html = (site / "output/index.html").read_text()
    assert "Login &lt;img src=x onerror=alert(1)&gt; &amp; co" in html
    assert "<img" not in html


@pytest.mark.parametrize(
    "language, overall, month",
    [
        ("nb", "Alle tjenester fungerer normalt", "mai"),
        ("nn", "Alle tenester fungerer normalt", "mai"),
        ("sv", "Alla tjänster fungerar normalt", "maj"),
        ("en", "All Systems Operational", "May"),
    ],
)
def test_each_language_shows_its_own_words(tmp_path, language, overall, month):
    """DEFAULT_LANG sets <html lang>, every label and the dates; no other language's label leaks."""
    site = configure(copy_site("minimal", tmp_path), DEFAULT_LANG=language)
    assert pelican(site, at=epoch("2026-05-16T12:00+02:00")).returncode == 0
    output = site / "output"
    index = (output / "index.html").read_text()
    assert f'<html lang="{language}">' in index
    assert overall in visible_text(output / "index.html")
    assert re.search(rf"\b20\.? {month} 2026|{month} 20, 2026", visible_text(output / "index.html"))
    own = set(texts(language).values())
    foreign = {
        text
        for code in LANGUAGES
        if code != language
        for text in texts(code).values()
        if len(text) > 12 and text not in own
    }
    for page in output.rglob("*.html"):
        shown = visible_text(page)
        leaked = sorted(text for text in foreign if text in shown)
        assert not leaked, (page, leaked)


LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>'


def test_the_logo_stands_before_the_site_name_on_every_page(tmp_path):
    """Issue 22: VARDE_LOGO, an SVG or PNG in content/, is copied once to the
    site's root, listed in the manifest and shown in every page's header."""
    site = configure(copy_site("healthnet", tmp_path), VARDE_LOGO="brand/Logo.SVG")
    (site / "content/brand").mkdir()
    (site / "content/brand/Logo.SVG").write_bytes(LOGO)
    run = pelican(site, at=LATER)
    assert run.returncode == 0, run.output
    output = site / "output"
    assert (output / "logo.svg").read_bytes() == LOGO and not (output / "test/logo.svg").exists()
    assert "logo.svg" in (output / "manifest.json").read_text()
    header = '<p class="site-name"><a href="{}index.html"><img class="logo" src="{}logo.svg" alt="">'
    assert header.format("./", "./") in (output / "index.html").read_text()
    assert header.format("../", "../") in (output / "incidents/2026-03-12-network-fault.html").read_text()
    assert header.format("../test/", "../") in (output / "test/index.html").read_text()


def test_a_site_without_a_logo_shows_its_name_alone(healthnet):
    assert '<img class="logo"' not in (healthnet / "index.html").read_text()
    assert not (healthnet / "logo.svg").exists()
