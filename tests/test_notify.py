"""`varde notify` through a real incident and a real maintenance window,
sending to a real SMTP server (aiosmtpd), a real webhook receiver and one
that fails for a while then recovers: every receiver gets each message
exactly once, the channels' filters and `notify: false` hold, a second run
sends nothing, and nothing secret reaches the published site."""

from __future__ import annotations

import email
import email.policy
import json
import shutil
import subprocess
import threading
from dataclasses import replace
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from builds import schema_errors
from nginxserver import free_port
from support import BIN, configure, copy_site, epoch, pelican, tree, varde

from varde.files import hold, release
from varde.model import (
    Catalog,
    Component,
    ComponentStatus,
    Environment,
    Maintenance,
    MaintenanceUpdate,
    MaintenanceUpdateStatus,
    Site,
)
from varde.notifying import notices
from varde.presentation.build import Build
from varde.settings import Channel, Event, VardeSettings
from varde.status import snapshots
from varde.times import parse_time

TO_ADDRESS = "drift.vakt@example.no"

INCIDENT = """\
---
title: Login fails
affected:
  login: major_outage
updates:
  - at: 2026-06-01 10:00
    status: investigating
    text: Login fails for everyone.
  - at: 2026-06-01 10:20
    status: identified
    text: A faulty switch.
  - at: 2026-06-01 10:30
    status: update
    text: A typo fixed, nobody needs to hear of it.
    notify: false
  - at: 2026-06-01 10:40
    status: monitoring
    text: The switch is replaced.
    affected:
      login: operational
  - at: 2026-06-01 11:00
    status: resolved
    text: Login works again.
---
"""

PORTAL = """\
---
title: Portal slow
affected:
  portal: degraded_performance
updates:
  - at: 2026-06-01 10:05
    status: investigating
    text: The portal is slow.
---
"""

MAINTENANCE = """\
---
title: Network upgrade
window:
  start: 2026-06-01 12:00
  end: 2026-06-01 13:00
affected: [network]
announced: 2026-06-01 11:30
---
The network is upgraded; expect short breaks.
"""


class Mailbox:
    """What the SMTP server received: aiosmtpd calls handle_DATA per mail."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


class Hooks:
    """A webhook receiver on a free port; the first `failing` requests get a 500."""

    def __init__(self, failing: int = 0):
        self.received: list[tuple[dict, dict]] = []
        self.failing = failing
        hooks = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if hooks.failing:
                    hooks.failing -= 1
                    self.send_response(500)
                else:
                    hooks.received.append((dict(self.headers), json.loads(body)))
                    self.send_response(204)
                self.end_headers()

            def log_message(self, *arguments):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"statuspage+http://127.0.0.1:{self.server.server_port}/hook"

    def titles(self) -> list[str]:
        """The incident (or maintenance) bodies' news."""
        return [
            f"{body['incident']['name']}: {body['incident']['incident_updates'][0]['status']}"
            for _, body in self.received
            if "incident" in body
        ]

    def changes(self) -> list[str]:
        """The component_update bodies, each checked against Statuspage's shape."""
        updates = [body for _, body in self.received if "component_update" in body]
        for body in updates:
            assert schema_errors("webhook-component-update", body) == [], body
            assert body["component_update"]["component_id"] == body["component"]["id"]
            assert body["component_update"]["new_status"] == body["component"]["status"]
        return [
            f"{body['component']['name']}: {body['component_update']['old_status']} -> "
            f"{body['component_update']['new_status']}"
            for body in updates
        ]


@pytest.fixture
def receivers():
    mailbox = Mailbox()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    hooks, flaky = Hooks(), Hooks(failing=2)
    yield mailbox, smtp.port, hooks, flaky
    smtp.stop()
    hooks.server.shutdown()
    flaky.server.shutdown()


@pytest.fixture
def site(tmp_path, receivers):
    mailbox, port, hooks, flaky = receivers
    site = copy_site("minimal", tmp_path)
    shutil.rmtree(site / "cache", ignore_errors=True)
    for old in (*(site / "content/incidents").iterdir(), *(site / "content/maintenance").iterdir()):
        old.unlink()
    (site / "content/incidents/2026-06-01-login.md").write_text(INCIDENT)
    (site / "content/incidents/2026-06-01-portal.md").write_text(PORTAL)
    (site / "content/maintenance/2026-06-01-network.md").write_text(MAINTENANCE)
    return configure(
        site,
        SITEURL="https://status.example",
        VARDE_NOTIFY=[
            {
                "name": "mail",
                "url": f"mailto://127.0.0.1:{port}/?smtp=127.0.0.1&from=status@example.no&to=${{VARDE_TEST_TO}}",
                "language": "nb",
            },
            {"name": "partner", "url": hooks.url, "components": ["login"]},
            {"name": "flaky", "url": flaky.url, "events": ["incident"]},
        ],
    )


