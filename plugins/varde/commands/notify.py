"""`varde notify`: send each channel in VARDE_NOTIFY what is new since the
last run, once; `varde publish` runs it after the build is on a mirror.

What is new is varde.notifying's (pure); here are the sending, the
environment's secrets and the ledger.  A channel that fails stops only
itself, at its first failure, so its receivers get the rest in order when
the next run retries; the others and publishing go on.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import apprise

from varde.cache.store import Cache
from varde.commands import _options
from varde.commands._ledger import SentLedger
from varde.commands._site import read_site_settings
from varde.deploy.report import aligned
from varde.deploy.tools import DeployError
from varde.errors import ContentError, Problem, did_you_mean
from varde.files import hold, release
from varde.model import Site
from varde.notifying import Notice, notices
from varde.parsing import load_site_cached
from varde.presentation.build import Build
from varde.presentation.i18n import LANGUAGES
from varde.settings import PUBLISH_SETTINGS_FILE, Channel, VardeSettings
from varde.settings.notify import ORIGIN, SETTING, STATUSPAGE_SCHEME
from varde.status import snapshots
from varde.times import TimeValueError, build_now, parse_time

HELP = "send what is new to each channel in VARDE_NOTIFY (email, chat, webhooks), once"
EXAMPLE = f"""example:
  varde notify --dry-run                  # print each message and its channel; send nothing
  varde notify                            # send what is new, record it in the ledger
  varde notify --at "2026-03-12 09:00"    # as if it were then

In {PUBLISH_SETTINGS_FILE}:
  {SETTING} = [
      {{"name": "drift-epost",
       "url": "mailtos://${{SMTP_USER}}:${{SMTP_PASSWORD}}@smtp.example.no?to=drift@example.no"}},
      {{"name": "partnere", "url": "statuspage+https://partner.example/hooks/status"}},
  ]

Exit status: 0 every channel has its news, 1 any failed (the others were
still sent; the next run retries what failed)."""

#: Statuspage expects a subscriber to answer within this many seconds.
WEBHOOK_TIMEOUT = 30
#: Apprise schemes that carry the X-Varde-Delivery header (`+Header=` in the URL).
_HEADER_SCHEMES = ("mailto", "mailtos", "json", "jsons", "form", "forms", "xml", "xmls")
_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class SendError(Exception):
    """A channel could not be sent to: one sentence, what and what to do."""


@dataclass(frozen=True)
class ChannelOutcome:
    channel: str
    sent: int
    waiting: int
    failure: str = ""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    _options.add_settings(parser, PUBLISH_SETTINGS_FILE)
    _options.add_at(parser, "the instant to notify for")
    parser.add_argument("--dry-run", action="store_true", help="print each message and its channel; send nothing")


def run(args: argparse.Namespace) -> int:
    settings = read_site_settings(args.site / args.settings)
    if not settings.notify:  # a site that has not set it up yet: its CI runs this all the same
        print(f"varde: no channels in {SETTING} ({args.settings}); nothing to send.", file=sys.stderr)
        return 0
    try:
        now = parse_time(args.at, settings.timezone) if args.at else build_now(os.environ, time.time)
    except TimeValueError as error:
        raise TimeValueError(f"--at: {error}") from None
    return notify(settings, now, dry_run=args.dry_run)


def notify(settings: VardeSettings, now: datetime, dry_run: bool = False) -> int:
    """Send every channel what is new at `now`; 0 if all went, 1 if any failed."""
    site = load_site_cached(settings.content, settings.timezone, Cache(settings.cache), settings.upstream_max_age)
    check_channels(settings, site)
    build = Build(site, snapshots(site, now), settings, now)
    oldest = now - settings.notify_max_age
    lock = settings.cache / "notify"
    if not dry_run:
        hold(lock, "another varde notify is sending for this site")
    try:
        ledger = SentLedger(settings.notify_ledger).read()
        outcomes = []
        for channel in settings.notify:
            due = [notice for notice in notices(build, channel, oldest) if notice.key not in ledger]
            if dry_run:
                for notice in due:
                    print(f"--- {channel.name} ({notice.key})\n{notice.title}\n\n{notice.body}")
                outcomes.append(ChannelOutcome(channel.name, 0, len(due)))
            else:
                outcomes.append(_send_channel(channel, due, ledger, oldest))
    finally:
        if not dry_run:
            release(lock)
    print(report(outcomes, dry_run))
    return 0 if all(not outcome.failure for outcome in outcomes) else 1


def check_channels(settings: VardeSettings, site: Site) -> None:
    """Each channel's components, environments and language exist, and the
    links it sends can be absolute; every mistake at once."""
    components = {component.id for component in site.catalog.components}
    environments = {environment.id for environment in site.catalog.environments}
    problems = []
    if not settings.site_url:
        problems.append(
            Problem(ORIGIN, "notifications link to the page, so SITEURL must be set; set it in publishconf.py.")
        )
    for channel in settings.notify:
        for key, given, known in (
            ("components", channel.components, components),
            ("environments", channel.environments, environments),
            ("language", (channel.language,) if channel.language else (), set(LANGUAGES)),
        ):
            problems += [
                Problem(
                    ORIGIN,
                    f"channel {channel.name}: {key} {ident!r} is not in the site; use one of "
                    f"{', '.join(sorted(known))}.{did_you_mean(ident, known)}",
                )
                for ident in given
                if ident not in known
            ]
    if problems:
        raise ContentError(problems)


def _send_channel(channel: Channel, due: list[Notice], ledger: SentLedger, oldest: datetime) -> ChannelOutcome:
    sent = 0
    try:
        url = _filled(channel)
        for notice in due:
            (_post_webhook if channel.statuspage else _send_apprise)(url, notice)
            try:
                ledger.record(notice.key, channel.name, notice.entry, notice.at, oldest)
            except (DeployError, OSError) as error:
                raise SendError(f"sent, but the ledger could not record it ({error})") from None
            sent += 1
    except SendError as error:
        return ChannelOutcome(channel.name, sent, len(due) - sent, _masked(str(error), channel))
    return ChannelOutcome(channel.name, sent, 0)


def _filled(channel: Channel) -> str:
    """The channel's URL with each `${NAME}` from the environment."""
    missing = [name for name in _VARIABLE.findall(channel.url) if name not in os.environ]
    if missing:
        raise SendError(
            f"its URL names ${{{missing[0]}}}, which is not set in the environment; "
            "set it (in CI, as a secret) and run again."
        )
    return _VARIABLE.sub(lambda match: os.environ[match.group(1)], channel.url)


