"""Turning a site's text files into the domain model, or into problems."""

from varde.parsing.site import ParsedFiles, load_site, load_site_cached

__all__ = ["ParsedFiles", "load_site", "load_site_cached"]
