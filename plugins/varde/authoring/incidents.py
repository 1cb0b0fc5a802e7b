"""Changes to an incident that exists: an update, its resolution, a postmortem."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from varde.authoring import edit, render
from varde.authoring.errors import Refused
from varde.authoring.site import NOTHING_WRITTEN, Workspace
from varde.model import ComponentStatus, Incident, UpdateStatus
from varde.status.incidents import resolved_at
from varde.times import shown


def add_update(
    space: Workspace,
    slug: str,
    status: UpdateStatus,
    text: str,
    at: datetime,
    affected: tuple[tuple[str, ComponentStatus], ...] = (),
) -> Path:
    """Append an update to the incident's file; its other lines stay as they were."""
    incident, path = open_incident(space, slug)
    before = path.read_text(encoding="utf-8")
    item = render.update_item(render.written_time(at, space.zone), status, text, render.statuses(affected))
    space.save(
        path,
        edit.append_to_list(before, str(path), "updates", item),
        expect=lambda site: _has_one_more_update(site, incident),
        replaces=before,
    )
    return path


def open_incident(space: Workspace, slug: str) -> tuple[Incident, Path]:
    """The incident, if it still takes updates."""
    incident, path = space.incident(slug)
    ended = resolved_at(incident)
    if ended is not None:
        raise Refused(
            f"the incident {incident.slug!r} was resolved at {shown(ended, space.zone)} and takes no more "
            "updates; if the problem is back, start a new incident with `varde new incident`."
        )
    return incident, path


def _has_one_more_update(site, before: Incident) -> str | None:
    after = next(incident for incident in site.incidents if incident.slug == before.slug)
    if len(after.updates) != len(before.updates) + 1:
        return f"{NOTHING_WRITTEN}: the update could not be added to {before.slug} safely; add it by hand."
    return None


def write_postmortem(space: Workspace, slug: str, body: str, at: datetime | None) -> Path | None:
    """Replace the incident's postmortem (its Markdown body) with `body`.

    A first postmortem of a resolved incident is dated now (`postmortem_at`),
    so feeds announce it when it is written rather than back at the
    resolution; `at` sets that date explicitly. None when nothing changed.
    """
    incident, path = space.incident(slug)
    before = path.read_text(encoding="utf-8")
    after = edit.replace_body(before, str(path), body)
    first = incident.postmortem is None and incident.postmortem_at is None and resolved_at(incident) is not None
    if at is not None or (first and body.strip()):
        moment = at or space.time(None)
        after = edit.set_key(after, str(path), "postmortem_at", render.written_time(moment, space.zone))
    if after == before:
        return None
    space.save(path, after, replaces=before)
    return path


def postmortem_of(space: Workspace, slug: str) -> str:
    """The incident's postmortem as written (to start the editor with)."""
    _, path = space.incident(slug)
    return edit.body_of(path.read_text(encoding="utf-8"), str(path)).strip()
