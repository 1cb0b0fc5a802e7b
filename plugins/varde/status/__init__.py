"""The status engine: pure functions of the model and an instant.

No I/O and no clock: every function takes "now" as an argument, so the
state of a site at any instant is a plain computation, and a build pinned
with SOURCE_DATE_EPOCH shows the site exactly as it stood then.
"""

from varde.status.snapshot import ComponentState, Snapshot, snapshot, snapshots

__all__ = ["ComponentState", "Snapshot", "snapshot", "snapshots"]