def _masked(text: str, channel: Channel) -> str:
    """`text` with what the environment filled in shown as its ${NAME} again:
    a report goes to a CI log, and a password or an address must not."""
    for name in _VARIABLE.findall(channel.url):
        if os.environ.get(name):
            text = text.replace(os.environ[name], f"${{{name}}}")
    return text


def _send_apprise(url: str, notice: Notice) -> None:
    scheme = url.split("://", 1)[0].lower()
    if scheme in _HEADER_SCHEMES:
        url += ("&" if "?" in url else "?") + f"+X-Varde-Delivery={notice.key}"
    sender = apprise.Apprise()
    if not sender.add(url):
        raise SendError("Apprise does not understand its URL; check its scheme and parts against Apprise's list.")
    with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as log:
        ok = sender.notify(title=notice.title, body=notice.body, body_format=apprise.NotifyFormat.MARKDOWN)
    if not ok:
        said = [line.strip() for line in log.getvalue().splitlines() if line.strip()]
        reason = f" ({said[-1].rstrip('.')})" if said else ""
        raise SendError(f"the service did not take the message{reason}; check the address and the service.")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Statuspage counts a redirect as a failure, and so does Varde."""

    def redirect_request(self, *arguments, **keywords):
        return None


def _post_webhook(url: str, notice: Notice) -> None:
    body = json.dumps(notice.webhook(), ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        url.removeprefix(STATUSPAGE_SCHEME),
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": "Varde", "X-Varde-Delivery": notice.key},
    )
    try:
        with urllib.request.build_opener(_NoRedirects).open(request, timeout=WEBHOOK_TIMEOUT) as response:
            response.read()
    except urllib.error.HTTPError as error:
        raise SendError(f"the webhook answered HTTP {error.code}; it must answer 2xx, so check it.") from None
    except (urllib.error.URLError, OSError) as error:
        why = getattr(error, "reason", error)
        raise SendError(f"the webhook could not be reached ({why}); check its address and that it runs.") from None


def report(outcomes: list[ChannelOutcome], dry_run: bool) -> str:
    """One row per channel, then why each that failed did."""
    rows = [("channel", "result", "sent", "waiting")] + [
        (
            outcome.channel,
            "dry run" if dry_run else "FAILED" if outcome.failure else "ok",
            str(outcome.sent),
            str(outcome.waiting),
        )
        for outcome in outcomes
    ]
    lines = aligned(rows, right_from=2)
    failed = [f"{outcome.channel} failed: {outcome.failure}" for outcome in outcomes if outcome.failure]
    return "\n".join(lines + ([""] + failed if failed else []))


def notify_after_publish(site: Path, settings_file: str, now: datetime) -> int:
    """`varde publish`'s last step: notify for the instant the build shows."""
    settings = read_site_settings(site / settings_file)
    if not settings.notify:
        return 0
    print(f"\nNotifying each channel in {SETTING}.", file=sys.stderr, flush=True)
    print()  # the second table, apart from the mirrors'
    try:
        return notify(settings, now)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
