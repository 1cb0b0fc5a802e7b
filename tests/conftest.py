import os
import shutil
from pathlib import Path

import pytest
from support import copy_site

REPO = Path(__file__).resolve().parent.parent


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under VARDE_NO_SKIP (.ci/run sets it) a skipped test fails: CI runs on
    the machine the project targets, where every test must run, and a test
    that skipped checked nothing."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("VARDE_NO_SKIP"):
        report.outcome = "failed"
        report.longrepr = f"{item.nodeid} skipped ({report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr}), which CI does not allow."


@pytest.fixture
def minimal_site(tmp_path):
    """A small valid site, copied so the test may change it."""
    return copy_site("minimal", tmp_path)


@pytest.fixture
def example_site(tmp_path) -> Path:
    """The repository's example site (Nordhelse), copied out of the checkout."""
    site = tmp_path / "example"
    site.mkdir()
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(REPO / name, site / name)
    for name in ("content", "theme", "templates", "upstream"):
        shutil.copytree(REPO / name, site / name)
    return site
