"""`varde status`: the site's state in the terminal, as its pages would show it."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from varde.authoring.cadence import overdue
from varde.cache.store import Cache
from varde.commands import _options
from varde.commands._site import read_site_settings
from varde.model import ComponentStatus
from varde.parsing import load_site_cached
from varde.status import snapshots
from varde.status.snapshot import Snapshot
from varde.times import TimeValueError, build_now, parse_time, shown

HELP = "show the state: overall, components, open incidents, maintenance"
EXAMPLE = """example:
  varde status                            # now
  varde status --at "2026-03-12 09:00"    # as the site stood then

Warns (!) about every open incident whose latest update is older than
VARDE_CADENCE_MINUTES allows for its impact."""

_COLOURS = {
    ComponentStatus.UNKNOWN: "2",
    ComponentStatus.OPERATIONAL: "32",
    ComponentStatus.UNDER_MAINTENANCE: "34",
    ComponentStatus.DEGRADED_PERFORMANCE: "33",
    ComponentStatus.PARTIAL_OUTAGE: "33;1",
    ComponentStatus.MAJOR_OUTAGE: "31;1",
}
_TEXT_WIDTH = 100


def add_arguments(parser: argparse.ArgumentParser) -> None:
    _options.add_at(parser, "the instant to show")
    _options.add_site(parser)


def run(args: argparse.Namespace) -> int:
    settings = read_site_settings(args.site)
    zone = settings.timezone
    site = load_site_cached(settings.content, zone, Cache(settings.cache), settings.upstream_max_age)
    try:
        now = parse_time(args.at, zone) if args.at else build_now(os.environ, time.time, settings.demo_now)
    except TimeValueError as error:
        raise TimeValueError(f"--at: {error}") from None
    late = {item.view.incident.slug: item for item in overdue(site, now, settings.cadence)}
    out = _Printer(zone, sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    out.line(f"{settings.site_name or Path(args.site).resolve().name}, {shown(now, zone)}")
    for snapshot in snapshots(site, now):
        out.environment(snapshot, late)
    return 0


class _Printer:
    def __init__(self, zone, colour: bool):
        self.zone = zone
        self.colour = colour

    def line(self, text: str = "", indent: int = 0) -> None:
        print(" " * indent + text if text else "")

    def status(self, status: ComponentStatus) -> str:
        words = status.value.replace("_", " ")
        return f"\x1b[{_COLOURS[status]}m{words}\x1b[0m" if self.colour else words

    def when(self, moment) -> str:
        return shown(moment, self.zone)

    def environment(self, snapshot: Snapshot, late: dict) -> None:
        self.line()
        self.line(f"{snapshot.environment.name}: {snapshot.overall.description}")
        self.components(snapshot)
        if snapshot.open_incidents:
            self.line("Open incidents", 2)
        for view in snapshot.open_incidents:
            incident = view.incident
            self.line(f"{incident.title} [{incident.slug}]", 4)
            self.line(f"{view.state.value}, {view.impact.value} impact, since {self.when(view.started_at)}", 6)
            latest = " ".join(view.latest_update.text.split())
            if len(latest) > _TEXT_WIDTH:
                latest = latest[: _TEXT_WIDTH - 1] + "…"
            self.line(f"latest update {self.when(view.latest_update.at)}: {latest}", 6)
            if incident.slug in late:
                self.line(f"! {late[incident.slug].sentence()}", 6)
        for title, views in (
            ("Maintenance in progress", snapshot.maintenance_in_progress),
            ("Upcoming maintenance", snapshot.maintenance_scheduled),
        ):
            if views:
                self.line(title, 2)
            for view in views:
                work = view.maintenance
                self.line(f"{work.title} [{work.slug}]: {self.when(work.start)} – {self.when(work.end)}", 4)

    def components(self, snapshot: Snapshot) -> None:
        self.line("Components", 2)
        width = max((len(state.component.name) for state in snapshot.components), default=0) + 2
        for entry in snapshot.groups:
            if not entry.visible:
                continue
            indent = 4
            if entry.group is not None:
                self.line(entry.group.name, indent)
                indent = 6
            for state in entry.visible:
                via = ", ".join(upstream.name for upstream in state.upstream)
                text = f"{state.component.name.ljust(width + 6 - indent)}{self.status(state.status)}"
                self.line(text + (f" (may be affected via {via})" if via else ""), indent)
