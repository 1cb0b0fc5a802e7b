"""End to end: real `pelican` builds of real sites, read as a visitor would."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import epoch, pelican, tree, varde, visible_text

REPO = Path(__file__).resolve().parent.parent


def test_example_site_builds_with_plain_pelican_and_shows_the_open_incident(example_site):
    """`pelican content` builds the example; the index shows the open incident."""
    run = pelican(example_site, at=epoch("2026-11-22T12:00+01:00"))
    assert run.returncode == 0, run.output
    index = visible_text(example_site / "output/index.html")
    assert "Meldingstjenesten – forsinket levering av meldinger" in index
    assert "Overvåker" in index  # its state, in Norwegian
    assert "Redusert ytelse i enkelte tjenester" in index  # Statuspage's "Partially Degraded Service"
    assert "Oppdatert 22. november 2026 kl. 12:00 CET" in index
    page = (example_site / "output/index.html").read_text()
    assert '<html lang="nb">' in page
    assert '<meta http-equiv="refresh" content="60">' in page  # a reader's tab follows the incident


def test_the_example_site_built_today_is_shown_at_its_own_instant(example_site):
    """Issue 22, item 9: built on any date, with no SOURCE_DATE_EPOCH, the
    example's open incident never promises news for a day already past: the
    site is shown at its VARDE_DEMO_NOW, which `varde status` shares."""
    run = pelican(example_site)
    assert run.returncode == 0, run.output
    index = visible_text(example_site / "output/index.html")
    assert "Oppdatert 22. november 2026 kl. 12:00 CET" in index
    assert "ny oppdatering mandag 23. november" in index  # the promise lies ahead of the page's instant
    status = varde(example_site, "status")
    assert "2026-11-22 12:00 CET" in status.stdout, status.output
    # An explicit instant still wins.
    run = pelican(example_site, at=epoch("2026-03-12T09:00+01:00"))
    assert "Oppdatert 12. mars 2026 kl. 09:00 CET" in visible_text(example_site / "output/index.html")


def test_during_the_login_outage_the_index_shows_the_cascade(example_site):
    """At 09:00 on the outage day, login is down and dependants say why."""
    run = pelican(example_site, at=epoch("2026-03-12T09:00+01:00"))
    assert run.returncode == 0, run.output
    index = visible_text(example_site / "output/index.html")
    assert "Helse-ID – innlogging feiler etter nettverksfeil i datasenter" in index
    assert "Kan være påvirket via" in index
    assert "Utilgjengelig" in index  # major outage, in words


def test_quiet_site_has_no_refresh_and_says_all_operational(minimal_site):
    """With nothing open, the index says so and does not reload itself."""
    run = pelican(minimal_site, at=epoch("2026-04-01T12:00+02:00"))
    assert run.returncode == 0, run.output
    page = (minimal_site / "output/index.html").read_text()
    assert "All Systems Operational" in visible_text(minimal_site / "output/index.html")
    assert 'http-equiv="refresh"' not in page


def test_environments_get_their_own_index(example_site):
    """Every environment but the first has its own tree under <id>/."""
    run = pelican(example_site, at=epoch("2026-11-22T12:00+01:00"))
    assert run.returncode == 0, run.output
    test_index = visible_text(example_site / "output/test/index.html")
    assert "Testmiljø" in test_index
    assert "Meldingstjenesten – forsinket" not in test_index  # a production incident
    main = (example_site / "output/index.html").read_text()
    assert 'href="./test/index.html"' in main


def test_future_updates_are_not_published(minimal_site):
    """A build pinned before an update shows the site as it stood then."""
    run = pelican(minimal_site, at=epoch("2026-03-12T08:30+01:00"))
    assert run.returncode == 0, run.output
    index = visible_text(minimal_site / "output/index.html")
    assert "Login is down" in index
    assert "Login works again" not in index
    before = pelican(minimal_site, at=epoch("2026-03-12T08:00+01:00"))
    assert before.returncode == 0
    assert "Login is down" not in visible_text(minimal_site / "output/index.html")


def test_builds_are_reproducible_across_folders(tmp_path, example_site):
    """Same content and SOURCE_DATE_EPOCH: byte-identical output, wherever built."""
    other = tmp_path / "elsewhere" / "site"
    shutil.copytree(example_site, other)
    at = epoch("2026-11-22T12:00+01:00")
    assert pelican(example_site, at=at).returncode == 0
    assert pelican(other, at=at).returncode == 0
    assert tree(example_site / "output") == tree(other / "output")


def test_stale_files_go_and_retained_files_stay(minimal_site):
    """The output holds exactly the last build, plus OUTPUT_RETENTION."""
    conf = minimal_site / "pelicanconf.py"
    conf.write_text(conf.read_text() + '\nOUTPUT_RETENTION = ["CNAME"]\n')
    assert pelican(minimal_site).returncode == 0
    (minimal_site / "output/CNAME").write_text("status.example.org\n")
    (minimal_site / "output/stale.html").write_text("old")
    assert pelican(minimal_site).returncode == 0
    assert (minimal_site / "output/CNAME").read_text() == "status.example.org\n"
    assert not (minimal_site / "output/stale.html").exists()
    assert not any(p.name.startswith(".output") for p in minimal_site.iterdir())


def test_replaced_outputs_do_not_pile_up(minimal_site):
    """The replaced output is deleted during the next build, not kept: after
    three builds only the one just replaced waits in the cache."""
    for minute in range(3):
        assert pelican(minimal_site, at=epoch(f"2026-11-22T12:0{minute}+01:00")).returncode == 0
    assert len(list((minimal_site / "cache/varde/replaced").iterdir())) == 1


def test_output_inside_content_is_refused(minimal_site):
    """Swapping an output that holds the content would move the content away."""
    run = pelican(minimal_site, None, "pelicanconf.py", "-o", ".")
    assert run.returncode != 0
    assert "contains the content folder" in run.output
    assert "Traceback" not in run.output
    assert (minimal_site / "content/components.yaml").is_file()


def test_an_output_folder_that_varde_did_not_write_is_left_alone(minimal_site, tmp_path):
    """A build replaces its whole output folder: pointed by mistake at a
    folder that holds other files (a web server's root), it must delete
    nothing, and say why."""
    elsewhere = tmp_path / "www"
    (elsewhere / "docs").mkdir(parents=True)
    (elsewhere / "docs/report.pdf").write_text("someone's work")
    run = pelican(minimal_site, None, "pelicanconf.py", "-o", str(elsewhere))
    assert run.returncode != 0
    assert "holds files that no Varde build wrote" in run.output
    assert "Traceback" not in run.output
    assert (elsewhere / "docs/report.pdf").read_text() == "someone's work"
    assert sorted(path.name for path in elsewhere.iterdir()) == ["docs"]


def test_pages_with_yaml_front_matter(minimal_site):
    """Free pages may use YAML front matter; the body keeps a `Key: value` first line."""
    pages = minimal_site / "content/pages"
    pages.mkdir()
    (pages / "about.md").write_text("---\ntitle: About this page\nslug: about\n---\nNote: this line stays.\n")
    run = pelican(minimal_site)
    assert run.returncode == 0, run.output
    about = visible_text(minimal_site / "output/pages/about.html")
    assert "About this page" in about
    assert "Note: this line stays." in about
    assert 'href="./pages/about.html"' in (minimal_site / "output/index.html").read_text()  # footer link


def test_markdown_in_content_is_sanitized(minimal_site):
    """Raw HTML in content never carries script into a page."""
    incident = minimal_site / "content/incidents/2026-03-12-login-down.md"
    incident.write_text(
        incident.read_text().replace(
            "Login fails for everyone.",
            '"Login fails <script>alert(1)</script> <a href=\\"javascript:alert(2)\\" onclick=\\"x()\\">see</a> **now**"',
        )
    )
    run = pelican(minimal_site, at=epoch("2026-03-12T08:30+01:00"))
    assert run.returncode == 0, run.output
    page = (minimal_site / "output/index.html").read_text()
    assert "<strong>now</strong>" in page
    assert "<script" not in page and "javascript:" not in page and "onclick" not in page


def test_varde_check_accepts_the_example(example_site):
    """`varde check` passes on the example content and says what it read."""
    run = varde(example_site, "check")
    assert run.returncode == 0, run.output
    assert "is valid" in run.stdout


@pytest.mark.parametrize(
    "language, banner",
    [
        ("nb", "Redusert ytelse i enkelte tjenester"),
        ("nn", "Redusert yting i somme tenester"),
        ("sv", "Försämrad prestanda i vissa tjänster"),
        ("en", "Partially Degraded Service"),
    ],
)
def test_example_site_in_each_language(example_site, language, banner):
    """The example site builds in every supported language, every page type in it."""
    conf = example_site / "pelicanconf.py"
    conf.write_text(conf.read_text().replace('DEFAULT_LANG = "nb"', f'DEFAULT_LANG = "{language}"'))
    run = pelican(example_site, at=epoch("2026-11-22T12:00+01:00"))
    assert run.returncode == 0, run.output
    output = example_site / "output"
    assert banner in visible_text(output / "index.html")
    for page in (
        "incidents/2026-03-12-innlogging-nettverksfeil.html",
        "history.html",
        "history/2025.html",
        "components/innlogging.html",
        "maintenance/2026-10-25-dokumentlager-oppgradering.html",
        "test/index.html",
    ):
        assert f'<html lang="{language}">' in (output / page).read_text(), page
