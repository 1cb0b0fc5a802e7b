"""Words the pages show, per language.

Keys are the English text (or a domain value such as a status), so a
template reads naturally and a missing translation is easy to spot; a test
checks every language has every key.
"""

from __future__ import annotations

from .model import ComponentStatus, Impact, MaintenancePhase, UpdateStatus
from .status import overall

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        overall.ALL_OPERATIONAL: "All Systems Operational",
        overall.UNDER_MAINTENANCE: "Service Under Maintenance",
        overall.PARTIALLY_DEGRADED: "Partially Degraded Service",
        overall.DEGRADED: "Degraded System Service",
        overall.MINOR_OUTAGE: "Minor Service Outage",
        overall.PARTIAL_OUTAGE: "Partial System Outage",
        overall.MAJOR_OUTAGE: "Major System Outage",
        ComponentStatus.OPERATIONAL: "Operational",
        ComponentStatus.UNDER_MAINTENANCE: "Under maintenance",
        ComponentStatus.DEGRADED_PERFORMANCE: "Degraded performance",
        ComponentStatus.PARTIAL_OUTAGE: "Partial outage",
        ComponentStatus.MAJOR_OUTAGE: "Major outage",
        UpdateStatus.INVESTIGATING: "Investigating",
        UpdateStatus.IDENTIFIED: "Identified",
        UpdateStatus.MONITORING: "Monitoring",
        UpdateStatus.UPDATE: "Update",
        UpdateStatus.RESOLVED: "Resolved",
        "impact:" + Impact.NONE: "No impact",
        "impact:" + Impact.MINOR: "Minor impact",
        "impact:" + Impact.MAJOR: "Major impact",
        "impact:" + Impact.CRITICAL: "Critical impact",
        "phase:" + MaintenancePhase.SCHEDULED: "Scheduled",
        "phase:" + MaintenancePhase.IN_PROGRESS: "In progress",
        "phase:" + MaintenancePhase.COMPLETED: "Completed",
        "phase:" + MaintenancePhase.CANCELLED: "Cancelled",
        "Skip to content": "Skip to content",
        "Current status": "Current status",
        "Open incidents": "Open incidents",
        "Maintenance in progress": "Maintenance in progress",
        "Upcoming maintenance": "Upcoming maintenance",
        "Components": "Components",
        "Latest update": "Latest update",
        "May be affected via": "May be affected via",
        "Updated": "Updated",
        "Environments": "Environments",
        "Window": "Window",
        "Status page": "Status page",
    },
    "nb": {
        overall.ALL_OPERATIONAL: "Alle tjenester fungerer normalt",
        overall.UNDER_MAINTENANCE: "Planlagt vedlikehold pågår",
        overall.PARTIALLY_DEGRADED: "Redusert ytelse i enkelte tjenester",
        overall.DEGRADED: "Redusert ytelse i alle tjenester",
        overall.MINOR_OUTAGE: "Mindre driftsforstyrrelse",
        overall.PARTIAL_OUTAGE: "Delvis driftsavbrudd",
        overall.MAJOR_OUTAGE: "Omfattende driftsavbrudd",
        ComponentStatus.OPERATIONAL: "I drift",
        ComponentStatus.UNDER_MAINTENANCE: "Under vedlikehold",
        ComponentStatus.DEGRADED_PERFORMANCE: "Redusert ytelse",
        ComponentStatus.PARTIAL_OUTAGE: "Delvis utilgjengelig",
        ComponentStatus.MAJOR_OUTAGE: "Utilgjengelig",
        UpdateStatus.INVESTIGATING: "Undersøker",
        UpdateStatus.IDENTIFIED: "Årsak funnet",
        UpdateStatus.MONITORING: "Overvåker",
        UpdateStatus.UPDATE: "Oppdatering",
        UpdateStatus.RESOLVED: "Løst",
        "impact:" + Impact.NONE: "Ingen påvirkning",
        "impact:" + Impact.MINOR: "Liten påvirkning",
        "impact:" + Impact.MAJOR: "Stor påvirkning",
        "impact:" + Impact.CRITICAL: "Kritisk påvirkning",
        "phase:" + MaintenancePhase.SCHEDULED: "Planlagt",
        "phase:" + MaintenancePhase.IN_PROGRESS: "Pågår",
        "phase:" + MaintenancePhase.COMPLETED: "Fullført",
        "phase:" + MaintenancePhase.CANCELLED: "Avlyst",
        "Skip to content": "Hopp til innholdet",
        "Current status": "Status nå",
        "Open incidents": "Pågående hendelser",
        "Maintenance in progress": "Vedlikehold som pågår",
        "Upcoming maintenance": "Kommende vedlikehold",
        "Components": "Tjenester",
        "Latest update": "Siste oppdatering",
        "May be affected via": "Kan være påvirket via",
        "Updated": "Oppdatert",
        "Environments": "Miljøer",
        "Window": "Tidsrom",
        "Status page": "Driftsstatus",
    },
}


def translator(language: str):
    """A lookup for one language; an unknown key shows as itself."""
    catalog = MESSAGES.get(language, MESSAGES["en"])
    return lambda key: catalog.get(str(key), str(key))
