"""Invalid content stops everything with `path:line: what is wrong`.

The contract (content-format.md, "Errors"): every invalid file stops the
build with a message naming the file, the line and the problem in plain
words, the exit status is non-zero, and an invalid build never replaces a
site that was already built.  Each case below is one edit of the minimal
site; the line numbers were counted by hand in the text written (the YAML
comments `# line N` mark the offending line, and YAML ignores them).
"""

from __future__ import annotations

import contextlib
from datetime import UTC
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import copy_site, pelican, tree, varde

from varde.errors import ContentError
from varde.importing.statuspage import Source, SourceError, import_statuspage
from varde.model import Site
from varde.parsing import load_site

COMPONENTS = "content/components.yaml"
INCIDENT = "content/incidents/x.md"
MAINTENANCE = "content/maintenance/m.md"
RECURRING = "content/maintenance/r.md"
RECURRING_TEXT = """\
---
title: Weekly patching
recurrence:
  rule: FREQ=WEEKLY;BYDAY=TU
  start: 2026-01-06 22:00
  duration: 2h
  until: 2026-12-31
affected: [portal]
---
"""

# The minimal site's components.yaml, for cases that change one line of it.
COMPONENTS_TEXT = """\
groups:
  - id: core
    name: Core services
components:
  - id: network
    name: Datacenter network
    group: core
  - id: login
    name: Login
    group: core
    depends_on: [network]
  - id: portal
    name: Citizen portal
    depends_on: [login]
"""


def components(line: int, new: str | None = None, insert: str | None = None) -> str:
    """COMPONENTS_TEXT with line `line` replaced by `new`, or `insert` put before it."""
    lines = COMPONENTS_TEXT.splitlines(keepends=True)
    if new is not None:
        lines[line - 1] = new + "\n"
    if insert is not None:
        lines.insert(line - 1, insert + "\n")
    return "".join(lines)


# A valid incident; the cases below are edits of its text.
VALID_INCIDENT = """\
---
title: Login is slow
affected:
  login: degraded_performance
updates:
  - at: 2026-03-12 08:05
    status: investigating
    text: Login is slow for some.
---
"""

VALID_MAINTENANCE = """\
---
title: Portal upgrade
window:
  start: 2026-05-20 16:00
  end: 2026-05-20 18:00
affected: [portal]
---
The portal is unavailable.
"""


