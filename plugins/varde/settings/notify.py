"""The VARDE_NOTIFY, VARDE_NOTIFY_LEDGER and VARDE_NOTIFY_MAX_AGE settings,
read into typed channels and limits: plain data, which `varde notify` sends
to (the content format, "Notifications").

    VARDE_NOTIFY = [
        {"name": "drift-epost",
         "url": "mailtos://${SMTP_USER}:${SMTP_PASSWORD}@smtp.example.no?to=drift@example.no",
         "language": "nb", "components": ["helseid"], "environments": ["production"],
         "events": ["incident", "postmortem", "maintenance"]},
        {"name": "partnere", "url": "statuspage+https://partner.example/hooks/status"},
    ]

A channel's URL is kept as written, `${NAME}` and all: it is filled in from
the environment only when sending, so a secret never sits in a setting
that anything might print.  Which components, environments and languages
exist is the site's business, checked against its catalog by the sender.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from pathlib import Path

from varde.errors import ContentError, Problem, did_you_mean
from varde.model import Origin

SETTING = "VARDE_NOTIFY"
LEDGER = "VARDE_NOTIFY_LEDGER"
MAX_AGE = "VARDE_NOTIFY_MAX_AGE"
KEYS = ("name", "url", "language", "components", "environments", "events")
EXAMPLE = '[{"name": "drift-epost", "url": "mailto://smtp.example.no?to=drift@example.no"}]'
ORIGIN = Origin(f"the {SETTING} setting")
#: Where the ledger is kept unless the site says otherwise (its folder).
DEFAULT_LEDGER = "notify-ledger.json"
#: Minutes: an entry older than this at "now" is never sent.
DEFAULT_MAX_AGE = 60
#: The Statuspage-style webhook: this prefix before an http(s) URL.
STATUSPAGE_SCHEME = "statuspage+"


class Event(StrEnum):
    """What a channel may ask for: incident updates, postmortems, and
    maintenance (announcements, updates, and windows starting and ending)."""

    INCIDENT = "incident"
    POSTMORTEM = "postmortem"
    MAINTENANCE = "maintenance"


@dataclass(frozen=True, slots=True)
class Channel:
    #: Names the channel in the ledger and in every report (never its URL,
    #: which may hold a password).
    name: str
    #: As written, `${NAME}` unfilled.
    url: str
    #: A language code, or None for the site's.
    language: str | None = None
    #: Component ids; empty means every component.
    components: tuple[str, ...] = ()
    #: Environment ids; empty means the site's first environment.
    environments: tuple[str, ...] = ()
    events: frozenset[Event] = frozenset(Event)

    @property
    def statuspage(self) -> bool:
        """Sent Statuspage's webhook JSON, component changes included,
        rather than through Apprise: as the setting writes it, so what is
        sent never depends on what the environment fills in."""
        return self.url.startswith(STATUSPAGE_SCHEME)


@dataclass(frozen=True, slots=True)
class Ledger:
    """Where sent notifications are recorded: a file, or an rclone remote's."""

    #: As the setting wrote it.
    target: str
    #: An absolute path, or for rclone `remote:path`.
    location: str
    rclone: bool = False


def read_channels(value: object) -> tuple[Channel, ...]:
    """The setting's channels (none where it is not set); every mistake at once."""
    if value is None:
        return ()
    if isinstance(value, str | Mapping) or not isinstance(value, Sequence):
        raise ContentError([Problem(ORIGIN, f"{value!r} is not a list of channels; set it to e.g. {EXAMPLE}.")])
    channels, problems = [], []
    for number, entry in enumerate(value, 1):
        try:
            channels.append(_channel(entry))
        except ValueError as error:
            name = entry.get("name") if isinstance(entry, Mapping) else None
            label = f"channel {number} ({name})" if isinstance(name, str) else f"channel {number}"
            problems.append(Problem(ORIGIN, f"{label}: {error}"))
    names = [channel.name for channel in channels]
    problems += [
        Problem(ORIGIN, f"the name {name!r} is given to two channels; give each its own.")
        for name in sorted({name for name in names if names.count(name) > 1})
    ]
    if problems:
        raise ContentError(problems)
    return tuple(channels)


