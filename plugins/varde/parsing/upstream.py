"""upstream/<page id>.json: what `varde upstream fetch` last read from an
upstream page, turned into the model.

The build reads these files and never the network, so a build is the same
whenever it runs.  The file holds the page's summary.json as fetched (it
was checked against the Statuspage schemas then), the time it was fetched,
and what every earlier fetch saw, which is all uptime may count.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path

from varde.errors import Problem, display_path
from varde.model import (
    REPORTED_STATUSES,
    Catalog,
    ComponentStatus,
    Impact,
    Observation,
    Origin,
    ReportedComponent,
    ReportedNotice,
    UpstreamReport,
)

#: Maintenance states in which it is under way (summary.json also lists scheduled ones).
UNDER_WAY = frozenset({"in_progress", "verifying"})

_STATUSES = {status.value: status for status in REPORTED_STATUSES}
#: Statuspage's impacts; its "maintenance" impact is no fault.
_IMPACTS = {impact.value: impact for impact in Impact} | {"maintenance": Impact.NONE}


class SnapshotError(ValueError):
    """A snapshot that is not what `varde upstream fetch` writes."""


def snapshot_path(folder: Path, page: str) -> Path:
    return folder / f"{page}.json"


def report_from_summary(
    page: str, fetched_at: datetime, summary: Mapping, observations: Iterable[Observation] = ()
) -> UpstreamReport:
    """The model of one summary.json (schema-valid) fetched at `fetched_at`."""
    components = tuple(
        ReportedComponent(item["id"], item["name"], _STATUSES[item["status"]]) for item in summary["components"]
    )
    notices = tuple(
        ReportedNotice(
            item["name"],
            item["status"],
            _IMPACTS[item["impact"]],
            maintenance,
            tuple(component["id"] for component in item.get("components") or ()),
        )
        for key, maintenance in (("incidents", False), ("scheduled_maintenances", True))
        for item in summary[key]
        if not maintenance or item["status"] in UNDER_WAY
    )
    return UpstreamReport(page, fetched_at, components, notices, tuple(observations))


def observation(report: UpstreamReport) -> Observation:
    """What a report's fetch saw, as kept for uptime: the components not operational."""
    return Observation(
        report.fetched_at,
        tuple((c.id, c.status) for c in report.components if c.status is not ComponentStatus.OPERATIONAL),
    )


def encode_observation(seen: Observation) -> dict:
    return {"at": seen.at.isoformat(), "statuses": {ident: status.value for ident, status in seen.statuses}}


def decode_snapshot(page: str, data: object) -> UpstreamReport:
    """The report a snapshot file's JSON holds; SnapshotError if it is not one."""
    try:
        fetched_at = _time(data["fetched_at"])
        observations = tuple(
            Observation(_time(seen["at"]), tuple((i, _STATUSES[s]) for i, s in seen["statuses"].items()))
            for seen in data.get("observations", ())
        )
        return report_from_summary(page, fetched_at, data["summary"], observations)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise SnapshotError(f"{type(error).__name__}: {error}") from None


def _time(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} has no offset")
    return moment


def load_reports(folder: Path, catalog: Catalog, problems: list[Problem]) -> tuple[UpstreamReport, ...]:
    """The latest snapshot of each of the catalog's upstream pages that has
    one; a page never fetched has none (its components are unknown)."""
    reports = []
    for page in catalog.upstreams:
        path = snapshot_path(folder, page.id)
        if not path.is_file():
            continue
        try:
            reports.append(decode_snapshot(page.id, json.loads(path.read_bytes())))
        except (SnapshotError, ValueError, RecursionError) as error:
            problems.append(
                Problem(
                    Origin(display_path(path)),
                    f"is not a snapshot `varde upstream fetch` wrote ({error}); "
                    "delete it and run `varde upstream fetch` again.",
                )
            )
    return tuple(reports)
