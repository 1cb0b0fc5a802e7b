"""Words the pages and feeds show, per language.

Keys are the English text (or a domain value such as a status), so a
template reads naturally; a test checks every language has every key and
nothing more.  Statuspage's overall descriptions are keys too: the API keeps
them in English, pages translate them.
"""

from __future__ import annotations

from .model import ComponentStatus, Impact, MaintenancePhase, MaintenanceUpdateStatus, UpdateStatus
from .status import overall

_CS, _US, _MP, _MU = ComponentStatus, UpdateStatus, MaintenancePhase, MaintenanceUpdateStatus


def _impact(impact: Impact) -> str:
    return f"impact:{impact}"


def _phase(phase: MaintenancePhase) -> str:
    return f"phase:{phase}"


def _maintenance_update(status: MaintenanceUpdateStatus) -> str:
    return f"maintenance:{status}"


#: Keys in display order; each language gives one text per key, in this order.
KEYS: tuple[str, ...] = (
    overall.ALL_OPERATIONAL, overall.UNDER_MAINTENANCE, overall.PARTIALLY_DEGRADED,
    overall.DEGRADED, overall.MINOR_OUTAGE, overall.PARTIAL_OUTAGE, overall.MAJOR_OUTAGE,
    _CS.OPERATIONAL, _CS.UNDER_MAINTENANCE, _CS.DEGRADED_PERFORMANCE, _CS.PARTIAL_OUTAGE, _CS.MAJOR_OUTAGE,
    _US.INVESTIGATING, _US.IDENTIFIED, _US.MONITORING, _US.UPDATE, _US.RESOLVED,
    _impact(Impact.NONE), _impact(Impact.MINOR), _impact(Impact.MAJOR), _impact(Impact.CRITICAL),
    _phase(_MP.SCHEDULED), _phase(_MP.IN_PROGRESS), _phase(_MP.COMPLETED), _phase(_MP.CANCELLED),
    _maintenance_update(_MU.SCHEDULED), _maintenance_update(_MU.IN_PROGRESS),
    _maintenance_update(_MU.VERIFYING), _maintenance_update(_MU.UPDATE),
    _maintenance_update(_MU.COMPLETED), _maintenance_update(_MU.CANCELLED),
    "Skip to content", "Current status", "Open incidents", "Maintenance in progress",
    "Upcoming maintenance", "Components", "Latest update", "May be affected via", "Updated",
    "Environments", "Window", "Status page", "Recently resolved", "History", "Postmortem",
    "This incident affected", "Duration", "Reference", "Depends on", "Needed by", "Incidents",
    "Maintenance", "No incidents in this period.", "Follow", "RSS feed", "Atom feed",
    "Maintenance calendar", "Status API (JSON)", "Older years", "Current status of all services",
    "{date} at {time}", "{duration} so far", "Planned maintenance", "Announced", "Updates",
    "Status", "Pages", "Other pages", "More about", "Affected components", "Ongoing",
    "Incidents and maintenance in {year}", "History of incidents and maintenance",
    "Possibly affected through dependencies",
    "This page reloads itself every {seconds} seconds while an incident is open.",
    "Stop automatic updates", "Automatic updates are off.", "Turn them back on",
    # Uptime bars
    "Uptime", "Uptime, last {days} days", "{percent}% uptime over {days} days", "No data",
    "No uptime data yet", "{days} days ago", "Today", "Major outage for {duration}",
    "Partial outage for {duration}",
    # Component pages
    "Earlier incidents and maintenance are in the history.",
)

