"""Presentation: the status engine's snapshots turned into what people and
programs read (HTML pages, feeds, the Statuspage API, the calendar, badges),
in the site's language.  Pure: given a build, it returns contents by path;
writing them is the output stage's work."""
