"""Typed reading of one YAML mapping, collecting problems instead of raising.

Each accessor both reads a key and declares it known; `finish()` then
reports every key nobody asked for, because in hand-written content an
unknown key is nearly always a typo that must not pass silently.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timezone, tzinfo
from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo

from varde.errors import Problem, did_you_mean
from varde.model import Origin
from varde.parsing.yamlsource import YamlList, YamlMap
from varde.times import TimeValueError, parse_date, parse_time

IDENT = re.compile(r"^[a-z0-9][a-z0-9-]*$")
IDENT_RULE = "lowercase letters, digits and hyphens, starting with a letter or digit"

E = TypeVar("E", bound=StrEnum)

_MISSING = object()


@dataclass(frozen=True, slots=True)
class FileContext:
    """What reading one content file needs besides its text."""

    path: str
    zone: ZoneInfo
    #: Component ids, or None when components.yaml is broken (ids go unchecked).
    known: Collection[str] | None
    problems: list[Problem]
    #: A digest of what the model is made from (the file's bytes and place,
    #: the zone, the known components): an incident's `source`.
    source: str = ""
    #: Component ids whose status an upstream page reports: no file names them.
    mirrored: Collection[str] = ()


def describe(value: object) -> str:
    """A value as the person wrote it, for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, YamlMap):
        return "a mapping"
    if isinstance(value, YamlList):
        return "a list"
    return repr(str(value))


@functools.cache
def _members(choices: type[E] | tuple[E, ...]) -> dict[str, E]:
    """The members of an enum (or a tuple of members) by value; an update's
    status is looked up tens of thousands of times in a large site."""
    return {member.value: member for member in choices}


#: One tzinfo object per fixed offset, see _shared_offset.
_OFFSETS: dict[tuple, tzinfo] = {}


def _shared_offset(moment: datetime) -> datetime:
    """`moment` with the one shared tzinfo object of its fixed offset.

    Every parsed time gets a fixed-offset tzinfo of its own (times.fixed);
    pickle writes each distinct object out in full, so sharing them halves
    the size and the saving and loading time of the parse cache.  Equal
    offsets and names: the same value."""
    zone = moment.tzinfo
    if type(zone) is not timezone:
        return moment
    shared = _OFFSETS.setdefault((zone.utcoffset(None), zone.tzname(None)), zone)
    return moment if shared is zone else moment.replace(tzinfo=shared)


class Fields:
    def __init__(
        self,
        data: object,
        path: str,
        problems: list[Problem],
        what: str,
        line: int | None,
    ):
        self.path = path
        self.problems = problems
        self.what = what
        self.known: set[str] = set()
        self._errors_at_start = len(problems)
        #: Where a missing key is reported: the key or item that holds this mapping.
        self.anchor = line
        if isinstance(data, YamlMap):
            self.data = data
        else:
            self.data = YamlMap(line or 1)
            self.problem(line, f"{what} must be a mapping of `key: value` lines, not {describe(data)}.")

    # -- bookkeeping -------------------------------------------------------

    @property
    def ok(self) -> bool:
        """No problem was found since these fields were opened."""
        return len(self.problems) == self._errors_at_start

    def line(self, key: str) -> int:
        return self.data.line_of(key)

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(Origin(self.path, line), message))

    def _get(self, key: str, required: bool):
        self.known.add(key)
        value = self.data.get(key, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self.problem(self.anchor or self.data.line, f"{self.what} needs the key `{key}`; add it.")
            return _MISSING
        return value

    def finish(self) -> None:
        for key in self.data:
            if key not in self.known:
                known = ", ".join(f"`{k}`" for k in sorted(self.known))
                self.problem(
                    self.line(key),
                    f"{self.what} has an unknown key `{key}`; "
                    f"fix its spelling or remove it (known keys: {known})." + did_you_mean(key, self.known),
                )

    # -- typed accessors ---------------------------------------------------

    def text(self, key: str, required: bool = False) -> str | None:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        if not isinstance(value, str):
            self.problem(
                self.line(key),
                f"`{key}` must be text, not {describe(value)}; put the text in quotes.",
            )
            return None
        if required and not value.strip():
            self.problem(self.line(key), f"`{key}` is empty; write the {key}.")
            return None
        return value

    def ident(self, key: str, required: bool = False) -> str | None:
        value = self.text(key, required)
        if value is not None and not IDENT.match(value):
            self.problem(
                self.line(key),
                f"`{key}` is {value!r}, but an id may only contain {IDENT_RULE}; rename it.",
            )
            return None
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        value = self._get(key, False)
        if value is _MISSING:
            return default
        if not isinstance(value, bool):
            self.problem(self.line(key), f"`{key}` must be true or false, not {describe(value)}.")
            return default
        return value

    def choice(self, key: str, choices: type[E] | tuple[E, ...], required: bool = False) -> E | None:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        return self.parse_choice(value, choices, self.line(key), f"`{key}`")

    def parse_choice(self, value: object, choices, line: int, label: str):
        allowed = _members(choices)
        if isinstance(value, str) and value in allowed:
            return allowed[value]
        listed = ", ".join(allowed)
        self.problem(line, f"{label} must be one of {listed}; {describe(value)} is not." + did_you_mean(value, allowed))
        return None

    def time(self, key: str, zone: ZoneInfo, required: bool = False) -> datetime | None:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        return self.parse_time(value, zone, self.line(key), f"`{key}`")

    def parse_time(self, value: object, zone: ZoneInfo, line: int, label: str) -> datetime | None:
        if not isinstance(value, (str, datetime)):
            self.problem(line, f"{label} must be a time, not {describe(value)}.")
            return None
        try:
            return _shared_offset(parse_time(value, zone))
        except TimeValueError as error:
            self.problem(line, f"{label}: {error}")
            return None

    def date(self, key: str) -> date | None:
        value = self._get(key, False)
        if value is _MISSING:
            return None
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if not isinstance(value, str):
            self.problem(self.line(key), f"`{key}` must be a date (YYYY-MM-DD), not {describe(value)}.")
            return None
        try:
            return parse_date(value)
        except TimeValueError as error:
            self.problem(self.line(key), f"`{key}`: {error}")
            return None

    def mapping(self, key: str, required: bool = False) -> YamlMap | None:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        if not isinstance(value, YamlMap):
            self.problem(self.line(key), f"`{key}` must be a mapping (`id: value` lines), not {describe(value)}.")
            return None
        return value

    def sequence(self, key: str, required: bool = False) -> YamlList | None:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        if not isinstance(value, YamlList):
            self.problem(self.line(key), f"`{key}` must be a list (lines starting with `- `), not {describe(value)}.")
            return None
        return value

    def raw(self, key: str):
        """The value as parsed, for keys that accept several shapes."""
        value = self._get(key, False)
        return None if value is _MISSING else value
