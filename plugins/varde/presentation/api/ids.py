"""Stable ids in Statuspage's form: 12 lowercase letters and digits.

Integrators store ids to follow one incident or component from poll to
poll, so an id must never change between builds.  Each one is derived from
what names the thing in the content (its kind and its slug or id) and from
nothing else: a base-36 digest, cut to Statuspage's length.
"""

from __future__ import annotations

import hashlib

LENGTH = 12
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def stable_id(kind: str, *names: str) -> str:
    """The id of the `kind` thing named `names`: the same inputs, the same id."""
    digest = hashlib.sha256("\x1f".join((kind, *names)).encode("utf-8")).digest()
    number = int.from_bytes(digest, "big") % len(_DIGITS) ** LENGTH
    digits = []
    for _ in range(LENGTH):
        number, digit = divmod(number, len(_DIGITS))
        digits.append(_DIGITS[digit])
    return "".join(reversed(digits))


def page_id(site_name: str, environment: str | None) -> str:
    """The main environment's page is named by the site alone; every other
    environment is a page of its own."""
    return stable_id("page", site_name) if environment is None else stable_id("page", site_name, environment)


def component_id(ident: str) -> str:
    return stable_id("component", ident)


def group_id(environment: str, ident: str) -> str:
    """A group may hold components of several environments; each environment's
    page shows its own group entry, with its own members."""
    return stable_id("group", environment, ident)


def incident_id(slug: str) -> str:
    return stable_id("incident", slug)


def incident_update_id(slug: str, number: int) -> str:
    """`number` counts the incident's updates from 1, oldest first, as the
    update anchors of its page do."""
    return stable_id("incident_update", slug, str(number))


def maintenance_id(slug: str) -> str:
    return stable_id("maintenance", slug)


def maintenance_update_id(slug: str, number: int) -> str:
    """As for incidents; 0 is the announcement (see statuspage.py)."""
    return stable_id("maintenance_update", slug, str(number))
