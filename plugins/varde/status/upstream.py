"""Components another organisation's page reports on: what that page said,
and whether it still counts at "now".

Pure, like the rest of the engine.  The rules (content-format.md,
"Upstream pages"):

- A mirrored component has the status of its upstream component in the
  page's latest snapshot, with the upstream's unresolved incidents and
  maintenance under way that name it.
- A snapshot older than the site's upstream max age at "now", taken after
  "now", or missing, or one that does not list the component, says
  nothing: the component is `unknown`, with the time of the last report.
- Uptime and the API's history count an upstream outage only over the
  fetches the site made: each one's statuses hold until the next fetch, or
  for the max age at most, never longer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from varde.model import (
    Component,
    ComponentStatus,
    ReportedNotice,
    Site,
    UpstreamPage,
    UpstreamReport,
)
from varde.status.timeline import Span


@dataclass(frozen=True, slots=True)
class Reported:
    """What a mirrored component's upstream page says of it at "now"."""

    page: UpstreamPage
    #: When the latest report was fetched; None if the page never was.
    at: datetime | None
    #: The status reported, or UNKNOWN (no report, a stale one, or one not listing it).
    status: ComponentStatus
    #: The upstream's open incidents and maintenance under way naming it (none when unknown).
    notices: tuple[ReportedNotice, ...] = ()

    @property
    def known(self) -> bool:
        return self.status is not ComponentStatus.UNKNOWN


def reported(site: Site, now: datetime) -> dict[str, Reported]:
    """Each mirrored component's report at `now`, by component id."""
    pages = {page.id: page for page in site.catalog.upstreams}
    reports = _reports(site, now)
    result = {}
    for component in site.catalog.components:
        if component.upstream is None:
            continue
        page, report = pages[component.upstream.page], reports.get(component.upstream.page)
        ident = upstream_id(component, report)
        if report is None or ident is None or now - report.fetched_at > site.upstream_max_age:
            result[component.id] = Reported(page, report.fetched_at if report else None, ComponentStatus.UNKNOWN)
            continue
        status = next(c.status for c in report.components if c.id == ident)
        notices = tuple(notice for notice in report.notices if ident in notice.components)
        result[component.id] = Reported(page, report.fetched_at, status, notices)
    return result


def upstream_id(component: Component, report: UpstreamReport | None) -> str | None:
    """The id on its upstream page of the component `component` mirrors,
    if the report lists it (by name, the first of that name)."""
    ref = component.upstream
    if report is None or ref is None:
        return None
    return next((c.id for c in report.components if c.id == ref.id or (ref.id is None and c.name == ref.name)), None)


def observed_spans(site: Site, now: datetime, wanted: Iterable[str]) -> dict[str, list[Span]]:
    """For each wanted mirrored component, the spans up to `now` in which a
    fetch saw it not operational, oldest first (see the module's rules)."""
    # The latest file also holds the fetches before it, which count at an earlier "now".
    reports = {report.page: report for report in site.reports}
    result = {}
    for component in site.catalog.components:
        if component.upstream is None or component.id not in wanted:
            continue
        report = reports.get(component.upstream.page)
        ident = upstream_id(component, report)
        seen = [o for o in report.observations if o.at <= now] if report else []
        spans = []
        for index, observation in enumerate(seen):
            status = dict(observation.statuses).get(ident)
            following = seen[index + 1].at if index + 1 < len(seen) else now
            end = min(following, observation.at + site.upstream_max_age, now)
            if status is not None and observation.at < end:
                spans.append((observation.at, end, status))
        result[component.id] = spans
    return result


def first_observed(site: Site, page: str, now: datetime) -> datetime | None:
    """When the site first fetched `page`, by `now`: a mirrored component's
    history begins then (nothing is known of it before)."""
    return min((o.at for r in site.reports if r.page == page for o in r.observations if o.at <= now), default=None)


def _reports(site: Site, now: datetime) -> dict[str, UpstreamReport]:
    """The snapshots taken by `now`: a build for an earlier instant cannot know a later one."""
    return {report.page: report for report in site.reports if report.fetched_at <= now}
