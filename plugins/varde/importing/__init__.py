"""Bringing a site's history over from another status page service."""
