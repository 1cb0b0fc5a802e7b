"""embed/status.html: a banner for other sites to show in an <iframe>
(docs/embedding.md).

Small and closed on purpose: the overall state in words and the open
incidents' titles, each linking to the site with target="_top" (the reader
leaves the embedding page for the status page); no script, one inline
style allowed by its hash in the page's own Content-Security-Policy, light
and dark by the reader's preference, in the site's language, and under
LIMIT bytes whatever the titles: incidents that do not fit are left out,
and the link to the site says there is more.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape

from varde.model import Indicator
from varde.presentation.build import Build
from varde.presentation.i18n import Language
from varde.status import Snapshot
from varde.urls import EMBED, incident_path

#: The most the banner may weigh (the contract says under 4 KB).
LIMIT = 4096
#: Titles are cut to this many characters: a banner is a glance.
TITLE_LENGTH = 90

#: Each indicator's colour on a light and on a dark background (theme/static/css/varde.css).
_COLOURS = {
    Indicator.NONE: ("#1a7f37", "#4cc26a"),
    Indicator.MAINTENANCE: ("#1f5fbf", "#7fb0ff"),
    Indicator.MINOR: ("#8a6100", "#e0b44c"),
    Indicator.MAJOR: ("#b35900", "#ff9b4a"),
    Indicator.CRITICAL: ("#c62828", "#ff7a7a"),
}
_STYLE = (
    "body{{margin:0;font:14px/1.4 system-ui,sans-serif;color:#1b1f23;background:#fff}}"
    "a{{color:inherit}}p{{margin:0;padding:.4em .7em;border-left:.4em solid {light};font-weight:600}}"
    "ul{{margin:.2em 0;padding-left:2em}}"
    "@media(prefers-color-scheme:dark){{body{{color:#e8ecef;background:#14171a}}p{{border-color:{dark}}}}}"
)


def render(build: Build, snapshot: Snapshot) -> dict[str, str]:
    words = Language(build.settings.language, build.settings.timezone)
    light, dark = _COLOURS[snapshot.overall.indicator]
    style = _STYLE.format(light=light, dark=dark)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    site = escape(_cut(build.settings.site_name))
    state = escape(words(snapshot.overall.description))
    head = (
        f'<!DOCTYPE html>\n<html lang="{escape(words.code)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-{digest}'; "
        "base-uri 'none'; form-action 'none'\">\n"
        f'<meta name="robots" content="noindex">\n<title>{site}: {state}</title>\n<style>{style}</style>\n</head>\n<body>\n'
        f'<p><a href="../index.html" target="_top">{site}: {state}</a></p>\n'
    )
    items = [
        f'<li><a href="../{incident_path(view.incident.slug)}" target="_top">{escape(_cut(view.incident.title))}</a></li>\n'
        for view in snapshot.open_incidents
    ]
    label = escape(words("Open incidents"))
    while True:  # the frame alone is far below the limit: site names are cut too
        listed = f'<ul aria-label="{label}">\n{"".join(items)}</ul>\n' if items else ""
        page = f"{head}{listed}</body>\n</html>\n"
        if len(page.encode()) < LIMIT:
            return {EMBED: page}
        items.pop()


def _cut(title: str) -> str:
    return title if len(title) <= TITLE_LENGTH else title[: TITLE_LENGTH - 1].rstrip() + "…"
