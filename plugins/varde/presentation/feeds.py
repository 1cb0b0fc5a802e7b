"""RSS and Atom: one entry per published update, postmortem and maintenance
announcement, for the whole site and for each component.

Entry ids are URNs derived from what the entry is (which incident, which
update time), never from the build or the site's address, so a rebuild or a
move to another host does not re-announce anything.  Feed dates come from
the content, so an unchanged site gives byte-identical feeds.
"""

from __future__ import annotations

import functools
import heapq
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator
from markupsafe import escape

from varde.cache.fingerprints import fingerprint
from varde.markup import to_html
from varde.model import Affected, Incident, MaintenanceUpdate, Update
from varde.presentation.build import Build, Deferred
from varde.presentation.i18n import Language
from varde.status import Snapshot
from varde.status.published import postmortem_time
from varde.status.snapshot import IncidentView, MaintenanceView
from varde.urls import (
    absolute,
    component_feed_path,
    history_feed_path,
    incident_path,
    maintenance_path,
    update_anchor,
)

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://varde.invalid/feed-entry")
#: A feed's two forms, made from one set of entries.
FORMS = ("atom", "rss")


@dataclass(frozen=True, slots=True)
class Entry:
    key: str
    title: str
    #: The entry's HTML as parts: ("markdown", text), ("html", markup) or
    #: ("statuses", affected).  Made into HTML only for the entries a feed
    #: shows (a hundred of a large site's tens of thousands of updates), and
    #: plain data, so a feed's entries can be compared between builds.
    body: tuple[tuple[str, object], ...]
    path: str
    at: datetime
    #: Component ids the entry concerns, for the per-component feeds (sorted,
    #: so the entry's repr, which the build cache compares, is stable).
    components: tuple[str, ...]
    #: Among entries of one instant, a higher rank is newer (a postmortem
    #: dated with its resolving update follows it).
    rank: int = 0


def render(build: Build, snapshot: Snapshot) -> dict[str, Deferred]:
    language = Language(build.settings.language, build.settings.timezone)
    names = {c.id: c.name for c in build.site.catalog.components}
    files: dict[str, Deferred] = {}
    feeds = [(history_feed_path, language("History"), None)] + [
        (functools.partial(component_feed_path, state.component.id), state.component.name, state.component.id)
        for state in snapshot.components
    ]
    chosen_for = _newest_by_component(
        _candidates(snapshot, language, build.settings.feed_max_items), build.settings.feed_max_items
    )
    for path_of, title, component in feeds:
        chosen = chosen_for.get(component, [])
        # A feed shows its entries and, with none, the build's time.  Its
        # Atom and RSS forms show the same: digested once for both.
        depends_on = (title, fingerprint(*chosen)) if chosen else None
        both = functools.cache(functools.partial(_feed, build, snapshot, language, names, path_of, title, chosen))
        for kind in FORMS:
            files[path_of(kind)] = Deferred(depends_on, functools.partial(_form, both, kind))
    return files


def _form(both: Callable[[], dict[str, bytes]], kind: str) -> bytes:
    """One form of a feed, handed out once (each file is made once): taken
    out, so the bytes of a site's hundred feed files do not all stay in
    memory until the last one is written."""
    return both().pop(kind)


def _candidates(snapshot: Snapshot, language: Language, most: int) -> list[Entry]:
    """Every entry that can be among the newest `most` of a feed, newest first.

    A large site has tens of thousands of updates and its feeds show a
    hundred, so an incident's entries are made only while a feed it concerns
    could still take one: incidents are visited newest first, and once a feed
    holds `most` entries newer than anything an incident has, neither it nor
    any older incident can enter that feed."""
    if not most:
        return []
    found = [entry for view in snapshot.maintenances for _, entry in maintenance_entries(view, snapshot.now, language)]
    newest: dict[str | None, list[datetime]] = {}  # per feed, the `most` newest times found (a min-heap)

    def take(entry: Entry) -> None:
        for feed in (None, *entry.components):
            times = newest.setdefault(feed, [])
            (heapq.heappush if len(times) < most else heapq.heappushpop)(times, entry.at)

    def full(feed: str | None, at: datetime) -> bool:
        times = newest.get(feed, ())
        return len(times) >= most and times[0] > at

    for entry in found:
        take(entry)
    visits = sorted(
        ((newest_time(view.incident), view) for view in snapshot.incidents), key=lambda visit: visit[0], reverse=True
    )
    for at, view in visits:
        if full(None, at) and all(full(component, at) for component, _ in view.worst_statuses):
            continue
        for _, entry in incident_entries(view, language):
            found.append(entry)
            take(entry)
    return sorted(found, key=lambda e: (e.at, e.rank, e.key), reverse=True)


def newest_time(incident: Incident) -> datetime:
    """The time of an incident's newest entry."""
    latest = incident.updates[-1].at  # updates are sorted by time
    return max(latest, postmortem_time(incident) or latest) if incident.postmortem else latest


def _newest_by_component(entries: list[Entry], most: int) -> dict[str | None, list[Entry]]:
    """The newest `most` entries for each component, and (under None) of all:
    one pass, since a site has fifty component feeds."""
    chosen: dict[str | None, list[Entry]] = {None: entries[:most]}
    for entry in entries:
        for component in entry.components:
            listed = chosen.setdefault(component, [])
            if len(listed) < most:
                listed.append(entry)
    return chosen


