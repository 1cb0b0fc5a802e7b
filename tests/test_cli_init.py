"""`varde init`: a new site that `make html` builds with the installed
package alone (plugin and theme), showing its example incident, resolved;
and the README's first walk, followed literally."""

from __future__ import annotations

import os
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml
from support import BIN, epoch, tree, varde
from test_cli_support import built_index, open_incidents, page_text, refused_untouched

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "plugins/varde"
NOW = epoch("2026-03-13T10:00+01:00")


def make(site: Path, target: str) -> subprocess.CompletedProcess:
    """`make <target>` as a user runs it, with the venv's `pelican` on PATH."""
    environ = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "SOURCE_DATE_EPOCH": str(NOW + 60)}
    return subprocess.run(["make", target], cwd=site, env=environ, capture_output=True, text=True, timeout=120)


@pytest.fixture
def site(tmp_path) -> Path:
    run = varde(tmp_path, "init", "status", "--name", "Ærlig status", "--timezone", "Europe/Oslo", at=NOW)
    assert run.returncode == 0, run.output
    assert "cd status" in run.stdout and "make html" in run.stdout
    return tmp_path / "status"


def test_init_writes_a_site_pelican_users_know(site):
    assert sorted(tree(site)) == [
        ".github/workflows/status.yml",
        ".gitignore",
        "Makefile",
        "README.md",
        "content/components.yaml",
        "content/incidents/2026-03-13-example-incident.md",
        "pelicanconf.py",
        "publishconf.py",
        "templates/outage.md",
        "templates/slow.md",
    ]
    assert (site / "content/maintenance").is_dir()
    settings = (site / "pelicanconf.py").read_text()
    assert 'PLUGINS = ["varde"]' in settings and "THEME" not in settings
    assert 'SITENAME = "Ærlig status"' in settings and 'TIMEZONE = "Europe/Oslo"' in settings
    makefile = (site / "Makefile").read_text()
    assert "PELICAN ?= pelican\n" in makefile
    for target in ("html", "serve", "devserver", "publish", "clean"):
        assert f"\n{target}:\n\t" in makefile
    workflow = (site / ".github/workflows/status.yml").read_text()
    assert "varde check --cadence" in workflow
    jobs = yaml.safe_load(workflow)["jobs"]
    steps = jobs["check"]["steps"]
    cached = [step["with"]["path"].split() for step in steps if step.get("uses", "").startswith("actions/cache")]
    assert cached and {"cache", "output"} <= set(cached[0])  # a CI build reuses the last one
    # The scheduled run publishes (maintenance starts by the clock), then notifies.
    assert not any(
        "event_name == 'push'" in step.get("if", "") for step in steps if "make publish" in step.get("run", "")
    )
    assert jobs["notify"]["needs"] == "deploy" and any(
        step.get("run") == "varde notify" for step in jobs["notify"]["steps"]
    )


def test_make_html_builds_it_with_the_example_incident_resolved(site):
    """Issue 22, item 10: the example incident was left open, so a new
    site's first page showed an outage that never happened."""
    done = make(site, "html")
    assert done.returncode == 0, done.stdout + done.stderr
    index = page_text(site / "output/index.html")
    assert "All Systems Operational" in index and open_incidents(site) == ""
    assert "Example incident" in index  # among the recent ones, resolved
    assert "Ærlig status" in (site / "output/index.html").read_text()
    assert "WARNING" not in done.stdout + done.stderr
    assert "# An example incident" in (site / "content/incidents/2026-03-13-example-incident.md").read_text()


def readme_walk() -> list[str]:
    """The commands of the README's "first incident in 60 seconds", in order,
    each continued line joined."""
    section = (REPO / "README.md").read_text().split("## Post your first incident", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    return [command for block in blocks for command in block.replace("\\\n", " ").splitlines() if command.strip()]


def test_the_readme_walk_followed_literally_ends_with_a_coherent_page(tmp_path):
    """Every command as written (the package is installed already, and a
    build stands in for `varde serve`, which runs until stopped), `<date>`
    read from what `varde new incident` printed: the page ends with every
    component operational and nothing open."""
    environ = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "SOURCE_DATE_EPOCH": str(NOW)}
    environ |= {"GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org"}
    environ |= {"GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.org"}
    commands = readme_walk()
    assert commands[0].startswith("pip install .") and commands[3].startswith("varde serve"), commands
    folder, date = tmp_path, None
    for command in commands[1:]:
        command = command.replace("varde serve", "varde build").replace("<date>", date or "<date>")
        done = subprocess.run(command, shell=True, cwd=folder, env=environ, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, (command, done.stdout + done.stderr)
        if command.startswith("cd "):  # what the next commands run in
            folder = folder / command.split()[1]
        date = date or (re.search(r"incidents/(\d{4}-\d\d-\d\d)-login-fails", done.stdout) or [None, None])[1]
    assert date == "2026-03-13"
    index = built_index(folder, "2026-03-13T10:05+01:00")
    assert "All Systems Operational" in index and open_incidents(folder) == ""
    assert "Login fails" in index and "Login works again." in page_text(
        folder / "output/incidents/2026-03-13-login-fails.html"
    )


def test_init_into_an_empty_folder_that_exists(tmp_path):
    (tmp_path / "empty").mkdir()
    run = varde(tmp_path / "empty", "init", ".", "--timezone", "UTC", at=NOW)
    assert run.returncode == 0, run.output
    assert "cd ." not in run.stdout
    assert (tmp_path / "empty/pelicanconf.py").is_file()


def test_init_refuses_a_folder_with_files(minimal_site):
    refused_untouched(minimal_site, "init", ".", words=(". is not empty; name a new or empty folder",))


def test_init_refuses_an_unknown_time_zone(tmp_path):
    refused_untouched(
        tmp_path,
        "init",
        "status",
        "--timezone",
        "Europe/Olso",
        words=("--timezone: 'Europe/Olso' is not an IANA time zone name",),
    )
    assert not (tmp_path / "status").exists()


def test_every_scaffold_file_is_shipped_in_the_package():
    """`pip install .` carries what init writes (package-data globs match every file)."""
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["varde"]
    shipped = {path for pattern in patterns for path in PACKAGE.glob(pattern)}
    scaffold = {
        path for path in (PACKAGE / "scaffold").rglob("*") if path.is_file() and "__pycache__" not in path.parts
    }
    assert scaffold and scaffold <= shipped, sorted(scaffold - shipped)
