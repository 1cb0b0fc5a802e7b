import shutil
from pathlib import Path

import pytest

from support import copy_site

REPO = Path(__file__).resolve().parent.parent


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
    for name in ("content", "theme"):
        shutil.copytree(REPO / name, site / name)
    return site
