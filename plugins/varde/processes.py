"""Work in other processes: rendering and parsing on every core, and work
this run need not wait for (saving the cache, deleting the old output).

Rendering pages is pure Python, so threads would take turns on one core;
processes are needed.  A forked process starts with the whole build in
memory (site, snapshots, templates), so it needs nothing sent to it and
writes its files itself; only what it learned about reuse (page
fingerprints, linked files) comes back.  Forking is used where it is safe
and cheap: on Linux, with more than one core at our disposal.  Elsewhere
(macOS, where forking a process with system frameworks loaded is unsafe;
Windows, which has no fork) the same work runs here, one task after another.

A forked process must not touch what another thread may have held at the
moment of the fork: Pelican's console status line refreshes from a thread,
and its log handler writes through the same console.  The children therefore
log nothing (logging is disabled in them) and report a failure as text
through their pipe; the parent raises it.  A child never outlives its
parent: one left running after its build was killed would go on writing
into, or deleting, the folders the next build uses.
"""

from __future__ import annotations

import atexit
import ctypes
import functools
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable, Sequence

#: Tasks a process takes at a time from the shared counter.
CHUNK = 8


class WorkerFailed(Exception):
    """A forked worker raised; its traceback is the message."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def forking() -> bool:
    """Whether work may go to forked processes: on Linux, with a core to spare."""
    return sys.platform == "linux" and cores() > 1


def fork(work: Callable[[], None]) -> int:
    """Start a child process that runs `work` and ends, killed if this
    process ends first; its pid, for `wait`.  Linux ties the child to the
    thread that forked it, so fork from the main thread."""
    parent = os.getpid()
    prctl = _prctl()  # looked up here: loading a library in the child could deadlock
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        if prctl is not None:
            prctl(_PR_SET_PDEATHSIG, ctypes.c_ulong(signal.SIGKILL), *[ctypes.c_ulong(0)] * 3)
        if os.getppid() == parent:  # else the parent died before that took effect
            logging.disable(logging.CRITICAL)
            work()
            code = 0
    finally:
        os._exit(code)  # no atexit handlers: they belong to the parent (its staging folder)


def wait(pid: int) -> None:
    """Wait for a child started by `fork` to end."""
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:  # waited for already
        pass


class Background:
    """Work running in a forked child while this process goes on, or done
    already where no child can be spared.  Waited for with `wait`, and at
    exit at the latest (the child dies with this process)."""

    def __init__(self, work: Callable[[], None]) -> None:
        self.pid = fork(work) if forking() else None
        if self.pid is None:
            work()
        else:
            _RUNNING.add(self)

    def wait(self) -> None:
        if self.pid is not None:
            wait(self.pid)
            self.pid = None
            _RUNNING.discard(self)


#: Background work not yet waited for.
_RUNNING: set[Background] = set()


@atexit.register
def _wait_for_all() -> None:
    for each in list(_RUNNING):
        each.wait()


_PR_SET_PDEATHSIG = 1


@functools.cache
def _prctl():
    """Linux's prctl(2), or None elsewhere."""
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def share(tasks: Sequence[Callable[[], None]], state: Callable[[], object], merge: Callable[[object], None]) -> None:
    """Run every task once, spread over this process and forked workers that
    take the next tasks from a shared counter as they finish theirs.  Each
    worker sends `state()` back when done, and this process `merge`s it."""
    workers = min(cores(), len(tasks)) - 1 if forking() else 0
    if workers <= 0:
        for task in tasks:
            task()
        return
    counter = multiprocessing.Value("q", 0)
    children = [_worker(tasks, counter, state) for _ in range(workers)]
    try:
        _take(tasks, counter)
    except BaseException:
        for pid, reader in children:
            os.kill(pid, signal.SIGKILL)
            wait(pid)
            os.close(reader)
        raise
    reports = [_collect(pid, reader) for pid, reader in children]
    for done, value in reports:
        if not done:
            raise WorkerFailed(value)
    for _, value in reports:
        merge(value)


def _take(tasks: Sequence[Callable[[], None]], counter) -> None:
    while True:
        with counter.get_lock():
            start = counter.value
            counter.value = start + CHUNK
        if start >= len(tasks):
            return
        for task in tasks[start : start + CHUNK]:
            task()


def _worker(tasks: Sequence[Callable[[], None]], counter, state: Callable[[], object]) -> tuple[int, int]:
    """A forked worker taking tasks, and the pipe its report comes through."""
    reader, writer = os.pipe()

    def work() -> None:
        os.close(reader)
        try:
            _take(tasks, counter)
            payload = pickle.dumps((True, state()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            payload = pickle.dumps((False, traceback.format_exc()))
        with os.fdopen(writer, "wb") as stream:
            stream.write(payload)

    pid = fork(work)
    os.close(writer)
    return pid, reader


def _collect(pid: int, reader: int) -> tuple[bool, object]:
    """(True, its state) from a worker that finished, else (False, why)."""
    with os.fdopen(reader, "rb") as stream:
        payload = stream.read()
    wait(pid)
    if not payload:
        return False, f"a rendering process ({pid}) ended without reporting"
    return pickle.loads(payload)
