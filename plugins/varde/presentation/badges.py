"""badges/<id>.svg per component and badges/status.svg for the page.

Small flat badges ("name | status") for READMEs, wikis and dashboards: a
<title> for screen readers and tooltips, white text on colours dark enough
to read it (WCAG AA, 4.5:1), the status in words as well as in colour, and
nothing outside the file: no script, no links, no web font.  The text is
stretched to a width estimated from Verdana's, so it fits whatever font the
viewer has.
"""

from __future__ import annotations

import math
from xml.etree.ElementTree import Element, SubElement, tostring

from varde.model import ComponentStatus, Indicator
from varde.presentation.build import Build
from varde.presentation.i18n import Language
from varde.status import Snapshot

LABEL_COLOUR = "#555555"
STATUS_COLOURS = {
    ComponentStatus.UNKNOWN: "#57606a",
    ComponentStatus.OPERATIONAL: "#1a7f37",
    ComponentStatus.UNDER_MAINTENANCE: "#0969da",
    ComponentStatus.DEGRADED_PERFORMANCE: "#9a6700",
    ComponentStatus.PARTIAL_OUTAGE: "#bc4c00",
    ComponentStatus.MAJOR_OUTAGE: "#cf222e",
}
INDICATOR_COLOURS = {
    Indicator.NONE: STATUS_COLOURS[ComponentStatus.OPERATIONAL],
    Indicator.MAINTENANCE: STATUS_COLOURS[ComponentStatus.UNDER_MAINTENANCE],
    Indicator.MINOR: STATUS_COLOURS[ComponentStatus.DEGRADED_PERFORMANCE],
    Indicator.MAJOR: STATUS_COLOURS[ComponentStatus.PARTIAL_OUTAGE],
    Indicator.CRITICAL: STATUS_COLOURS[ComponentStatus.MAJOR_OUTAGE],
}
FONT = "Verdana,DejaVu Sans,Geneva,sans-serif"
HEIGHT = 20
PADDING = 6

#: Approximate advance widths of Verdana at 11px, by kind of character.
_NARROW, _MEDIUM, _WIDE = set("iIl.,:;|!'`"), set("fjrt()[]{}/ -"), set("mwMW@%")


def status_badges(build: Build, snapshot: Snapshot) -> dict[str, str]:
    words = Language(build.settings.language, build.settings.timezone)
    files = {
        f"badges/{state.component.id}.svg": badge(
            state.component.name, words(state.status), STATUS_COLOURS[state.status]
        )
        for state in snapshot.components
    }
    files["badges/status.svg"] = badge(
        build.settings.site_name, words(snapshot.overall.description), INDICATOR_COLOURS[snapshot.overall.indicator]
    )
    return files


def text_width(text: str) -> int:
    """Roughly how wide `text` is in Verdana 11px, rounded up."""
    width = 0.0
    for char in text:
        if char in _NARROW:
            width += 3.5
        elif char in _MEDIUM:
            width += 4.5
        elif char in _WIDE:
            width += 10.5
        elif char.isupper() or char.isdigit():
            width += 7.5
        else:
            width += 6.5
    return math.ceil(width)


def badge(label: str, value: str, colour: str) -> str:
    """One badge as SVG text."""
    label_width, value_width = text_width(label), text_width(value)
    left, right = label_width + 2 * PADDING, value_width + 2 * PADDING
    title = f"{label}: {value}"
    svg = Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": str(left + right),
            "height": str(HEIGHT),
            "viewBox": f"0 0 {left + right} {HEIGHT}",
            "role": "img",
            "aria-label": title,
        },
    )
    SubElement(svg, "title").text = title
    SubElement(svg, "rect", {"width": str(left), "height": str(HEIGHT), "fill": LABEL_COLOUR})
    SubElement(svg, "rect", {"x": str(left), "width": str(right), "height": str(HEIGHT), "fill": colour})
    text = SubElement(
        svg,
        "g",
        {"fill": "#ffffff", "font-family": FONT, "font-size": "11", "text-anchor": "middle", "aria-hidden": "true"},
    )
    for words, centre, width in ((label, left / 2, label_width), (value, left + right / 2, value_width)):
        SubElement(
            text, "text", {"x": f"{centre:g}", "y": "14", "textLength": str(width), "lengthAdjust": "spacingAndGlyphs"}
        ).text = words
    return tostring(svg, encoding="unicode") + "\n"
