"""content/incidents/<slug>.md: one incident and its updates."""

from __future__ import annotations

from varde.model import (
    INCIDENT_COMPONENT_STATUSES,
    Impact,
    Incident,
    Origin,
    Update,
    UpdateStatus,
)
from varde.parsing.affected import parse_affected
from varde.parsing.fields import Fields, FileContext
from varde.parsing.frontmatter import Document
from varde.times import shown


def parse_incident(slug: str, document: Document, data: object, file: FileContext) -> Incident | None:
    top = Fields(data, file.path, file.problems, "the incident", document.front_matter_line)
    title = top.text("title", required=True)
    impact = top.choice("impact", Impact)
    reference = top.text("reference")
    affected = parse_affected(
        top,
        "affected",
        file.known,
        INCIDENT_COMPONENT_STATUSES,
        required=impact is not Impact.NONE,
        mirrored=file.mirrored,
    )
    updates = _updates(top, file)
    postmortem_at = top.time("postmortem_at", file.zone)
    top.finish()
    if not top.ok:
        return None
    body = document.body.strip()
    return Incident(
        slug=slug,
        title=title,
        updates=updates,
        affected=affected or (),
        impact=impact,
        reference=reference,
        postmortem=body or None,
        postmortem_at=postmortem_at,
        origin=Origin(file.path, document.front_matter_line),
        source=file.source,
    )


def _updates(top: Fields, file: FileContext) -> tuple[Update, ...]:
    items = top.sequence("updates", required=True)
    if items is None:
        return ()
    if not items:
        top.problem(top.line("updates"), "`updates` is empty; an incident needs at least one update.")
        return ()
    dated: list[tuple[Update, int]] = []
    for item, line in zip(items, items.lines):
        fields = Fields(item, file.path, file.problems, "an update", line)
        at = fields.time("at", file.zone, required=True)
        status = fields.choice("status", UpdateStatus, required=True)
        text = fields.text("text", required=True)
        affected = parse_affected(fields, "affected", file.known, INCIDENT_COMPONENT_STATUSES, mirrored=file.mirrored)
        notify = fields.flag("notify", default=True)
        fields.finish()
        if fields.ok:
            dated.append((Update(at, status, text.strip(), affected or (), notify), line))
    dated.sort(key=lambda pair: pair[0].at)  # stable: equal times keep file order
    _check_resolved_is_last(dated, top, file)
    return tuple(update for update, _ in dated)


def _check_resolved_is_last(dated: list[tuple[Update, int]], top: Fields, file: FileContext) -> None:
    resolved = next((pair for pair in dated if pair[0].status is UpdateStatus.RESOLVED), None)
    if resolved is None:
        return
    for update, line in dated[dated.index(resolved) + 1 :]:
        top.problem(
            line,
            f"this update ({shown(update.at, file.zone)}) comes after the incident was resolved "
            f"(line {resolved[1]}); a resolved update must be the latest, so move it last "
            "or change its status.",
        )