def notify(site, at: str, *extra: str):
    return varde(site, "notify", "--settings", "pelicanconf.py", "--at", f"2026-06-01 {at}", *extra)


@pytest.fixture(autouse=True)
def address(monkeypatch):
    monkeypatch.setenv("VARDE_TEST_TO", TO_ADDRESS)


def test_each_receiver_gets_each_message_once_through_an_incident_and_a_window(site, receivers):
    mailbox, _, hooks, flaky = receivers
    first = notify(site, "10:01")
    assert first.returncode == 1, first.output
    assert "flaky failed: the webhook answered HTTP 500; it must answer 2xx, so check it." in first.output
    assert [len(mailbox.messages), len(hooks.received), len(flaky.received)] == [1, 2, 0]

    for at in ("10:21", "10:41", "11:01"):
        notify(site, at)
    again = notify(site, "11:01")
    assert again.returncode == 0, again.output
    assert [len(mailbox.messages), len(hooks.received), len(flaky.received)] == [5, 6, 8]
    assert again.stdout.splitlines() == [  # nothing sent, nothing waiting
        "channel  result  sent  waiting",
        "mail     ok         0        0",
        "partner  ok         0        0",
        "flaky    ok         0        0",
    ]

    for at in ("11:31", "12:01", "13:01", "13:01"):
        assert notify(site, at).returncode == 0

    subjects = [message["Subject"] for message in mailbox.messages]
    assert subjects == [
        "[Undersøker] Login fails",
        "[Undersøker] Portal slow",
        "[Årsak funnet] Login fails",
        "[Overvåker] Login fails",
        "[Løst] Login fails",
        "[Planlagt vedlikehold] Network upgrade",
        "[Pågår] Network upgrade",
        "[Fullført] Network upgrade",
    ]
    keys = [message["X-Varde-Delivery"] for message in mailbox.messages]
    assert len(set(keys)) == len(keys) == 8
    plain = mailbox.messages[3].get_body(("plain",)).get_content()
    assert "The switch is replaced." in plain and "Login: I drift" in plain
    assert "https://status.example/incidents/2026-06-01-login.html#update-4" in plain
    assert "Oppdatert: 1. juni 2026 kl. 10:40 CEST" in plain
    assert mailbox.messages[3].get_body(("html",)) is not None

    # The partner asked for login only: neither the portal nor the network.
    assert hooks.titles() == [
        "Login fails: investigating",
        "Login fails: identified",
        "Login fails: monitoring",
        "Login fails: resolved",
    ]
    assert hooks.received[0][1]["page"]["status_indicator"] == "major"  # login down
    headers, body = hooks.received[-1]
    assert body["page"]["status_indicator"] == "minor" and body["meta"]  # the portal is still slow
    assert headers["Content-Type"] == "application/json"
    assert len({headers["X-Varde-Delivery"] for headers, _ in hooks.received}) == 6
    # Each change of the partner's component, once, as Statuspage tells it; the update
    # that named no new status (identified) and the resolution (login was operational) none.
    assert hooks.changes() == ["Login: operational -> major_outage", "Login: major_outage -> operational"]
    update = hooks.received[1][1]
    assert update["component_update"]["created_at"] == "2026-06-01T10:00:00.000+02:00"
    assert update["page"]["status_indicator"] == "major"
    # The flaky receiver got all it missed, once, in order, and no maintenance.
    assert flaky.titles() == [
        "Login fails: investigating",
        "Portal slow: investigating",
        "Login fails: identified",
        "Login fails: monitoring",
        "Login fails: resolved",
    ]
    assert flaky.changes() == [
        "Login: operational -> major_outage",
        "Citizen portal: operational -> degraded_performance",
        "Login: major_outage -> operational",
    ]
    # The update with notify: false reached nobody.
    everything = json.dumps([body for _, body in hooks.received]) + "".join(
        m.get_body(("plain",)).get_content() for m in mailbox.messages
    )
    assert "A typo fixed" not in everything.split("incident_updates")[0]
    assert all("A typo fixed" not in m.get_body(("plain",)).get_content() for m in mailbox.messages)


