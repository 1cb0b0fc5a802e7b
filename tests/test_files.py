"""A file written whole: the old content or the new, never part of either,
and nothing left beside it."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time

import pytest

from varde.files import hold, release, replacing, umask


def test_the_new_content_takes_the_place_of_the_old_and_keeps_its_permissions(tmp_path):
    path = tmp_path / "incident.md"
    path.write_text("old")
    path.chmod(0o640)
    with replacing(path, durable=True) as stream:
        stream.write(b"new")
    assert path.read_text() == "new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["incident.md"]


def test_a_new_file_gets_the_permissions_of_any_new_file(tmp_path):
    path = tmp_path / "folder" / "entry"
    with replacing(path) as stream:
        stream.write(b"value")
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask()


def test_a_failed_write_leaves_the_old_file_and_nothing_else(tmp_path):
    path = tmp_path / "incident.md"
    path.write_text("old")
    with pytest.raises(RuntimeError), replacing(path) as stream:
        stream.write(b"half of the n")
        raise RuntimeError("killed midway")
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["incident.md"]


def lock_is_free(folder) -> bool:
    """Whether another process could take the lock on `folder` now."""
    probe = subprocess.run(
        [sys.executable, "-c", "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDONLY);"
         "fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)", str(folder)],
        capture_output=True,
    )  # fmt: skip
    return probe.returncode == 0


def test_a_released_lock_is_free_though_a_child_forked_meanwhile_still_runs(tmp_path):
    """The cache's save and the old output's deletion run in forked children
    that may outlive the build: they must not keep its lock."""
    hold(tmp_path, "busy")
    assert not lock_is_free(tmp_path)
    child = os.fork()
    if child == 0:
        time.sleep(3)
        os._exit(0)
    try:
        release(tmp_path)
        assert lock_is_free(tmp_path)
    finally:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
