"""content/maintenance/<slug>.md: one planned maintenance."""

from __future__ import annotations

from varde.model import (
    REPORTED_STATUSES,
    ComponentStatus,
    Maintenance,
    MaintenanceUpdate,
    MaintenanceUpdateStatus,
    Origin,
)
from varde.parsing.affected import parse_affected
from varde.parsing.fields import Fields, FileContext
from varde.parsing.frontmatter import Document
from varde.parsing.recurrence import parse_recurrence
from varde.times import shown


def parse_maintenance(slug: str, document: Document, data: object, file: FileContext) -> Maintenance | None:
    top = Fields(data, file.path, file.problems, "the maintenance", document.front_matter_line)
    title = top.text("title", required=True)
    repeating = top.data.get("recurrence") is not None
    recurrence = parse_recurrence(top, file)
    start, end = _window(top, file, required=not repeating)
    if recurrence is not None:
        start, end = recurrence.start, recurrence.start + recurrence.duration
    affected = parse_affected(
        top,
        "affected",
        file.known,
        REPORTED_STATUSES,
        list_status=ComponentStatus.UNDER_MAINTENANCE,
        required=True,
        mirrored=file.mirrored,
    )
    announced = top.time("announced", file.zone)
    reference = top.text("reference")
    updates = _updates(top, file)
    top.finish()
    if not top.ok:
        return None
    return Maintenance(
        slug=slug,
        title=title,
        start=start,
        end=end,
        affected=affected,
        description=document.body.strip(),
        announced=announced,
        reference=reference,
        updates=updates,
        origin=Origin(file.path, document.front_matter_line),
        recurrence=recurrence,
    )


def _window(top: Fields, file: FileContext, required: bool):
    """`window`, where no `recurrence` stands instead (exactly one of them)."""
    if not required and "window" in top.data:
        top.problem(
            top.line("window"),
            "the maintenance has both `window` and `recurrence`; keep `window` for one window, "
            "or `recurrence` for a window that repeats.",
        )
    elif required and top.data.get("window") is None:
        top.problem(
            top.anchor or top.data.line,
            "the maintenance needs `window` (its start and end), or `recurrence` for a window that repeats; add one.",
        )
    value = top.mapping("window")
    if value is None or not required:
        return None, None
    fields = Fields(value, file.path, file.problems, "`window`", top.line("window"))
    start = fields.time("start", file.zone, required=True)
    end = fields.time("end", file.zone, required=True)
    fields.finish()
    if start and end and end < start:
        fields.problem(
            fields.line("end"),
            f"`window.end` ({shown(end, file.zone)}) is before `window.start` "
            f"({shown(start, file.zone)}); swap them or fix the date.",
        )
    return start, end


def _updates(top: Fields, file: FileContext) -> tuple[MaintenanceUpdate, ...]:
    items = top.sequence("updates")
    if items is None:
        return ()
    updates = []
    for item, line in zip(items, items.lines):
        fields = Fields(item, file.path, file.problems, "an update", line)
        at = fields.time("at", file.zone, required=True)
        status = fields.choice("status", MaintenanceUpdateStatus, required=True)
        text = fields.text("text", required=True)
        notify = fields.flag("notify", default=True)
        fields.finish()
        if fields.ok:
            updates.append(MaintenanceUpdate(at, status, text.strip(), notify))
    updates.sort(key=lambda update: update.at)
    return tuple(updates)
