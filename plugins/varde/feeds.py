"""RSS and Atom: one entry per published update, postmortem and maintenance
announcement, for the whole site and for each component.

Entry ids are URNs derived from what the entry is (which incident, which
update time), never from the build or the site's address, so a rebuild or a
move to another host does not re-announce anything.  Feed dates come from
the content, so an unchanged site gives byte-identical feeds.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone

from feedgen.feed import FeedGenerator
from markupsafe import escape

from .i18n import Language
from .markup import to_html
from .model import Affected
from .outputs import Build
from .status import Snapshot
from .status.publishing import postmortem_time
from .status.snapshot import IncidentView, MaintenanceView
from .urls import (
    absolute,
    component_feed_path,
    history_feed_path,
    incident_path,
    maintenance_path,
    update_anchor,
)

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://varde.invalid/feed-entry")


@dataclass(frozen=True, slots=True)
class Entry:
    key: str
    title: str
    #: Makes the entry's HTML; only for entries a feed shows, since a large
    #: site's feeds show a hundred of its tens of thousands of updates.
    body: Callable[[], str]
    path: str
    at: datetime
    #: Component ids the entry concerns, for the per-component feeds.
    components: frozenset[str]
    #: Among entries of one instant, a higher rank is newer (a postmortem
    #: dated with its resolving update follows it).
    rank: int = 0

    @property
    def html(self) -> str:
        return self.body()


def render(build: Build, snapshot: Snapshot) -> dict[str, bytes]:
    language = Language(build.settings.language, build.settings.timezone)
    names = {c.id: c.name for c in build.site.catalog.components}
    entries = sorted(_entries(snapshot, language, names), key=lambda e: (e.at, e.rank, e.key), reverse=True)
    files: dict[str, bytes] = {}
    feeds = [(history_feed_path, language("History"), None)] + [
        (functools.partial(component_feed_path, state.component.id), state.component.name, state.component.id)
        for state in snapshot.components
    ]
    for path_of, title, component in feeds:
        chosen = [e for e in entries if component is None or component in e.components]
        chosen = chosen[: build.settings.feed_max_items]
        files[path_of("atom")] = _feed(build, snapshot, language, path_of, "atom", title, chosen).atom_str(pretty=True)
        files[path_of("rss")] = _feed(build, snapshot, language, path_of, "rss", title, chosen).rss_str(pretty=True)
    return files


def _feed(build: Build, snapshot: Snapshot, language: Language, path_of: Callable[[str], str], kind: str,
          title: str, entries: list[Entry]) -> FeedGenerator:
    settings, prefix = build.settings, build.prefix(snapshot)
    environment = "" if not prefix else f" ({snapshot.environment.name})"
    feed = FeedGenerator()
    atom = path_of("atom")  # both forms of a feed share the Atom one's id
    feed.id(absolute(settings.site_url, prefix, atom) if settings.site_url
            else f"urn:uuid:{uuid.uuid5(_NAMESPACE, prefix + atom)}")
    feed.title(f"{settings.site_name}{environment}: {title}")
    feed.link(href=absolute(settings.site_url, prefix, path_of(kind)), rel="self")
    feed.link(href=absolute(settings.site_url, prefix, "index.html"), rel="alternate")  # RSS takes the last
    feed.description(f"{settings.site_name}{environment}: {title}")
    feed.language(language.code)
    feed.generator("Varde")
    newest = entries[0].at if entries else build.now
    feed.updated(newest)
    feed.lastBuildDate(newest)
    for entry in entries:
        item = feed.add_entry(order="append")
        item.id(f"urn:uuid:{uuid.uuid5(_NAMESPACE, entry.key)}")
        item.guid(f"urn:uuid:{uuid.uuid5(_NAMESPACE, entry.key)}", permalink=False)
        item.title(entry.title)
        item.link(href=absolute(settings.site_url, prefix, entry.path))
        item.description(entry.html)  # RSS; must come first: feedgen reuses it as Atom content
        item.content(entry.html, type="html")
        item.published(entry.at)
        item.updated(entry.at)
    return feed


def _entries(snapshot: Snapshot, language: Language, names: dict[str, str]) -> Iterator[Entry]:
    for view in snapshot.incidents:
        yield from _incident_entries(view, language, names)
    for view in snapshot.maintenances:
        yield from _maintenance_entries(view, snapshot.now, language, names)


def _incident_entries(view: IncidentView, language: Language, names: dict[str, str]) -> Iterator[Entry]:
    incident = view.incident
    page = incident_path(incident.slug)
    touched = frozenset(ident for ident, _ in view.worst_statuses)
    statuses = dict(incident.affected)
    for number, (update, key) in enumerate(zip(incident.updates, _update_keys(incident.slug, incident.updates)), 1):
        statuses.update(update.affected)
        yield Entry(
            key=key,
            title=f"[{language(update.status)}] {incident.title}",
            body=functools.partial(_update_html, update.text, tuple(statuses.items()), language, names),
            path=f"{page}#{update_anchor(number)}",
            at=update.at,
            components=touched,
        )
    if incident.postmortem:
        yield Entry(
            key=f"{incident.slug}/postmortem",
            title=f"[{language('Postmortem')}] {incident.title}",
            body=functools.partial(_markdown, incident.postmortem),
            path=f"{page}#postmortem",
            at=postmortem_time(incident) or view.latest_update.at,
            components=touched,
            rank=1,
        )


def _maintenance_entries(view: MaintenanceView, now: datetime, language: Language,
                         names: dict[str, str]) -> Iterator[Entry]:
    m = view.maintenance
    page = maintenance_path(m.slug)
    touched = frozenset(ident for ident, _ in m.affected)
    announced = m.announced or m.start
    if announced <= now:
        window = f"<p>{escape(language('Window'))}: {escape(language.moment(m.start))} – {escape(language.moment(m.end))}</p>"
        yield Entry(
            key=f"maintenance/{m.slug}/announcement",
            title=f"[{language('Planned maintenance')}] {m.title}",
            body=lambda: window + _markdown(m.description) + _statuses_html(m.affected, language, names),
            path=page,
            at=announced,
            components=touched,
        )
    for number, (update, key) in enumerate(zip(m.updates, _update_keys(f"maintenance/{m.slug}", m.updates)), 1):
        yield Entry(
            key=key,
            title=f"[{language('maintenance:' + update.status)}] {m.title}",
            body=functools.partial(_markdown, update.text),
            path=f"{page}#{update_anchor(number)}",
            at=update.at,
            components=touched,
        )


def _update_keys(owner: str, updates) -> Iterator[str]:
    """One key per update from its time: inserting an earlier update later
    leaves the others' keys alone; updates at the same minute get a count."""
    seen: dict[datetime, int] = {}
    for update in updates:
        seen[update.at] = seen.get(update.at, 0) + 1
        repeat = "" if seen[update.at] == 1 else f"/{seen[update.at]}"
        yield f"{owner}/update/{update.at.astimezone(timezone.utc):%Y-%m-%dT%H:%M:%SZ}{repeat}"


def _markdown(text: str) -> str:
    return str(to_html(text))


def _update_html(text: str, statuses: Affected, language: Language, names: dict[str, str]) -> str:
    return _markdown(text) + _statuses_html(statuses, language, names)


def _statuses_html(statuses: Affected, language: Language, names: dict[str, str]) -> str:
    if not statuses:
        return ""
    items: Iterable[str] = (f"<li>{escape(names[i])}: {escape(language(s))}</li>" for i, s in statuses)
    return f"<p>{escape(language('Affected components'))}:</p><ul>{''.join(items)}</ul>"
