"""New content as text: front matter written the way a person would.

Times are written as local wall-clock time in the site's zone
(`2026-03-12 08:05`), the form people read and write in these files; only
inside the hour the clocks repeat in autumn is the offset added, where the
local form would mean the other occurrence.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from varde.model import ComponentStatus
from varde.times import parse_time


def written_time(moment: datetime, zone: ZoneInfo) -> str:
    """`moment`, to the minute (rounded down, so never after it), as a
    front-matter time in `zone` that means exactly that instant."""
    local = moment.astimezone(zone).replace(second=0, microsecond=0)
    text = f"{local:%Y-%m-%d %H:%M}"
    if parse_time(text, zone) != local:  # the second pass through the repeated autumn hour
        text = local.isoformat(sep=" ", timespec="minutes")
    return text


def text_value(text: str) -> str:
    """A text as YAML should write it: a `|` block when it has several lines."""
    text = text.strip()
    return LiteralScalarString(text + "\n") if "\n" in text else text


def statuses(affected: Sequence[tuple[str, ComponentStatus]]) -> dict[str, str]:
    return {ident: status.value for ident, status in affected}


def dump(data: object, indent: int = 2) -> str:
    """Block-style YAML: mappings indented by `indent`, list items `  - `."""
    yaml = YAML()
    yaml.indent(mapping=indent, sequence=indent + 2, offset=indent)
    yaml.width = 1_000_000  # never fold a long line: the diff shows it as written
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def document(front_matter: Mapping[str, object], body: str = "") -> str:
    """A Markdown content file: front matter between `---` lines, then the body."""
    body = body.strip()
    return "---\n" + dump(dict(front_matter)) + "---\n" + (body + "\n" if body else "")


def update_item(at: str, status: str, text: str, affected: Mapping[str, str] | None = None) -> dict[str, object]:
    item: dict[str, object] = {"at": at, "status": str(status), "text": text_value(text)}
    if affected:
        item["affected"] = dict(affected)
    return item
