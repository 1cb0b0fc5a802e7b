"""A site opened for writing: its settings, its valid content, and the one
way to change a file (validate the whole site with the change, then swap).

Two commands changing one site at once (two engineers' `varde update`, a
script and a person) each read a file and write it back with their change:
the second write would drop the first one's.  A command therefore holds
the content folder from the moment it reads the site until it ends (a
second one says so and waits, then reads what the first wrote), and a
file is only replaced if it still holds what the change was made from.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from varde.authoring.errors import Refused
from varde.cache.store import Cache
from varde.errors import ContentError, Problem, did_you_mean, display_path
from varde.files import hold, replacing
from varde.model import ComponentStatus, Incident, Origin, Site
from varde.parsing import load_site_cached
from varde.settings import COMPONENTS_FILE, INCIDENTS_DIR, MAINTENANCE_DIR, VardeSettings
from varde.times import TimeValueError, build_now, parse_time, shown

NOTHING_WRITTEN = "nothing was written"
#: How far after now an --at may be without --future: a clock a few minutes
#: off, or a time rounded up to the next minute.
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class Workspace:
    root: Path
    settings: VardeSettings
    site: Site

    @classmethod
    def open(cls, target: Path, settings: VardeSettings) -> Workspace:
        """The site in `target` (a folder or its settings file), with its
        settings; refused when its content is invalid already, since no
        change could then be published.  The content is held for writing
        until the command ends."""
        hold(settings.content, f"another varde command is changing {display_path(settings.content)}")
        try:
            site = load_site_cached(
                settings.content, settings.timezone, Cache(settings.cache), settings.upstream_max_age
            )
        except ContentError as error:
            raise Refused(
                f"{NOTHING_WRITTEN}: the site has problems already (listed above); fix them, then run this again.",
                details=error.report(),
            ) from None
        root = target if target.is_dir() else target.parent
        return cls(root, settings, site)

    @property
    def zone(self):
        return self.settings.timezone

    # -- reading the command line against the site ------------------------

    def time(self, value: str | None, option: str = "--at") -> datetime:
        """A time from the command line, or now (SOURCE_DATE_EPOCH when set)."""
        if value is None:
            return build_now(os.environ, time.time)
        try:
            return parse_time(value, self.zone)
        except TimeValueError as error:
            raise Refused(f"{option}: {error}") from None

    def posted_time(self, value: str | None, future: bool) -> datetime:
        """When something was posted: --at, or now.  A time after now is
        refused unless `future` (--future) says it is meant, since what it
        dates stays hidden from every page until then."""
        at, now = self.time(value), build_now(os.environ, time.time)
        if at > now + CLOCK_SKEW and not future:
            raise Refused(
                f"--at {shown(at, self.zone)} is after now ({shown(now, self.zone)}), so it would stay hidden "
                "until then; correct the date, or add --future if that is meant."
            )
        return at

    def components(
        self,
        pairs: Iterable[tuple[str, ComponentStatus | None]],
        allowed: Collection[ComponentStatus],
        default: ComponentStatus | None = None,
    ) -> tuple[tuple[str, ComponentStatus], ...]:
        """`--affected` pairs, checked against components.yaml and `allowed`."""
        known = [component.id for component in self.site.catalog.components]
        result = []
        for ident, status in pairs:
            if ident not in known:
                listed = ", ".join(known) or "none yet"
                raise Refused(
                    f"--affected: {ident!r} is not a component of this site (components.yaml lists {listed})."
                    + did_you_mean(ident, known)
                )
            status = status or default
            if status is None or status not in allowed:
                names = ", ".join(allowed)
                raise Refused(f"--affected: give {ident!r} a status, one of {names}, as {ident}=STATUS.")
            result.append((ident, status))
        return tuple(result)

    def incident(self, slug: str) -> tuple[Incident, Path]:
        """The incident with this slug (or file name), and its file."""
        wanted = Path(slug).stem if slug.endswith(".md") else slug
        for incident in self.site.incidents:
            if incident.slug == wanted:
                return incident, Path(incident.origin.path)
        slugs = [incident.slug for incident in self.site.incidents]
        hint = did_you_mean(wanted, slugs) or _open_ones(self.site)
        raise Refused(f"no incident has the slug {wanted!r}; give the file name without `.md`.{hint}")

    def new_file(self, folder: str, slug: str, existing: Sequence[str]) -> Path:
        path = self.settings.content / folder / f"{slug}.md"
        if slug in existing or path.exists():
            also = f", or add to it with `varde update {slug}`" if slug in _open_slugs(self.site) else ""
            raise Refused(f"{display_path(path)} already exists; choose another name with --slug{also}.")
        return path

    def free_slug(self, folder: str, slug: str, existing: Sequence[str]) -> str:
        """`slug`, or the first of `slug-2`, `slug-3`, ... no file has: the
        same title again the same day (the login fails again after it was
        resolved) is a new incident.  An open incident's slug is given back
        as it is: the news belongs in that incident (new_file says so)."""
        taken, still_open = set(existing), set(_open_slugs(self.site))
        candidate, number = slug, 1
        while candidate in taken or (self.settings.content / folder / f"{candidate}.md").exists():
            if candidate in still_open:
                return candidate
            number += 1
            candidate = f"{slug}-{number}"
        return candidate

    # -- writing ----------------------------------------------------------

    def save(
        self,
        path: Path,
        text: str,
        expect: Callable[[Site], str | None] | None = None,
        *,
        replaces: str | None = None,
    ) -> Site:
        """Write `text` to `path` if the whole site is valid with it (and
        `expect`, given the site as it would read, finds nothing to object
        to); the site as it then reads. Refused, writing nothing, otherwise,
        and if `path` no longer holds `replaces`, the text the change was
        made from (None: a new file, which must not exist yet)."""
        site = validate_with(self.settings, path, text)
        objection = expect(site) if expect else None
        if objection:
            raise Refused(objection)
        # Last, just before the swap: an editor may have saved the file meanwhile.
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != replaces:
            happened = "was changed" if replaces is not None else "was created"
            raise Refused(
                f"{NOTHING_WRITTEN}: {display_path(path)} {happened} by someone else while this command ran; "
                "run it again to make your change on top."
            )
        with replacing(path, durable=True) as stream:
            stream.write(text.encode("utf-8"))
        return site


def _open_slugs(site: Site) -> list[str]:
    from varde.status.incidents import is_open

    return [incident.slug for incident in site.incidents if is_open(incident)]


def _open_ones(site: Site) -> str:
    slugs = _open_slugs(site)
    return f" Open incidents: {', '.join(slugs)}." if slugs else ""


def validate_with(settings: VardeSettings, path: Path, text: str) -> Site:
    """The site as it would read with `path` holding `text`, checked in a
    private copy of its content so that nothing of the real one changes."""
    content = settings.content
    with tempfile.TemporaryDirectory(prefix="varde-check-") as scratch:
        copy = Path(scratch) / "content"
        copy.mkdir()
        if (content / COMPONENTS_FILE).is_file():
            shutil.copy2(content / COMPONENTS_FILE, copy / COMPONENTS_FILE)
        for folder in (INCIDENTS_DIR, MAINTENANCE_DIR):
            if (content / folder).is_dir():
                shutil.copytree(content / folder, copy / folder)  # links (inside the site) as their files
        candidate = copy / path.resolve().relative_to(content.resolve())
        candidate.parent.mkdir(parents=True, exist_ok=True)
        candidate.write_bytes(text.encode("utf-8"))
        try:
            return load_site_cached(copy, settings.timezone, Cache(settings.cache))
        except ContentError as error:
            raise Refused(
                f"{NOTHING_WRITTEN}: the change would make the site invalid (listed above).",
                details=_as_if_real(error, display_path(copy), display_path(content)).report(),
            ) from None


def _as_if_real(error: ContentError, scratch: str, real: str) -> ContentError:
    """The problems with the scratch copy's paths put back to the real ones."""

    def real_text(text: str) -> str:
        return text.replace(scratch + "/", real + "/")

    return ContentError(
        [
            Problem(Origin(real_text(problem.origin.path), problem.origin.line), real_text(problem.message))
            for problem in error.problems
        ]
    )
