"""Every file a build writes besides its HTML pages (presentation.pages):
feeds, the Statuspage API, the calendar, badges, favicon, logo, robots.txt,
the uptime data, the embeddable banner and the monthly reports' CSV and JSON."""

from __future__ import annotations

from varde.presentation import embed, favicon, feeds, logo, reports, robots, uptime
from varde.presentation.api import statuspage_files
from varde.presentation.badges import status_badges
from varde.presentation.build import FileOutput
from varde.presentation.calendar import maintenance_calendar


def file_outputs() -> tuple[FileOutput, ...]:
    """Every output, in the order they are written."""
    return (
        feeds.render,
        favicon.render,
        logo.render,
        robots.render,
        statuspage_files,
        maintenance_calendar,
        status_badges,
        uptime.render,
        embed.render,
        reports.render,
    )
