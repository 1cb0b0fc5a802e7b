"""The `affected` key: which components a piece of content touches, and how."""

from __future__ import annotations

from collections.abc import Collection

from varde.errors import did_you_mean
from varde.model import Affected, ComponentStatus
from varde.parsing.fields import Fields, describe
from varde.parsing.yamlsource import YamlList, YamlMap


def parse_affected(
    fields: Fields,
    key: str,
    known: Collection[str] | None,
    statuses: tuple[ComponentStatus, ...],
    list_status: ComponentStatus | None = None,
    required: bool = False,
    mirrored: Collection[str] = (),
) -> Affected | None:
    """`id: status` lines; with `list_status`, also a plain list of ids.

    `known` is the set of component ids, or None when the catalog itself is
    broken (then ids cannot be checked and are not).  `mirrored` components
    take their status from an upstream page, so no file of this site may
    give them one.
    """
    value = fields.raw(key)
    line = fields.line(key)
    if value is None:
        if required:
            fields.problem(
                fields.anchor or fields.data.line,
                f"{fields.what} needs `{key}`: the components it touches, as `id: status` lines.",
            )
        return None
    if isinstance(value, YamlMap):
        pairs = [(ident, status, value.line_of(ident)) for ident, status in value.items()]
    elif list_status is not None and isinstance(value, YamlList):
        pairs = [(ident, list_status.value, item_line) for ident, item_line in zip(value, value.lines)]
    else:
        shape = "a list of component ids or `id: status` lines" if list_status else "`id: status` lines"
        fields.problem(line, f"`{key}` must be {shape}, not {describe(value)}.")
        return None
    if required and not pairs:
        fields.problem(line, f"`{key}` is empty; name at least one component.")
    result = []
    for ident, status, item_line in pairs:
        if not isinstance(ident, str):
            fields.problem(item_line, f"`{key}` lists {describe(ident)}, which is not a component id.")
            continue
        if known is not None and ident not in known:
            fields.problem(
                item_line,
                f"`{key}` names the component {ident!r}, which components.yaml does not list; "
                "fix the id or add the component." + did_you_mean(ident, known),
            )
            continue
        if ident in mirrored:
            fields.problem(
                item_line,
                f"`{key}` names the component {ident!r}, whose status its upstream page reports "
                "(its `upstream` in components.yaml); remove it here, or remove its `upstream` to report it yourself.",
            )
            continue
        if status == ComponentStatus.UNDER_MAINTENANCE and ComponentStatus.UNDER_MAINTENANCE not in statuses:
            fields.problem(
                item_line,
                f"{ident!r} cannot be `under_maintenance` in an incident: that status comes from "
                "maintenance files. Use degraded_performance, partial_outage or major_outage, "
                "or write the work in content/maintenance/.",
            )
            continue
        parsed = fields.parse_choice(status, statuses, item_line, f"the status of {ident!r}")
        if parsed is not None:
            result.append((ident, parsed))
    return tuple(result)
