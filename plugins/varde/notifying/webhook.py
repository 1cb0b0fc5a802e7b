"""The JSON body Atlassian Statuspage POSTs to its webhook subscribers, so
whatever already consumes those (a Slack or Teams bridge, a partner's
incident tooling) reads Varde's unchanged: `meta`, `page` with the
overall indicator, and the incident (or maintenance) object of the API."""

from __future__ import annotations

from varde.presentation.api.statuspage import StatuspageApi
from varde.status.snapshot import IncidentView, MaintenanceView


def webhook_body(api: StatuspageApi, view: IncidentView | MaintenanceView) -> dict:
    """The body for news of `view`: an incident, or a maintenance, which
    Statuspage sends as an incident too (its status says which)."""
    page = api.url("")
    status = api.status()
    return {
        "meta": {"unsubscribe": page, "documentation": page},
        "page": {
            "id": api.page_id,
            "status_indicator": status["indicator"],
            "status_description": status["description"],
        },
        "incident": api.incident(view) if isinstance(view, IncidentView) else api.maintenance(view),
    }
