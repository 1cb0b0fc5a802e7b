"""Markdown with YAML front matter for Pelican pages (content/pages/).

A page may keep Pelican's own `Key: value` header; a page that starts with
`---` is read with the same strict YAML as incidents, and its body is
converted without Python-Markdown's `meta` extension, which would otherwise
swallow a first body line that happens to look like `Key: value`.  Either
way its HTML is sanitized like every other content text.
"""

from __future__ import annotations

from pathlib import Path

from markdown import Markdown
from pelican.readers import MarkdownReader

from varde.errors import ContentError, Problem, display_path
from varde.markup import sanitize
from varde.model import Origin
from varde.parsing.frontmatter import FrontMatterError, check_markdown_limits, decode, split
from varde.parsing.yamlsource import YamlMap, YamlSyntaxError, load

_META = "markdown.extensions.meta"


class YamlMarkdownReader(MarkdownReader):
    def read(self, source_path):
        data = Path(source_path).read_bytes()
        shown = display_path(Path(source_path))
        if not data.removeprefix(b"\xef\xbb\xbf").startswith(b"---"):
            try:
                check_markdown_limits(decode(data, shown), shown)
            except FrontMatterError as error:
                raise ContentError([error.problem]) from None
            html, metadata = super().read(source_path)
            return sanitize(html), metadata
        try:
            document = split(decode(data, shown), shown)
            front = load(document.front_matter, shown, document.front_matter_line)
        except (FrontMatterError, YamlSyntaxError) as error:
            raise ContentError([error.problem]) from None
        if not isinstance(front, YamlMap):
            raise ContentError([Problem(Origin(shown, 2), "the front matter must be `key: value` lines.")])
        options = dict(self.settings["MARKDOWN"])
        options["extensions"] = [e for e in options.get("extensions", []) if e != _META]
        html = sanitize(Markdown(**options).convert(document.body))
        metadata = {key.lower(): self.process_metadata(key.lower(), value) for key, value in front.items()}
        return html, metadata
