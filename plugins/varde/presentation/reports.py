"""Monthly availability reports as files: reports/<yyyy>-<mm>.csv for a
spreadsheet and api/varde/reports/<yyyy>-<mm>.json for machines (the HTML
report and the list of months are pages: pages.py).  docs/reports.md says
what they hold and why the CSV is written as it is.

A month that has ended is final: its files are made once and reused while
its report is unchanged.  The current month's ("so far") are made at every
build.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from babel.numbers import format_decimal, get_decimal_symbol

from varde.cache.fingerprints import code_fingerprint, fingerprint
from varde.cache.store import Cache
from varde.presentation.build import Build, Deferred
from varde.presentation.i18n import Language
from varde.status import Snapshot
from varde.status.incidents import started_at
from varde.status.reports import STATUSES, Listed, MonthReport, monthly_reports
from varde.status.uptime import floor_percent
from varde.times import iso, localize
from varde.urls import report_data_path, report_path

#: Decimals of the uptime percentages in the CSV and the JSON, cut, never
#: rounded up (as in api/varde/uptime.json).
PLACES = 4
#: Excel and LibreOffice read a file that starts with it as UTF-8, not as
#: the system's legacy code page, so "Tromsø" stays "Tromsø".
BOM = "\ufeff"


def environment_reports(build: Build, snapshot: Snapshot) -> tuple[MonthReport, ...]:
    """The environment's monthly reports, oldest first."""
    return _reports(build, tuple(state.component for state in snapshot.components))


@functools.lru_cache(maxsize=8)
def _reports(build: Build, components: tuple) -> tuple[MonthReport, ...]:
    """Once per build and environment: the pages and the files all show them.

    The months that have ended depend only on what began before this month:
    working them out from years of history took a second of every rebuild of
    a large site (docs/benchmarks.md), so they are kept in the build cache
    under a digest of that, and only the month holding now is worked out
    anew.  An update to this month's incident, the usual commit during an
    outage, keeps them."""
    zone = build.settings.timezone
    cache = Cache(build.settings.cache)
    name = f"reports-{fingerprint(components)}.pickle"
    key = _ended_months_key(build, components)
    ended = cache.load(name, key)
    if ended:
        return (*ended, *monthly_reports(build.site, build.now, zone, components, this_month=True))
    reports = monthly_reports(build.site, build.now, zone, components)
    cache.save(name, key, reports[:-1])
    return reports


def _ended_months_key(build: Build, components: tuple) -> str:
    """What the months before now's can show: the incidents, maintenance and
    upstream fetches that began before it, and what they are shown against."""
    site, zone = build.site, build.settings.timezone
    local = build.now.astimezone(zone)
    month = localize(datetime(local.year, local.month, 1), zone)
    return fingerprint(
        code_fingerprint(),
        zone.key,
        month,
        components,
        site.catalog,
        site.upstream_max_age,
        [incident for incident in site.incidents if started_at(incident) < month],
        [maintenance for maintenance in site.maintenances if maintenance.start < month],
        [(report.page, [seen for seen in report.observations if seen.at < month]) for report in site.reports],
    )


def render(build: Build, snapshot: Snapshot) -> dict[str, Deferred]:
    files = {}
    for report in environment_reports(build, snapshot):
        depends_on = None if report.so_far else report
        files[report_path(report.month, "csv")] = Deferred(depends_on, functools.partial(_csv, build, report))
        files[report_data_path(report.month)] = Deferred(depends_on, functools.partial(_json, build, report))
    return files


def field_separator(language: str) -> str:
    """The CSV's field separator: numbers are written with the site
    language's decimal mark, which a spreadsheet set to that language reads,
    and where that mark is a comma, fields are separated by semicolons, as
    those spreadsheets expect."""
    return ";" if get_decimal_symbol(language) == "," else ","


def _csv(build: Build, report: MonthReport) -> str:
    """Two tables, one empty line between: the components with their
    minutes in each status and their uptime, then the incidents and
    maintenance with their minutes within the month."""
    _ = Language(build.settings.language, build.settings.timezone)
    out = io.StringIO()
    out.write(BOM)
    table = csv.writer(out, delimiter=field_separator(_.code))
    table.writerow(
        [_("Component"), _("Minutes with data"), *(_(status) for status in STATUSES), _("Uptime (%)"), _("Incidents")]
        + [_("Maintenance")]
    )
    for row in report.components:
        uptime = _percent(row.uptime)
        table.writerow(
            [row.component.name, row.total_minutes, *row.minutes]
            + ["" if uptime is None else format_decimal(_decimal(uptime), "0.0000", locale=_.code)]
            + [len(row.incidents), len(row.maintenances)]
        )
    table.writerow([])
    table.writerow([_("Kind"), _("Title"), _("Start"), _("End"), _("Minutes in the month"), _("Affected components")])
    names = {row.component.id: row.component.name for row in report.components}
    for kind, listed in [(_("Incident"), item) for item in report.incidents] + [
        (_("Maintenance"), item) for item in report.maintenances
    ]:
        table.writerow(
            [kind, listed.title, _local(build, listed.start), _local(build, listed.end) if listed.end else _("Ongoing")]
            + [listed.minutes, ", ".join(names[ident] for ident in listed.components)]
        )
    return out.getvalue()


def _local(build: Build, moment: datetime) -> str:
    """A time a spreadsheet reads as one: "2026-02-01 01:30", local."""
    return f"{moment.astimezone(build.settings.timezone):%Y-%m-%d %H:%M}"


def _json(build: Build, report: MonthReport) -> str:
    zone = build.settings.timezone
    document = {
        "month": f"{report.month:%Y-%m}",
        "timezone": zone.key,
        "start": iso(report.start, zone),
        "end": iso(report.end, zone),
        "so_far": report.so_far,
        "components": [
            {
                "id": row.component.id,
                "name": row.component.name,
                "minutes": row.total_minutes,
                "minutes_by_status": {status.value: spent for status, spent in zip(STATUSES, row.minutes)},
                "uptime": None if row.uptime is None else float(_percent(row.uptime)),
                "incidents": list(row.incidents),
                "maintenance": list(row.maintenances),
            }
            for row in report.components
        ],
        "incidents": [_listed(build, item) for item in report.incidents],
        "maintenance": [_listed(build, item) for item in report.maintenances],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _listed(build: Build, item: Listed) -> dict:
    zone = build.settings.timezone
    return {
        "id": item.slug,
        "title": item.title,
        "start": iso(item.start, zone),
        "end": iso(item.end, zone) if item.end else None,
        "minutes_in_month": item.minutes,
        "components": list(item.components),
    }


def _percent(value: Fraction | None) -> Fraction | None:
    return None if value is None else floor_percent(value, PLACES)


def _decimal(value: Fraction) -> Decimal:
    """Exact: the value is already cut to PLACES decimals."""
    return Decimal(value.numerator) / value.denominator
