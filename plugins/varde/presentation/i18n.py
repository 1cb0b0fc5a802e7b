"""A site's language: its words (gettext catalogs in locale/, keyed by
msgid) and its dates, times and durations (Babel), in the site's time zone."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.lists import format_list
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.units import format_unit

from varde.settings import LANGUAGES as LANGUAGES  # the one list; catalogs in LOCALE
from varde.status.uptime import floor_percent

#: The catalogs: varde.pot lists every msgid, <code>/LC_MESSAGES/varde.po
#: gives one language's texts (docs/translating.md).
LOCALE = Path(__file__).parent / "locale"
TEMPLATE = LOCALE / "varde.pot"


def catalog_path(code: str) -> Path:
    return LOCALE / code / "LC_MESSAGES" / "varde.po"


@functools.cache
def texts(code: str) -> dict[str, str]:
    """A language's texts by msgid, read once per process.  As gettext
    does, an empty or fuzzy (unchecked) translation is left out, so the
    msgid shows instead."""
    with catalog_path(code).open("rb") as stream:
        catalog = read_po(stream)
    return {message.id: message.string for message in catalog if message.id and message.string and not message.fuzzy}


@functools.lru_cache(maxsize=16384)
def _formatted(day: date, pattern: str, code: str) -> str:
    """Babel's formatting is exact but slow; a site shows the same days often."""
    return format_date(day, pattern, locale=code)


@functools.lru_cache(maxsize=16384)
def _duration(minutes: int, code: str) -> str:
    """Babel's units are slow too, and a site's durations repeat: there are
    only so many whole minutes in the incidents it shows."""
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [(days, "duration-day"), (hours, "duration-hour"), (minutes, "duration-minute")]
    shown = [format_unit(n, unit, length="short", locale=code) for n, unit in parts if n]
    return " ".join(shown) or format_unit(0, "duration-minute", length="short", locale=code)


class Language:
    def __init__(self, code: str, zone: ZoneInfo):
        self.code = code
        self.zone = zone
        self._catalog = texts(self.code)
        #: moment()'s texts: every page shows its times twice or more.  Keyed
        #: with the offset too, since Python compares two times in one zone
        #: by wall clock, and the repeated hour in autumn is two instants.
        self._moments: dict[tuple[datetime, timedelta | None], str] = {}
        #: date()'s texts, likewise: the uptime bars name each day on every row.
        self._dates: dict[tuple[datetime, timedelta | None], str] = {}

    def __call__(self, key: str, **values: object) -> str:
        """The text for `key`, with `{name}` placeholders filled in."""
        text = self._catalog.get(str(key), str(key))
        return text.format(**values) if values else text

    def date(self, moment: datetime | date) -> str:
        """A day in words: the local day of an instant, or a calendar date as it is."""
        if not isinstance(moment, datetime):
            return _formatted(moment, "long", self.code)
        key = (moment, moment.utcoffset())
        if key not in self._dates:
            self._dates[key] = _formatted(moment.astimezone(self.zone).date(), "long", self.code)
        return self._dates[key]

    def moment(self, moment: datetime) -> str:
        """Date and time for people, with the zone's abbreviation: "12. mars 2026 kl. 09:05 CET"."""
        key = (moment, moment.utcoffset())
        if key not in self._moments:
            local = moment.astimezone(self.zone)
            time = f"{local.hour:02}:{local.minute:02} {local.tzname()}"
            self._moments[key] = self("{date} at {time}", date=self.date(local), time=time)
        return self._moments[key]

    def month(self, moment: datetime) -> str:
        text = _formatted(moment.astimezone(self.zone).date().replace(day=1), "LLLL y", self.code)
        return text[:1].upper() + text[1:]

    def duration(self, span: timedelta) -> str:
        return _duration(max(0, round(span.total_seconds() / 60)), self.code)

    def join(self, items: Sequence[str]) -> str:
        return format_list(list(items), locale=self.code) if items else ""

    def number(self, value: int) -> str:
        """A whole number as the language groups its digits: "44 580" / "44,580"."""
        return format_decimal(value, locale=self.code)

    def percent(self, value: Fraction) -> str:
        """A percentage with two decimals, cut rather than rounded, so a
        little downtime never shows as 100.00: "99.78" / "99,78"."""
        cut = floor_percent(value, 2)
        return format_decimal(Decimal(cut.numerator) / cut.denominator, format="#,##0.00", locale=self.code)
