"""The build cache's store: one folder of pickled entries, each kept under
the fingerprint of everything that produced it."""

from __future__ import annotations

import pickle
from pathlib import Path

from varde import processes
from varde.collector import collector_paused
from varde.files import replacing


class Cache:
    """One folder of pickled entries, each stored with its fingerprint."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load(self, name: str, expected: str) -> object | None:
        """The entry `name` if it was stored under `expected`, else None."""
        _reap(self.folder / name)  # a save of it in the background ends first
        try:
            with open(self.folder / name, "rb") as stream, collector_paused():
                stored, value = pickle.load(stream)
        except Exception:  # missing, truncated, from another Python: recompute
            return None
        return value if stored == expected else None

    def save(self, name: str, fingerprint_: str, value: object) -> None:
        """Store an entry atomically; a cache that cannot be written is only
        a slower next build, so failures are ignored."""
        try:
            with replacing(self.folder / name) as stream, collector_paused():
                pickle.dump((fingerprint_, value), stream, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError:
            pass

    def save_in_background(self, name: str, fingerprint_: str, value: object) -> None:
        """save(), in a forked process where one can be spared, for an entry
        only the next run needs: pickling a large site's parsed files is time
        this run need not wait for (docs/benchmarks.md).  This process waits
        for it before it loads the entry or exits."""
        _reap(self.folder / name)
        _SAVING[self.folder / name] = processes.Background(lambda: self.save(name, fingerprint_, value))


#: Entries being saved in the background, by file, until waited for.
_SAVING: dict[Path, processes.Background] = {}


def _reap(path: Path) -> None:
    """Wait for a background save of `path` to end."""
    saving = _SAVING.pop(path, None)
    if saving is not None:
        saving.wait()
