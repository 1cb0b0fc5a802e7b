"""Splitting a Markdown file into its YAML front matter and its body."""

from __future__ import annotations

from dataclasses import dataclass

from varde.errors import Problem
from varde.model import Origin
from varde.parsing.yamlsource import CONTROL, control_character

_OPEN = "---"
_CLOSE = ("---", "...")


@dataclass(frozen=True, slots=True)
class Document:
    front_matter: str
    #: File line on which the front matter's first line stands.
    front_matter_line: int
    body: str


class FrontMatterError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def decode(data: bytes, path: str) -> str:
    """UTF-8 text, or a problem naming the line of the first bad byte."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise FrontMatterError(
            Problem(
                Origin(path, line),
                "the file is not UTF-8 text (a byte on this line is not valid UTF-8); save it as UTF-8 in your editor.",
            )
        ) from None
    if (character := control_character(text)) is not None:
        line = text.count("\n", 0, CONTROL.search(text).start()) + 1
        raise FrontMatterError(
            Problem(
                Origin(path, line),
                f"this line holds the control character {character}, which no page or feed can show; "
                "delete it in your editor.",
            )
        )
    return text


def split(text: str, path: str) -> Document:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != _OPEN:
        raise FrontMatterError(
            Problem(
                Origin(path, 1),
                "the file does not start with YAML front matter; make its first line `---`, "
                "then the keys (title, updates, ...), then a line `---`.",
            )
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in _CLOSE:
            return Document("".join(lines[1:index]), 2, "".join(lines[index + 1 :]))
    raise FrontMatterError(
        Problem(
            Origin(path, 1),
            "the front matter that starts on line 1 never ends; add a line `---` after the keys.",
        )
    )
