"""Settings for building this status site locally (`make html`, `varde build`)."""

SITENAME = "Status"
SITEURL = ""  # local builds: every link stays relative, so output/ works from file://

PATH = "content"
TIMEZONE = "UTC"  # the zone of every time written in content/ (an IANA name)
DEFAULT_LANG = "en"  # the pages' language: en, nb, nn or sv

# The installed varde package is the plugin and brings its own theme.
PLUGINS = ["varde"]
RELATIVE_URLS = True

# Pelican's blog feeds: a status site has none (Varde writes its own), and
# naming them here keeps Pelican from warning about them.
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

# The longest an open incident may go without an update, in minutes per
# impact: `varde status` warns and `varde check --cadence` fails after it.
# VARDE_CADENCE_MINUTES = {"critical": 30, "major": 60, "minor": 120}
