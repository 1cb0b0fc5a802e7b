"""A site's settings: Pelican's defaults adjusted for a status site, and
every setting Varde reads, typed and checked in `VardeSettings.from_pelican`.

Pelican defaults suit a blog; a status site wants none of its taxonomy
pages or article feeds.  Those defaults are replaced only where the site
left Pelican's own value, so anything a site sets explicitly still wins.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar
from zoneinfo import ZoneInfo

from babel import negotiate_locale

from varde.errors import ContentError, Problem, did_you_mean
from varde.model import Impact, Origin
from varde.settings.mirrors import SETTING as MIRRORS
from varde.settings.mirrors import Mirror, read_mirrors
from varde.settings.notify import LEDGER as NOTIFY_LEDGER
from varde.settings.notify import MAX_AGE as NOTIFY_MAX_AGE
from varde.settings.notify import SETTING as NOTIFY
from varde.settings.notify import Channel, Ledger, read_channels, read_ledger, read_max_age
from varde.times import TimeValueError, parse_time, site_timezone

#: Where a site keeps its settings and content (the content format).
SETTINGS_FILE = "pelicanconf.py"
#: The public build's settings (publish and notify read them).
PUBLISH_SETTINGS_FILE = "publishconf.py"
COMPONENTS_FILE = "components.yaml"
INCIDENTS_DIR = "incidents"
MAINTENANCE_DIR = "maintenance"
#: Beside content/: the snapshots `varde upstream fetch` writes, one per upstream page.
UPSTREAM_DIR = "upstream"

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
    # Minutes an upstream page's snapshot stays news; older, its components are `unknown`.
    "VARDE_UPSTREAM_MAX_AGE": 30,
}

CADENCE = "VARDE_CADENCE_MINUTES"
#: The longest silence allowed on an open incident, per impact, where
#: VARDE_CADENCE_MINUTES leaves the impact out.
CADENCE_MINUTES: dict[str, int | None] = {"critical": 30, "major": 60, "minor": 120}
RETENTION = "OUTPUT_RETENTION"
LOGO = "VARDE_LOGO"
#: The logo's kinds: pictures every browser shows from an <img>, where an
#: SVG's scripts never run.
LOGO_SUFFIXES = (".svg", ".png")
#: An example site's fixed "now" (see VardeSettings.demo_now).
DEMO_NOW = "VARDE_DEMO_NOW"

#: The languages Varde's pages, feeds and messages are written in: each has
#: a catalog in presentation/locale (tests/test_translations.py holds both to it).
LANGUAGES = ("en", "nb", "nn", "sv")

T = TypeVar("T")


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
    # Pelican copies content/images by default, and its devserver warns
    # that it cannot watch it: a status site has none unless made.
    if settings.get("STATIC_PATHS") == pelican_defaults.get("STATIC_PATHS") and "PATH" in settings:
        settings["STATIC_PATHS"] = [path for path in settings["STATIC_PATHS"] if Path(settings["PATH"], path).exists()]


@dataclass(frozen=True, slots=True)
class Logo:
    """The site's logo (VARDE_LOGO), read when the settings are: the build
    writes it beside the pages as `name`, which the page header shows."""

    name: str
    data: bytes


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
    #: Where `varde publish` copies each build (VARDE_MIRRORS), none if unset.
    mirrors: tuple[Mirror, ...]
    #: The longest an open incident may go without an update, per impact
    #: (VARDE_CADENCE_MINUTES); an impact missing here is never reminded.
    cadence: Mapping[Impact, timedelta]
    #: Names in the output carried over from the previous build (Pelican's
    #: OUTPUT_RETENTION, e.g. `CNAME`).
    retention: tuple[str, ...]
    #: The instant an example site is always shown at (VARDE_DEMO_NOW), so
    #: its invented incidents read coherently whatever today's date; None
    #: for a real site, which shows the present.  SOURCE_DATE_EPOCH wins.
    demo_now: datetime | None
    #: The logo shown before the site's name, if VARDE_LOGO names one.
    logo: Logo | None
    #: Where `varde notify` sends news (VARDE_NOTIFY), none if unset.
    notify: tuple[Channel, ...]
    #: Where it records what it sent (VARDE_NOTIFY_LEDGER); never in the output.
    notify_ledger: Ledger
    #: Nothing older than this at "now" is sent (VARDE_NOTIFY_MAX_AGE).
    notify_max_age: timedelta
    #: How old an upstream page's snapshot may be at "now" before its
    #: components are `unknown` (VARDE_UPSTREAM_MAX_AGE, in minutes).
    upstream_max_age: timedelta = timedelta(minutes=30)

    @property
    def upstream(self) -> Path:
        """The folder of upstream snapshots: beside the content folder, in the site's."""
        return self.content.parent / UPSTREAM_DIR

    @classmethod
    def from_pelican(cls, settings: Mapping, site: Path | None = None) -> VardeSettings:
        """The settings of the site in `site` (its folder, where relative
        mirror folders are; by default the working folder, where Pelican
        runs); every mistake in them at once."""
        problems: list[Problem] = []

        def checked(read: Callable[..., T], *arguments: object) -> T | None:
            try:
                return read(*arguments)
            except ContentError as error:
                problems.extend(error.problems)
                return None

        output = Path(settings["OUTPUT_PATH"])
        values = dict(
            content=Path(settings["PATH"]),
            output=output,
            timezone=checked(_timezone, settings),
            language=checked(_language, settings),
            refresh_seconds=checked(_number, settings, "VARDE_REFRESH_SECONDS"),
            upcoming_days=checked(_number, settings, "VARDE_UPCOMING_DAYS"),
            recent_days=checked(_number, settings, "VARDE_RECENT_DAYS"),
            feed_max_items=checked(_number, settings, "VARDE_FEED_MAX_ITEMS"),
            uptime_days=checked(_number, settings, "VARDE_UPTIME_DAYS"),
            site_name=settings.get("SITENAME", ""),
            site_url=(settings.get("SITEURL") or "").rstrip("/"),
            cache=Path(settings.get("CACHE_PATH") or "cache") / "varde",
            mirrors=checked(read_mirrors, settings.get(MIRRORS), site or Path(), output),
            cadence=checked(_cadence, settings),
            retention=checked(_retention, settings),
            upstream_max_age=checked(_max_age, settings),
            notify=checked(read_channels, settings.get(NOTIFY)),
            notify_ledger=checked(
                read_ledger, settings.get(NOTIFY_LEDGER), site or Path(), output, bool(settings.get(NOTIFY))
            ),
            notify_max_age=checked(read_max_age, settings.get(NOTIFY_MAX_AGE)),
        )
        values["logo"] = checked(_logo, settings.get(LOGO), values["content"])
        values["demo_now"] = checked(_demo_now, settings, values["timezone"] or ZoneInfo("UTC"))
        if problems:
            raise ContentError(problems)
        return cls(**values)