# id -> (files to write, expected `path:line:`, key phrase of the explanation)
CASES: dict[str, tuple[dict[str, str | bytes], str, str]] = {
    # -- YAML that does not parse ------------------------------------------
    "yaml-syntax-in-components": (
        {COMPONENTS: components(9, "    name: Login: single sign-on")},
        f"{COMPONENTS}:9:",
        "not valid YAML",
    ),
    "yaml-syntax-in-incident": (
        {
            INCIDENT: VALID_INCIDENT.replace("text: Login is slow for some.", "text: Login fails: for everyone.")
        },  # line 8
        f"{INCIDENT}:8:",
        "not valid YAML",
    ),
    "duplicate-key": (
        {
            INCIDENT: VALID_INCIDENT.replace("title: Login is slow\n", "title: Login is slow\ntitle: Login is down\n")
        },  # line 3
        f"{INCIDENT}:3:",
        "the key 'title' appears twice (first on line 2)",
    ),
    # -- files that are not front matter + Markdown ------------------------
    "non-utf8-incident": (
        {
            INCIDENT: b"---\ntitle: Login is slow\naffected:\n  login: degraded_performance \xff\n"
            b"updates:\n  - at: 2026-03-12 08:05\n    status: investigating\n"
            b"    text: Slow.\n---\n"
        },
        f"{INCIDENT}:4:",
        "not UTF-8",
    ),
    "non-utf8-components": (
        {COMPONENTS: components(3, "    name: Core services \xff").encode("latin-1")},
        f"{COMPONENTS}:3:",
        "not UTF-8",
    ),
    "no-front-matter": (
        {INCIDENT: VALID_INCIDENT.removeprefix("---\n")},
        f"{INCIDENT}:1:",
        "does not start with YAML front matter",
    ),
    "front-matter-never-closes": (
        {INCIDENT: VALID_INCIDENT.removesuffix("---\n")},
        f"{INCIDENT}:1:",
        "never ends",
    ),
    # -- missing required keys ---------------------------------------------
    "missing-title": (
        {INCIDENT: VALID_INCIDENT.replace("title: Login is slow\n", "")},  # mapping now starts on line 2
        f"{INCIDENT}:2:",
        "needs the key `title`",
    ),
    "missing-updates": (
        {INCIDENT: "---\ntitle: Login is slow\naffected:\n  login: degraded_performance\n---\n"},
        f"{INCIDENT}:2:",
        "needs the key `updates`",
    ),
    "empty-updates": (
        {INCIDENT: "---\ntitle: Login is slow\naffected:\n  login: degraded_performance\nupdates: []  # line 5\n---\n"},
        f"{INCIDENT}:5:",
        "`updates` is empty",
    ),
    "missing-affected-default-impact": (
        {INCIDENT: VALID_INCIDENT.replace("affected:\n  login: degraded_performance\n", "")},
        f"{INCIDENT}:2:",
        "needs `affected`",
    ),
    "missing-affected-impact-minor": (
        {INCIDENT: VALID_INCIDENT.replace("affected:\n  login: degraded_performance\n", "impact: minor\n")},
        f"{INCIDENT}:2:",
        "needs `affected`",
    ),
    "missing-window": (
        {MAINTENANCE: "---\ntitle: Portal upgrade\naffected: [portal]\n---\n"},
        f"{MAINTENANCE}:2:",
        "needs `window` (its start and end), or `recurrence`",
    ),
    "missing-window-start": (
        # Reported on the `window:` line (3), where the key belongs.
        {
            MAINTENANCE: "---\ntitle: Portal upgrade\nwindow:  # line 3\n  end: 2026-05-20 18:00\n"
            "affected: [portal]\n---\n"
        },
        f"{MAINTENANCE}:3:",
        "`window` needs the key `start`",
    ),
    # -- recurring maintenance (content format 1.1) --------------------------
    "window-and-recurrence": (
        {
            MAINTENANCE: "---\ntitle: Patching\nwindow:  # line 3\n  start: 2026-05-19 22:00\n"
            "  end: 2026-05-19 23:00\nrecurrence:\n  rule: FREQ=WEEKLY\n  start: 2026-05-19 22:00\n"
            "  duration: 1h\naffected: [portal]\n---\n"
        },
        f"{MAINTENANCE}:3:",
        "has both `window` and `recurrence`; keep `window` for one window",
    ),
    "recurrence-rule-invalid": (
        {RECURRING: RECURRING_TEXT.replace("FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;BYDAY=TX")},
        f"{RECURRING}:4:",
        "`recurrence.rule` is not an RFC 5545 rule (invalid 'BYDAY': TX)",
    ),
    "recurrence-rule-until": (
        {RECURRING: RECURRING_TEXT.replace("BYDAY=TU", "BYDAY=TU;UNTIL=20261231T000000Z")},
        f"{RECURRING}:4:",
        "give the last day as `recurrence.until` instead",
    ),
    "recurrence-start-not-a-window": (
        {RECURRING: RECURRING_TEXT.replace("start: 2026-01-06 22:00", "start: 2026-01-05 22:00")},
        f"{RECURRING}:4:",
        "has no window at `recurrence.start` (2026-01-05 22:00); its first is 2026-01-06 22:00",
    ),
    "recurrence-duration": (
        {RECURRING: RECURRING_TEXT.replace("duration: 2h", "duration: two hours")},
        f"{RECURRING}:6:",
        "`recurrence.duration` 'two hours' is not a duration; write e.g. 2h, 90m or 1h30m",
    ),
    "recurrence-until-before-start": (
        {RECURRING: RECURRING_TEXT.replace("until: 2026-12-31", "until: 2025-12-31")},
        f"{RECURRING}:7:",
        "`recurrence.until` is before `recurrence.start`",
    ),
    "recurrence-every-second": (
        # years of windows a second apart would be millions of pages: refused before any is made
        {RECURRING: RECURRING_TEXT.replace("FREQ=WEEKLY;BYDAY=TU", "FREQ=SECONDLY")},
        f"{RECURRING}:4:",
        "`recurrence.rule` repeats secondly, but a maintenance window repeats at most daily",
    ),
    "recurrence-by-hour": (
        {RECURRING: RECURRING_TEXT.replace("FREQ=WEEKLY;BYDAY=TU", "FREQ=DAILY;BYHOUR=1,2,3")},
        f"{RECURRING}:4:",
        "`recurrence.rule` has BYHOUR, but a window's time of day is `recurrence.start`'s; remove BYHOUR.",
    ),
    "recurrence-30-february": (
        # dateutil would look for it day by day up to the year 9999
        {RECURRING: RECURRING_TEXT.replace("FREQ=WEEKLY;BYDAY=TU", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")},
        f"{RECURRING}:4:",
        "`recurrence.rule` asks for day 30 of a month that never has it; fix BYMONTHDAY or BYMONTH.",
    ),
    "recurrence-windows-overlap": (
        {RECURRING: RECURRING_TEXT.replace("duration: 2h", "duration: 170h")},
        f"{RECURRING}:6:",
        "`recurrence.duration` is longer than the 168h between two windows, which would overlap; shorten it.",
    ),
    "recurrence-missing-start": (
        {RECURRING: RECURRING_TEXT.replace("  start: 2026-01-06 22:00\n", "")},
        f"{RECURRING}:3:",
        "`recurrence` needs the key `start`",
    ),
    "missing-maintenance-affected": (
        {MAINTENANCE: VALID_MAINTENANCE.replace("affected: [portal]\n", "")},
        f"{MAINTENANCE}:2:",
        "needs `affected`",
    ),
    # -- unknown keys ------------------------------------------------------
    "unknown-top-level-key": (
        {INCIDENT: VALID_INCIDENT.replace("affected:", "severity: high  # line 3\naffected:")},
        f"{INCIDENT}:3:",
        "unknown key `severity`",
    ),
    "near-miss-key-titel": (
        {INCIDENT: VALID_INCIDENT.replace("title:", "titel:")},  # line 2
        f"{INCIDENT}:2:",
        "unknown key `titel`; fix its spelling or remove it (known keys: ",
    ),
    "unknown-key-in-update": (
        {INCIDENT: VALID_INCIDENT.replace("for some.\n", "for some.\n    txt: More.  # line 9\n")},
        f"{INCIDENT}:9:",
        "an update has an unknown key `txt`",
    ),
    "unknown-key-in-component": (
        {COMPONENTS: components(10, insert="    descripton: Single sign-on  # line 10")},
        f"{COMPONENTS}:10:",
        "a component has an unknown key `descripton`",
    ),
    # -- unknown component ids, groups, environments -----------------------
    "unknown-id-in-incident-affected": (
        {INCIDENT: VALID_INCIDENT.replace("  login: degraded", "  logn: degraded")},  # line 4
        f"{INCIDENT}:4:",
        "names the component 'logn', which components.yaml does not list",
    ),
    "unknown-id-in-update-affected": (
        {
            INCIDENT: VALID_INCIDENT.replace(
                "for some.\n", "for some.\n    affected:\n      portl: operational  # line 10\n"
            )
        },
        f"{INCIDENT}:10:",
        "names the component 'portl', which components.yaml does not list",
    ),
    "unknown-id-in-maintenance-affected": (
        {MAINTENANCE: VALID_MAINTENANCE.replace("[portal]", "[portal, portl]  # line 6")},
        f"{MAINTENANCE}:6:",
        "names the component 'portl', which components.yaml does not list",
    ),
    "unknown-id-in-depends-on": (
        {COMPONENTS: components(11, "    depends_on: [netwrk]  # line 11")},
        f"{COMPONENTS}:11:",
        "depends on 'netwrk', which is not a component",
    ),
    "unknown-group": (
        {COMPONENTS: components(7, "    group: cor  # line 7")},
        f"{COMPONENTS}:7:",
        "the group 'cor' is not listed under `groups`",
    ),
    "unknown-environment": (
        {COMPONENTS: components(8, insert="    environment: staging  # line 8")},
        f"{COMPONENTS}:8:",
        "the environment 'staging' is not listed under `environments`",
    ),
    # -- unknown statuses and impacts --------------------------------------
    "unknown-update-status": (
        {INCIDENT: VALID_INCIDENT.replace("status: investigating", "status: investigatin")},  # line 7
        f"{INCIDENT}:7:",
        "`status` must be one of investigating, identified, monitoring, update, resolved",
    ),
    "unknown-component-status": (
        {INCIDENT: VALID_INCIDENT.replace("login: degraded_performance", "login: down")},  # line 4
        f"{INCIDENT}:4:",
        "the status of 'login' must be one of operational",
    ),
    "maintenance-status-in-incident": (
        {INCIDENT: VALID_INCIDENT.replace("login: degraded_performance", "login: under_maintenance")},
        f"{INCIDENT}:4:",
        "that status comes from maintenance files",
    ),
    "unknown-impact": (
        {INCIDENT: VALID_INCIDENT.replace("affected:", "impact: severe  # line 3\naffected:")},
        f"{INCIDENT}:3:",
        "`impact` must be one of none, minor, major, critical",
    ),
    "unknown-maintenance-update-status": (
        {
            MAINTENANCE: VALID_MAINTENANCE.replace(
                "affected: [portal]\n",
                "affected: [portal]\nupdates:\n  - at: 2026-05-20 18:00\n    status: done  # line 9\n"
                "    text: Finished.\n",
            )
        },
        f"{MAINTENANCE}:9:",
        "`status` must be one of scheduled, in_progress, verifying",
    ),
    # -- times -------------------------------------------------------------
    "time-in-words": (
        {INCIDENT: VALID_INCIDENT.replace("at: 2026-03-12 08:05", "at: yesterday")},  # line 6
        f"{INCIDENT}:6:",
        "'yesterday' is not a time",
    ),
    "time-impossible-date": (
        {INCIDENT: VALID_INCIDENT.replace("at: 2026-03-12 08:05", "at: 2026-13-40 10:00")},
        f"{INCIDENT}:6:",
        "is not a valid date or time of day",
    ),
    "time-in-spring-forward-gap": (
        {INCIDENT: VALID_INCIDENT.replace("at: 2026-03-12 08:05", "at: 2026-03-29 02:30")},
        f"{INCIDENT}:6:",
        "does not exist in Europe/Oslo",
    ),
    "time-beyond-the-calendar": (
        # Year 1 in Oslo (LMT +00:43) is before the first instant Python can
        # hold in UTC: still a person's typo, to be reported like any other.
        {INCIDENT: VALID_INCIDENT.replace("at: 2026-03-12 08:05", "at: 0001-01-01 00:00")},
        f"{INCIDENT}:6:",
        "`at`:",
    ),
    "window-end-before-start": (
        {MAINTENANCE: VALID_MAINTENANCE.replace("end: 2026-05-20 18:00", "end: 2026-05-19 18:00")},  # line 5
        f"{MAINTENANCE}:5:",
        "is before `window.start`",
    ),
    "update-after-resolved": (
        {
            INCIDENT: "---\ntitle: Login is slow\naffected:\n  login: degraded_performance\nupdates:\n"
            "  - at: 2026-03-12 08:05\n    status: resolved\n    text: Fixed.\n"
            "  - at: 2026-03-12 09:00  # line 9\n    status: update\n    text: More news.\n---\n"
        },
        f"{INCIDENT}:9:",
        "comes after the incident was resolved (line 6)",
    ),
    # -- structure of the site ---------------------------------------------
    "same-slug-twice": (
        {"content/incidents/a/x.md": VALID_INCIDENT, INCIDENT: VALID_INCIDENT},
        f"{INCIDENT}:1:",
        "the slug 'x' is already used by content/incidents/a/x.md",
    ),
    "dependency-cycle": (
        {COMPONENTS: components(8, insert="    depends_on: [login]  # line 8")},
        f"{COMPONENTS}:8:",
        "cycle (network → login → network)",
    ),
    "self-dependency": (
        {COMPONENTS: components(8, insert="    depends_on: [network]  # line 8")},
        f"{COMPONENTS}:8:",
        "'network' depends on itself",
    ),
    "invalid-id": (
        {COMPONENTS: components(8, "  - id: Login  # line 8")},
        f"{COMPONENTS}:8:",
        "`id` is 'Login', but an id may only contain lowercase letters",
    ),
    "duplicate-component-id": (
        {COMPONENTS: components(12, "  - id: login  # line 12")},
        f"{COMPONENTS}:12:",
        "the component id 'login' is already used on line 8",
    ),
    "flag-not-a-boolean": (
        {COMPONENTS: components(8, insert="    only_show_if_affected: maybe  # line 8")},
        f"{COMPONENTS}:8:",
        "`only_show_if_affected` must be true or false, not 'maybe'",
    ),
}

# Near misses must come with the fix spelled out.
SUGGESTIONS = {
    "near-miss-key-titel": "Did you mean 'title'?",
    "unknown-key-in-update": "Did you mean 'text'?",
    "unknown-key-in-component": "Did you mean 'description'?",
    "unknown-id-in-incident-affected": "Did you mean 'login'?",
    "unknown-id-in-update-affected": "Did you mean 'portal'?",
    "unknown-update-status": "Did you mean 'investigating'?",
}


def write(site: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def problem_lines(text: str) -> list[str]:
    """The `path:line: message` lines of a report, without the indent."""
    return [line.strip() for line in text.splitlines() if line.startswith("  content/")]


def test_the_minimal_site_is_valid(minimal_site):
    """The negative control for every case below: untouched, the site checks clean."""
    run = varde(minimal_site, "check")
    assert run.returncode == 0, run.output
    assert run.stdout.startswith("content/ is valid: 3 components, 1 incident"), run.stdout
    assert run.stderr == ""


def test_the_case_templates_are_valid(minimal_site):
    """The incident and maintenance the cases start from are valid as written,
    so each case's problem comes from its one edit."""
    write(minimal_site, {INCIDENT: VALID_INCIDENT, MAINTENANCE: VALID_MAINTENANCE, RECURRING: RECURRING_TEXT})
    run = varde(minimal_site, "check")
    assert run.returncode == 0, run.output
    assert "3 components, 2 incidents, 3 maintenance" in run.stdout


def test_a_resolved_incident_with_impact_none_needs_no_affected(minimal_site):
    """`affected` is required unless impact is none: a no-impact notice is valid."""
    write(
        minimal_site,
        {
            INCIDENT: "---\ntitle: Planned certificate rotation went fine\nimpact: none\n"
            "updates:\n  - at: 2026-03-12 08:05\n    status: resolved\n"
            "    text: Nothing to see.\n---\n"
        },
    )
    run = varde(minimal_site, "check")
    assert run.returncode == 0, run.output
    assert "2 incidents" in run.stdout


@pytest.mark.parametrize("name", list(CASES))
def test_varde_check_names_file_line_and_problem(minimal_site, name):
    """Each invalid edit makes `varde check` exit 1 with a line
    `path:line: sentence` pointing at the offending line and saying what is wrong."""
    files, where, phrase = CASES[name]
    write(minimal_site, files)
    run = varde(minimal_site, "check")
    assert run.returncode == 1, run.output
    assert "Traceback" not in run.output
    assert "found:" in run.stderr.splitlines()[0], run.stderr
    at_line = [line for line in problem_lines(run.stderr) if line.startswith(where + " ")]
    assert at_line, f"no problem reported at {where}:\n{run.stderr}"
    assert any(phrase in line for line in at_line), run.stderr
    if name in SUGGESTIONS:
        assert any(SUGGESTIONS[name] in line for line in at_line), run.stderr


def test_every_problem_in_every_file_is_reported_in_one_run_in_file_order(minimal_site):
    """One run lists every fix needed, sorted by file and line, so a person
    under stress is not sent round the edit-check loop once per typo."""
    write(
        minimal_site,
        {
            MAINTENANCE: VALID_MAINTENANCE.replace("end: 2026-05-20 18:00", "end: 2026-05-19 18:00"),  # line 5
            "content/incidents/b.md": VALID_INCIDENT.replace("at: 2026-03-12 08:05", "at: yesterday").replace(  # line 6
                "status: investigating", "status: investigatin"
            ),  # line 7
            "content/incidents/a.md": VALID_INCIDENT.replace("title: Login is slow\n", ""),  # line 2
            COMPONENTS: components(8, insert="    only_show_if_affected: maybe"),  # line 8
        },
    )
    run = varde(minimal_site, "check")
    assert run.returncode == 1, run.output
    assert run.stderr.splitlines()[0] == "5 problems found:", run.stderr
    locations = [line.split(": ", 1)[0] for line in problem_lines(run.stderr)]
    assert locations == [
        "content/components.yaml:8",
        "content/incidents/a.md:2",
        "content/incidents/b.md:6",
        "content/incidents/b.md:7",
        "content/maintenance/m.md:5",
    ], run.stderr


# -- builds: an invalid build leaves the published site alone ---------------

BUILD_CASES = [
    "yaml-syntax-in-incident",
    "unknown-update-status",
    "non-utf8-incident",
    "no-front-matter",
    "dependency-cycle",
]


def build_once(site: Path) -> dict[str, bytes]:
    run = pelican(site)
    assert run.returncode == 0, run.output
    assert (site / "output" / "index.html").is_file()
    return tree(site / "output")


@pytest.mark.parametrize("name", BUILD_CASES)
def test_a_failed_build_keeps_the_last_good_site(minimal_site, name):
    """`pelican` on broken content exits 1 naming file and line, without a
    traceback, and the site already published stays byte for byte as it was."""
    before = build_once(minimal_site)
    files, where, _ = CASES[name]
    write(minimal_site, files)
    run = pelican(minimal_site)
    assert run.returncode == 1, run.output
    assert where in run.stderr, run.output
    assert "Traceback" not in run.output
    assert tree(minimal_site / "output") == before
    assert not (minimal_site / ".output.staging").exists()


def test_a_failed_first_build_creates_no_output(minimal_site):
    """Broken content never publishes anything, not even an empty folder."""
    write(minimal_site, CASES["unknown-update-status"][0])
    run = pelican(minimal_site)
    assert run.returncode == 1, run.output
    assert f"{INCIDENT}:7:" in run.stderr
    assert not (minimal_site / "output").exists()
    assert not (minimal_site / ".output.staging").exists()


def test_an_invalid_source_date_epoch_fails_the_build_plainly(minimal_site):
    """A bad SOURCE_DATE_EPOCH is the person's setting, not a crash: exit 1
    with the explanation, no traceback, and the published site untouched."""
    before = build_once(minimal_site)
    run = pelican(minimal_site, at="yesterday")
    assert run.returncode == 1, run.output
    assert "SOURCE_DATE_EPOCH" in run.output
    assert "Traceback" not in run.output
    assert tree(minimal_site / "output") == before
    assert not (minimal_site / ".output.staging").exists()


# -- property: no input makes the reader crash -------------------------------

ZONE = ZoneInfo("Europe/Oslo")
FUZZ = "content/incidents/fuzz.md"

KEYS = [
    "title",
    "impact",
    "reference",
    "affected",
    "updates",
    "postmortem_at",
    "at",
    "status",
    "text",
    "titel",
    "login",
    "network",
    "portal",
]
IDS = ["login", "network", "portal", "logn", "Login", ""]
STATUSES = ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance", "down"]
UPDATE_STATUSES = ["investigating", "identified", "monitoring", "update", "resolved", "investigatin"]
IMPACTS = ["none", "minor", "major", "critical", "severe"]
TIMES = [
    "2026-03-12 08:05",
    "2026-03-12 08:05:30",
    "2026-03-12T08:05:00+01:00",
    "2026-03-12 08:05Z",
    "2026-03-29 02:30",
    "2026-10-25 02:30",
    "2026-13-40 10:00",
    "2026-03-12",
    "10:30",
    "yesterday",
    "0001-01-01 00:00",
    "9999-12-31 23:59-14:00",
    "2026-03-12 08:05+99:99",
]

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.dates()
    | st.datetimes(timezones=st.none() | st.just(UTC))
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8) | st.integers(), inner, max_size=4)
    ),
    max_leaves=12,
)
times = st.sampled_from(TIMES) | st.datetimes(timezones=st.none() | st.just(UTC)) | values
affected = st.dictionaries(st.sampled_from(IDS), st.sampled_from(STATUSES) | values, max_size=3) | values
update = st.fixed_dictionaries(
    {},
    optional={
        "at": times,
        "status": st.sampled_from(UPDATE_STATUSES) | values,
        "text": st.text(max_size=20) | values,
        "affected": affected,
        "txt": values,
    },
)
front_matter = st.fixed_dictionaries(
    {},
    optional={
        "title": st.text(max_size=20) | values,
        "impact": st.sampled_from(IMPACTS) | values,
        "reference": values,
        "affected": affected,
        "updates": st.lists(update, max_size=4) | values,
        "postmortem_at": times,
        "titel": values,
    },
)


