"""Where things live in the output: the URL contract of the content format.

Paths are relative to an environment's root and always name a file, so the
site works from any sub-path, an object store without index documents, and
file://.  Feeds and the API, read away from the site, need absolute URLs,
made from the public SITEURL.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

#: A slug every server, browser and file:// resolves to the same file: one
#: the page's link need not encode.  (A name with a space, `%` or a letter
#: such as `å` is written under one name and linked under another by some
#: of them.)
SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")

#: Letters Unicode does not decompose into ASCII; Norwegian first.
_TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss", "þ": "th", "ð": "d", "đ": "d", "ł": "l"})
_SLUG_LENGTH = 60


def slugify(title: str) -> str:
    """ASCII, lowercase words joined by hyphens: 'Innlogging – feil på ØKT' →
    'innlogging-feil-pa-okt'."""
    ascii_text = unicodedata.normalize("NFKD", title.lower().translate(_TRANSLITERATE))
    ascii_text = ascii_text.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > _SLUG_LENGTH:
        slug = slug[:_SLUG_LENGTH].rsplit("-", 1)[0]
    return slug


def incident_path(slug: str) -> str:
    return f"incidents/{slug}.html"


def maintenance_path(slug: str) -> str:
    return f"maintenance/{slug}.html"


def component_path(ident: str) -> str:
    return f"components/{ident}.html"


def update_anchor(number: int) -> str:
    """The fragment of one update on its page (1 is the first update)."""
    return f"update-{number}"


#: The index without automatic reloading, for readers who turn it off.
STILL_INDEX = "index-no-refresh.html"
#: The banner other sites show in an <iframe> (docs/embedding.md).
EMBED = "embed/status.html"
#: The newest year of history; older years have history_year_path().
HISTORY = "history.html"


def history_year_path(year: int) -> str:
    return f"history/{year}.html"


#: The list of monthly availability reports, newest first.
REPORTS = "reports.html"


def report_path(month: date, kind: str) -> str:
    """A month's availability report; `kind` is "html" or "csv"."""
    return f"reports/{month:%Y-%m}.{kind}"


def report_data_path(month: date) -> str:
    return f"api/varde/reports/{month:%Y-%m}.json"


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