def _channel(entry: object) -> Channel:
    if not isinstance(entry, Mapping):
        raise ValueError(f'{entry!r} is not a {{"name": ..., "url": ...}} entry; write e.g. {EXAMPLE[1:-1]}.')
    for key in entry:
        if key not in KEYS:
            raise ValueError(f"unknown key {key!r}; use {', '.join(KEYS)}.{did_you_mean(str(key), KEYS)}")
    name, url, language = entry.get("name"), entry.get("url"), entry.get("language")
    if not isinstance(name, str) or not re.fullmatch(r"[\w.-]+", name):
        raise ValueError(
            f'"name" {name!r} is not a name of letters, digits, "-", "_" or "."; write e.g. "drift-epost".'
        )
    if not isinstance(url, str) or not re.match(r"[a-z][a-z0-9+.-]*://|\$\{", url.strip()):
        raise ValueError(f'"url" {url!r} is not an Apprise URL such as mailto://smtp.example.no?to=drift@example.no.')
    if url.startswith(STATUSPAGE_SCHEME) and not re.match(r"https?://[^/]", url.removeprefix(STATUSPAGE_SCHEME)):
        raise ValueError('"url" must be statuspage+http:// or statuspage+https:// and an address.')
    if language is not None and not isinstance(language, str):
        raise ValueError(f'"language" {language!r} is not a language code such as "nb".')
    events = _words(entry, "events")
    wrong = [word for word in events if word not in Event.__members__.values()]
    if wrong:
        raise ValueError(
            f'"events" {wrong[0]!r} is not one of {", ".join(Event)}.'
            + did_you_mean(wrong[0], [event.value for event in Event])
        )
    return Channel(
        name=name,
        url=url.strip(),
        language=language,
        components=_words(entry, "components"),
        environments=_words(entry, "environments"),
        events=frozenset(map(Event, events)) if "events" in entry else frozenset(Event),
    )


def _words(entry: Mapping, key: str) -> tuple[str, ...]:
    value = entry.get(key, ())
    if isinstance(value, str) or not isinstance(value, Sequence) or not all(isinstance(v, str) for v in value):
        raise ValueError(f'"{key}" {value!r} is not a list of ids; write e.g. ["helseid"].')
    return tuple(value)


def read_ledger(value: object, site: Path, output: Path, sending: bool = True) -> Ledger:
    """The ledger's place (relative paths in `site`), never in the output
    folder: unless nothing is sent and it was not chosen (a site whose
    output is its own folder, say, which never writes a ledger)."""
    chosen, value = value is not None, DEFAULT_LEDGER if value is None else value
    origin = Origin(f"the {LEDGER} setting")
    example = f'"{DEFAULT_LEDGER}" or "rclone:s3:bucket/notify-ledger.json"'
    if not isinstance(value, str) or not value.strip():
        raise ContentError(
            [Problem(origin, f"{value!r} is not a path or rclone:REMOTE:PATH; set it to e.g. {example}.")]
        )
    if value.startswith("rclone:"):
        remote = value.removeprefix("rclone:")
        if not re.match(r"[^:/\s][^:/]*:.", remote):
            raise ContentError(
                [Problem(origin, f"{value!r} names no rclone remote and file; set it to e.g. {example}.")]
            )
        return Ledger(value, remote, rclone=True)
    path = Path(os.path.normpath(site.absolute() / Path(value).expanduser()))
    output = Path(site, output).resolve()
    if (chosen or sending) and output in (path.resolve(), *path.resolve().parents):
        raise ContentError(
            [
                Problem(
                    origin,
                    f"{value!r} is in the output folder ({output}), which is published; "
                    f"keep the ledger beside the site instead, e.g. {DEFAULT_LEDGER!r}.",
                )
            ]
        )
    return Ledger(value, str(path))


def read_max_age(value: object) -> timedelta:
    value = DEFAULT_MAX_AGE if value is None else value
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 10**7:
        raise ContentError(
            [
                Problem(
                    Origin(f"the {MAX_AGE} setting"),
                    f"{value!r} is not a number of minutes above 0; set it to e.g. {DEFAULT_MAX_AGE}.",
                )
            ]
        )
    return timedelta(minutes=value)
