"""Update cadence: how long an open incident may go without news.

Readers of a status page during an outage reload it for news; silence reads
as neglect. The worse the incident, the shorter the silence allowed:
`VARDE_CADENCE_MINUTES` gives the longest per impact (`VardeSettings.cadence`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from babel.dates import format_timedelta

from varde.errors import Problem
from varde.model import Impact, Site
from varde.status import snapshots
from varde.status.snapshot import IncidentView


@dataclass(frozen=True, slots=True)
class Overdue:
    view: IncidentView
    silent_for: timedelta
    allowed: timedelta

    def sentence(self) -> str:
        incident = self.view.incident
        return (
            f"the {self.view.impact} incident {incident.title!r} has had no update for {_spoken(self.silent_for)} "
            f"(this site asks for one every {_spoken(self.allowed)} at that impact); "
            f'post one with `varde update {incident.slug} --text "..."`.'
        )

    def problem(self) -> Problem:
        return Problem(self.view.incident.origin, self.sentence())


def _spoken(span: timedelta) -> str:
    """A span as a person says it: "40 minutes", "33 hours", "2 weeks"."""
    return format_timedelta(span, threshold=2, locale="en")


def overdue(site: Site, now: datetime, allowed: Mapping[Impact, timedelta]) -> list[Overdue]:
    """Every open incident whose latest update is older than its impact allows."""
    found: dict[str, Overdue] = {}
    for snapshot in snapshots(site, now):
        for view in snapshot.open_incidents:
            limit = allowed.get(view.impact)
            silent = now - view.latest_update.at
            if limit is not None and silent > limit:
                found[view.incident.slug] = Overdue(view, silent, limit)
    return sorted(found.values(), key=lambda item: item.view.incident.slug)
