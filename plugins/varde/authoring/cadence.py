"""Update cadence: how long an open incident may go without news.

Readers of a status page during an outage reload it for news; silence reads
as neglect. The worse the incident, the shorter the silence allowed:
`VARDE_CADENCE_MINUTES` gives the longest per impact.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from varde.errors import ContentError, Problem
from varde.model import Impact, Origin, Site
from varde.settings import SETTINGS_FILE
from varde.status import snapshots
from varde.status.snapshot import IncidentView

SETTING = "VARDE_CADENCE_MINUTES"
DEFAULT_MINUTES: dict[str, int | None] = {"critical": 30, "major": 60, "minor": 120}


@dataclass(frozen=True, slots=True)
class Overdue:
    view: IncidentView
    silent_for: timedelta
    allowed: timedelta

    @property
    def minutes(self) -> int:
        return int(self.silent_for.total_seconds() // 60)

    def sentence(self) -> str:
        incident = self.view.incident
        return (
            f"the {self.view.impact} incident {incident.title!r} has had no update for {self.minutes} minutes "
            f"(this site asks for one every {int(self.allowed.total_seconds() // 60)} minutes at that impact); "
            f'post one with `varde update {incident.slug} --text "..."`.'
        )

    def problem(self) -> Problem:
        return Problem(self.view.incident.origin, self.sentence())


def limits(settings: Mapping) -> dict[Impact, timedelta]:
    """The longest silence per impact, from the Pelican settings (defaults
    for the impacts they leave out; None switches the reminder off)."""
    given = settings.get(SETTING, {}) or {}
    where = Origin(f"the {SETTING} setting")
    if not isinstance(given, Mapping):
        raise ContentError([Problem(where, 'it must be a dict such as {"critical": 30, "major": 60}.')])
    result = {}
    for key, minutes in {**DEFAULT_MINUTES, **given}.items():
        if key not in DEFAULT_MINUTES:
            raise ContentError([Problem(where, f"{key!r} is not an impact; use critical, major or minor.")])
        if minutes is None:
            continue
        if isinstance(minutes, bool) or not isinstance(minutes, (int, float)) or minutes <= 0:
            raise ContentError([Problem(where, f"{key!r}: give a number of minutes above 0, or None.")])
        result[Impact(key)] = timedelta(minutes=minutes)
    return result


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


def site_limits(site: Path) -> dict[Impact, timedelta]:
    """The limits set by the settings of `site` (a folder or its settings
    file), read after read_site_settings has vouched for them."""
    from pelican.settings import read_settings

    return limits(read_settings(str(site / SETTINGS_FILE if site.is_dir() else site)))
