"""Each component's status at an instant, and what upstream may affect it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from varde.model import Affected, Catalog, ComponentStatus


def component_statuses(
    catalog: Catalog,
    open_incident_statuses: Iterable[Affected],
    active_maintenance_statuses: Iterable[Affected],
) -> dict[str, ComponentStatus]:
    """The worst status any open incident or running maintenance gives each
    component; operational where nothing does."""
    statuses = {component.id: ComponentStatus.OPERATIONAL for component in catalog.components}
    for affected in (*open_incident_statuses, *active_maintenance_statuses):
        for ident, status in affected:
            if status.severity > statuses[ident].severity:
                statuses[ident] = status
    return statuses


def upstream_problems(catalog: Catalog, statuses: Mapping[str, ComponentStatus]) -> dict[str, tuple[str, ...]]:
    """For each component, the components it depends on, directly or through
    others, that are not operational: nearest first, each once.

    This is advice for readers ("may be affected via ..."); it never changes
    a component's own status.  An `unknown` component is no problem known.
    """
    depends_on = {component.id: component.depends_on for component in catalog.components}
    result = {}
    for component in catalog.components:
        seen: set[str] = {component.id}
        frontier = list(component.depends_on)
        found: list[str] = []
        while frontier:
            next_frontier = []
            for ident in frontier:
                if ident in seen:
                    continue
                seen.add(ident)
                if statuses[ident].severity > ComponentStatus.OPERATIONAL.severity:
                    found.append(ident)
                next_frontier.extend(depends_on[ident])
            frontier = next_frontier
        result[component.id] = tuple(found)
    return result
