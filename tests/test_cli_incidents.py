"""Posting an incident from the command line, as an engineer does during an
outage: `varde new incident`, `update`, `resolve`, `postmortem`; after each
step the site builds and shows it, and every refusal leaves the files as
they were."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from support import epoch, tree, varde
from test_cli_support import (
    assert_refused,
    built_index,
    editor_writing,
    open_incidents,
    page_text,
    post_incident,
    refused_untouched,
    written,
)

T0 = "2026-03-13 10:00"  # Europe/Oslo, CET
SLUG = "2026-03-13-login-fails-for-everyone"

COMMENTED = """\
---
# Written by hand during the outage; keep these notes.
title: Login fails for everyone   # as shown on the page
affected:
  login: major_outage  # SSO is down
updates:
  # first notice, posted from the on-call phone
  - at: 2026-03-13 10:00
    status: investigating
    text: |
      Login fails for everyone.

      # This line is text, not a comment.
  - at: "2026-03-13 10:20"   # quoted on purpose
    status: identified
    text: 'A faulty switch: replacing it.'
  # next update due by 11:00
reference: "INC-77"  # the ticket
---
"""


@pytest.fixture
def posted(minimal_site) -> Path:
    """The minimal site with an incident posted at 10:00."""
    post_incident(
        minimal_site,
        "Login fails for everyone",
        "login=major_outage",
        "portal=degraded_performance",
        text="Login fails.\n\nNext update by 10:30.",
        at=T0,
    )
    return minimal_site


def test_new_incident_prints_its_file_and_shows_on_the_index(posted):
    """The file is named by date and title, and the page shows it as open."""
    path = posted / "content/incidents" / f"{SLUG}.md"
    assert path.is_file()
    index = built_index(posted, "2026-03-13T10:05+01:00")
    assert "Login fails for everyone" in open_incidents(posted)
    assert "Investigating" in open_incidents(posted)
    assert "Next update by 10:30." in index
    assert "Partial System Outage" in index  # login down, portal degraded


def test_new_incident_confirms_what_it_posted_in_one_line(minimal_site):
    """Issue 22, item 8: the file it wrote, then the title, state and time."""
    run = varde(
        minimal_site,
        "new",
        "incident",
        "--title",
        "Innlogging feiler på Ærø",
        "--affected",
        "login=partial_outage",
        "--text",
        "Vi undersøker.",
        "--at",
        T0,
    )
    assert run.returncode == 0, run.output
    assert run.stdout == (
        'content/incidents/2026-03-13-innlogging-feiler-pa-aero.md: "Innlogging feiler på Ærø", investigating, '
        "posted at 2026-03-13 10:00 CET.\n"
    )
    assert (minimal_site / written(run)).read_text().startswith("---\ntitle: Innlogging feiler på Ærø\n")


def test_new_incident_defaults_to_now_in_the_site_zone(minimal_site):
    """Without --at the update is dated now (SOURCE_DATE_EPOCH), in local time."""
    run = varde(
        minimal_site,
        "new",
        "incident",
        "--title",
        "Portal slow",
        "--affected",
        "portal=degraded_performance",
        "--text",
        "Slow.",
        at=epoch("2026-07-01T09:41:37+02:00"),
    )
    assert run.returncode == 0, run.output
    assert "  - at: 2026-07-01 09:41\n" in (minimal_site / written(run)).read_text()


def test_new_incident_text_from_the_editor(minimal_site, monkeypatch):
    """With no --text, $EDITOR opens; what is saved there is the update."""
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor_writing("Written in the editor.\n"))
    run = varde(
        minimal_site, "new", "incident", "--title", "Network flaps", "--affected", "network=partial_outage", "--at", T0
    )
    assert run.returncode == 0, run.output
    assert "Written in the editor." in built_index(minimal_site, "2026-03-13T10:01+01:00")


def test_update_adds_only_new_lines_and_keeps_comments(minimal_site):
    """A hand-written file with comments: the update's diff is pure additions."""
    path = minimal_site / "content/incidents" / f"{SLUG}.md"
    path.write_text(COMMENTED)
    run = varde(
        minimal_site,
        "update",
        SLUG,
        "--status",
        "monitoring",
        "--text",
        "Login works again for most.",
        "--affected",
        "login=degraded_performance",
        "--at",
        "2026-03-13 10:45",
    )
    assert run.returncode == 0, run.output
    after = path.read_text()
    changes = difflib.SequenceMatcher(None, COMMENTED.splitlines(), after.splitlines()).get_opcodes()
    assert {tag for tag, *_ in changes} == {"equal", "insert"}, after
    added = [line for tag, _, _, j1, j2 in changes if tag == "insert" for line in after.splitlines()[j1:j2]]
    assert added == [
        "  - at: 2026-03-13 10:45",
        "    status: monitoring",
        "    text: Login works again for most.",
        "    affected:",
        "      login: degraded_performance",
    ]
    index = built_index(minimal_site, "2026-03-13T10:50+01:00")
    assert "Monitoring" in open_incidents(minimal_site)
    assert "Login works again for most." in index


