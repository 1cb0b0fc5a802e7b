"""An incident made from a template: its placeholders filled from `--set`.

Every placeholder must be given and every given value must be taken: an
incident published with `{komponent}` in its title, or without the value
the operator meant to put in, is worse than one refused on the spot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from varde.authoring import render
from varde.authoring.errors import Refused
from varde.errors import ContentError, did_you_mean, display_path
from varde.model import Catalog, UpdateStatus
from varde.parsing.templates import TEMPLATES_DIR, Template, fill, load_templates


def site_templates(root: Path, catalog: Catalog) -> list[Template]:
    """The site's templates; refused when one of them has problems."""
    folder = root / TEMPLATES_DIR
    templates, problems = load_templates(folder, display_path(folder), _known(catalog))
    if problems:
        raise Refused(
            "nothing was written: the templates have problems (listed above); fix them, then run this again.",
            details=ContentError(problems).report(),
        )
    return templates


def _known(catalog: Catalog) -> list[str]:
    return [component.id for component in catalog.components]


def listing(templates: Sequence[Template]) -> str:
    """One line per template: its name and its placeholders."""
    if not templates:
        return f"This site has no templates yet; write one as {TEMPLATES_DIR}/<name>.md (see docs/authoring.md)."
    width = max(len(template.name) for template in templates)
    lines = []
    for template in templates:
        names = " ".join(f"--set {name}=VALUE" for name in template.placeholders) or "(no placeholders)"
        lines.append(f"{template.name:<{width}}  {names}")
    return "\n".join(lines)


def chosen(templates: Sequence[Template], name: str) -> Template:
    for template in templates:
        if template.name == name:
            return template
    names = ", ".join(template.name for template in templates) or "none yet"
    raise Refused(
        f"--template: there is no {TEMPLATES_DIR}/{name}.md (templates: {names})."
        + did_you_mean(name, names.split(", "))
    )


def values(template: Template, given: Sequence[str]) -> dict[str, str]:
    """`--set key=value` pairs, each taken by a placeholder, none missing."""
    found: dict[str, str] = {}
    for pair in given:
        key, equals, value = pair.partition("=")
        if not equals or not key:
            raise Refused(f"--set {pair!r} is not KEY=VALUE; write e.g. --set {_example(template)}=VALUE.")
        if key not in template.placeholders:
            taken = ", ".join(template.placeholders) or "none"
            raise Refused(
                f"--set {key}: the template {template.name!r} has no placeholder {{{key}}} (it has: {taken})."
                + did_you_mean(key, template.placeholders)
            )
        found[key] = value
    missing = [name for name in template.placeholders if name not in found]
    if missing:
        sets = " ".join(f"--set {name}=VALUE" for name in missing)
        raise Refused(f"the template {template.name!r} needs {', '.join(f'{{{n}}}' for n in missing)}: add {sets}.")
    return found


def _example(template: Template) -> str:
    return template.placeholders[0] if template.placeholders else "name"


def incident_text(template: Template, given: Mapping[str, str], at: datetime, zone: ZoneInfo) -> tuple[str, str]:
    """The incident file's text, and its title (for the file's name)."""
    fields = fill(template.fields, given)
    front_matter: dict[str, object] = {"title": fields["title"]}
    for key in ("impact", "reference"):
        if fields.get(key) is not None:
            front_matter[key] = fields[key]
    if fields.get("affected"):
        front_matter["affected"] = fields["affected"]
    status = fields.get("status") or UpdateStatus.INVESTIGATING.value
    front_matter["updates"] = [render.update_item(render.written_time(at, zone), status, fields["text"])]
    return render.document(front_matter, fill(template.body, given)), fields["title"]