_TEXTS: dict[str, tuple[str, ...]] = {
    "en": (
        "All Systems Operational", "Service Under Maintenance", "Partially Degraded Service",
        "Degraded System Service", "Minor Service Outage", "Partial System Outage", "Major System Outage",
        "Operational", "Under maintenance", "Degraded performance", "Partial outage", "Major outage",
        "Investigating", "Identified", "Monitoring", "Update", "Resolved",
        "No impact", "Minor impact", "Major impact", "Critical impact",
        "Scheduled", "In progress", "Completed", "Cancelled",
        "Scheduled", "In progress", "Verifying", "Update", "Completed", "Cancelled",
        "Skip to content", "Current status", "Open incidents", "Maintenance in progress",
        "Upcoming maintenance", "Components", "Latest update", "May be affected via", "Updated",
        "Environments", "Window", "Status page", "Recently resolved", "History", "Postmortem",
        "This incident affected", "Duration", "Reference", "Depends on", "Needed by", "Incidents",
        "Maintenance", "No incidents in this period.", "Follow", "RSS feed", "Atom feed",
        "Maintenance calendar", "Status API (JSON)", "Older years", "Current status of all services",
        "{date} at {time}", "{duration} so far", "Planned maintenance", "Announced", "Updates",
        "Status", "Pages", "Other pages", "More about", "Affected components", "Ongoing",
        "Incidents and maintenance in {year}", "History of incidents and maintenance",
        "Possibly affected through dependencies",
        "This page reloads itself every {seconds} seconds while an incident is open.",
        "Stop automatic updates", "Automatic updates are off.", "Turn them back on",
        "Uptime", "Uptime, last {days} days", "{percent}% uptime over {days} days", "No data",
        "No uptime data yet", "{days} days ago", "Today", "Major outage for {duration}",
        "Partial outage for {duration}",
        "Earlier incidents and maintenance are in the history.",
    ),
    "nb": (
        "Alle tjenester fungerer normalt", "Planlagt vedlikehold pågår", "Redusert ytelse i enkelte tjenester",
        "Redusert ytelse i alle tjenester", "Mindre driftsforstyrrelse", "Delvis driftsavbrudd",
        "Omfattende driftsavbrudd",
        "I drift", "Under vedlikehold", "Redusert ytelse", "Delvis utilgjengelig", "Utilgjengelig",
        "Undersøker", "Årsak funnet", "Overvåker", "Oppdatering", "Løst",
        "Ingen påvirkning", "Liten påvirkning", "Stor påvirkning", "Kritisk påvirkning",
        "Planlagt", "Pågår", "Fullført", "Avlyst",
        "Planlagt", "Pågår", "Kontrolleres", "Oppdatering", "Fullført", "Avlyst",
        "Hopp til innholdet", "Status nå", "Pågående hendelser", "Vedlikehold som pågår",
        "Kommende vedlikehold", "Tjenester", "Siste oppdatering", "Kan være påvirket via", "Oppdatert",
        "Miljøer", "Tidsrom", "Driftsstatus", "Nylig løst", "Historikk", "Etterrapport",
        "Hendelsen berørte", "Varighet", "Referanse", "Avhenger av", "Brukes av", "Hendelser",
        "Vedlikehold", "Ingen hendelser i denne perioden.", "Følg med", "RSS-strøm", "Atom-strøm",
        "Vedlikeholdskalender", "Status-API (JSON)", "Tidligere år", "Status for alle tjenester nå",
        "{date} kl. {time}", "{duration} så langt", "Planlagt vedlikehold", "Varslet", "Oppdateringer",
        "Status", "Sider", "Andre sider", "Mer om", "Berørte tjenester", "Pågår",
        "Hendelser og vedlikehold i {year}", "Historikk for hendelser og vedlikehold",
        "Kan være berørt gjennom avhengigheter",
        "Siden oppdaterer seg selv hvert {seconds}. sekund mens en hendelse pågår.",
        "Slå av automatisk oppdatering", "Automatisk oppdatering er slått av.", "Slå den på igjen",
        "Oppetid", "Oppetid siste {days} dager", "{percent} % oppetid siste {days} dager", "Ingen data",
        "Ingen oppetidsdata ennå", "for {days} dager siden", "I dag", "Utilgjengelig i {duration}",
        "Delvis utilgjengelig i {duration}",
        "Tidligere hendelser og vedlikehold finner du i historikken.",
    ),
    "nn": (
        "Alle tenester fungerer normalt", "Planlagt vedlikehald pågår", "Redusert yting i somme tenester",
        "Redusert yting i alle tenester", "Mindre driftsforstyrring", "Delvis driftsavbrot",
        "Omfattande driftsavbrot",
        "I drift", "Under vedlikehald", "Redusert yting", "Delvis utilgjengeleg", "Utilgjengeleg",
        "Undersøkjer", "Årsak funnen", "Overvakar", "Oppdatering", "Løyst",
        "Inga påverknad", "Lita påverknad", "Stor påverknad", "Kritisk påverknad",
        "Planlagt", "Pågår", "Fullført", "Avlyst",
        "Planlagt", "Pågår", "Blir kontrollert", "Oppdatering", "Fullført", "Avlyst",
        "Hopp til innhaldet", "Status no", "Pågåande hendingar", "Vedlikehald som pågår",
        "Komande vedlikehald", "Tenester", "Siste oppdatering", "Kan vere påverka via", "Oppdatert",
        "Miljø", "Tidsrom", "Driftsstatus", "Nyleg løyst", "Historikk", "Etterrapport",
        "Hendinga råka", "Varigheit", "Referanse", "Avheng av", "Blir brukt av", "Hendingar",
        "Vedlikehald", "Ingen hendingar i denne perioden.", "Følg med", "RSS-straum", "Atom-straum",
        "Vedlikehaldskalender", "Status-API (JSON)", "Tidlegare år", "Status for alle tenester no",
        "{date} kl. {time}", "{duration} så langt", "Planlagt vedlikehald", "Varsla", "Oppdateringar",
        "Status", "Sider", "Andre sider", "Meir om", "Råka tenester", "Pågår",
        "Hendingar og vedlikehald i {year}", "Historikk for hendingar og vedlikehald",
        "Kan vere råka gjennom avhengnader",
        "Sida oppdaterer seg sjølv kvart {seconds}. sekund medan ei hending pågår.",
        "Slå av automatisk oppdatering", "Automatisk oppdatering er slått av.", "Slå ho på att",
        "Oppetid", "Oppetid siste {days} dagar", "{percent} % oppetid siste {days} dagar", "Ingen data",
        "Ingen oppetidsdata enno", "for {days} dagar sidan", "I dag", "Utilgjengeleg i {duration}",
        "Delvis utilgjengeleg i {duration}",
        "Tidlegare hendingar og vedlikehald finn du i historikken.",
    ),
    "sv": (
        "Alla tjänster fungerar normalt", "Planerat underhåll pågår", "Försämrad prestanda i vissa tjänster",
        "Försämrad prestanda i alla tjänster", "Mindre driftstörning", "Delvis driftavbrott",
        "Omfattande driftavbrott",
        "I drift", "Under underhåll", "Försämrad prestanda", "Delvis otillgänglig", "Otillgänglig",
        "Undersöker", "Orsak identifierad", "Övervakar", "Uppdatering", "Löst",
        "Ingen påverkan", "Liten påverkan", "Stor påverkan", "Kritisk påverkan",
        "Planerat", "Pågår", "Slutfört", "Inställt",
        "Planerat", "Pågår", "Kontrolleras", "Uppdatering", "Slutfört", "Inställt",
        "Hoppa till innehållet", "Aktuell status", "Pågående händelser", "Underhåll som pågår",
        "Kommande underhåll", "Tjänster", "Senaste uppdatering", "Kan påverkas via", "Uppdaterad",
        "Miljöer", "Tidsperiod", "Driftstatus", "Nyligen lösta", "Historik", "Efterrapport",
        "Händelsen påverkade", "Varaktighet", "Referens", "Beroende av", "Används av", "Händelser",
        "Underhåll", "Inga händelser under perioden.", "Följ", "RSS-flöde", "Atom-flöde",
        "Underhållskalender", "Status-API (JSON)", "Tidigare år", "Aktuell status för alla tjänster",
        "{date} kl. {time}", "{duration} hittills", "Planerat underhåll", "Aviserat", "Uppdateringar",
        "Status", "Sidor", "Andra sidor", "Mer om", "Påverkade tjänster", "Pågår",
        "Händelser och underhåll {year}", "Historik över händelser och underhåll",
        "Kan påverkas genom beroenden",
        "Sidan uppdateras automatiskt var {seconds}:e sekund medan en händelse pågår.",
        "Stäng av automatisk uppdatering", "Automatisk uppdatering är avstängd.", "Slå på den igen",
        "Upptid", "Upptid senaste {days} dagarna", "{percent} % upptid senaste {days} dagarna", "Inga data",
        "Inga upptidsdata ännu", "för {days} dagar sedan", "I dag", "Otillgänglig i {duration}",
        "Delvis otillgänglig i {duration}",
        "Tidigare händelser och underhåll finns i historiken.",
    ),
}

MESSAGES: dict[str, dict[str, str]] = {
    language: dict(zip(KEYS, texts, strict=True)) for language, texts in _TEXTS.items()
}
