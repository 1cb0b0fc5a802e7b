"""Where things live in the output: the URL contract of the content format.

Paths are relative to an environment's root and always name a file, so the
site works from any sub-path, an object store without index documents, and
file://.  Feeds and the API, read away from the site, need absolute URLs,
made from the public SITEURL.
"""

from __future__ import annotations

import re
from urllib.parse import quote

#: What quote() leaves as it is; most slugs are only this.
_UNQUOTED = re.compile(r"[A-Za-z0-9_.~/-]*")


def incident_path(slug: str) -> str:
    return f"incidents/{_quoted(slug)}.html"


def maintenance_path(slug: str) -> str:
    return f"maintenance/{_quoted(slug)}.html"


def _quoted(slug: str) -> str:
    """quote(slug), without its cost (ten thousand calls a build) where it changes nothing."""
    return slug if _UNQUOTED.fullmatch(slug) else quote(slug)


def component_path(ident: str) -> str:
    return f"components/{ident}.html"


def update_anchor(number: int) -> str:
    """The fragment of one update on its page (1 is the first update)."""
    return f"update-{number}"


#: The index without automatic reloading, for readers who turn it off.
STILL_INDEX = "index-no-refresh.html"
#: The newest year of history; older years have history_year_path().
HISTORY = "history.html"


def history_year_path(year: int) -> str:
    return f"history/{year}.html"


def history_feed_path(kind: str) -> str:
    """`kind` is "atom" or "rss"."""
    return f"history.{kind}"


def component_feed_path(ident: str, kind: str) -> str:
    return f"components/{ident}.{kind}"


def absolute(site_url: str, prefix: str, path: str) -> str:
    """An absolute URL when the site has a public address, else the relative path.

    `prefix` is the environment's folder ("" for the main site).
    """
    relative = prefix + path
    return f"{site_url}/{relative}" if site_url else relative
