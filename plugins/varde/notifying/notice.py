"""A message ready to send, and the key that makes it sent once."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from varde.settings import Event

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://varde.invalid/notification")


@dataclass(frozen=True, slots=True)
class Notice:
    #: Stable for (site, entry, channel): the ledger's key, and the
    #: X-Varde-Delivery header by which a receiver can drop a repeat.
    key: str
    #: The feed entry's key, or maintenance/<slug>/start or /end; for a
    #: component's change, the entry's key and /component/<id>.
    entry: str
    channel: str
    event: Event
    at: datetime
    #: "[Identified] Login fails", in the channel's language.
    title: str
    #: Markdown, short enough for a phone: the text, the components and
    #: their statuses, the time with its zone, the absolute link.
    body: str
    link: str
    #: The Statuspage webhook JSON, made only for channels that send it.
    webhook: Callable[[], Mapping]
    #: The component ids the news is about.
    components: tuple[str, ...] = ()


def delivery_key(site: str, entry: str, channel: str) -> str:
    """The same for the same (site, entry, channel) on every run and machine."""
    return str(uuid.uuid5(_NAMESPACE, "\n".join((site, entry, channel))))
