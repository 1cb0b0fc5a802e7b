"""The JSON bodies Atlassian Statuspage POSTs to its webhook subscribers, so
whatever already consumes those (a Slack or Teams bridge, a partner's
incident tooling) reads Varde's unchanged: `meta`, `page` with the
overall indicator, and either the incident (or maintenance) object of the
API, or a `component_update` with its `component`."""

from __future__ import annotations

from datetime import datetime

from varde.model import Component, ComponentStatus
from varde.presentation.api import ids
from varde.presentation.api.statuspage import StatuspageApi
from varde.presentation.build import Build
from varde.status import snapshots
from varde.status.snapshot import IncidentView, MaintenanceView


def statuspage_at(build: Build, environment: str, at: datetime) -> StatuspageApi:
    """The environment's API as it stood at `at`, so a message sent late (a
    retry) still tells its own news, not what came after."""
    then = Build(build.site, snapshots(build.site, at), build.settings, at)
    return StatuspageApi(then, next(found for found in then.snapshots if found.environment.id == environment))


def webhook_body(api: StatuspageApi, view: IncidentView | MaintenanceView) -> dict:
    """The body for news of `view`: an incident, or a maintenance, which
    Statuspage sends as an incident too (its status says which)."""
    return {
        **_envelope(api),
        "incident": api.incident(view) if isinstance(view, IncidentView) else api.maintenance(view),
    }


def component_update_body(
    api: StatuspageApi, component: Component, old: ComponentStatus, new: ComponentStatus, entry: str
) -> dict:
    """The body Statuspage sends when a component's status changes: the
    change at the API's instant, told with the entry (news) that made it."""
    return {
        **_envelope(api),
        "component_update": {
            "created_at": api.time(api.now),
            "new_status": new.value,
            "old_status": old.value,
            "id": ids.stable_id("component_update", component.id, entry),
            "component_id": ids.component_id(component.id),
        },
        "component": api.component(component, api.now),
    }


def _envelope(api: StatuspageApi) -> dict:
    page = api.url("")
    status = api.status()
    return {
        "meta": {"unsubscribe": page, "documentation": page},
        "page": {
            "id": api.page_id,
            "status_indicator": status["indicator"],
            "status_description": status["description"],
        },
    }
