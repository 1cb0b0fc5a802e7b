"""Rendering on every core.

Rendering pages is pure Python, so threads would take turns on one core;
processes are needed.  A forked process starts with the whole build in
memory (site, snapshots, templates), so it needs nothing sent to it and
writes its files itself; only what it learned about reuse (page
fingerprints, linked files) comes back.  Forking is used where it is safe
and cheap: on Linux, with more than one core at our disposal.  Elsewhere
(macOS, where forking a process with system frameworks loaded is unsafe;
Windows, which has no fork) the same tasks run one after another.

A forked process must not touch what another thread may have held at the
moment of the fork: Pelican's console status line refreshes from a thread,
and its log handler writes through the same console.  The workers therefore
log nothing (logging is disabled in them) and report a failure as text
through their pipe; the parent raises it.
"""

from __future__ import annotations

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


def share(tasks: Sequence[Callable[[], None]], state: Callable[[], object], merge: Callable[[object], None]) -> None:
    """Run every task once, spread over this process and forked workers that
    take the next tasks from a shared counter as they finish theirs.  Each
    worker sends `state()` back when done, and this process `merge`s it."""
    workers = min(cores(), len(tasks)) - 1 if sys.platform == "linux" else 0
    if workers <= 0:
        for task in tasks:
            task()
        return
    counter = multiprocessing.Value("q", 0)
    children = [_fork(tasks, counter, state) for _ in range(workers)]
    try:
        _take(tasks, counter)
    except BaseException:
        for pid, reader in children:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
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


def _fork(tasks: Sequence[Callable[[], None]], counter, state: Callable[[], object]) -> tuple[int, int]:
    reader, writer = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writer)
        return pid, reader
    os.close(reader)
    try:
        logging.disable(logging.CRITICAL)
        _take(tasks, counter)
        payload = pickle.dumps((True, state()), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:
        payload = pickle.dumps((False, traceback.format_exc()))
    with os.fdopen(writer, "wb") as stream:
        stream.write(payload)
    os._exit(0)  # no atexit handlers: they belong to the parent (its staging folder)


def _collect(pid: int, reader: int) -> tuple[bool, object]:
    """(True, its state) from a worker that finished, else (False, why)."""
    with os.fdopen(reader, "rb") as stream:
        payload = stream.read()
    os.waitpid(pid, 0)
    if not payload:
        return False, f"a rendering process ({pid}) ended without reporting"
    return pickle.loads(payload)
