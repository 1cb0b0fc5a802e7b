"""Settings for building the example site locally (`make html`)."""

AUTHOR = "Nordhelse"
SITENAME = "Nordhelse driftsstatus"
SITEURL = ""

PATH = "content"
TIMEZONE = "Europe/Oslo"
DEFAULT_LANG = "nb"

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
