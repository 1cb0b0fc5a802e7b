import pytest

from support import copy_site


@pytest.fixture
def minimal_site(tmp_path):
    """A small valid site, copied so the test may change it."""
    return copy_site("minimal", tmp_path)
