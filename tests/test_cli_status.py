"""`varde status`: the state in the terminal, as the site would show it."""

from __future__ import annotations

import pytest
from support import epoch, varde
from test_cli_support import post_incident


@pytest.fixture
def outage(minimal_site):
    post_incident(
        minimal_site,
        "Login fails",
        "login=major_outage",
        text="Login fails for everyone.\n\nNext update by 10:30.",
        at="2026-03-13 10:00",
    )
    return minimal_site


def test_a_quiet_site(minimal_site):
    run = varde(minimal_site, "status", "--at", "2026-05-16 12:00")
    assert run.returncode == 0, run.output
    assert run.stdout.splitlines()[:3] == [
        "Minimal status, 2026-05-16 12:00 CEST",
        "",
        "Production: All Systems Operational",
    ]
    assert "Open incidents" not in run.stdout
    assert "Portal upgrade [2026-05-20-portal-upgrade]: 2026-05-20 16:00 CEST – 2026-05-20 18:00 CEST" in run.stdout


def test_an_outage_shows_components_by_group_and_the_open_incident(outage):
    run = varde(outage, "status", "--at", "2026-03-13 10:20")
    assert run.returncode == 0, run.output
    lines = run.stdout.splitlines()
    assert "Production: Partial System Outage" in lines
    start = lines.index("    Core services")
    assert lines[start + 1 : start + 4] == [
        "      Datacenter network  operational",
        "      Login               major outage",
        "    Citizen portal        operational (may be affected via Login)",
    ]
    assert "    Login fails [2026-03-13-login-fails]" in lines
    assert "      investigating, critical impact, since 2026-03-13 10:00 CET" in lines
    assert "      latest update 2026-03-13 10:00 CET: Login fails for everyone. Next update by 10:30." in lines
    assert "!" not in run.stdout  # 20 minutes is within the 30 a critical incident allows
    assert "\x1b[" not in run.stdout  # no colour codes when not on a terminal


def test_it_warns_when_the_latest_update_is_too_old(outage):
    run = varde(outage, "status", at=epoch("2026-03-13T10:40+01:00"))
    assert run.returncode == 0, run.output
    assert (
        "      ! the critical incident 'Login fails' has had no update for 40 minutes "
        "(this site asks for one every 30 minutes at that impact)"
    ) in run.stdout


def test_maintenance_in_progress_and_environments(minimal_site):
    components = minimal_site / "content/components.yaml"
    components.write_text(
        "environments:\n  - id: production\n    name: Production\n  - id: test\n    name: Test\n"
        + components.read_text()
        + "  - id: test-login\n    name: Test login\n    environment: test\n"
    )
    run = varde(minimal_site, "status", "--at", "2026-05-20 17:00")
    assert run.returncode == 0, run.output
    production, test = run.stdout.split("\nTest: ")
    assert "Production: Service Under Maintenance" in production
    assert "Maintenance in progress\n    Portal upgrade" in production
    assert "Citizen portal        under maintenance" in production
    assert test.startswith("All Systems Operational\n") and "Test login" in test and "Portal" not in test


def test_an_invalid_time_is_named(minimal_site):
    run = varde(minimal_site, "status", "--at", "12:00")
    assert run.returncode == 1
    assert "varde: --at: '12:00' is not a time" in run.stderr


def test_a_long_silence_is_said_in_days_or_weeks_not_minutes(outage):
    run = varde(outage, "status", at=epoch("2026-03-28T16:00+01:00"))
    assert run.returncode == 0, run.output
    assert "has had no update for 2 weeks (this site asks for one every 30 minutes" in run.stdout, run.stdout
    assert "minutes (this site" not in run.stdout
