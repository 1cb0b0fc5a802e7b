"""Incident templates: `varde new incident --template NAME --set key=value`
writes the incident the team wrote in advance, refuses anything left
unfilled or not taken by name, and `varde check` reads templates as content."""

from __future__ import annotations

import json

import pytest
from support import epoch, varde
from test_cli_support import built_index, refused_untouched

AT = epoch("2026-03-12T08:10+01:00")

LOGIN_DOWN = """---
# Login fails; the team wrote this calmly.
title: "{service} fails after a network fault"
reference: "{case}"
affected:
  "{component}": major_outage
  network: "{network_status}"
status: identified
text: |
  {service} fails for everyone since {since}. Next update by {next_update}.
---
Written in advance: {service} depends on the network.
"""


@pytest.fixture
def site(minimal_site):
    (minimal_site / "templates").mkdir()
    (minimal_site / "templates/login-down.md").write_text(LOGIN_DOWN, encoding="utf-8")
    (minimal_site / "templates/slow.md").write_text(
        "---\ntitle: Slow pages\naffected:\n  portal: degraded_performance\ntext: The portal is slow.\n---\n",
        encoding="utf-8",
    )
    return minimal_site


FILLED = (
    "--set",
    "service=Login",
    "component=login",
    "network_status=partial_outage",
    "case=INC-7",
    "since=08:05",
    "next_update=08:45",
)


def test_a_template_becomes_an_ordinary_incident(site):
    run = varde(site, "new", "incident", "--template", "login-down", *FILLED, "--at", "2026-03-12 08:05", at=AT)
    assert run.returncode == 0, run.output
    assert run.stdout.strip() == "content/incidents/2026-03-12-login-fails-after-a-network-fault.md"
    assert (site / run.stdout.strip()).read_text() == (
        "---\n"
        "title: Login fails after a network fault\n"
        "reference: INC-7\n"
        "affected:\n"
        "  login: major_outage\n"
        "  network: partial_outage\n"
        "updates:\n"
        "  - at: 2026-03-12 08:05\n"
        "    status: identified\n"
        "    text: Login fails for everyone since 08:05. Next update by 08:45.\n"
        "---\n"
        "Written in advance: Login depends on the network.\n"
    )
    index = built_index(site, "2026-03-12T08:30+01:00")
    assert "Login fails after a network fault" in index
    assert "{" not in index


def test_the_first_update_is_now_without_at_and_investigating_by_default(site):
    run = varde(site, "new", "incident", "--template", "slow", at=AT)
    assert run.returncode == 0, run.output
    text = (site / run.stdout.strip()).read_text()
    assert "  - at: 2026-03-12 08:10\n    status: investigating\n    text: The portal is slow.\n" in text


def test_the_same_template_twice_the_same_day_gets_a_free_name(site):
    first = varde(site, "new", "incident", "--template", "slow", "--at", "2026-03-12 08:00", at=AT)
    resolved = varde(site, "resolve", first.stdout.strip()[len("content/incidents/") : -3], "--text", "ok", at=AT)
    assert resolved.returncode == 0, resolved.output
    again = varde(site, "new", "incident", "--template", "slow", at=AT)
    assert again.returncode == 0, again.output
    assert again.stdout.strip() == "content/incidents/2026-03-12-slow-pages-2.md"


def test_template_without_a_name_lists_templates_and_their_placeholders(site):
    run = varde(site, "new", "incident", "--template", at=AT)
    assert run.returncode == 0, run.output
    names = ("service", "case", "component", "network_status", "since", "next_update")
    assert run.stdout.splitlines() == [
        "login-down  " + " ".join(f"--set {name}=VALUE" for name in names),
        "slow        (no placeholders)",
    ]


