"""Settings for the public build (`make publish`): pelicanconf plus the
public address, which feeds and the API need absolute."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = "https://status.example.com"  # where the site is published

# Who hears of each incident and maintenance (`varde notify`, run by the
# workflow after each publish); ${NAME} is read from the environment, so
# addresses and passwords stay in CI secrets.  See Varde's docs/notifications.md.
VARDE_NOTIFY = [
    # {"name": "drift-epost",
    #  "url": "mailtos://${SMTP_USER}:${SMTP_PASSWORD}@smtp.example.com?to=${NOTIFY_TO}"},
]