def test_nothing_older_than_the_age_limit_is_sent_and_nothing_secret_is_published(site, receivers):
    mailbox, _, hooks, flaky = receivers
    notify(site, "11:31")  # no ledger yet: only what is younger than an hour (VARDE_NOTIFY_MAX_AGE)
    assert [m["Subject"] for m in mailbox.messages] == [
        "[Overvåker] Login fails",
        "[Løst] Login fails",
        "[Planlagt vedlikehold] Network upgrade",
    ]
    assert (site / "notify-ledger.json").is_file()
    built = pelican(site)
    assert built.returncode == 0, built.output
    published = b"".join(tree(site / "output").values())
    for secret in (TO_ADDRESS, "VARDE_TEST_TO", "notify-ledger", "127.0.0.1", "X-Varde-Delivery"):
        assert secret.encode() not in published, secret


def test_dry_run_prints_each_message_and_its_channel_and_sends_nothing(site, receivers):
    mailbox, _, hooks, flaky = receivers
    run = notify(site, "10:21", "--dry-run")
    assert run.returncode == 0, run.output
    assert "--- mail (" in run.output and "[Årsak funnet] Login fails" in run.output
    assert "--- partner (" in run.output and "A faulty switch." in run.output
    assert "[Major outage] Login\n\nLogin: Operational → Major outage\n\n[Investigating] Login fails" in run.output
    assert [len(mailbox.messages), len(hooks.received), len(flaky.received)] == [0, 0, 0]
    assert not (site / "notify-ledger.json").exists()


def test_a_webhook_hears_a_window_put_its_component_under_maintenance_and_back(site, receivers):
    _, _, hooks, _ = receivers
    configure(site, VARDE_NOTIFY=[{"name": "partner", "url": hooks.url, "components": ["network"]}])
    for at in ("11:31", "12:01", "12:01", "13:01", "13:01"):
        assert notify(site, at).returncode == 0
    kinds = [next(key for key in ("incident", "component_update") if key in body) for _, body in hooks.received]
    assert kinds == ["incident", "incident", "component_update", "incident", "component_update"]  # news, then change
    assert hooks.changes() == [
        "Datacenter network: operational -> under_maintenance",
        "Datacenter network: under_maintenance -> operational",
    ]
    assert hooks.received[4][1]["component_update"]["created_at"] == "2026-06-01T13:00:00.000+02:00"


def test_a_missing_variable_fails_its_channel_only_with_one_sentence(site, receivers, monkeypatch):
    mailbox, _, hooks, _ = receivers
    monkeypatch.delenv("VARDE_TEST_TO")
    run = notify(site, "10:01")
    assert run.returncode == 1
    assert (
        "mail failed: its URL names ${VARDE_TEST_TO}, which is not set in the environment; "
        "set it (in CI, as a secret) and run again." in run.output
    )
    assert "Traceback" not in run.output
    assert len(hooks.received) == 2 and not mailbox.messages  # the news and login's change


def test_a_channel_naming_an_unknown_component_is_refused(site):
    configure(site, VARDE_NOTIFY=[{"name": "x", "url": "json://127.0.0.1/", "components": ["logn"]}])
    run = notify(site, "10:01")
    assert run.returncode == 1 and "Traceback" not in run.output
    assert "the VARDE_NOTIFY setting: channel x: components 'logn' is not in the site;" in run.output
    assert "Did you mean 'login'?" in run.output


def test_a_wrong_notify_flag_names_its_file_and_line(site):
    path = site / "content/incidents/2026-06-01-login.md"
    path.write_text(path.read_text().replace("notify: false", "notify: nope"))
    run = varde(site, "check")
    assert run.returncode == 1
    assert "content/incidents/2026-06-01-login.md:" in run.output and "`notify` must be true or false" in run.output


def test_publish_notifies_once_the_build_is_on_a_mirror_and_a_failing_channel_stops_neither(site, receivers, tmp_path):
    mailbox, _, hooks, flaky = receivers
    configure(site, VARDE_MIRRORS=[str(tmp_path / "mirror")])
    run = varde(site, "publish", "--settings", "pelicanconf.py", at=epoch("2026-06-01T10:01+02:00"))
    assert run.returncode == 1, run.output  # the flaky webhook failed
    assert (tmp_path / "mirror/index.html").is_file()
    assert "flaky failed: the webhook answered HTTP 500" in run.output
    assert [m["Subject"] for m in mailbox.messages] == ["[Undersøker] Login fails"]
    assert hooks.titles() == ["Login fails: investigating"]


