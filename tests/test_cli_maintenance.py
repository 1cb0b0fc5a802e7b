"""`varde new maintenance`: announced now, listed as upcoming, in progress
inside its window; a window that ends before it starts is refused."""

from __future__ import annotations

import pytest
from support import epoch, varde
from test_cli_support import built_index, refused_untouched, written

SLUG = "2026-06-01-database-upgrade"


@pytest.fixture
def announced(minimal_site):
    run = varde(
        minimal_site,
        "new",
        "maintenance",
        "--title",
        "Database upgrade",
        "--start",
        "2026-06-01 22:00",
        "--end",
        "2026-06-02 01:00",
        "--affected",
        "login",
        "portal=degraded_performance",
        "--text",
        "Login is unavailable during the upgrade.",
        "--reference",
        "CHG-1",
        at=epoch("2026-05-25T12:00+02:00"),
    )
    assert run.returncode == 0, run.output
    assert run.stdout == (
        f'content/maintenance/{SLUG}.md: "Database upgrade", scheduled 2026-06-01 22:00 CEST to 2026-06-02 01:00 CEST.\n'
    )
    return minimal_site


def test_the_file_reads_as_written_by_hand(announced):
    assert (announced / f"content/maintenance/{SLUG}.md").read_text() == (
        "---\n"
        "title: Database upgrade\n"
        "window:\n"
        "  start: 2026-06-01 22:00\n"
        "  end: 2026-06-02 01:00\n"
        "affected:\n"
        "  login: under_maintenance\n"
        "  portal: degraded_performance\n"
        "announced: 2026-05-25 12:00\n"
        "reference: CHG-1\n"
        "---\n"
        "Login is unavailable during the upgrade.\n"
    )


def test_before_the_window_it_is_upcoming(announced):
    index = built_index(announced, "2026-05-30T12:00+02:00")
    assert "Upcoming maintenance" in index
    assert "Database upgrade" in index
    assert "Maintenance in progress" not in index


def test_inside_the_window_it_is_in_progress(announced):
    index = built_index(announced, "2026-06-01T23:00+02:00")
    assert "Maintenance in progress" in index
    assert "Database upgrade" in index
    assert "Service Under Maintenance" not in index  # portal is degraded, which is worse
    assert "Partially Degraded Service" in index


def test_announced_later_it_stays_quiet_until_then(minimal_site):
    run = varde(
        minimal_site,
        "new",
        "maintenance",
        "--title",
        "Network work",
        "--start",
        "2026-06-10 22:00",
        "--end",
        "2026-06-10 23:00",
        "--affected",
        "network",
        "--announced",
        "2026-06-05 09:00",
        at=epoch("2026-06-01T12:00+02:00"),
    )
    assert run.returncode == 0, run.output
    assert "Network work" not in built_index(minimal_site, "2026-06-04T12:00+02:00")
    assert "Network work" in built_index(minimal_site, "2026-06-06T12:00+02:00")


def test_the_repeated_autumn_hour_keeps_its_offset(minimal_site):
    """02:30 the second time round is written with +01:00, so it means what was asked."""
    run = varde(
        minimal_site,
        "new",
        "maintenance",
        "--title",
        "Night work",
        "--start",
        "2026-10-25 02:30+01:00",
        "--end",
        "2026-10-25 03:30",
        "--affected",
        "network",
        "--announced",
        "2026-10-01 10:00",
    )
    assert run.returncode == 0, run.output
    assert "  start: 2026-10-25 02:30+01:00\n" in (minimal_site / written(run)).read_text()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ("--start", "2026-06-01 22:00", "--end", "2026-06-01 21:00", "--affected", "login"),
            ("--end (2026-06-01 21:00 CEST) is before --start (2026-06-01 22:00 CEST)",),
        ),
        (
            ("--start", "2026-06-01 22:00", "--end", "2026-06-01 23:00", "--affected", "logins"),
            ("'logins' is not a component", "Did you mean 'login'?"),
        ),
        (
            ("--start", "2026-06-01 22:00", "--end", "2026-06-01 23:00", "--affected", "login=down"),
            ("'down' is not a component status",),
        ),
        (("--start", "2026-06-01 22", "--end", "2026-06-01 23:00", "--affected", "login"), ("--start:",)),
        (
            (
                "--start",
                "2026-05-20 16:00",
                "--end",
                "2026-05-20 18:00",
                "--affected",
                "portal",
                "--slug",
                "portal-upgrade",
            ),
            ("content/maintenance/2026-05-20-portal-upgrade.md already exists",),
        ),
    ],
)
def test_refusals_leave_every_file_as_it_was(minimal_site, args, words):
    refused_untouched(minimal_site, "new", "maintenance", "--title", "Work", *args, words=words)
