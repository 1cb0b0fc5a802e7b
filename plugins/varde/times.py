"""Times as people write them in front matter, and the build's "now".

A time without an offset is wall-clock time in the site's TIMEZONE.  Wall
clocks skip an hour in spring (those times never happened: an error) and
repeat one in autumn (the first occurrence is meant, as a person writing
"02:30" during the outage would mean the one they lived first).

Parsed times carry a fixed UTC offset (the site's offset at that instant),
not the ZoneInfo itself: Python compares and subtracts two datetimes that
share a tzinfo by wall clock, ignoring `fold`, which would sort and measure
the repeated autumn hour wrongly.  Presentation converts to the zone for
names like CEST.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?"
    r"(?P<offset>Z|[+-]\d{2}(?::?\d{2})?)?$"
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

TIME_FORMS = "YYYY-MM-DD HH:MM (local time), optionally with seconds and an offset like +02:00"

#: The years a time may fall in.  A status page's history and plans lie
#: well inside them, and the pages count days and years past a time (the
#: history's next year, a window's end), which Python's calendar cannot do
#: at its edges, year 1 and 9999.
YEARS = range(1900, 3000)


class TimeValueError(ValueError):
    """A time that cannot be used; the message says why and what to write."""


def site_timezone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise TimeValueError(f"{name!r} is not an IANA time zone name; use one such as 'Europe/Oslo'.") from None


def parse_time(value: str | datetime, zone: ZoneInfo) -> datetime:
    """An aware datetime in `zone` from a front-matter value."""
    if isinstance(value, datetime):
        moment = value
    else:
        text = value.strip()
        if not _TIME.match(text):
            raise TimeValueError(f"{value!r} is not a time; write {TIME_FORMS}.")
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise TimeValueError(f"{value!r} is not a valid date or time of day.") from None
    if moment.year not in YEARS:
        raise TimeValueError(_outside(value))
    local = localize(moment, zone) if moment.tzinfo is None else moment.astimezone(zone)
    return fixed(local)


def _outside(value: object) -> str:
    shown = value if isinstance(value, str) else f"{value:%Y-%m-%d %H:%M}"
    return f"{shown!r} is outside the years Varde accepts ({YEARS[0]} to {YEARS[-1]}); check the year."


def fixed(moment: datetime) -> datetime:
    """The same instant with a fixed-offset tzinfo (its current UTC offset)."""
    return moment.astimezone(timezone(moment.utcoffset() or timedelta(0)))


def localize(wall: datetime, zone: ZoneInfo) -> datetime:
    """Attach `zone` to a wall-clock time; refuse one the clocks skipped."""
    first = wall.replace(tzinfo=zone, fold=0)
    round_trip = first.astimezone(UTC).astimezone(zone)
    if round_trip.replace(tzinfo=None) != wall:
        raise TimeValueError(
            f"{wall:%Y-%m-%d %H:%M} does not exist in {zone.key}: the clocks skip that "
            "hour when summer time starts. Use a time after the change, or give an offset."
        )
    return round_trip


def parse_date(value: str) -> date:
    if not _DATE.match(value.strip()):
        raise TimeValueError(f"{value!r} is not a date; write YYYY-MM-DD.")
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise TimeValueError(f"{value!r} is not a valid date.") from None
    if day.year not in YEARS:
        raise TimeValueError(_outside(value))
    return day


def build_now(environ: Mapping[str, str], clock: Callable[[], float], demo_now: datetime | None = None) -> datetime:
    """The instant a build describes: SOURCE_DATE_EPOCH when set, else the
    site's VARDE_DEMO_NOW (an example site shown as at one instant, whatever
    the date), else the clock.

    Callers read it once per build, so every page of a build agrees on it.
    """
    raw = environ.get("SOURCE_DATE_EPOCH")
    if raw is None or raw.strip() == "":
        return demo_now or datetime.fromtimestamp(clock(), UTC)
    try:
        now = datetime.fromtimestamp(int(raw), UTC)
        if now.year not in YEARS:
            raise ValueError(raw)
        return now
    except (ValueError, OverflowError, OSError):
        raise TimeValueError(
            f"SOURCE_DATE_EPOCH={raw!r} is not a whole number of seconds since 1970; "
            "set it to e.g. the output of `date +%s`, or unset it."
        ) from None


def shown(moment: datetime, zone: ZoneInfo) -> str:
    """A time for people: wall-clock time in the site's zone, with its
    abbreviation, so "10:57 CEST" is unambiguous in a screenshot or a print."""
    local = moment.astimezone(zone)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"


def iso(moment: datetime, zone: ZoneInfo) -> str:
    """A time for machines: ISO 8601 with the site's offset at that instant."""
    return moment.astimezone(zone).isoformat()
