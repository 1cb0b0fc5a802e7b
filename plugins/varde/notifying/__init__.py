"""Notifications: what each channel is to be told at an instant, as
messages ready to send.

Pure, as the status engine and the presentation are: given the site, "now"
and a channel, it lists what is new, with no I/O and no clock.  Sending,
the ledger of what was sent and the environment's secrets are the
`varde notify` command's (commands/notify.py).
"""

from varde.notifying.notice import Notice, delivery_key
from varde.notifying.notices import notices

__all__ = ["Notice", "delivery_key", "notices"]
