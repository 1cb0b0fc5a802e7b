"""Rendering on every core: each task runs once, in some process; what the
workers learn comes back; a failure anywhere fails the build."""

from __future__ import annotations

import os
import sys

import pytest

from varde.processes import WorkerFailed, cores, share

forking = pytest.mark.skipif(sys.platform != "linux" or cores() < 2, reason="forks only on Linux with 2+ cores")


def test_every_task_runs_exactly_once(tmp_path):
    learned: dict[int, int] = {}
    ran: dict[int, int] = {}

    def task(number: int) -> None:
        (tmp_path / f"{number}-{os.getpid()}").touch()
        ran[number] = os.getpid()

    share([lambda n=n: task(n) for n in range(200)], lambda: ran, learned.update)
    done = sorted(int(path.name.split("-")[0]) for path in tmp_path.iterdir())
    assert done == list(range(200))
    learned.update(ran)  # this process's own
    assert sorted(learned) == list(range(200))


@forking
def test_the_work_is_spread_over_processes(tmp_path):
    def task(number: int) -> None:
        import time

        time.sleep(0.005)
        (tmp_path / f"{number}-{os.getpid()}").touch()

    share([lambda n=n: task(n) for n in range(64)], lambda: None, lambda _: None)
    assert len({path.name.split("-")[1] for path in tmp_path.iterdir()}) >= 2


@forking
def test_a_failing_worker_fails_the_whole(tmp_path):
    parent = os.getpid()

    def task(number: int) -> None:
        import time

        time.sleep(0.005)  # long enough for the worker to take some
        if os.getpid() != parent:
            raise ValueError(f"task {number} broke")

    with pytest.raises(WorkerFailed, match="ValueError: task .* broke"):
        share([lambda n=n: task(n) for n in range(64)], lambda: None, lambda _: None)