def _notices_at(maintenance, at: str, channel=None):
    """The pure notices of a one-component site holding `maintenance`, at `at` (Oslo time)."""
    settings = VardeSettings.from_pelican(
        {
            "OUTPUT_PATH": "output",
            "PATH": "content",
            "SITEURL": "https://status.example",
            "TIMEZONE": "Europe/Oslo",
            "DEFAULT_LANG": "en",
        }
    )
    catalog = Catalog((Environment("production", "Production"),), (), (Component("network", "Network", "production"),))
    site = Site(catalog, (), (maintenance,))
    now = parse_time(f"2026-06-01 {at}", settings.timezone)
    build = Build(site, snapshots(site, now), settings, now)
    return notices(build, channel or Channel("x", "json://x"), now - settings.notify_max_age)


def _maintenance(*updates) -> Maintenance:
    zone = ZoneInfo("Europe/Oslo")
    return Maintenance(
        slug="2026-06-01-network",
        title="Network upgrade",
        start=datetime(2026, 6, 1, 12, tzinfo=zone),
        end=datetime(2026, 6, 1, 13, tzinfo=zone),
        affected=(("network", ComponentStatus.UNDER_MAINTENANCE),),
        announced=datetime(2026, 6, 1, 11, 30, tzinfo=zone),
        updates=tuple(
            MaintenanceUpdate(datetime(2026, 6, 1, *at, tzinfo=zone), status, text) for at, status, text in updates
        ),
    )


def test_a_window_that_starts_and_ends_on_time_is_told_at_both_ends():
    start = _notices_at(_maintenance(), "12:01")
    assert [notice.entry for notice in start] == [
        "maintenance/2026-06-01-network/announcement",
        "maintenance/2026-06-01-network/start",
    ]
    assert "- Network: Under maintenance" in start[-1].body and start[-1].title == "[In progress] Network upgrade"
    end = _notices_at(_maintenance(), "13:01")
    assert [notice.entry for notice in end] == ["maintenance/2026-06-01-network/end"]  # the start: over an hour ago
    assert "- Network: Operational" in end[-1].body


def test_a_window_started_or_ended_by_an_update_is_told_by_that_update_only():
    early = _maintenance(
        ((11, 50), MaintenanceUpdateStatus.IN_PROGRESS, "We start early."),
        ((12, 40), MaintenanceUpdateStatus.COMPLETED, "Done early."),
    )
    entries = [notice.entry for notice in _notices_at(early, "13:01")]
    assert entries == ["maintenance/2026-06-01-network/update/2026-06-01T10:40:00Z"]
    entries = [notice.entry for notice in _notices_at(early, "12:10")]
    assert entries == [
        "maintenance/2026-06-01-network/announcement",
        "maintenance/2026-06-01-network/update/2026-06-01T09:50:00Z",
    ]
    cancelled = _maintenance(((11, 45), MaintenanceUpdateStatus.CANCELLED, "Not today."))
    assert [n.entry.rsplit("/", 1)[-1] for n in _notices_at(cancelled, "13:01")] == []
    quiet = _maintenance(((11, 45), MaintenanceUpdateStatus.UPDATE, "A detail."))
    assert _notices_at(replace(quiet, updates=(replace(quiet.updates[0], notify=False),)), "11:46")[-1].entry.endswith(
        "announcement"
    )


def test_a_webhook_channel_hears_each_change_with_the_news_that_made_it_and_apprise_does_not():
    webhook = Channel("x", "statuspage+http://127.0.0.1/hook")
    early = _maintenance(
        ((11, 50), MaintenanceUpdateStatus.IN_PROGRESS, "We start early."),
        ((12, 40), MaintenanceUpdateStatus.COMPLETED, "Done early."),
    )
    told = [
        (notice.entry.removeprefix("maintenance/2026-06-01-network/"), notice.title)
        for notice in _notices_at(early, "12:45", webhook)
    ]
    assert told == [
        ("update/2026-06-01T09:50:00Z", "[In progress] Network upgrade"),
        ("update/2026-06-01T09:50:00Z/component/network", "[Under maintenance] Network"),
        ("update/2026-06-01T10:40:00Z", "[Completed] Network upgrade"),
        ("update/2026-06-01T10:40:00Z/component/network", "[Operational] Network"),
    ]  # the window's planned start and end changed nothing, so tell nothing
    assert len({notice.key for notice in _notices_at(early, "12:45", webhook)}) == 4
    apprise = [notice.entry.rsplit("/", 1)[-1] for notice in _notices_at(early, "12:45")]
    assert apprise == ["2026-06-01T09:50:00Z", "2026-06-01T10:40:00Z"]  # the news only
    other = Channel("x", "statuspage+http://127.0.0.1/hook", components=("login",))
    assert not any("/component/" in notice.entry for notice in _notices_at(early, "12:45", other))


