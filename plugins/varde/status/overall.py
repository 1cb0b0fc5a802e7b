"""The page's overall indicator and description, by Statuspage's rules.

Statuspage blends the statuses of a page's components: the worst status
sets the level, and whether all components share it decides between the
"system" and the "service" wording.  Integrators read these exact English
strings from status.json, so they are kept verbatim (pages translate them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from varde.model import ComponentStatus, Indicator

ALL_OPERATIONAL = "All Systems Operational"
UNDER_MAINTENANCE = "Service Under Maintenance"
PARTIALLY_DEGRADED = "Partially Degraded Service"
DEGRADED = "Degraded System Service"
MINOR_OUTAGE = "Minor Service Outage"
PARTIAL_OUTAGE = "Partial System Outage"
MAJOR_OUTAGE = "Major System Outage"

#: worst status -> (indicator, description) when only some components have it,
#: and when all of them do.
_BLEND = {
    ComponentStatus.MAJOR_OUTAGE: ((Indicator.MAJOR, PARTIAL_OUTAGE), (Indicator.CRITICAL, MAJOR_OUTAGE)),
    ComponentStatus.PARTIAL_OUTAGE: ((Indicator.MINOR, MINOR_OUTAGE), (Indicator.MAJOR, PARTIAL_OUTAGE)),
    ComponentStatus.DEGRADED_PERFORMANCE: ((Indicator.MINOR, PARTIALLY_DEGRADED), (Indicator.MINOR, DEGRADED)),
    ComponentStatus.UNDER_MAINTENANCE: (
        (Indicator.MAINTENANCE, UNDER_MAINTENANCE),
        (Indicator.MAINTENANCE, UNDER_MAINTENANCE),
    ),
}


@dataclass(frozen=True, slots=True)
class Overall:
    indicator: Indicator
    description: str


def overall(statuses: Sequence[ComponentStatus]) -> Overall:
    """The blended status of a page whose components have `statuses`;
    `unknown` counts as operational (nothing is known to be wrong)."""
    statuses = [ComponentStatus.OPERATIONAL if s is ComponentStatus.UNKNOWN else s for s in statuses]
    worst = max(statuses, key=lambda status: status.severity, default=ComponentStatus.OPERATIONAL)
    if worst is ComponentStatus.OPERATIONAL:
        return Overall(Indicator.NONE, ALL_OPERATIONAL)
    some, every = _BLEND[worst]
    if len(statuses) == 1 and worst is ComponentStatus.DEGRADED_PERFORMANCE:
        return Overall(*some)  # Statuspage words a lone degraded component as partial
    return Overall(*(every if all(status is worst for status in statuses) else some))
