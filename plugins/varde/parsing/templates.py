"""templates/<name>.md: an incident's words, written in advance.

An operator starting an incident at three in the morning should not have to
draft the wording; the team writes it calmly, with `{placeholders}` for what
differs each time.  A template is checked like content (known keys, known
components, valid statuses) wherever no placeholder stands, so a typo is
found by `varde check` and not in the middle of an outage.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from varde.errors import Problem, did_you_mean
from varde.model import INCIDENT_COMPONENT_STATUSES, Impact, UpdateStatus
from varde.parsing.fields import Fields
from varde.parsing.frontmatter import FrontMatterError, decode, split
from varde.parsing.yamlsource import YamlMap, YamlSyntaxError, load

TEMPLATES_DIR = "templates"

#: `{name}`: letters, digits, `_` and `-`, starting with a letter.
PLACEHOLDER = re.compile(r"\{([^\W\d_][\w-]*)\}")


@dataclass(frozen=True, slots=True)
class Template:
    name: str
    path: str
    #: The front matter as written: title, affected, impact, reference, status, text.
    fields: Mapping[str, object]
    body: str
    #: Every placeholder, in order of first appearance.
    placeholders: tuple[str, ...]


def placeholders_in(value: object) -> list[str]:
    """The placeholders in a text, or in the texts and keys of a mapping."""
    if isinstance(value, str):
        return PLACEHOLDER.findall(value)
    if isinstance(value, Mapping):
        return [name for key, item in value.items() for name in (*placeholders_in(key), *placeholders_in(item))]
    return []


def fill(value: object, values: Mapping[str, str]) -> object:
    """`value` with each `{name}` replaced by `values[name]` (all are given)."""
    if isinstance(value, str):
        return PLACEHOLDER.sub(lambda found: values[found.group(1)], value)
    if isinstance(value, Mapping):
        return {fill(key, values): fill(item, values) for key, item in value.items()}
    return value


def load_templates(folder: Path, shown: str, known: Collection[str] | None) -> tuple[list[Template], list[Problem]]:
    """The valid templates in `folder` (shown to people as `shown`), by name,
    and the problems of the others."""
    templates, problems = [], []
    paths = sorted(folder.glob("*.md")) if folder.is_dir() else []
    for path in paths:
        found = parse_template(path.stem, path.read_bytes(), f"{shown}/{path.name}", known, problems)
        if found is not None:
            templates.append(found)
    return templates, problems


def parse_template(
    name: str, raw: bytes, path: str, known: Collection[str] | None, problems: list[Problem]
) -> Template | None:
    try:
        document = split(decode(raw, path), path)
        data = load(document.front_matter, path, document.front_matter_line)
    except (YamlSyntaxError, FrontMatterError) as error:
        problems.append(error.problem)
        return None
    top = Fields(data, path, problems, "the template", document.front_matter_line)
    top.text("title", required=True)
    top.text("text", required=True)
    top.text("reference")
    _choice(top, "status", UpdateStatus)
    impact = _choice(top, "impact", Impact)
    affected = top.mapping("affected", required=impact is not Impact.NONE)
    if affected is not None:
        _check_affected(top, affected, known)
    top.finish()
    if not top.ok:
        return None
    fields = dict(data)
    body = document.body.strip()
    names = dict.fromkeys([*placeholders_in(fields), *placeholders_in(body)])
    return Template(name, path, fields, body, tuple(names))


def _choice(top: Fields, key: str, choices) -> object:
    """One of `choices`, unchecked where a placeholder stands in it."""
    value = top.raw(key)
    if value is None or placeholders_in(value):
        return value
    return top.parse_choice(value, choices, top.line(key), f"`{key}`")


def _check_affected(top: Fields, affected: YamlMap, known: Collection[str] | None) -> None:
    for ident, status in affected.items():
        line = affected.line_of(ident)
        if known is not None and not placeholders_in(ident) and ident not in known:
            top.problem(
                line,
                f"`affected` names the component {ident!r}, which components.yaml does not list; "
                "fix the id or add the component." + did_you_mean(ident, known),
            )
        if not placeholders_in(status):
            top.parse_choice(status, INCIDENT_COMPONENT_STATUSES, line, f"the status of {ident!r}")
