"""The ledger of sent notifications: a JSON file beside the site, or on an
rclone remote beside the mirrors (the content format, "Notifications").

Each success is written at once, so a run killed halfway resends nothing
it had sent.  Entries that the age limit keeps from ever being sent again
are dropped, so the file stays small however long the site lives.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from varde.deploy.tools import DeployError, run
from varde.errors import ContentError, Problem
from varde.files import replacing
from varde.model import Origin
from varde.settings import Ledger

#: rclone's exit statuses for a missing folder or file: an empty ledger.
_MISSING = (3, 4)


class SentLedger:
    def __init__(self, where: Ledger):
        self.where = where
        self.sent: dict[str, dict] = {}

    def read(self) -> SentLedger:
        """What earlier runs sent; nothing where there is no ledger yet."""
        if self.where.rclone:
            try:
                done = run(["rclone", "cat", self.where.location], self._hint(), ok=(0, *_MISSING))
            except DeployError as error:
                raise self._refusal(str(error)) from None
            text = done.stdout if done.returncode == 0 else ""
        else:
            path = Path(self.where.location)
            text = path.read_text(encoding="utf-8") if path.is_file() else ""
        try:
            self.sent = dict(json.loads(text).get("sent", {})) if text.strip() else {}
            for entry in self.sent.values():  # each as record() writes it
                datetime.fromisoformat(entry["at"])
        except (ValueError, AttributeError, TypeError, KeyError):
            raise self._refusal(
                "it is not a ledger Varde wrote (not its JSON); restore it from a backup, or delete it "
                "(nothing older than VARDE_NOTIFY_MAX_AGE is then sent again)."
            ) from None
        return self

    def __contains__(self, key: str) -> bool:
        return key in self.sent

    def record(self, key: str, channel: str, entry: str, at: datetime, oldest: datetime) -> None:
        """`key` sent, written at once; what is older than `oldest` is never sent again, so forgotten."""
        self.sent[key] = {"channel": channel, "entry": entry, "at": at.isoformat()}
        self.sent = {k: v for k, v in self.sent.items() if datetime.fromisoformat(v["at"]) > oldest - timedelta(days=1)}
        text = json.dumps({"sent": self.sent}, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        if self.where.rclone:
            run(["rclone", "rcat", self.where.location], self._hint(), input=text)
        else:
            with replacing(Path(self.where.location), durable=True) as stream:
                stream.write(text.encode("utf-8"))

    def _hint(self) -> str:
        return f"check the rclone remote of {self.where.target} and run again."

    def _refusal(self, why: str) -> ContentError:
        return ContentError(
            [Problem(Origin(f"the notification ledger {self.where.target}"), f"it could not be read: {why}")]
        )