def test_update_with_only_text_keeps_the_state(posted, monkeypatch):
    """`varde update SLUG` posts news (status `update`); the text comes from $EDITOR."""
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor_writing("Still working on it."))
    run = varde(posted, "update", SLUG, "--at", "2026-03-13 10:30")
    assert run.returncode == 0, run.output
    assert "    status: update\n    text: Still working on it.\n" in (posted / written(run)).read_text()
    assert run.stdout == (
        f'content/incidents/{SLUG}.md: "Login fails for everyone", still investigating, '
        "update posted at 2026-03-13 10:30 CET.\n"
    )
    built_index(posted, "2026-03-13T10:31+01:00")
    assert "Investigating" in open_incidents(posted)
    assert "Still working on it." in open_incidents(posted)


def test_resolve_closes_the_incident(posted):
    """After `varde resolve` the incident is no longer open on the index."""
    run = varde(posted, "resolve", SLUG, "--text", "Login works again.", "--at", "2026-03-13 11:10")
    assert run.returncode == 0, run.output
    assert run.stdout == (
        f'content/incidents/{SLUG}.md: "Login fails for everyone", now resolved, update posted at 2026-03-13 11:10 CET.\n'
    )
    index = built_index(posted, "2026-03-13T11:15+01:00")
    assert "Login fails for everyone" not in open_incidents(posted)
    assert "All Systems Operational" in index
    incident_page = page_text(posted / "output/incidents" / f"{SLUG}.html")
    assert "Login works again." in incident_page


def test_postmortem_is_written_in_the_editor_and_dated_now(posted, monkeypatch):
    """The body is the postmortem; a first one of a resolved incident is dated now."""
    assert varde(posted, "resolve", SLUG, "--text", "Fixed.", "--at", "2026-03-13 11:10").returncode == 0
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor_writing("## What happened\n\nA switch failed.\n"))
    run = varde(posted, "postmortem", SLUG, at=epoch("2026-03-16T09:00+01:00"))
    assert run.returncode == 0, run.output
    text = (posted / written(run)).read_text()
    assert text.endswith("postmortem_at: 2026-03-16 09:00\n---\n## What happened\n\nA switch failed.\n")
    built_index(posted, "2026-03-16T09:05+01:00")
    assert "A switch failed." in page_text(posted / "output/incidents" / f"{SLUG}.html")


