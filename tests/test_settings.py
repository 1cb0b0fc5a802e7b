"""A site's settings, each read, typed and checked in one place: a mistake
is named the one way ("the X setting: what is wrong; set it to e.g. ...")
by the build and by every command alike, every mistake in one run."""

from __future__ import annotations

from datetime import timedelta

import pytest
from support import configure, copy_site, pelican, varde

from varde.errors import ContentError
from varde.model import Impact
from varde.settings import VardeSettings

WRONG = {
    "VARDE_RECENT_DAYS": -1,
    "VARDE_CADENCE_MINUTES": {"critcal": 10},
    "OUTPUT_RETENTION": ["../elsewhere"],
    "VARDE_MIRRORS": ["rclone:nothing"],
    "DEFAULT_LANG": "de",
    "VARDE_DEMO_NOW": "22 November",
    "VARDE_LOGO": "../logo.svg",
}
NAMED = [
    "the VARDE_RECENT_DAYS setting: -1 is not a whole number of 0 or more; set it to e.g. 7.",
    "the VARDE_CADENCE_MINUTES setting: 'critcal' is not an impact (critical, major or minor); "
    'set it to e.g. {"critical": 30, "major": 60}. Did you mean \'critical\'?',
    "the OUTPUT_RETENTION setting: '../elsewhere' is not a name of a file or folder in the output; "
    'set it to e.g. ["CNAME", ".git"].',
    "the VARDE_MIRRORS setting: mirror 1: 'rclone:nothing' names no rclone remote;",
    "the DEFAULT_LANG setting: 'de' is not a language Varde's pages are written in; set it to one of en, nb, nn, sv.",
    "the VARDE_LOGO setting: '../logo.svg' is not an SVG or PNG file in the content folder",
    "the VARDE_DEMO_NOW setting: '22 November' is not a time; write YYYY-MM-DD HH:MM (local time),",
]


@pytest.fixture(scope="module")
def wrong_site(tmp_path_factory):
    return configure(copy_site("minimal", tmp_path_factory.mktemp("settings")), **WRONG)


@pytest.mark.parametrize("command", ["pelican", "check", "status", "build"])
def test_every_wrong_setting_is_named_at_once(wrong_site, command):
    run = pelican(wrong_site) if command == "pelican" else varde(wrong_site, command)
    assert run.returncode == 1 and "Traceback" not in run.output, run.output
    assert f"{len(WRONG)} problems found:" in run.output
    for sentence in NAMED:
        assert sentence in run.output, run.output
    assert not (wrong_site / "output").exists()


def settings(**given: object) -> VardeSettings:
    return VardeSettings.from_pelican({"PATH": "/site/content", "OUTPUT_PATH": "/site/output", **given})


def test_the_cadence_replaces_the_defaults_one_impact_at_a_time():
    assert settings().cadence == {
        Impact.CRITICAL: timedelta(minutes=30),
        Impact.MAJOR: timedelta(minutes=60),
        Impact.MINOR: timedelta(minutes=120),
    }
    chosen = settings(VARDE_CADENCE_MINUTES={"critical": 10, "minor": None}).cadence
    assert chosen == {Impact.CRITICAL: timedelta(minutes=10), Impact.MAJOR: timedelta(minutes=60)}


@pytest.mark.parametrize("minutes", [0, -5, True, "30", float("inf"), float("nan")])
def test_a_cadence_that_is_no_number_of_minutes_is_refused(minutes):
    with pytest.raises(ContentError, match="'major': .* is not a number of minutes above 0"):
        settings(VARDE_CADENCE_MINUTES={"major": minutes})


@pytest.mark.parametrize(
    "written, code", [("nb", "nb"), ("nb_NO", "nb"), ("nb-NO", "nb"), ("no", "nb"), ("NN", "nn"), ("en_GB", "en")]
)
def test_the_language_is_read_as_pelican_sites_write_it(written, code):
    assert settings(DEFAULT_LANG=written).language == code


def test_retention_keeps_names_in_the_output_only():
    assert settings(OUTPUT_RETENTION=["CNAME", ".git"]).retention == ("CNAME", ".git")
    with pytest.raises(ContentError) as refused:
        settings(OUTPUT_RETENTION=["/etc", "a/b", "..", ".", "", 3])
    assert len(refused.value.problems) == 6
    with pytest.raises(ContentError, match="'CNAME' is not a list of names"):
        settings(OUTPUT_RETENTION="CNAME")


def test_mirrors_are_typed_and_none_when_unset(tmp_path):
    assert settings().mirrors == ()
    mirrors = VardeSettings.from_pelican(
        {"PATH": str(tmp_path / "content"), "OUTPUT_PATH": str(tmp_path / "output"), "VARDE_MIRRORS": ["www"]},
        tmp_path,
    ).mirrors
    assert [(mirror.target, mirror.folder) for mirror in mirrors] == [("www", tmp_path / "www")]


@pytest.mark.parametrize("logo", ["logo.gif", "missing.svg", "/etc/passwd", "", 3])
def test_a_logo_must_be_an_svg_or_png_inside_the_content_folder(tmp_path, logo):
    (tmp_path / "logo.gif").write_bytes(b"GIF89a")
    with pytest.raises(ContentError) as raised:
        VardeSettings.from_pelican({"PATH": str(tmp_path), "OUTPUT_PATH": "/site/output", "VARDE_LOGO": logo})
    (problem,) = raised.value.problems
    assert problem.message.endswith("set it to such a file's path inside it, e.g. 'logo.svg'.")
