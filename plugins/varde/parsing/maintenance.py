"""content/maintenance/<slug>.md: one planned maintenance."""

from __future__ import annotations

from collections.abc import Collection
from zoneinfo import ZoneInfo

from ..errors import Problem
from ..model import (
    ComponentStatus,
    Maintenance,
    MaintenanceUpdate,
    MaintenanceUpdateStatus,
    Origin,
)
from .affected import parse_affected
from .fields import Fields
from .frontmatter import Document


def parse_maintenance(
    slug: str,
    document: Document,
    data: object,
    path: str,
    zone: ZoneInfo,
    known: Collection[str] | None,
    problems: list[Problem],
) -> Maintenance | None:
    top = Fields(data, path, problems, "the maintenance", document.front_matter_line)
    title = top.text("title", required=True)
    start, end = _window(top, path, zone, problems)
    affected = parse_affected(
        top, "affected", known, tuple(ComponentStatus),
        list_status=ComponentStatus.UNDER_MAINTENANCE, required=True,
    )
    announced = top.time("announced", zone)
    reference = top.text("reference")
    updates = _updates(top, path, zone, problems)
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
        origin=Origin(path, document.front_matter_line),
    )


def _window(top: Fields, path, zone, problems):
    value = top.mapping("window", required=True)
    if value is None:
        return None, None
    fields = Fields(value, path, problems, "`window`", top.line("window"))
    start = fields.time("start", zone, required=True)
    end = fields.time("end", zone, required=True)
    fields.finish()
    if start and end and end < start:
        fields.problem(
            fields.line("end"),
            f"`window.end` ({end:%Y-%m-%d %H:%M}) is before `window.start` "
            f"({start:%Y-%m-%d %H:%M}); swap them or fix the date.",
        )
    return start, end


def _updates(top: Fields, path, zone, problems) -> tuple[MaintenanceUpdate, ...]:
    items = top.sequence("updates")
    if items is None:
        return ()
    updates = []
    for item, line in zip(items, items.lines):
        fields = Fields(item, path, problems, "an update", line)
        at = fields.time("at", zone, required=True)
        status = fields.choice("status", MaintenanceUpdateStatus, required=True)
        text = fields.text("text", required=True)
        fields.finish()
        if fields.ok:
            updates.append(MaintenanceUpdate(at, status, text.strip()))
    updates.sort(key=lambda update: update.at)
    return tuple(updates)