# -- refusals: a clear sentence, a non-zero exit, and no file changed ------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ("new", "incident", "--title", "X", "--affected", "logn=major_outage", "--text", "t"),
            ("'logn' is not a component", "Did you mean 'login'?"),
        ),
        (
            ("new", "incident", "--title", "X", "--affected", "login=majr_outage", "--text", "t"),
            ("'majr_outage' is not a component status", "Did you mean 'major_outage'?"),
        ),
        (("new", "incident", "--title", "X", "--affected", "login", "--text", "t"), ("is not ID=STATUS",)),
        (
            ("new", "incident", "--title", "X", "--affected", "login=major_outage", "--status", "fixed", "--text", "t"),
            ("'fixed' is not an update status",),
        ),
        (
            (
                "new",
                "incident",
                "--title",
                "X",
                "--affected",
                "login=major_outage",
                "--at",
                "2026-03-29 02:30",
                "--text",
                "t",
            ),
            ("--at:", "does not exist in Europe/Oslo"),
        ),
        (
            ("new", "incident", "--title", "X", "--affected", "login=major_outage", "--at", "yesterday", "--text", "t"),
            ("--at:", "is not a time"),
        ),
        (
            ("new", "incident", "--title", "X", "--affected", "login=major_outage", "--text", "  "),
            ("the text is empty",),
        ),
        (
            (
                "new",
                "incident",
                "--title",
                "X",
                "--affected",
                "login=major_outage",
                "--slug",
                "Bad Slug",
                "--text",
                "t",
            ),
            ("--slug 'Bad Slug'",),
        ),
        (
            ("update", "login-down", "--text", "t"),
            ("no incident has the slug 'login-down'", "Did you mean '2026-03-12-login-down'?"),
        ),
        (("update", "2026-03-12-login-down", "--text", "t"), ("was resolved at 2026-03-12 09:00 CET",)),
        (("resolve", "2026-03-12-login-down", "--text", "t"), ("takes no more updates",)),
    ],
)
def test_refusals_leave_every_file_as_it_was(minimal_site, args, words):
    refused_untouched(minimal_site, *args, words=words)


def test_an_existing_slug_is_refused(posted):
    refused_untouched(
        posted,
        "new",
        "incident",
        "--title",
        "Login fails for everyone",
        "--affected",
        "login=major_outage",
        "--text",
        "again",
        "--at",
        "2026-03-13 12:00",
        words=(f"content/incidents/{SLUG}.md already exists", "--slug"),
    )


def test_an_update_to_an_unknown_component_is_refused(posted):
    refused_untouched(
        posted,
        "update",
        SLUG,
        "--affected",
        "portl=operational",
        "--text",
        "t",
        words=("'portl' is not a component", "Did you mean 'portal'?"),
    )


def test_a_failing_or_empty_editor_writes_nothing(posted, monkeypatch):
    """Quitting the editor with an error, or saving nothing, aborts the update."""
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "false")
    refused_untouched(posted, "update", SLUG, words=("exited with status 1",))
    monkeypatch.setenv("EDITOR", editor_writing(""))
    refused_untouched(posted, "update", SLUG, words=("the text is empty",))
    monkeypatch.delenv("EDITOR")
    refused_untouched(posted, "update", SLUG, words=("set $EDITOR",))


def test_a_site_with_problems_takes_no_new_incident(posted):
    """If the site is invalid already, nothing is written and the problems are listed."""
    broken = posted / "content/maintenance/2026-05-20-portal-upgrade.md"
    broken.write_text(broken.read_text().replace("end: 2026-05-20 18:00", "end: 2026-05-20 15:00"))
    run = refused_untouched(
        posted,
        "new",
        "incident",
        "--title",
        "Other",
        "--affected",
        "login=major_outage",
        "--text",
        "t",
        words=("problems already",),
    )
    assert "2026-05-20-portal-upgrade.md:5: `window.end`" in run.stderr


def test_resolved_incident_keeps_its_bytes_when_refused(posted):
    """The resolved file is byte-identical after a refused update (and a second resolve)."""
    assert varde(posted, "resolve", SLUG, "--text", "Done.", "--at", "2026-03-13 11:00").returncode == 0
    before = tree(posted)
    for args in (("update", SLUG, "--text", "late"), ("resolve", SLUG, "--text", "again")):
        assert_refused(varde(posted, *args), "was resolved at 2026-03-13 11:00 CET")
    assert tree(posted) == before