def test_a_channel_for_incidents_only_hears_nothing_of_maintenance():
    assert _notices_at(_maintenance(), "12:01", Channel("x", "json://x", events=frozenset({Event.INCIDENT}))) == []


def test_a_second_run_at_the_same_moment_waits_for_the_first(site, receivers):
    mailbox, _, hooks, _ = receivers
    lock = site / "cache/varde/notify"
    hold(lock, "the test holds it")  # as a first `varde notify` would, while it sends
    try:
        second = subprocess.Popen(
            [str(BIN / "varde"), "notify", "--settings", "pelicanconf.py", "--at", "2026-06-01 10:01"],
            cwd=site,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        said = second.stderr.readline()
        assert "another varde notify is sending for this site; waiting for it to finish." in said
        assert not mailbox.messages and not hooks.received
    finally:
        release(lock)
    second.wait(timeout=120)
    assert [m["Subject"] for m in mailbox.messages] == ["[Undersøker] Login fails"] and len(hooks.received) == 2


def test_the_ledger_may_live_on_an_rclone_remote(site, receivers, tmp_path, monkeypatch):
    mailbox, _, hooks, _ = receivers
    config = tmp_path / "rclone.conf"
    config.write_text("[local]\ntype = local\n")
    monkeypatch.setenv("RCLONE_CONFIG", str(config))
    ledger = tmp_path / "private/notify-ledger.json"
    configure(site, VARDE_NOTIFY_LEDGER=f"rclone:local:{ledger}")
    for at in ("10:01", "10:01", "10:21", "10:21"):
        notify(site, at)
    assert [m["Subject"] for m in mailbox.messages] == [
        "[Undersøker] Login fails",
        "[Undersøker] Portal slow",
        "[Årsak funnet] Login fails",
    ]
    assert len(hooks.received) == 3  # investigating, login's change, identified
    # 3 mails; to the partner 3; to the flaky one the 3 news and 2 changes
    assert len(json.loads(ledger.read_text())["sent"]) == 11
    assert not (site / "notify-ledger.json").exists()


def test_a_mail_server_that_is_down_fails_its_channel_only_and_is_retried(site, receivers):
    _, _, hooks, _ = receivers
    closed = free_port()  # nothing listens there
    configure(
        site,
        VARDE_NOTIFY=[
            {
                "name": "mail",
                "url": f"mailto://127.0.0.1:{closed}/?smtp=127.0.0.1&from=status@example.no&to=${{VARDE_TEST_TO}}",
            },
            {"name": "partner", "url": hooks.url},
        ],
    )
    run = notify(site, "10:01")
    assert run.returncode == 1 and "Traceback" not in run.output
    failed = [line for line in run.stdout.splitlines() if line.startswith("mail failed: ")]
    assert failed == [
        'mail failed: the service did not take the message (Connection error while submitting email to "127.0.0.1"); '
        "check the address and the service."
    ]
    assert TO_ADDRESS not in run.output
    assert len(hooks.received) == 2
    assert "mail     FAILED     0        1" in run.stdout


@pytest.mark.parametrize("ledger", ["[1, 2]", '{"sent": {"k": 5}}', '{"sent": {"k": {"at": "Tuesday"}}}', "{"])
def test_a_ledger_that_varde_did_not_write_is_refused_and_nothing_is_sent(site, receivers, ledger):
    """A hand-edited or truncated ledger: one sentence, and no flood."""
    mailbox, _, hooks, flaky = receivers
    (site / "notify-ledger.json").write_text(ledger)
    run = notify(site, "10:05")
    assert run.returncode == 1 and "Traceback" not in run.output, run.output
    assert "it is not a ledger Varde wrote" in run.output
    assert not mailbox.messages and not hooks.received and not flaky.received
