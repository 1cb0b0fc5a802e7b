"""Varde's settings: typed, read once from Pelican's plain settings dict.

Every setting Varde reads is a field of `VardeSettings`, checked in one
place and named the one way ("the VARDE_X setting: what is wrong; set it to
e.g. ..."), whichever command or build reads it.
"""

from varde.settings.mirrors import Kind, Mirror
from varde.settings.notify import Channel, Event, Ledger
from varde.settings.site import (
    COMPONENTS_FILE,
    INCIDENTS_DIR,
    LANGUAGES,
    MAINTENANCE_DIR,
    PUBLISH_SETTINGS_FILE,
    SETTINGS_FILE,
    UPSTREAM_DIR,
    VardeSettings,
    apply_defaults,
)

__all__ = [
    "Channel",
    "Event",
    "Ledger",
    "COMPONENTS_FILE",
    "INCIDENTS_DIR",
    "LANGUAGES",
    "MAINTENANCE_DIR",
    "PUBLISH_SETTINGS_FILE",
    "SETTINGS_FILE",
    "UPSTREAM_DIR",
    "Kind",
    "Mirror",
    "VardeSettings",
    "apply_defaults",
]
