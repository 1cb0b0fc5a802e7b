"""Settings for building the example site locally (`make html`)."""

AUTHOR = "Nordhelse"
SITENAME = "Nordhelse driftsstatus"
SITEURL = ""

PATH = "content"
TIMEZONE = "Europe/Oslo"
DEFAULT_LANG = "nb"

# Shown before SITENAME in every page's header: an SVG or PNG in content/.
VARDE_LOGO = "logo.svg"

THEME = "theme"  # the default; a site of its own may leave THEME out
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["varde"]

# Links between pages are relative, so the site works from any sub-path,
# from an object store and from file://.
RELATIVE_URLS = True

STATIC_PATHS: list[str] = []
DISPLAY_PAGES_ON_MENU = True

# A status site has no blog feeds; Varde writes its own.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Pages are Markdown; reStructuredText's docutils has no Norwegian and says so.
READERS = {"rst": None}

# The example site is always shown as it stood at this instant, whatever
# today's date: its incidents are invented, and one of them is open and
# promises news for the next morning.  A real status site leaves this out
# and shows the present; SOURCE_DATE_EPOCH (and `varde build --at`) still
# choose another instant.
VARDE_DEMO_NOW = "2026-11-22 12:00"
