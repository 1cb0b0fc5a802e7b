"""Each component's status over time, for the API.

Statuspage gives every component an `updated_at` (when its status last
changed) and shows a resolved incident's components as they stood when it
ended.  Both are read off the engine's status timeline, the same one the
uptime bars come from, so they cannot disagree with the pages.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta

from varde.model import ComponentStatus, Site
from varde.status.published import published
from varde.status.timeline import status_changes, timelines
from varde.status.upstream import observed_spans


@dataclass(frozen=True, slots=True)
class StatusHistory:
    #: Per component id: (instant, new status), oldest first.
    changes: dict[str, tuple[tuple[datetime, ComponentStatus], ...]]

    def status_at(self, ident: str, moment: datetime) -> ComponentStatus:
        change = self._last(ident, moment)
        return change[1] if change else ComponentStatus.OPERATIONAL

    def changed_at(self, ident: str, moment: datetime) -> datetime | None:
        """When the component's status last changed by `moment`; None if never."""
        change = self._last(ident, moment)
        return change[0] if change else None

    def _last(self, ident: str, moment: datetime) -> tuple[datetime, ComponentStatus] | None:
        changes = self.changes.get(ident, ())
        index = bisect_right(changes, moment, key=lambda change: change[0])
        return changes[index - 1] if index else None


def status_history(site: Site, now: datetime) -> StatusHistory:
    """Every status change of every component up to `now`."""
    shown = published(site, now)
    # Just past now, so an incident resolved at now ends by its resolution,
    # while one still open ends only with time.
    horizon = now + timedelta(microseconds=1)
    wanted = [component.id for component in site.catalog.components]
    spans = timelines(shown.incidents, shown.maintenances, horizon, wanted)
    spans.update(observed_spans(site, horizon, wanted))
    return StatusHistory({ident: tuple(status_changes(found, horizon)) for ident, found in spans.items()})
