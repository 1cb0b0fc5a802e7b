"""Pelican's closing line, said for a status site.

Pelican ends a build with "Done: Processed 0 articles, … 0 pages", which on
a Varde site reads as "nothing was built".  Its console (one object, which
Pelican's run prints to) is wrapped so that this line says what was built
instead: incidents, maintenance, environments, the output folder and the
build's id, with Pelican's own timing."""

from __future__ import annotations

import pelican

from varde.errors import display_path
from varde.presentation.build import Build

#: The line of the build that just completed, for Pelican's console to print.
_BUILT: list[str] = []


def built(build: Build, output, build_id: str) -> None:
    """Note what this build made, for the line Pelican prints next."""
    site, main = build.site, build.snapshots[0]
    environments = len(site.catalog.environments)
    _BUILT[:] = [
        f"Done: built {_count(len(site.incidents), 'incident')} ({len(main.open_incidents)} open), "
        f"{_count(len(site.maintenances), 'maintenance window')} and {_count(environments, 'environment')} "
        f"into {display_path(output)}/ (build {build_id[:12]})"
    ]


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


class _SaysWhatWasBuilt:
    """Pelican's console, but for its closing line."""

    def __init__(self, console) -> None:
        self._console = console

    def __getattr__(self, name: str):
        return getattr(self._console, name)

    def print(self, *objects, **options) -> None:
        said = objects[0] if objects and isinstance(objects[0], str) else ""
        if said.startswith("Done: Processed") and _BUILT:
            objects = (f"{_BUILT.pop()} in {said.rpartition(' in ')[2]}",)
        self._console.print(*objects, **options)


def install() -> None:
    if not isinstance(pelican.console, _SaysWhatWasBuilt):
        pelican.console = _SaysWhatWasBuilt(pelican.console)
