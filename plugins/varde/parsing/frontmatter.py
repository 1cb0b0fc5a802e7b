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


#: What one Markdown file may hold.  Python-Markdown's time grows with the
#: square of some constructs (links and raw HTML that do not close, in long
#: paragraphs); within these, any file renders in well under a second
#: (docs/reliability.md has the measurements).
MOST_CHARACTERS = 32_000
MOST_OPENERS = {"[": (100, "links and images"), "<": (100, "HTML tags and `<` signs")}


def check_markdown_limits(text: str, path: str) -> None:
    """Refuse a Markdown file beyond the limits, naming the line where it
    goes past one."""
    if len(text) > MOST_CHARACTERS:
        raise FrontMatterError(
            Problem(
                Origin(path, text.count("\n", 0, MOST_CHARACTERS) + 1),
                f"the file goes past {MOST_CHARACTERS:,} characters here, the most one file may hold; "
                "move a long text to a page of its own, or shorten it.",
            )
        )
    for character, (most, what) in MOST_OPENERS.items():
        if text.count(character) > most:
            place = -1
            for _ in range(most + 1):
                place = text.index(character, place + 1)
            raise FrontMatterError(
                Problem(
                    Origin(path, text.count("\n", 0, place) + 1),
                    f"here the file goes past {most} `{character}` ({what}), the most one file may hold "
                    "so that every page builds quickly; remove some.",
                )
            )


def split(text: str, path: str) -> Document:
    check_markdown_limits(text, path)
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