def _feed(
    build: Build,
    snapshot: Snapshot,
    language: Language,
    names: dict[str, str],
    path_of: Callable[[str], str],
    title: str,
    entries: list[Entry],
) -> dict[str, bytes]:
    """The feed in both forms: its entries are made once (the most costly
    part), then it is written as Atom and as RSS, each with its own link."""
    settings, prefix = build.settings, build.prefix(snapshot)
    environment = "" if not prefix else f" ({snapshot.environment.name})"
    feed = FeedGenerator()
    atom = path_of("atom")  # both forms of a feed share the Atom one's id
    feed.id(
        absolute(settings.site_url, prefix, atom)
        if settings.site_url
        else f"urn:uuid:{uuid.uuid5(_NAMESPACE, prefix + atom)}"
    )
    feed.title(f"{settings.site_name}{environment}: {title}")
    feed.description(f"{settings.site_name}{environment}: {title}")
    feed.language(language.code)
    feed.generator("Varde")
    newest = entries[0].at if entries else build.now
    feed.updated(newest)
    feed.lastBuildDate(newest)
    for entry in entries:
        item = feed.add_entry(order="append")
        urn = f"urn:uuid:{uuid.uuid5(_NAMESPACE, entry.key)}"
        item.id(urn)
        item.guid(urn, permalink=False)
        item.title(entry.title)
        item.link(href=absolute(settings.site_url, prefix, entry.path))
        html = _html(entry.body, language, names)
        item.description(html)  # RSS; must come first: feedgen reuses it as Atom content
        item.content(html, type="html")
        item.published(entry.at)
        item.updated(entry.at)
    home = {"href": absolute(settings.site_url, prefix, "index.html"), "rel": "alternate"}
    forms = {}
    for kind in FORMS:
        itself = {"href": absolute(settings.site_url, prefix, path_of(kind)), "rel": "self"}
        feed.link([itself, home], replace=True)  # RSS takes the last
        forms[kind] = feed.atom_str(pretty=True) if kind == "atom" else feed.rss_str(pretty=True)
    return forms


def incident_entries(view: IncidentView, language: Language) -> Iterator[tuple[Update | None, Entry]]:
    """An incident's entries, each with the update it tells of (None: the
    postmortem), so notifications send what the feeds show, keyed alike."""
    incident = view.incident
    page = incident_path(incident.slug)
    touched = tuple(sorted({ident for ident, _ in view.worst_statuses}))
    statuses = dict(incident.affected)
    for number, (update, key) in enumerate(zip(incident.updates, _update_keys(incident.slug, incident.updates)), 1):
        statuses.update(update.affected)
        yield (
            update,
            Entry(
                key=key,
                title=f"[{language(update.status)}] {incident.title}",
                body=(("markdown", update.text), ("statuses", tuple(statuses.items()))),
                path=f"{page}#{update_anchor(number)}",
                at=update.at,
                components=touched,
            ),
        )
    if incident.postmortem:
        yield (
            None,
            Entry(
                key=f"{incident.slug}/postmortem",
                title=f"[{language('Postmortem')}] {incident.title}",
                body=(("markdown", incident.postmortem),),
                path=f"{page}#postmortem",
                at=postmortem_time(incident) or view.latest_update.at,
                components=touched,
                rank=1,
            ),
        )


def maintenance_entries(
    view: MaintenanceView, now: datetime, language: Language
) -> Iterator[tuple[MaintenanceUpdate | None, Entry]]:
    """A maintenance's entries, each with its update (None: the announcement)."""
    m = view.maintenance
    page = maintenance_path(m.slug)
    touched = tuple(sorted({ident for ident, _ in m.affected}))
    announced = m.announced or m.start
    # A repeating maintenance is announced once, with its first window.
    if announced <= now and (m.recurrence is None or m.start == m.recurrence.start):
        window = f"<p>{escape(language('Window'))}: {escape(language.moment(m.start))} – {escape(language.moment(m.end))}</p>"
        yield (
            None,
            Entry(
                key=f"maintenance/{m.slug}/announcement",
                title=f"[{language('Planned maintenance')}] {m.title}",
                body=(("html", window), ("markdown", m.description), ("statuses", m.affected)),
                path=page,
                at=announced,
                components=touched,
            ),
        )
    for number, (update, key) in enumerate(zip(m.updates, _update_keys(f"maintenance/{m.slug}", m.updates)), 1):
        yield (
            update,
            Entry(
                key=key,
                title=f"[{language('maintenance:' + update.status)}] {m.title}",
                body=(("markdown", update.text),),
                path=f"{page}#{update_anchor(number)}",
                at=update.at,
                components=touched,
            ),
        )


def _update_keys(owner: str, updates) -> Iterator[str]:
    """One key per update from its time: inserting an earlier update later
    leaves the others' keys alone; updates at the same minute get a count."""
    seen: dict[datetime, int] = {}
    for update in updates:
        seen[update.at] = seen.get(update.at, 0) + 1
        repeat = "" if seen[update.at] == 1 else f"/{seen[update.at]}"
        yield f"{owner}/update/{update.at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}{repeat}"


def _html(body: tuple[tuple[str, object], ...], language: Language, names: dict[str, str]) -> str:
    made = {
        "markdown": lambda text: str(to_html(text)),
        "html": str,
        "statuses": lambda statuses: _statuses_html(statuses, language, names),
    }
    return "".join(made[kind](value) for kind, value in body)


def _statuses_html(statuses: Affected, language: Language, names: dict[str, str]) -> str:
    if not statuses:
        return ""
    items: Iterable[str] = (f"<li>{escape(names[i])}: {escape(language(s))}</li>" for i, s in statuses)
    return f"<p>{escape(language('Affected components'))}:</p><ul>{''.join(items)}</ul>"
