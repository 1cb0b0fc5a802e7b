"""Rendering on every core: each task runs once, in some process; what the
workers learn comes back; a failure anywhere fails the build."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

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


def run_script(code: str, tmp_path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "plugins")}
    return subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], env=env, stdout=subprocess.PIPE, text=True)


@forking
def test_a_child_dies_with_its_parent(tmp_path):
    """A build killed with SIGTERM leaves no worker behind to write (or delete) later."""
    parent = run_script(
        "import sys, time; from pathlib import Path; from varde.processes import fork\n"
        "print(fork(lambda: (time.sleep(2), (Path(sys.argv[1]) / 'late').touch())), flush=True)\n"
        "time.sleep(60)\n",
        tmp_path,
    )
    child = int(parent.stdout.readline())
    parent.terminate()
    parent.wait(timeout=10)
    deadline = time.monotonic() + 5
    while Path(f"/proc/{child}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path(f"/proc/{child}").exists()
    time.sleep(2.5)
    assert not (tmp_path / "late").exists()


def test_background_work_is_done_when_the_process_ends(tmp_path):
    """Work left running in the background is waited for at exit, not cut short."""
    done = run_script(
        "import sys, time; from pathlib import Path; from varde.processes import Background\n"
        "Background(lambda: (time.sleep(0.5), (Path(sys.argv[1]) / 'saved').touch()))\n",
        tmp_path,
    )
    assert done.wait(timeout=10) == 0
    assert (tmp_path / "saved").exists()