@pytest.fixture(scope="module")
def fuzz_site(tmp_path_factory):
    """One copy of the minimal site for all examples; each example rewrites FUZZ."""
    return copy_site("minimal", tmp_path_factory.mktemp("fuzz"))


def assert_only_content_errors(site: Path, data: bytes) -> None:
    (site / FUZZ).write_bytes(data)
    with contextlib.chdir(site):  # paths in problems are relative to where one stands
        try:
            result = load_site(Path("content"), ZONE)
        except ContentError as error:
            assert error.problems
            for problem in error.problems:
                assert problem.origin.path == FUZZ, problem
                assert problem.message.strip(), problem
        else:
            assert isinstance(result, Site)


FUZZ_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ_SETTINGS
@given(text=st.text())
def test_garbage_front_matter_is_a_content_error_never_a_crash(fuzz_site, text):
    """Whatever text is between the `---` lines, the reader answers with
    problems in that file (or a site), never with an exception of its own."""
    assert_only_content_errors(fuzz_site, f"---\n{text}\n---\nBody.\n".encode())


@FUZZ_SETTINGS
@given(data=st.binary())
def test_garbage_bytes_are_a_content_error_never_a_crash(fuzz_site, data):
    """Even a file that is not text at all is reported, not crashed on."""
    assert_only_content_errors(fuzz_site, data)


