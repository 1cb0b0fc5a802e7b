"""What a channel is told: one notice per new feed entry its filters let
through (an incident update, a postmortem, a maintenance announcement or
update), and one when a maintenance window starts and when it ends; a
Statuspage-webhook channel also gets each component's change of status
(component_changes.py).

The entries are the feeds' own (presentation/feeds.py), made from the
build's snapshots, which are the site as published at "now": what is sent
is exactly what the pages and feeds show, keyed as the feeds key it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import datetime

from varde.model import Affected, ComponentStatus, MaintenancePhase
from varde.notifying.component_changes import component_changes
from varde.notifying.notice import Notice, delivery_key
from varde.notifying.webhook import statuspage_at, webhook_body
from varde.presentation.build import Build
from varde.presentation.feeds import Entry, incident_entries, maintenance_entries, newest_time
from varde.presentation.i18n import Language
from varde.settings import Channel, Event
from varde.status import Snapshot
from varde.status.changes import JUST_BEFORE
from varde.status.maintenance import phase
from varde.status.snapshot import IncidentView, MaintenanceView
from varde.urls import absolute, maintenance_path

#: A postmortem is told by its first paragraph, cut to what a phone shows.
_LONGEST_EXCERPT = 280


def notices(build: Build, channel: Channel, oldest: datetime) -> list[Notice]:
    """What `channel` is to be told at `build.now` of what happened after
    `oldest`, oldest first; once per entry, even where an incident is in two
    of the channel's environments."""
    settings = build.settings
    language = Language(channel.language or settings.language, settings.timezone)
    environments = channel.environments or (build.snapshots[0].environment.id,)
    site = settings.site_url or settings.site_name
    found: dict[str, Notice] = {}
    for snapshot in build.snapshots:
        if snapshot.environment.id not in environments:
            continue
        prefix = build.prefix(snapshot)
        for event, entry, statuses, view in _entries(snapshot, language, oldest):
            if entry.key in found or event not in channel.events:
                continue
            if channel.components and not set(channel.components) & set(entry.components):
                continue
            link = absolute(settings.site_url, prefix, entry.path)
            found[entry.key] = Notice(
                key=delivery_key(site, entry.key, channel.name),
                entry=entry.key,
                channel=channel.name,
                event=event,
                at=entry.at,
                title=entry.title,
                body=_body(entry, statuses, link, language, {c.id: c.name for c in build.site.catalog.components}),
                link=link,
                webhook=functools.partial(_webhook, build, snapshot.environment.id, view, entry.at),
                components=entry.components,
            )
    told = sorted(found.values(), key=lambda notice: (notice.at, notice.entry))
    if not channel.statuspage:  # an Apprise message lists its components' statuses itself
        return told
    changes = component_changes(build, channel, environments, told, language, site)
    return sorted((*told, *changes), key=lambda notice: (notice.at, notice.entry))


def _webhook(build: Build, environment: str, view: IncidentView | MaintenanceView, at: datetime) -> Mapping:
    """The webhook body as Statuspage would have sent it at `at`: the page,
    and the incident or maintenance, as they stood then."""
    api = statuspage_at(build, environment, at)
    if isinstance(view, IncidentView):
        same = (found for found in api.snapshot.incidents if found.incident.slug == view.incident.slug)
    else:
        same = (found for found in api.snapshot.maintenances if found.maintenance.slug == view.maintenance.slug)
    # Not there only if a later update brought it into this environment: then as it is now.
    return webhook_body(api, next(same, view))


def _entries(snapshot: Snapshot, language: Language, oldest: datetime) -> Iterator[tuple]:
    """(event, entry, statuses, view) for each entry after `oldest` that is
    to be sent; an incident with nothing that new is not looked into (most
    of a large site's history)."""
    for view in snapshot.incidents:
        if newest_time(view.incident) <= oldest:
            continue
        for update, entry in incident_entries(view, language):
            if entry.at > oldest and (update is None or update.notify):
                event = Event.POSTMORTEM if update is None else Event.INCIDENT
                yield event, entry, _statuses(entry), view
    for view in snapshot.maintenances:
        m = view.maintenance
        window = f"{language('Window')}: {language.moment(m.start)} – {language.moment(m.end)}"
        for update, entry in maintenance_entries(view, snapshot.now, language):
            if entry.at > oldest and (update is None or update.notify):
                if update is None:  # the announcement: its window, then what the body says
                    entry = replace(entry, body=(("markdown", window), *entry.body))
                yield Event.MAINTENANCE, entry, _statuses(entry) if update is None else (), view
        yield from _window_entries(view, snapshot.now, language, oldest)


def _window_entries(view: MaintenanceView, now: datetime, language: Language, oldest: datetime) -> Iterator[tuple]:
    """The window starting and ending, where it did by `now` as planned (an
    update that started, ended or cancelled it early was sent already)."""
    m = view.maintenance
    done = tuple((ident, ComponentStatus.OPERATIONAL) for ident, _ in m.affected)
    started = phase(m, m.start - JUST_BEFORE) is MaintenancePhase.SCHEDULED
    edges = (
        (
            "start",
            m.start,
            phase(m, m.start) if started else None,
            language("maintenance:in_progress"),
            language("The maintenance window has started."),
            m.affected,
        ),
        (
            "end",
            m.end,
            phase(m, m.end - JUST_BEFORE),
            language("maintenance:completed"),
            language("The maintenance window has ended."),
            done,
        ),
    )
    for name, at, running, label, sentence, statuses in edges:
        if oldest < at <= now and running is MaintenancePhase.IN_PROGRESS:
            entry = Entry(
                key=f"maintenance/{m.slug}/{name}",
                title=f"[{label}] {m.title}",
                body=(("markdown", sentence),),
                path=maintenance_path(m.slug),
                at=at,
                components=tuple(sorted({ident for ident, _ in m.affected})),
            )
            yield Event.MAINTENANCE, entry, statuses, view


def _statuses(entry: Entry) -> Affected:
    return next((value for kind, value in entry.body if kind == "statuses"), ())


def _body(entry: Entry, statuses: Affected, link: str, language: Language, names: dict[str, str]) -> str:
    """The message in Markdown, which Apprise turns into each service's
    form (an email's HTML and plain-text parts, a chat's markup)."""
    texts = [value for kind, value in entry.body if kind == "markdown" and value]
    if entry.key.endswith("/postmortem"):
        texts = [_excerpt(texts[0], language)]
    parts = [text.strip() for text in texts]
    if statuses:
        rows = "\n".join(f"- {names[ident]}: {language(status)}" for ident, status in statuses)
        parts.append(f"{language('Affected components')}:\n{rows}")
    parts.append(f"{language('Updated')}: {language.moment(entry.at)}\n{link}")
    return "\n\n".join(parts) + "\n"


def _excerpt(text: str, language: Language) -> str:
    """The first paragraph, cut at a word if long, and where to read the rest."""
    first = text.strip().split("\n\n")[0].strip()
    if len(first) > _LONGEST_EXCERPT:
        first = first[:_LONGEST_EXCERPT].rsplit(" ", 1)[0] + " …"
    return first + ("" if first == text.strip() else f"\n\n{language('Read all of it on the page.')}")
