"""RSS and Atom, built by real Pelican runs, read by real parsers and validators."""

from __future__ import annotations

import email.utils
import subprocess
from pathlib import Path

import feedparser
import pytest
from lxml import etree
from support import configure, copy_site, epoch, pelican

ATOM_RNC = Path(__file__).parent / "schemas/atom.rnc"
SITEURL = "https://status.example.org"


def built(tmp_path, at: str, name: str = "minimal", **settings) -> Path:
    site = configure(copy_site(name, tmp_path), SITEURL=SITEURL, **settings)
    run = pelican(site, at=epoch(at))
    assert run.returncode == 0, run.output
    return site / "output"


def entries(feed: Path) -> list:
    parsed = feedparser.parse(feed.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed.entries


def test_one_entry_per_published_update_newest_first(tmp_path):
    """Each update is an entry once it is published; the newest comes first."""
    output = built(tmp_path, "2026-03-12T08:30+01:00")
    assert [e.title for e in entries(output / "history.atom")] == ["[Investigating] Login is down"]
    output = built(tmp_path / "later", "2026-03-12T10:00+01:00")
    assert [e.title for e in entries(output / "history.atom")] == [
        "[Resolved] Login is down",
        "[Investigating] Login is down",
    ]
    assert [e.title for e in entries(output / "history.rss")] == [
        "[Resolved] Login is down",
        "[Investigating] Login is down",
    ]


def test_entry_links_to_the_update_on_its_page(tmp_path):
    """An entry links to its update's anchor, absolute with SITEURL."""
    output = built(tmp_path, "2026-03-12T10:00+01:00")
    first = entries(output / "history.atom")[-1]
    assert first.link == f"{SITEURL}/incidents/2026-03-12-login-down.html#update-1"
    assert 'id="update-1"' in (output / "incidents/2026-03-12-login-down.html").read_text()
    assert "Login fails for everyone." in first.content[0].value
    assert "Login: Major outage" in first.content[0].value


def test_ids_are_stable_and_never_reused(tmp_path):
    """A later build keeps every earlier entry's id; no two entries share one."""
    early = {e.title: e.id for e in entries(built(tmp_path, "2026-03-12T08:30+01:00") / "history.atom")}
    late = {e.title: e.id for e in entries(built(tmp_path / "b", "2026-06-01T12:00+02:00") / "history.atom")}
    assert early.items() <= late.items()
    assert len(set(late.values())) == len(late)


def test_postmortem_and_maintenance_announcement_are_entries(tmp_path):
    """A postmortem and a maintenance announcement each get an entry, dated their own time."""
    site = copy_site("minimal", tmp_path)
    incident = site / "content/incidents/2026-03-12-login-down.md"
    incident.write_text(incident.read_text().rstrip("\n") + "\nThe switch failed.\n")
    configure(site, SITEURL=SITEURL)
    assert pelican(site, at=epoch("2026-05-16T12:00+02:00")).returncode == 0
    found = entries(site / "output/history.atom")
    assert [e.title for e in found] == [
        "[Planned maintenance] Portal upgrade",
        "[Postmortem] Login is down",
        "[Resolved] Login is down",
        "[Investigating] Login is down",
    ]
    assert found[0].published.startswith("2026-05-15T09:00:00+02:00")
    assert found[1].published == found[2].published  # with the resolving update


def test_future_maintenance_announcement_is_not_published(tmp_path):
    """Before its announcement, a maintenance is in no feed."""
    output = built(tmp_path, "2026-05-14T12:00+02:00")
    assert all("Portal upgrade" not in e.title for e in entries(output / "history.atom"))


def test_component_feeds_hold_that_components_entries(tmp_path):
    """components/<id>.atom lists what concerns that component only."""
    output = built(tmp_path, "2026-05-16T12:00+02:00")
    assert [e.title for e in entries(output / "components/login.atom")] == [
        "[Resolved] Login is down",
        "[Investigating] Login is down",
    ]
    assert [e.title for e in entries(output / "components/portal.rss")] == ["[Planned maintenance] Portal upgrade"]
    assert entries(output / "components/network.atom") == []


def test_feeds_are_capped(tmp_path):
    """VARDE_FEED_MAX_ITEMS caps every feed, keeping the newest."""
    output = built(tmp_path, "2026-05-16T12:00+02:00", VARDE_FEED_MAX_ITEMS=2)
    assert [e.title for e in entries(output / "history.atom")] == [
        "[Planned maintenance] Portal upgrade",
        "[Resolved] Login is down",
    ]


def test_titles_are_in_the_sites_language(tmp_path):
    """Feed titles use the site's words."""
    output = built(tmp_path, "2026-03-12T10:00+01:00", DEFAULT_LANG="nb")
    assert entries(output / "history.rss")[0].title == "[Løst] Login is down"


def test_markup_in_titles_is_text(tmp_path):
    """A title with markup arrives in the reader as the same text."""
    site = copy_site("minimal", tmp_path)
    incident = site / "content/incidents/2026-03-12-login-down.md"
    incident.write_text(incident.read_text().replace("title: Login is down", 'title: "Login <b>down</b> & out"'))
    configure(site, SITEURL=SITEURL)
    assert pelican(site, at=epoch("2026-03-12T08:30+01:00")).returncode == 0
    assert entries(site / "output/history.atom")[0].title == "[Investigating] Login <b>down</b> & out"
    assert "&lt;b&gt;" in (site / "output/history.rss").read_text()


@pytest.fixture(scope="module")
def healthnet_feeds(tmp_path_factory) -> list[Path]:
    output = built(tmp_path_factory.mktemp("feeds"), "2026-11-01T12:00+01:00", name="healthnet")
    return sorted(output.rglob("*.atom")) + sorted(output.rglob("*.rss"))


def test_atom_feeds_are_valid_rfc_4287(healthnet_feeds):
    """Every Atom feed validates against RFC 4287's RELAX NG schema (jing)."""
    atoms = [str(p) for p in healthnet_feeds if p.suffix == ".atom"]
    run = subprocess.run(["jing", "-c", str(ATOM_RNC), *atoms], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout


def test_rss_feeds_have_what_rss_2_requires(healthnet_feeds):
    """Every RSS feed has the channel's required elements and RFC 822 dates."""
    for path in (p for p in healthnet_feeds if p.suffix == ".rss"):
        root = etree.parse(str(path)).getroot()
        assert root.tag == "rss" and root.get("version") == "2.0"
        channel = root.find("channel")
        for required in ("title", "link", "description"):
            assert (channel.findtext(required) or "").strip(), (path, required)
        for item in channel.iterfind("item"):
            assert item.findtext("title") and item.findtext("guid")
            email.utils.parsedate_to_datetime(item.findtext("pubDate"))


@pytest.mark.parametrize("most", [1, 2, 3])
def test_a_capped_feed_is_the_start_of_the_whole_feed(tmp_path, most):
    """With VARDE_FEED_MAX_ITEMS, every feed (the history's and each
    component's) holds exactly the newest entries of the uncapped feed, also
    when an older incident's postmortem is published after all the rest."""
    outputs = {}
    for cap in (1000, most):
        site = copy_site("healthnet", tmp_path / str(cap))
        incident = site / "content/incidents/2026-06-10-docstore-crash.md"
        incident.write_text(
            incident.read_text().replace("updates:", "postmortem_at: 2026-10-31 09:00\nupdates:", 1)
            + "A full disk stopped the database; we now alert at 80 %.\n"
        )
        configure(site, SITEURL=SITEURL, VARDE_FEED_MAX_ITEMS=cap)
        run = pelican(site, at=epoch("2026-11-01T12:00+01:00"))
        assert run.returncode == 0, run.output
        outputs[cap] = site / "output"
    whole, capped = outputs[1000], outputs[most]
    assert entries(whole / "history.atom")[0].title.startswith("[Postmortem] Document store")
    feeds = sorted(path.relative_to(whole) for path in whole.rglob("*.atom"))
    assert len(feeds) > 5
    for feed in feeds:
        expected = [(e.id, e.title, e.updated) for e in entries(whole / feed)][:most]
        assert [(e.id, e.title, e.updated) for e in entries(capped / feed)] == expected, feed