def _problem(key: str, message: str) -> Problem:
    return Problem(Origin(f"the {key} setting"), message)


def _timezone(settings: Mapping) -> ZoneInfo:
    try:
        return site_timezone(settings.get("TIMEZONE") or "UTC")
    except TimeValueError as error:
        raise ContentError([_problem("TIMEZONE", str(error))]) from None


def _language(settings: Mapping) -> str:
    """DEFAULT_LANG as Pelican sites write it (`nb`, `nb_NO`, `en-GB`, `no`),
    as the code of one of Varde's languages: a page in a language it does not
    speak would silently come out in another."""
    written = settings.get("DEFAULT_LANG") or "nb"
    code = str(written).replace("-", "_").lower()
    found = negotiate_locale([code, code.split("_")[0]], LANGUAGES, aliases={"no": "nb"})
    if found is None:
        raise ContentError(
            [
                _problem(
                    "DEFAULT_LANG",
                    f"{written!r} is not a language Varde's pages are written in; set it to one of "
                    f"{', '.join(LANGUAGES)}.",
                )
            ]
        )
    return found


def _number(settings: Mapping, key: str) -> int:
    value = settings.get(key, VARDE_DEFAULTS[key])
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        example = VARDE_DEFAULTS[key]
        raise ContentError([_problem(key, f"{value!r} is not a whole number of 0 or more; set it to e.g. {example}.")])
    return value


