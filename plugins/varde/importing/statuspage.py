"""From Atlassian Statuspage's public API v2 to a Varde site's content.

Pure: the JSON documents of a page (components.json, incidents.json and
scheduled-maintenances.json) go in, the text of components.yaml,
incidents/*.md and maintenance/*.md comes out.  Names, update texts,
statuses, times (to the millisecond, in the offsets Statuspage gave) and
affected components are kept, so the imported history builds into the same
API records it came from.  Anything that is not what Statuspage serves
stops the import with one sentence naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from varde.authoring.render import document, dump, update_item
from varde.model import INCIDENT_COMPONENT_STATUSES, ComponentStatus, Impact, MaintenanceUpdateStatus, UpdateStatus
from varde.parsing.yamlsource import CONTROL
from varde.urls import slugify

COMPONENTS = "components.json"
INCIDENTS = "incidents.json"
MAINTENANCES = "scheduled-maintenances.json"

#: Statuspage's update statuses as ours; a postmortem notice is news.
_INCIDENT_STATUSES = {status.value: status.value for status in UpdateStatus} | {"postmortem": UpdateStatus.UPDATE.value}
_MAINTENANCE_STATUSES = {status.value: status.value for status in MaintenanceUpdateStatus}
_IMPACTS = {impact.value: impact.value for impact in Impact} | {"maintenance": Impact.NONE.value}
_COMPONENT_STATUSES = {status.value for status in INCIDENT_COMPONENT_STATUSES}
_OPERATIONAL = ComponentStatus.OPERATIONAL.value
_RESOLVED = UpdateStatus.RESOLVED.value
#: Statuspage's own words for an update that resolves.
_RESOLVED_TEXT = "This incident has been resolved."
_NO_TEXT = "(This update had no text.)"
_KINDS = {str: "a text", list: "a list", dict: "an object", bool: "true or false", int: "a number", float: "a number"}


class SourceError(ValueError):
    """A source file that is not a Statuspage response."""

    def __init__(self, source: str, message: str):
        super().__init__(f"{source}: {message}")
        self.source = source
        #: One sentence saying what is wrong and what to do.
        self.message = message


@dataclass(frozen=True, slots=True)
class Source:
    #: The file (or URL) as the person named it, for messages.
    name: str
    data: object


@dataclass(frozen=True, slots=True)
class Imported:
    #: Text by path relative to the content folder.
    files: dict[str, str]
    #: What the person should know about the result, one sentence each.
    notes: tuple[str, ...]
    #: The page's IANA time zone, for TIMEZONE.
    time_zone: str | None


def import_statuspage(components: Source, incidents: Source, maintenances: Source) -> Imported:
    page = _Page(components, incidents, maintenances)
    return Imported(page.files(), tuple(page.notes), page.time_zone)


# -- reading the JSON ----------------------------------------------------------


class _Item:
    """One JSON object of a source, read with messages that say where it is."""

    def __init__(self, source: Source, data: object, what: str):
        self.source, self.what = source, what
        if not isinstance(data, dict):
            raise self.fail("is not a JSON object; save the API's response again, unedited")
        self.data = data

    def fail(self, problem: str) -> SourceError:
        return SourceError(self.source.name, f"{self.what} {problem}.")

    def value(self, key: str, kind: type, required: bool = True):
        value = self.data.get(key)
        if value is None and not required:
            return None
        if type(value) is not kind:
            raise self.fail(f"has no `{key}` that is {_KINDS[kind]} (it is {_KINDS.get(type(value), 'missing')})")
        return value

    def text(self, key: str, required: bool = True) -> str | None:
        return self.value(key, str, required)

    def name(self) -> str:
        name = self.text("name").strip()
        if not name:
            raise self.fail("has an empty `name`")
        return name

    def time(self, key: str, required: bool = True) -> datetime | None:
        text = self.text(key, required)
        if text is None:
            return None
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise self.fail(f"has `{key}` {text!r}, which is not an ISO 8601 time with an offset")
        return moment

    def choice(self, key: str, allowed: dict[str, str]) -> str:
        value = self.text(key)
        if value not in allowed:
            raise self.fail(f"has `{key}` {value!r}, which is not one of {', '.join(sorted(allowed))}")
        return allowed[value]

    def items(self, key: str, kind: str) -> list[_Item]:
        """The objects of the list `key` (none where it is null)."""
        return [
            _Item(self.source, value, _describe(kind, number, value))
            for number, value in enumerate(self.value(key, list, required=False) or [], 1)
        ]


def _describe(kind: str, number: int, value: object) -> str:
    name = value.get("name") if isinstance(value, dict) else None
    return f"{kind} {number}" + (f" ({name!r})" if isinstance(name, str) else "")


def _listing(source: Source, key: str, kind: str) -> list[_Item]:
    if not isinstance(source.data, dict) or not isinstance(source.data.get(key), list):
        raise SourceError(
            source.name,
            f"there is no `{key}` list, so this is not a response of Statuspage's "
            "API; save it again from the page's /api/v2/.",
        )
    return _Item(source, source.data, "the response").items(key, kind)


@dataclass
class _Slugs:
    """Unique slugs within one folder (or one components.yaml)."""

    taken: set[str] = field(default_factory=set)

    def __call__(self, text: str, fallback: str) -> str:
        base = slugify(text) or fallback
        slug, number = base, 2
        while slug in self.taken:
            slug, number = f"{base}-{number}", number + 1
        self.taken.add(slug)
        return slug


def _description(item: _Item) -> dict[str, str]:
    """Statuspage's description, on one line, where there is one."""
    text = " ".join((item.text("description", required=False) or "").split())
    return {"description": text} if text else {}


