"""What every page and file of a build is made from, and the form of an
output that makes files besides the HTML pages.

Each such output is a pure function of the build and one environment's snapshot
that returns file contents by path (relative to that environment's root).
The generator writes them; the functions never touch the file system or the
clock, so they are tested like the engine: give them a snapshot, read the
bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from varde.model import Site
from varde.settings import VardeSettings
from varde.status import Snapshot


@dataclass(frozen=True, slots=True, eq=False)
class Build:
    """What every output may depend on.

    Compared and hashed by identity (one run, one Build), so what several
    outputs need can be computed once per build (uptime_output.py)."""

    site: Site
    #: One per environment, the main one first.
    snapshots: tuple[Snapshot, ...]
    settings: VardeSettings
    now: datetime

    def prefix(self, snapshot: Snapshot) -> str:
        """The folder of an environment's sub-site: "" for the main one."""
        main = self.snapshots[0].environment.id
        return "" if snapshot.environment.id == main else f"{snapshot.environment.id}/"


@dataclass(frozen=True, slots=True)
class Deferred:
    """A file made only if the previous build's copy cannot be reused:
    `depends_on` is what it shows besides the site, as for pages
    (pages.Page), or None if it shows the present."""

    depends_on: object
    make: Callable[[], str | bytes]


FileOutput = Callable[[Build, Snapshot], Mapping[str, str | bytes | Deferred]]
