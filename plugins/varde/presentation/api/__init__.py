"""Machine-readable status: Atlassian Statuspage's public API v2, same paths
and shapes, so tools built for Statuspage read a Varde site unchanged."""

from varde.presentation.api.statuspage import statuspage_files

__all__ = ["statuspage_files"]