# -- the page --------------------------------------------------------------------


class _Page:
    def __init__(self, components: Source, incidents: Source, maintenances: Source):
        self.notes: list[str] = []
        self.source = components.name
        self.slugs, self.incident_slugs, self.maintenance_slugs = _Slugs(), _Slugs(), _Slugs()
        self.groups: list[dict] = []
        self.components: list[dict] = []
        #: Statuspage's component id -> ours.
        self.ids: dict[str, str] = {}
        page = components.data.get("page") if isinstance(components.data, dict) else None
        self.page = page if isinstance(page, dict) else {}
        zone = self.page.get("time_zone")
        self.time_zone = zone if isinstance(zone, str) and zone else None
        self._read_components(_listing(components, "components", "component"))
        self.incidents = _listing(incidents, "incidents", "incident")
        self.maintenances = _listing(maintenances, "scheduled_maintenances", "maintenance")
        for record in (*self.incidents, *self.maintenances):
            self._add_unlisted(record)

    # -- components ----------------------------------------------------------

    def _add_component(self, item: _Item, group: str | None = None) -> None:
        code, name = item.text("id"), item.name()
        entry: dict[str, object] = {"id": self.slugs(name, "component"), "name": name}
        self.ids[code] = entry["id"]
        if group:
            entry["group"] = group
        entry.update(_description(item))
        if item.data.get("only_show_if_degraded") is True:
            entry["only_show_if_affected"] = True
        if item.text("start_date", required=False):
            entry["since"] = item.text("start_date")
        self.components.append(entry)

    def _read_components(self, items: list[_Item]) -> None:
        """In Statuspage's order, each group at its place with its members."""
        groups = [item for item in items if item.data.get("group") is True]
        members = {
            id(group): [
                item
                for item in items
                if item.data.get("group") is not True and item.data.get("group_id") == group.text("id")
            ]
            for group in groups
        }
        grouped = {id(member) for found in members.values() for member in found}
        for item in items:
            if item in groups and members[id(item)]:
                group = {"id": self.slugs(item.name(), "group"), "name": item.name(), **_description(item)}
                self.groups.append(group)
                for member in members[id(item)]:
                    self._add_component(member, group["id"])
            elif item not in groups and id(item) not in grouped:
                self._add_component(item)

    def _add_unlisted(self, record: _Item) -> None:
        """Components a record names that components.json does not list
        (removed since, or a trimmed file) are kept, ungrouped."""
        found = [(item.text("id"), item) for item in record.items("components", "component")]
        for update in record.items("incident_updates", "update"):
            found += [(row.text("code"), row) for row in update.items("affected_components", "affected component")]
        for code, item in found:
            if code not in self.ids:
                self._add_component(_Item(item.source, {"id": code, "name": item.text("name")}, item.what))
                self.notes.append(
                    f"{item.source.name} names the component {item.text('name')!r}, which "
                    f"{COMPONENTS} does not list; it was added to components.yaml."
                )

    def _listed(self, record: _Item) -> list[str]:
        return [self.ids[item.text("id")] for item in record.items("components", "component")]

    def _every_component(self, record: _Item) -> dict[str, str]:
        """Varde needs `affected`; where Statuspage named no component, every
        component, at a status that changes nothing."""
        self.notes.append(
            f"{record.source.name}: {record.what} names no component, so it lists every "
            "component as operational; narrow its `affected` if you know better."
        )
        return {entry["id"]: _OPERATIONAL for entry in self.components}

    # -- incidents -------------------------------------------------------------

    @staticmethod
    def _updates(record: _Item) -> list[tuple[datetime, _Item]]:
        """By the time readers saw them (display_at), oldest first."""
        updates = record.items("incident_updates", "update")
        timed = [(update.time("display_at", required=False) or update.time("created_at"), update) for update in updates]
        return sorted(timed, key=lambda pair: pair[0])

    def _affected(self, update: _Item) -> dict[str, str] | None:
        """Component statuses an update set: its affected components' new status."""
        statuses = {}
        for row in update.items("affected_components", "affected component"):
            new = row.text("new_status")
            if new == ComponentStatus.UNDER_MAINTENANCE.value:
                continue  # in Varde only maintenance gives that status
            if new not in _COMPONENT_STATUSES:
                raise row.fail(f"has `new_status` {new!r}, which is not a component status")
            statuses[self.ids[row.text("code")]] = new
        return statuses or None

    def incident(self, record: _Item) -> tuple[str, str]:
        title, impact = record.name(), record.choice("impact", _IMPACTS)
        updates = self._updates(record)
        if not updates:
            raise record.fail("has no `incident_updates`; Varde needs at least one update")
        statuses = [update.choice("status", _INCIDENT_STATUSES) for _, update in updates]
        last = len(statuses) - 1  # only the last update may resolve; an earlier "resolved" is news
        entries = [
            update_item(
                _time(at),
                UpdateStatus.UPDATE.value if s == _RESOLVED and n < last else s,
                _text(update.text("body", required=False)),
                self._affected(update),
            )
            for n, ((at, update), s) in enumerate(zip(updates, statuses))
        ]
        # The first update's statuses hold from the start; what only the
        # component list names stayed operational as far as the updates say.
        affected = entries[0].pop("affected", None) or {}
        later = [ident for entry in entries[1:] for ident in entry.get("affected", {})]
        affected.update(
            (ident, _OPERATIONAL) for ident in self._listed(record) if ident not in affected and ident not in later
        )
        if not affected and impact != Impact.NONE.value:
            affected = dict.fromkeys(later, _OPERATIONAL) or self._every_component(record)
        if record.text("status") in (_RESOLVED, "postmortem") and entries[-1]["status"] != _RESOLVED:
            resolved = max(record.time("resolved_at", required=False) or updates[-1][0], updates[-1][0])
            entries.append(update_item(_time(resolved), _RESOLVED, _RESOLVED_TEXT))
            self.notes.append(
                f"{record.source.name}: {record.what} is resolved but has no resolving "
                "update; one was added at its resolved_at."
            )
        front = {"title": title, "impact": impact, **({"affected": affected} if affected else {}), "updates": entries}
        return f"incidents/{self.incident_slugs(f'{updates[0][0]:%Y-%m-%d} {title}', 'incident')}.md", document(front)

    # -- maintenance -----------------------------------------------------------

    def maintenance(self, record: _Item) -> tuple[str, str]:
        """The first `scheduled` update is the announcement: its time is
        `announced` and its text the body, as Varde's API gives them back."""
        title = record.name()
        start, end = record.time("scheduled_for"), record.time("scheduled_until")
        if end < start:
            raise record.fail("ends (`scheduled_until`) before it starts (`scheduled_for`)")
        updates = self._updates(record)
        announcement = next(((at, u) for at, u in updates if u.data.get("status") == "scheduled"), None)
        announced = announcement[0] if announcement else record.time("created_at", required=False)
        front: dict[str, object] = {
            "title": title,
            "window": {"start": _time(start), "end": _time(end)},
            "affected": self._listed(record) or self._every_component(record),
            **({"announced": _time(announced)} if announced else {}),
        }
        rest = [
            update_item(
                _time(at), update.choice("status", _MAINTENANCE_STATUSES), _text(update.text("body", required=False))
            )
            for at, update in updates
            if (at, update) != announcement
        ]
        if rest:
            front["updates"] = rest
        body = _normalized(announcement[1].text("body", required=False) or "") if announcement else ""
        return f"maintenance/{self.maintenance_slugs(f'{start:%Y-%m-%d} {title}', 'maintenance')}.md", document(
            front, body
        )

    # -- the files ---------------------------------------------------------------

    def files(self) -> dict[str, str]:
        if not self.components:
            raise SourceError(self.source, "the page lists no components; Varde needs at least one.")
        records = [*map(self.incident, self.incidents), *map(self.maintenance, self.maintenances)]
        name, url = self.page.get("name"), self.page.get("url")
        # One line, whatever the page calls itself: a line break would end the
        # YAML comment and put the rest of its name into components.yaml.
        origin = " ".join(str(part) for part in (name, f"({url})" if url else None) if part)
        origin = " ".join(CONTROL.sub(" ", origin).split()) or "a Statuspage page"
        header = (
            f"# Imported from {origin} by `varde import statuspage`.\n# The order here is the order on the page.\n\n"
        )
        catalog = {**({"groups": self.groups} if self.groups else {}), "components": self.components}
        return {"components.yaml": header + dump(catalog), **dict(records)}


def _time(moment: datetime) -> str:
    """The instant exactly, in the offset Statuspage gave it."""
    spec = "milliseconds" if moment.microsecond else "seconds" if moment.second else "minutes"
    return moment.isoformat(timespec=spec)


def _normalized(text: str) -> str:
    """Statuspage's texts come from web forms, with Windows line ends."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _text(body: str | None) -> str:
    return _normalized(body or "") or _NO_TEXT
