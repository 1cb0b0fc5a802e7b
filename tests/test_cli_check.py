"""`varde check --format json` for CI annotations, and `--cadence`, which
fails while an open incident has gone too long without an update."""

from __future__ import annotations

import json

import pytest
from support import epoch, varde
from test_cli_support import post_incident

INCIDENT = "content/incidents/2026-03-13-login-fails.md"


@pytest.fixture
def outage(minimal_site):
    """A critical incident (login down) posted at 10:00 and not updated since."""
    post_incident(minimal_site, "Login fails", "login=major_outage", text="Login fails.", at="2026-03-13 10:00")
    return minimal_site


def test_json_is_an_empty_list_for_a_valid_site(minimal_site):
    run = varde(minimal_site, "check", "--format", "json")
    assert run.returncode == 0, run.output
    assert json.loads(run.stdout) == []


def test_json_lists_each_problem_with_file_and_line(minimal_site):
    path = minimal_site / "content/incidents/2026-03-12-login-down.md"
    path.write_text(path.read_text().replace("login: major_outage", "logn: major_outage"))
    run = varde(minimal_site, "check", "--format", "json")
    assert run.returncode == 1
    [problem] = json.loads(run.stdout)
    assert problem["file"] == "content/incidents/2026-03-12-login-down.md"
    assert problem["line"] == 4
    assert "'logn'" in problem["message"] and "Did you mean 'login'?" in problem["message"]


@pytest.mark.parametrize("how", [["--site"], []], ids=["--site", "positional"])  # positional: its former name
def test_another_site_is_named_with_site(tmp_path, minimal_site, how):
    path = minimal_site / "content/incidents/2026-03-12-login-down.md"
    path.write_text(path.read_text().replace("login: major_outage", "logn: major_outage"))
    run = varde(tmp_path, "check", *how, str(minimal_site))
    assert run.returncode == 1 and "2026-03-12-login-down.md:4:" in run.stderr
    assert varde(tmp_path, "check", "--format", "json", *how, str(minimal_site)).returncode == 1


def test_the_help_shows_only_site(tmp_path):
    usage = varde(tmp_path, "check", "--help").stdout
    assert "--site DIR" in usage and "SITE" not in usage and "former" not in usage


def test_json_also_for_a_folder_that_is_no_site(tmp_path):
    run = varde(tmp_path, "check", "--format", "json")
    assert run.returncode == 1
    assert "no pelicanconf.py here" in json.loads(run.stdout)[0]["message"]


def test_cadence_passes_while_updates_are_recent(outage):
    run = varde(outage, "check", "--cadence", at=epoch("2026-03-13T10:29+01:00"))
    assert run.returncode == 0, run.output


def test_cadence_fails_for_a_critical_incident_silent_over_30_minutes(outage):
    run = varde(outage, "check", "--cadence", at=epoch("2026-03-13T10:31+01:00"))
    assert run.returncode == 1
    assert f"{INCIDENT}:2: the critical incident 'Login fails' has had no update for 31 minutes" in run.stderr
    assert "varde update 2026-03-13-login-fails" in run.stderr
    assert varde(outage, "check", at=epoch("2026-03-13T10:31+01:00")).returncode == 0  # only with --cadence


def test_cadence_in_json(outage):
    run = varde(outage, "check", "--cadence", "--format", "json", at=epoch("2026-03-13T11:00+01:00"))
    assert run.returncode == 1
    [problem] = json.loads(run.stdout)
    assert problem["file"] == INCIDENT and "60 minutes" in problem["message"]


def test_an_update_restarts_the_clock_and_resolving_ends_it(outage):
    assert (
        varde(
            outage, "update", "2026-03-13-login-fails", "--text", "Still on it.", "--at", "2026-03-13 10:25"
        ).returncode
        == 0
    )
    assert varde(outage, "check", "--cadence", at=epoch("2026-03-13T10:50+01:00")).returncode == 0
    assert varde(outage, "check", "--cadence", at=epoch("2026-03-13T10:56+01:00")).returncode == 1
    assert (
        varde(outage, "resolve", "2026-03-13-login-fails", "--text", "Fixed.", "--at", "2026-03-13 10:55").returncode
        == 0
    )
    assert varde(outage, "check", "--cadence", at=epoch("2026-03-13T18:00+01:00")).returncode == 0


def test_the_site_sets_its_own_cadence(outage):
    """VARDE_CADENCE_MINUTES overrides the defaults per impact (None: no reminder)."""
    with open(outage / "pelicanconf.py", "a") as settings:
        settings.write('VARDE_CADENCE_MINUTES = {"critical": 10}\n')
    run = varde(outage, "check", "--cadence", at=epoch("2026-03-13T10:11+01:00"))
    assert run.returncode == 1 and "every 10 minutes" in run.stderr
    with open(outage / "pelicanconf.py", "a") as settings:
        settings.write('VARDE_CADENCE_MINUTES = {"critical": None}\n')
    assert varde(outage, "check", "--cadence", at=epoch("2026-03-14T10:00+01:00")).returncode == 0


def test_a_wrong_cadence_setting_is_named(outage):
    with open(outage / "pelicanconf.py", "a") as settings:
        settings.write('VARDE_CADENCE_MINUTES = {"severe": 10}\n')
    run = varde(outage, "check", "--cadence")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "the VARDE_CADENCE_MINUTES setting: 'severe' is not an impact" in run.stderr
