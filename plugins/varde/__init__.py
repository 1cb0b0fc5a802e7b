"""Varde: a static status-page generator, as a Pelican plugin.

Importing the package imports nothing of Pelican, so the domain model, the
parsers and the status engine stay usable (and testable) on their own;
`register()` is Pelican's entry point and wires the plugin in.
"""

__version__ = "0.1.0"


def register() -> None:
    from varde.plugin.signals import connect

    connect()
