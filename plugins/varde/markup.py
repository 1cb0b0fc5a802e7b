"""Markdown from content to safe HTML.

Content is written by trusted operators, but it is published to the public
under the operator's name, so raw HTML in it is sanitized with an allow-list:
no script, event handler or javascript: URL reaches a page.
"""

from __future__ import annotations

import functools
import re

import markdown
import nh3
from markupsafe import Markup

_TAGS = {
    "a",
    "abbr",
    "h1",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "ins",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}


_EXTENSIONS = ["extra", "sane_lists", "toc"]
#: Content sits under the page's own h1 and a section's h2, so its headings
#: start one level down ("# A" is an h2, "## B" an h3): headings stay in order.
_CONFIG = {"toc": {"baselevel": 2}}


#: One converter for every text: building a Markdown instance (registering
#: its extensions) costs more than converting a typical update.
_CONVERTER = markdown.Markdown(extensions=_EXTENSIONS, extension_configs=_CONFIG, output_format="html")


#: Lines that start with a letter and hold only letters, digits, spaces and
#: plain punctuation, none ending in a space: no Markdown syntax can start or
#: hide in them (no list marker, heading, quote, code, emphasis, link, HTML,
#: entity or hard break), so Markdown makes them one paragraph, as they are,
#: and the sanitizer keeps it as it is.  Most updates are such a text.
_PLAIN_LINE = r"[^\W\d_](?:[^\W_]|[ ,.;:?!'\"()%/-])*(?<! )"
_PLAIN = re.compile(rf"{_PLAIN_LINE}(?:\n{_PLAIN_LINE})*\n?")


@functools.lru_cache(maxsize=65536)
def to_html(text: str) -> Markup:
    """Block HTML for a Markdown text (same text, same HTML: cached, since
    pages, feeds and the index all show the same updates).  A plain text is
    wrapped in its paragraph directly: the same bytes as converting it, for
    a small part of the cost, which a large site pays for every update."""
    if _PLAIN.fullmatch(text):
        paragraph = text.removesuffix("\n")
        return Markup(f"<p>{paragraph}</p>")
    return Markup(sanitize(_CONVERTER.reset().convert(text)))


def sanitize(html: str) -> str:
    """Only plain formatting and links survive: no script, handler or style."""
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto", "tel"})


def to_inline_html(text: str) -> Markup:
    """Inline HTML (no surrounding paragraph) for a one-line Markdown text."""
    html = str(to_html(text)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)
