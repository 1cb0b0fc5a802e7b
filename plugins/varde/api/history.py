"""Each component's status over time, replayed through the status engine.

Statuspage gives every component an `updated_at` (when its status last
changed) and shows a resolved incident's components as they stood when it
ended.  Both are questions about the past, so they are answered the one way
that cannot disagree with the pages: compute the site's state at every
instant something happened, and keep where a component's status changed.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime

from ..changes import maintenance_changes
from ..model import ComponentStatus, Site
from ..status import snapshots


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
        index = bisect_right([at for at, _ in changes], moment)
        return changes[index - 1] if index else None


def status_history(site: Site, now: datetime) -> StatusHistory:
    """Every status change of every component up to `now`."""
    instants = sorted({moment for moment in _instants(site) if moment <= now})
    current = {component.id: ComponentStatus.OPERATIONAL for component in site.catalog.components}
    changes: dict[str, list[tuple[datetime, ComponentStatus]]] = {ident: [] for ident in current}
    for moment in instants:
        for snapshot in snapshots(site, moment):
            for state in snapshot.components:
                ident = state.component.id
                if state.status is not current[ident]:
                    current[ident] = state.status
                    changes[ident].append((moment, state.status))
    return StatusHistory({ident: tuple(found) for ident, found in changes.items()})


def _instants(site: Site):
    """Every instant at which a status may change."""
    for incident in site.incidents:
        yield from (update.at for update in incident.updates)
    for maintenance in site.maintenances:
        yield from maintenance_changes(maintenance)
