"""The code keeps the shape a newcomer reads it by: the package as its
pipeline (import-linter's contracts in pyproject.toml), no import cycle, a
short package root, one style (ruff's lint and format), and nothing imported
that an install would not bring."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
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


def undeclared_imports(package: Path) -> dict[str, list[str]]:
    """Third-party modules imported anywhere below `package` (at the top of a
    module or inside a function) that no distribution in pyproject.toml's
    [project].dependencies provides, with the files importing each.  The
    scaffold is left out: `varde init` copies it into a site, and its
    imports are the site's own."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    declared = {_distribution(re.match(r"[A-Za-z0-9._-]+", spec).group()) for spec in project["dependencies"]}
    providers = packages_distributions()
    found: dict[str, list[str]] = {}
    for path in sorted(package.rglob("*.py")):
        if "scaffold" in path.relative_to(package).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in {name.partition(".")[0] for name in names}:
                if name in sys.stdlib_module_names or name == package.name:
                    continue
                if not declared & {_distribution(dist) for dist in providers.get(name, ())}:
                    found.setdefault(name, []).append(path.relative_to(package).as_posix())
    return found


def _distribution(name: str) -> str:
    """A distribution's name as pip compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_third_party_import_is_a_declared_dependency():
    assert undeclared_imports(PACKAGE) == {}


def test_an_undeclared_import_is_found(tmp_path):
    """The check can fail: a test-only library imported inside a function."""
    package = tmp_path / "varde"
    (package / "stage").mkdir(parents=True)
    (package / "stage/module.py").write_text(
        "from varde.model import Origin\nimport yaml\n\n\ndef run():\n    import hypothesis.strategies\n"
    )
    assert undeclared_imports(package) == {"hypothesis": ["stage/module.py"]}
