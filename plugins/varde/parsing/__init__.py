"""Turning a site's text files into the domain model, or into problems."""

from .site import load_site

__all__ = ["load_site"]