def test_a_site_without_templates_says_where_to_write_one(minimal_site):
    run = varde(minimal_site, "new", "incident", "--template", at=AT)
    assert run.returncode == 0, run.output
    assert "templates/<name>.md" in run.stdout


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        # a placeholder left unfilled, by name
        (("--template", "login-down", "--set", "service=Login", "component=login"), ("{case}", "{next_update}")),
        # a value no placeholder takes, by name
        (("--template", "login-down", *FILLED, "servce=x"), ("--set servce", "Did you mean 'service'?")),
        (("--template", "login-down", *FILLED, "owner"), ("'owner' is not KEY=VALUE",)),
        (("--template", "login-dwn", *FILLED), ("templates/login-dwn.md", "Did you mean 'login-down'?")),
        (("--template", "slow", "--title", "Other"), ("leave out --title",)),
        (("--title", "X", "--affected", "login=major_outage", "--set", "a=b"), ("--template NAME",)),
        (("--text", "no title"), ("--title and --affected",)),
        (("--template", "--set", "service=Login"), ("--template NAME --set",)),
        # filled in, the incident must still be valid content
        (
            ("--template", "login-down", *FILLED[:2], "component=logn", *FILLED[3:]),
            ("'logn'", "Did you mean 'login'?", "nothing was written"),
        ),
        (
            ("--template", "login-down", *FILLED[:3], "network_status=down", *FILLED[4:]),
            ("'down' is not", "nothing was written"),
        ),
    ],
)
def test_refusals_name_what_to_fix_and_write_nothing(site, arguments, words):
    run = refused_untouched(site, "new", "incident", *arguments, words=words, at=AT)
    assert run.stderr.strip().splitlines()[-1].startswith("varde: "), run.stderr  # the sentence, last


def test_a_broken_template_is_refused_before_anything_is_written(site):
    (site / "templates/broken.md").write_text("---\ntitle: x\naffected:\n  logn: major_outage\ntext: t\n---\n")
    refused_untouched(
        site, "new", "incident", "--template", "slow", at=AT, words=("templates/broken.md:4", "templates have problems")
    )


def test_check_reads_templates_like_content(site):
    assert "2 templates" in varde(site, "check").stdout
    (site / "templates/broken.md").write_text(
        "---\ntitle: x\naffected:\n  logn: major_outage\n  '{c}': down\nimpact: huge\ntext: t\nowner: me\n---\n"
    )
    run = varde(site, "check")
    assert run.returncode == 1
    for expected in (
        "templates/broken.md:4: `affected` names the component 'logn'",
        "templates/broken.md:5: the status of '{c}' must be one of",
        "templates/broken.md:6: `impact` must be one of",
        "templates/broken.md:8: the template has an unknown key `owner`",
    ):
        assert expected in run.stderr, run.stderr
    problems = json.loads(varde(site, "check", "--format", "json").stdout)
    assert {(p["file"], p["line"]) for p in problems} == {("templates/broken.md", line) for line in (4, 5, 6, 8)}


def test_check_reports_templates_and_content_together(site):
    (site / "templates/broken.md").write_text("---\ntitle: x\n---\n")
    (site / "content/incidents/bad.md").write_text("---\ntitle: y\n---\n")
    run = varde(site, "check")
    assert "templates/broken.md" in run.stderr and "content/incidents/bad.md" in run.stderr


def test_init_ships_two_templates_in_the_sites_language(tmp_path):
    run = varde(tmp_path, "init", "status", "--language", "nb", "--timezone", "Europe/Oslo", at=AT)
    assert run.returncode == 0, run.output
    site = tmp_path / "status"
    assert sorted(p.name for p in (site / "templates").iterdir()) == ["nede.md", "treg.md"]
    assert "2 templates" in varde(site, "check").stdout
    run = varde(
        site,
        "new",
        "incident",
        "--template",
        "nede",
        "--set",
        "komponent=login",
        "tjeneste=Innlogging",
        "neste_oppdatering=10:30",
        at=AT,
    )
    assert run.returncode == 0, run.output
    written = (site / run.stdout.strip()).read_text()
    assert "title: Innlogging er utilgjengelig\n" in written
    assert "Neste oppdatering kommer senest kl. 10:30." in written


def test_the_example_sites_templates_are_valid_and_norwegian(example_site):
    run = varde(example_site, "check")
    assert run.returncode == 0, run.output
    assert "4 templates" in run.stdout
    listed = varde(example_site, "new", "incident", "--template").stdout
    for name in ("datasenternett", "innlogging", "meldingsforsinkelser", "testmiljo-nede"):
        assert name in listed
    run = varde(
        example_site,
        "new",
        "incident",
        "--template",
        "testmiljo-nede",
        "--set",
        "komponent=test-forskrivning",
        "tjeneste=forskrivningsmodulen",
        at=AT,
    )
    assert run.returncode == 0, run.output
    assert (
        "title: Testmiljøet for forskrivningsmodulen er utilgjengelig"
        in (example_site / run.stdout.strip()).read_text()
    )
