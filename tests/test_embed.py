"""embed/status.html: the banner other sites frame.  Small, closed and
honest whatever the site holds: under 4 KB, no script, nothing fetched,
links that leave the frame, the site's language, light and dark."""

from __future__ import annotations

import re
import shutil
from datetime import datetime

from builds import build_at, settings_for
from support import SITES

from varde.parsing import load_site
from varde.presentation.build import Build
from varde.presentation.embed import LIMIT, render
from varde.status import snapshots

INCIDENT = """---
title: "{title}"
affected:
  login: major_outage
updates:
  - at: 2026-03-12 08:{minute:02}
    status: investigating
    text: Down.
---
"""


def _banner(build: Build) -> str:
    (text,) = render(build, build.snapshots[0]).values()
    return text


def test_the_banner_shows_the_state_and_open_incidents_in_the_sites_language():
    banner = _banner(build_at("2026-03-12T09:00+01:00", language="nb"))
    assert '<html lang="nb">' in banner
    assert "Healthnet status: Delvis driftsavbrudd</a>" in banner
    assert ">Network fault in the main datacenter stops login</a></li>" in banner
    links = re.findall(r"<a ([^>]*)>", banner)
    assert links and all('target="_top"' in link for link in links)
    assert all(re.search(r'href="\.\./', link) for link in links)  # to the site, never elsewhere
    assert "@media(prefers-color-scheme:dark)" in banner


def test_many_long_hostile_titles_stay_under_the_limit_and_are_text(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(SITES / "minimal", site)
    title = "<script>alert(1)</script> " + "Å" * 200
    for number in range(60):
        path = site / f"content/incidents/2026-03-12-many-{number}.md"
        path.write_text(INCIDENT.format(title=title, minute=number))
    settings = settings_for(site / "content", language="sv")
    loaded = load_site(settings.content, settings.timezone)
    now = datetime.fromisoformat("2026-03-12T10:00+01:00")
    banner = _banner(Build(loaded, snapshots(loaded, now), settings, now))
    assert len(banner.encode()) < LIMIT
    assert "<script" not in banner and "&lt;script&gt;" in banner
    assert banner.count("<li>") >= 5  # as many as fit
    assert not re.search(r"<(img|link|iframe|object|embed|script)\b", banner)
    assert "default-src 'none'" in banner