@FUZZ_SETTINGS
@given(document=front_matter, body=st.text(max_size=40))
def test_wrongly_shaped_front_matter_is_a_content_error_never_a_crash(fuzz_site, document, body):
    """Well-formed YAML of every wrong shape under the incident's keys
    (lists for text, numbers for times, mappings for statuses, ...) is
    reported as problems in that file, never as a crash."""
    dumped = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    assert_only_content_errors(fuzz_site, f"---\n{dumped}---\n{body}\n".encode())


def test_the_fuzz_harness_accepts_a_valid_incident_and_rejects_a_broken_one(tmp_path):
    """The property tests can fail: the harness sees a valid file as a Site and
    flags a problem reported against another file."""
    site = copy_site("minimal", tmp_path)
    assert_only_content_errors(site, VALID_INCIDENT.encode())
    (site / "content/incidents/other.md").write_text("no front matter\n")
    with pytest.raises(AssertionError):
        assert_only_content_errors(site, VALID_INCIDENT.encode())


# -- components.yaml and imported pages, fuzzed as the front matter is -----------------

component = st.fixed_dictionaries(
    {},
    optional={
        "id": st.sampled_from(IDS) | values,
        "name": st.text(max_size=20) | values,
        "group": st.sampled_from(["core", "nowhere"]) | values,
        "depends_on": st.lists(st.sampled_from(IDS), max_size=3) | values,
        "environment": st.sampled_from(["production", "test"]) | values,
        "since": st.sampled_from(["2019-01-01", "0001-01-01", "2026-02-30"]) | values,
        "only_show_if_affected": st.booleans() | values,
        "nmae": values,
    },
)
catalog = st.fixed_dictionaries(
    {},
    optional={
        "groups": st.lists(st.fixed_dictionaries({"id": st.sampled_from(["core"]) | values}, optional={"name": values}))
        | values,
        "environments": st.lists(st.fixed_dictionaries({}, optional={"id": values, "name": values})) | values,
        "components": st.lists(component, max_size=4) | values,
    },
)


