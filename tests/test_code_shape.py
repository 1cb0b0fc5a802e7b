"""The code keeps the shape a newcomer reads it by: the package as its
pipeline (import-linter's contracts in pyproject.toml), no import cycle, a
short package root, and one style (ruff's lint and format)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "plugins" / "varde"
BIN = Path(sys.executable).parent
#: The package root holds the shared vocabulary and the entry points only.
MOST_ROOT_MODULES = 12


def tool(name: str, *arguments: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO / "plugins")}
    return subprocess.run([str(BIN / name), *arguments], cwd=REPO, env=env, capture_output=True, text=True)


def test_imports_follow_the_pipeline():
    done = tool("lint-imports", "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_a_backward_import_breaks_the_contracts(tmp_path):
    """The contracts can fail: the engine importing the Pelican glue breaks them."""
    copy = tmp_path / "repo"
    (copy / "plugins").mkdir(parents=True)
    os.symlink(REPO / "pyproject.toml", copy / "pyproject.toml")
    shutil.copytree(PACKAGE, copy / "plugins" / "varde", ignore=shutil.ignore_patterns("__pycache__", "theme"))
    engine = copy / "plugins/varde/status/overall.py"
    engine.write_text(engine.read_text() + "\nfrom varde.plugin import generator  # noqa\n")
    env = {**os.environ, "PYTHONPATH": str(copy / "plugins")}
    done = subprocess.run([str(BIN / "lint-imports"), "--no-cache"], cwd=copy, env=env, capture_output=True, text=True)
    assert done.returncode != 0
    assert "varde.status is not allowed to import varde.plugin" in done.stdout


def test_the_package_root_is_short():
    modules = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(modules) <= MOST_ROOT_MODULES, modules


@pytest.mark.parametrize("arguments", [("check", "."), ("format", "--check", ".")], ids=["lint", "format"])
def test_ruff(arguments):
    done = tool("ruff", *arguments)
    assert done.returncode == 0, done.stdout + done.stderr