def _logo(value: object, content: Path) -> Logo | None:
    """The file VARDE_LOGO names, relative to the content folder."""
    if value is None:
        return None
    path = content / value if isinstance(value, str) and value else None
    inside = path is not None and path.resolve().is_relative_to(content.resolve())
    if not (inside and path.suffix.lower() in LOGO_SUFFIXES and path.is_file()):
        raise ContentError(
            [
                _problem(
                    LOGO,
                    f"{value!r} is not an SVG or PNG file in the content folder ({content}); "
                    "set it to such a file's path inside it, e.g. 'logo.svg'.",
                )
            ]
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ContentError(
            [_problem(LOGO, f"{value!r} cannot be read ({error.strerror}); check its permissions.")]
        ) from None
    return Logo("logo" + path.suffix.lower(), data)


def _demo_now(settings: Mapping, zone: ZoneInfo) -> datetime | None:
    value = settings.get(DEMO_NOW)
    if value is None:
        return None
    try:
        return parse_time(value if isinstance(value, str | datetime) else repr(value), zone)
    except TimeValueError as error:
        raise ContentError([_problem(DEMO_NOW, f"{str(error).rstrip('.')}; or leave the setting out.")]) from None


def _max_age(settings: Mapping) -> timedelta:
    key = "VARDE_UPSTREAM_MAX_AGE"
    value = settings.get(key, VARDE_DEFAULTS[key])
    if (limit := _minutes(value)) is None:
        raise ContentError([_problem(key, f"{value!r} is not a number of minutes above 0; set it to e.g. 30.")])
    return limit


def _cadence(settings: Mapping) -> Mapping[Impact, timedelta]:
    """The site's limits over the defaults; None switches an impact's reminder off."""
    given = settings.get(CADENCE) or {}
    example = '{"critical": 30, "major": 60}'
    if not isinstance(given, Mapping):
        raise ContentError(
            [_problem(CADENCE, f"{given!r} is not a dict of minutes per impact; set it to e.g. {example}.")]
        )
    problems, limits = [], {}
    for impact, minutes in {**CADENCE_MINUTES, **given}.items():
        if impact not in CADENCE_MINUTES:
            problems.append(
                _problem(
                    CADENCE,
                    f"{impact!r} is not an impact (critical, major or minor); set it to e.g. {example}."
                    + did_you_mean(impact, CADENCE_MINUTES),
                )
            )
        elif minutes is None:
            continue
        elif (limit := _minutes(minutes)) is None:
            problems.append(
                _problem(
                    CADENCE,
                    f"{impact!r}: {minutes!r} is not a number of minutes above 0, nor None (no reminder); "
                    f'set it to e.g. {{"{impact}": {CADENCE_MINUTES[impact]}}}.',
                )
            )
        else:
            limits[Impact(impact)] = limit
    if problems:
        raise ContentError(problems)
    return MappingProxyType(limits)


def _minutes(value: object) -> timedelta | None:
    """`value` minutes, if it is a number above 0 that a timedelta holds."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        return None
    try:
        return timedelta(minutes=value)
    except OverflowError:
        return None


def _retention(settings: Mapping) -> tuple[str, ...]:
    """Names of files or folders directly in the output: anything else would
    carry over what lies outside it."""
    names = settings.get(RETENTION) or ()
    example = '["CNAME", ".git"]'
    if not isinstance(names, list | tuple | set | frozenset):
        raise ContentError([_problem(RETENTION, f"{names!r} is not a list of names; set it to e.g. {example}.")])
    wrong = [name for name in names if not isinstance(name, str) or name in ("", "..") or Path(name).name != name]
    if wrong:
        raise ContentError(
            [
                _problem(
                    RETENTION, f"{name!r} is not a name of a file or folder in the output; set it to e.g. {example}."
                )
                for name in wrong
            ]
        )
    return tuple(names)
