"""Settings for the public build (`make publish`): pelicanconf plus the
public address, which feeds and the API need absolute."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = "https://status.example.com"  # where the site is published