def assert_only_problems(site: Path) -> None:
    """Reading the site gives a Site or problems, never an exception of its own."""
    with contextlib.chdir(site):
        try:
            result = load_site(Path("content"), ZONE)
        except ContentError as error:
            assert error.problems and all(problem.message.strip() for problem in error.problems)
        else:
            assert isinstance(result, Site)


@FUZZ_SETTINGS
@given(document=catalog)
def test_a_wrongly_shaped_components_yaml_is_a_content_error_never_a_crash(fuzz_site, document):
    (fuzz_site / "content/components.yaml").write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))
    assert_only_problems(fuzz_site)


@FUZZ_SETTINGS
@given(text=st.text())
def test_garbage_components_yaml_is_a_content_error_never_a_crash(fuzz_site, text):
    (fuzz_site / "content/components.yaml").write_text(text)
    assert_only_problems(fuzz_site)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)
statuspage_component = st.fixed_dictionaries(
    {},
    optional={
        "id": st.text(max_size=12) | json_values,
        "name": st.text(max_size=30) | json_values,
        "status": st.sampled_from(["operational", "major_outage", "bogus"]) | json_values,
        "group_id": st.none() | st.text(max_size=12) | json_values,
        "group": st.booleans() | json_values,
        "components": st.lists(st.text(max_size=12)) | json_values,
        "position": st.integers() | json_values,
        "created_at": st.sampled_from(["2022-02-15T10:00:00.000Z", "2022-13-45T99:00"]) | json_values,
    },
)
statuspage_incident = st.fixed_dictionaries(
    {},
    optional={
        "id": st.text(max_size=12) | json_values,
        "name": st.text(max_size=30) | json_values,
        "status": st.sampled_from(["investigating", "resolved", "postmortem", "scheduled"]) | json_values,
        "impact": st.sampled_from(["none", "minor", "critical"]) | json_values,
        "incident_updates": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "status": st.sampled_from(["investigating", "resolved", "in_progress"]) | json_values,
                    "body": st.text(max_size=30) | json_values,
                    "created_at": st.sampled_from(["2022-02-15T10:00:00.000Z", "nope"]) | json_values,
                    "affected_components": json_values,
                },
            ),
            max_size=3,
        )
        | json_values,
        "components": st.lists(statuspage_component, max_size=2) | json_values,
        "scheduled_for": st.sampled_from(["2022-02-15T10:00:00.000Z", None]) | json_values,
        "scheduled_until": st.sampled_from(["2022-02-15T12:00:00.000Z", None]) | json_values,
        "created_at": st.sampled_from(["2022-02-15T09:00:00.000Z"]) | json_values,
    },
)
page = st.fixed_dictionaries(
    {},
    optional={
        "name": st.text(max_size=30),
        "url": st.text(max_size=30),
        "time_zone": st.text(max_size=20) | json_values,
    },
)


@FUZZ_SETTINGS
@given(
    components=st.lists(statuspage_component, max_size=4) | json_values,
    incidents=st.lists(statuspage_incident, max_size=3) | json_values,
    maintenances=st.lists(statuspage_incident, max_size=2) | json_values,
    page=page | json_values,
)
def test_an_imported_page_of_any_shape_is_refused_in_a_sentence_or_a_valid_site(
    tmp_path_factory, components, incidents, maintenances, page
):
    """Whatever JSON a page serves, the importer answers with one sentence
    (SourceError) or with files that Varde reads as a site or as problems
    naming them, never with a crash."""
    sources = [
        Source(name, {"page": page, key: data})
        for name, key, data in (
            ("components.json", "components", components),
            ("incidents.json", "incidents", incidents),
            ("scheduled-maintenances.json", "scheduled_maintenances", maintenances),
        )
    ]
    try:
        imported = import_statuspage(*sources)
    except SourceError as error:
        assert str(error).strip()
        return
    site = tmp_path_factory.mktemp("imported")
    for path, text in imported.files.items():
        (site / "content" / path).parent.mkdir(parents=True, exist_ok=True)
        (site / "content" / path).write_text(text)
    assert_only_problems(site)