def test_the_same_title_after_resolving_is_a_new_incident_with_a_free_name(posted):
    """After `varde resolve`, the login fails again the same day: the new
    incident gets the next free name instead of a refusal that pointed to
    `varde update`, which refuses a resolved incident."""
    resolved = varde(posted, "resolve", SLUG, "--text", "Login works again.", "--at", "2026-03-13 11:00")
    assert resolved.returncode == 0, resolved.output
    again = varde(posted, "new", "incident", "--title", "Login fails for everyone", "--affected", "login=major_outage",
                  "--text", "Login fails again.", "--at", "2026-03-13 12:00")  # fmt: skip
    assert again.returncode == 0, again.output
    assert f"content/incidents/{SLUG}-2.md" in again.stdout
    assert varde(posted, "update", f"{SLUG}-2", "--text", "Still failing.", "--at", "2026-03-13 12:10").returncode == 0


NOW = epoch("2026-03-13T10:30+01:00")


@pytest.mark.parametrize(
    ("args", "later", "future"),
    [
        (
            ("new", "incident", "--title", "Portal slow", "--affected", "portal=degraded_performance", "--text", "t"),
            "2026-03-14 09:00",
            True,
        ),
        (("update", SLUG, "--status", "identified", "--text", "t"), "2026-03-13 10:34", False),  # a clock off
        (("resolve", SLUG, "--text", "t"), "2026-03-13 12:00", True),
        (("postmortem", SLUG, "--text", "A switch failed."), "2026-03-13 10:34", False),
    ],
)
def test_a_time_after_now_is_refused_without_future(posted, args, later, future):
    """Issue 22, item 4: `--at` a year ahead was taken without a word, and
    what it dated stayed invisible everywhere until then."""
    if args[0] == "postmortem":
        assert varde(posted, "resolve", SLUG, "--text", "Fixed.", "--at", "2026-03-13 10:20").returncode == 0
    refused_untouched(
        posted,
        *args,
        "--at",
        "2027-03-13 10:30",
        at=NOW,
        words=(
            "varde: --at 2027-03-13 10:30 CET is after now (2026-03-13 10:30 CET), so it would stay hidden until "
            "then; correct the date, or add --future if that is meant.",
        ),
    )
    allowed = ("--future",) if future else ()
    taken = varde(posted, *args, "--at", later, *allowed, at=NOW)
    assert taken.returncode == 0, taken.output


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (
            ("update", "2026-03-12-login-down", "--status", "Identifed", "--text", "t"),
            "varde: --status: 'Identifed' is not an update status; use one of investigating, identified, "
            "monitoring, update, resolved. Did you mean 'identified'?",
        ),
        (
            ("new", "incident", "--title", "X", "--affected", "LOGIN=major_outage", "--text", "t"),
            "varde: --affected: 'LOGIN' is not a component of this site (components.yaml lists network, login, "
            "portal). Did you mean 'login'?",
        ),
        (
            ("new", "incident", "--title", "X", "--affected", "login=Major-Outage", "--text", "t"),
            "varde: --affected: 'Major-Outage' is not a component status; use one of operational, "
            "degraded_performance, partial_outage, major_outage. Did you mean 'major_outage'?",
        ),
        (
            ("new", "incidnt", "--title", "X"),
            "varde: 'incidnt' is not a kind; use one of incident, maintenance. Did you mean 'incident'?",
        ),  # fmt: skip
        (
            ("new", "incident", "--title", "X"),
            "varde: give the incident --affected (or write it from a template with --template NAME); "
            "see `varde new incident --help`.",
        ),  # fmt: skip
        (
            ("status", "--format", "json"),
            "varde: '--format' is not an option or argument of `varde status`; see `varde status --help`.",
        ),  # fmt: skip
    ],
)
def test_a_mistyped_command_line_is_one_sentence_like_any_refusal(minimal_site, args, sentence):
    """Issue 22, item 6: a mistyped status got argparse's usage block and
    exit status 2, a mistyped component one line and 1."""
    run = refused_untouched(minimal_site, *args)
    assert run.returncode == 1
    assert run.stderr == sentence + "\n"
