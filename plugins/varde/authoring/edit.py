"""Changing an existing content file so that `git diff` shows only the change.

The file is read with ruamel.yaml's round-trip loader to learn where things
stand (which line the `updates` list ends on, how its items are indented);
the new lines are then inserted into the original text, which stays byte
for byte as it was around them: comments, quoting, blank lines, line
endings. Only a list written in flow style (`updates: [...]`), which has no
line of its own to add, is rewritten through ruamel's round-trip dumper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from varde.authoring.errors import Refused
from varde.authoring.render import dump
from varde.parsing.frontmatter import FrontMatterError, split

_BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Parts:
    """A content file cut where its front matter starts and ends."""

    opening: str  # the first line, `---`, with its line ending (and a BOM if any)
    front_matter: str
    closing: str  # the closing `---` line, with its line ending
    body: str

    @classmethod
    def of(cls, text: str, path: str) -> Parts:
        bom = _BOM if text.startswith(_BOM) else ""
        try:
            document = split(text[len(bom) :], path)
        except FrontMatterError as error:
            raise Refused(str(error.problem)) from None
        opening = bom + text[len(bom) :].splitlines(keepends=True)[0]
        closing_end = len(text) - len(document.body)
        closing = text[len(opening) + len(document.front_matter) : closing_end]
        return cls(opening, document.front_matter, closing, document.body)

    @property
    def newline(self) -> str:
        return "\r\n" if self.opening.endswith("\r\n") else "\n"

    def joined(self, front_matter: str | None = None, body: str | None = None) -> str:
        front_matter = self.front_matter if front_matter is None else front_matter
        return self.opening + front_matter + self.closing + (self.body if body is None else body)


def _load(front_matter: str, path: str) -> CommentedMap:
    try:
        data = YAML().load(front_matter)
    except YAMLError as error:
        raise Refused(f"{path}: the front matter is not valid YAML ({error}); fix it first.") from None
    if not isinstance(data, CommentedMap):
        raise Refused(f"{path}: the front matter is not a mapping of `key: value` lines; fix it first.")
    return data


def append_to_list(text: str, path: str, key: str, item: dict[str, object]) -> str:
    """`text` with `item` added as the last entry of its front matter's `key` list."""
    parts = Parts.of(text, path)
    data = _load(parts.front_matter, path)
    items = data.get(key)
    if not isinstance(items, CommentedSeq):
        raise Refused(f"{path}: `{key}` is not a list; fix the file first.")
    if items.fa.flow_style() or not items:
        items.append(item)
        return parts.joined(front_matter=_normalized(dump(data), parts.newline))
    lines = parts.front_matter.splitlines(keepends=True)
    dash_line, dash_column = data.lc.value(key)
    later = [data.lc.key(other)[0] for other in data if data.lc.key(other)[0] > dash_line]
    end = min(later, default=len(lines))
    while end > dash_line + 1 and _outside_the_list(lines[end - 1], dash_column):
        end -= 1
    block = _as_list_item(item, dash_column, parts.newline)
    return parts.joined(front_matter="".join(lines[:end] + [block] + lines[end:]))


def _outside_the_list(line: str, dash_column: int) -> bool:
    """A blank line, or a comment no deeper than the list's dashes: nothing
    of the last item (whose text is always indented deeper)."""
    stripped = line.strip()
    indent = len(line) - len(line.lstrip())
    return not stripped or (stripped.startswith("#") and indent <= dash_column)


def _as_list_item(item: dict[str, object], column: int, newline: str) -> str:
    rendered = dump(item).splitlines()
    lines = [("- " if index == 0 else "  ") + line if line else "" for index, line in enumerate(rendered)]
    return "".join((" " * column + line if line else "") + newline for line in lines)


def set_key(text: str, path: str, key: str, value: str) -> str:
    """`text` with the top-level `key` set to `value`: its value replaced in
    place (a comment after it kept), or a new last line of the front matter."""
    parts = Parts.of(text, path)
    data = _load(parts.front_matter, path)
    rendered = dump({key: value}).splitlines()[0]
    if key in data:
        lines = parts.front_matter.splitlines(keepends=True)
        line, column = data.lc.value(key)
        old = lines[line]
        comment = re.search(r"\s+#.*$", old[column:].rstrip("\r\n"))
        kept = old[column:].rstrip("\r\n")[comment.start() :] if comment else ""
        lines[line] = old[:column] + rendered.split(": ", 1)[1] + kept + parts.newline
        return parts.joined(front_matter="".join(lines))
    column = data.lc.key(next(iter(data)))[1] if data else 0
    front_matter = parts.front_matter
    if front_matter and not front_matter.endswith("\n"):
        front_matter += parts.newline
    return parts.joined(front_matter=front_matter + " " * column + rendered + parts.newline)


def body_of(text: str, path: str) -> str:
    return Parts.of(text, path).body


def replace_body(text: str, path: str, body: str) -> str:
    """`text` with its Markdown body replaced; the front matter is untouched."""
    parts = Parts.of(text, path)
    body = body.strip()
    return parts.joined(body=_normalized(body + "\n", parts.newline) if body else "")


def _normalized(text: str, newline: str) -> str:
    return re.sub(r"\r?\n", newline, text)
