"""`recurrence:` in a maintenance file: a window that repeats.

The rule is RFC 5545's RRULE, read by dateutil (the same rule goes into the
calendar as it is written), so a mistake in it is found here, with its line,
and not by a subscriber's calendar.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from itertools import islice

from dateutil.rrule import rrulestr

from varde.model import Recurrence
from varde.parsing.fields import Fields, FileContext, describe
from varde.times import TimeValueError, fixed, localize, parse_date

#: `2h`, `90m`, `1h30m`.
_DURATION = re.compile(r"^(?:(?P<hours>\d+)\s*h)?\s*(?:(?P<minutes>\d+)\s*m(?:in)?)?$")


def parse_recurrence(top: Fields, file: FileContext) -> Recurrence | None:
    value = top.mapping("recurrence")
    if value is None:
        return None
    fields = Fields(value, file.path, file.problems, "`recurrence`", top.line("recurrence"))
    start = fields.time("start", file.zone, required=True)
    duration = _duration(fields)
    until = _until(fields, file)
    rule = fields.text("rule", required=True)
    fields.finish()
    if rule is not None and start is not None:
        rule = _rule(fields, rule.strip(), start.astimezone(file.zone).replace(tzinfo=None), until is not None)
    if until is not None and start is not None and until < start:
        fields.problem(fields.line("until"), "`recurrence.until` is before `recurrence.start`; fix the date.")
    if fields.ok and duration is not None:
        _require_apart(fields, rule, start.astimezone(file.zone).replace(tzinfo=None), duration)
    if not fields.ok:
        return None
    return Recurrence(rule, start, duration, file.zone, until)


def _require_apart(fields: Fields, rule: str, first: datetime, duration: timedelta) -> None:
    """Windows of one maintenance may not overlap: each is a window of its
    own on the pages and in uptime, and an update belongs to one of them."""
    starts = list(islice(rrulestr(rule, dtstart=first), _LOOKED_AT))
    gap = min((later - earlier for earlier, later in zip(starts, starts[1:])), default=None)
    if gap is not None and gap < duration:
        fields.problem(
            fields.line("duration"),
            f"`recurrence.duration` is longer than the {_hours(gap)} between two windows, which would overlap; "
            "shorten it.",
        )


#: Windows compared for overlap: enough for a year of weekly ones.
_LOOKED_AT = 60


def _hours(span: timedelta) -> str:
    hours, minutes = divmod(int(span.total_seconds()) // 60, 60)
    return f"{hours}h{minutes:02d}m" if minutes else f"{hours}h"


def _rule(fields: Fields, rule: str, first: datetime, until: bool) -> str:
    """The RRULE value, checked by reading it; `RRULE:` in front is allowed.
    Its end is `until` (a local date, where the rule's UNTIL must be UTC),
    so the rule holds no UNTIL, nor a COUNT beside `until`."""
    if rule.upper().startswith("RRULE:"):
        rule = rule[len("RRULE:") :]
    parts = {
        name.strip().upper(): value.strip().upper() for name, _, value in (p.partition("=") for p in rule.split(";"))
    }
    problem = None
    if parts.get("FREQ") in _SUB_DAILY:
        problem = (
            f"`recurrence.rule` repeats {parts['FREQ'].lower()}, but a maintenance window repeats at most daily; "
            "use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY."
        )
    elif found := _TIME_OF_DAY & parts.keys():
        problem = (
            f"`recurrence.rule` has {min(found)}, but a window's time of day is `recurrence.start`'s; "
            f"remove {min(found)}."
        )
    elif _no_such_day(parts):
        problem = (
            f"`recurrence.rule` asks for day {parts['BYMONTHDAY']} of a month that never has it; "
            "fix BYMONTHDAY or BYMONTH."
        )
    elif "UNTIL" in parts:
        problem = "`recurrence.rule` has UNTIL; give the last day as `recurrence.until` instead."
    elif "COUNT" in parts and until:
        problem = "`recurrence.rule` has COUNT beside `recurrence.until`, which both end it; keep one."
    else:
        try:
            if "\n" in rule:
                raise ValueError("more than one line")
            # Bounded: a rule with no window for years (30 February) would
            # otherwise be searched day by day up to the year 9999.
            soon = list(rrulestr(rule, dtstart=first).replace(until=first + _SEARCHED, count=None))
        except (ValueError, TypeError) as error:
            problem = (
                f"`recurrence.rule` is not an RFC 5545 rule ({error or type(error).__name__}); "
                "write e.g. FREQ=WEEKLY;BYDAY=TU."
            )
        else:
            problem = _first_window(soon[0] if soon else None, first)
    if problem is not None:
        fields.problem(fields.line("rule"), problem)
    return rule


#: How far ahead of `recurrence.start` its first window is looked for.
_SEARCHED = timedelta(days=5 * 366)

#: Rules that would make more than one window a day: a maintenance of every
#: hour or minute is no maintenance, and years of them would be millions of
#: windows, each a page.
_SUB_DAILY = ("HOURLY", "MINUTELY", "SECONDLY")
_TIME_OF_DAY = {"BYHOUR", "BYMINUTE", "BYSECOND"}


def _no_such_day(parts: dict[str, str]) -> bool:
    """BYMONTHDAY beyond every month the rule names (30 February): dateutil
    would look for it day by day up to the year 9999, seconds of work."""
    try:
        days = [int(day) for day in parts["BYMONTHDAY"].split(",")]
        months = [int(month) for month in parts["BYMONTH"].split(",")] if "BYMONTH" in parts else range(1, 13)
    except (KeyError, ValueError):
        return False
    return all(abs(day) > _LONGEST.get(month, 31) for day in days for month in months)


#: The most days each month can have (February in a leap year).
_LONGEST = {2: 29, 4: 30, 6: 30, 9: 30, 11: 30}


def _first_window(window: datetime | None, first: datetime) -> str | None:
    """`start` must be the rule's first window (as RFC 5545 asks of DTSTART),
    so the pages, the feeds and the calendar all begin with the same one."""
    if window is None:
        return "`recurrence.rule` gives no window in the five years from `recurrence.start`; fix the rule or the start."
    if window != first:
        return (
            f"`recurrence.rule` has no window at `recurrence.start` ({first:%Y-%m-%d %H:%M}); "
            f"its first is {window:%Y-%m-%d %H:%M}, so make that the start."
        )
    return None


def _duration(fields: Fields) -> timedelta | None:
    text = fields.text("duration", required=True)
    found = _DURATION.match(text.strip()) if isinstance(text, str) else None
    if text is not None and (found is None or not (found["hours"] or found["minutes"])):
        fields.problem(
            fields.line("duration"),
            f"`recurrence.duration` {describe(text)} is not a duration; write e.g. 2h, 90m or 1h30m.",
        )
        return None
    if found is None:
        return None
    duration = timedelta(hours=int(found["hours"] or 0), minutes=int(found["minutes"] or 0))
    if not duration:
        fields.problem(fields.line("duration"), "`recurrence.duration` is zero; give the window's length, e.g. 2h.")
        return None
    return duration


def _until(fields: Fields, file: FileContext) -> datetime | None:
    """The last day windows may start on (a date: all of that day), or the last time."""
    value = fields.raw("until")
    if value is None:
        return None
    line = fields.line("until")
    if isinstance(value, date) and not isinstance(value, datetime):
        day = value
    elif isinstance(value, str) and len(value.strip()) == len("YYYY-MM-DD"):
        try:
            day = parse_date(value)
        except TimeValueError as error:
            fields.problem(line, f"`recurrence.until`: {error}")
            return None
    else:
        return fields.parse_time(value, file.zone, line, "`recurrence.until`")
    return fixed(localize(datetime.combine(day, time.max), file.zone))
