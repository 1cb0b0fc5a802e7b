"""Varde's settings: typed, read once from Pelican's plain settings dict.

Pelican defaults suit a blog; a status site wants none of its taxonomy
pages or article feeds.  Those defaults are replaced only where the site
left Pelican's own value, so anything a site sets explicitly still wins.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from varde.errors import ContentError, Problem
from varde.model import Origin
from varde.times import TimeValueError, site_timezone

#: Where a site keeps its settings and content (the content format).
SETTINGS_FILE = "pelicanconf.py"
COMPONENTS_FILE = "components.yaml"
INCIDENTS_DIR = "incidents"
MAINTENANCE_DIR = "maintenance"

#: Pelican settings a status site wants instead of Pelican's blog defaults.
STATUS_SITE_DEFAULTS: dict[str, object] = {
    "DIRECT_TEMPLATES": [],
    "FEED_ALL_ATOM": None,
    "CATEGORY_FEED_ATOM": None,
    "AUTHOR_FEED_ATOM": None,
    "AUTHOR_FEED_RSS": None,
    "TRANSLATION_FEED_ATOM": None,
    "CATEGORY_SAVE_AS": "",
    "TAG_SAVE_AS": "",
    "AUTHOR_SAVE_AS": "",
    "ARCHIVES_SAVE_AS": "",
    "CATEGORIES_SAVE_AS": "",
    "TAGS_SAVE_AS": "",
    "AUTHORS_SAVE_AS": "",
    "SLUGIFY_SOURCE": "basename",
}

#: Varde's own settings and their defaults.
VARDE_DEFAULTS: dict[str, object] = {
    # While anything is open, pages reload themselves this often (0: never).
    "VARDE_REFRESH_SECONDS": 60,
    # How far ahead the index lists scheduled maintenance.
    "VARDE_UPCOMING_DAYS": 14,
    # How long the index keeps listing resolved incidents.
    "VARDE_RECENT_DAYS": 7,
    # Entries in each feed, newest first.
    "VARDE_FEED_MAX_ITEMS": 100,
    # Days in each component's uptime bar (the 30- and 90-day figures keep theirs).
    "VARDE_UPTIME_DAYS": 90,
}


def apply_defaults(settings: MutableMapping, pelican_defaults: Mapping) -> None:
    """Adjust Pelican's settings for a status site, in place."""
    for key, value in STATUS_SITE_DEFAULTS.items():
        if settings.get(key) == pelican_defaults.get(key):
            settings[key] = value
    # Varde writes index.html itself; Pelican's blog index would collide with it.
    settings["DIRECT_TEMPLATES"] = [t for t in settings.get("DIRECT_TEMPLATES", []) if t != "index"]
    # Incidents and maintenance are Varde's content, never articles or pages.
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
        excludes = list(settings.get(key) or [])
        settings[key] = excludes + [d for d in (INCIDENTS_DIR, MAINTENANCE_DIR) if d not in excludes]
    for key, value in VARDE_DEFAULTS.items():
        settings.setdefault(key, value)


@dataclass(frozen=True, slots=True)
class VardeSettings:
    content: Path
    output: Path
    timezone: ZoneInfo
    language: str
    refresh_seconds: int
    upcoming_days: int
    recent_days: int
    feed_max_items: int
    uptime_days: int
    site_name: str
    #: The public address (publishconf.py's SITEURL), "" in local builds.
    #: Feeds and the API need it absolute; pages never use it (their links
    #: stay relative so the site works from any host and from file://).
    site_url: str
    #: Where Varde keeps what later builds may reuse (below Pelican's CACHE_PATH).
    cache: Path

    @classmethod
    def from_pelican(cls, settings: Mapping) -> VardeSettings:
        try:
            zone = site_timezone(settings.get("TIMEZONE") or "UTC")
        except TimeValueError as error:
            raise ContentError([Problem(Origin("the TIMEZONE setting"), str(error))]) from None
        return cls(
            content=Path(settings["PATH"]),
            output=Path(settings["OUTPUT_PATH"]),
            timezone=zone,
            language=settings.get("DEFAULT_LANG", "nb"),
            refresh_seconds=_number(settings, "VARDE_REFRESH_SECONDS"),
            upcoming_days=_number(settings, "VARDE_UPCOMING_DAYS"),
            recent_days=_number(settings, "VARDE_RECENT_DAYS"),
            feed_max_items=_number(settings, "VARDE_FEED_MAX_ITEMS"),
            uptime_days=_number(settings, "VARDE_UPTIME_DAYS"),
            site_name=settings.get("SITENAME", ""),
            site_url=(settings.get("SITEURL") or "").rstrip("/"),
            cache=Path(settings.get("CACHE_PATH") or "cache") / "varde",
        )


def _number(settings: Mapping, key: str) -> int:
    value = settings.get(key, VARDE_DEFAULTS[key])
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ContentError(
            [
                Problem(
                    Origin(f"the {key} setting"),
                    f"{value!r} is not a whole number of 0 or more; set it to e.g. {VARDE_DEFAULTS[key]}.",
                )
            ]
        )
    return value
