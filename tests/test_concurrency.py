"""Builds and commands at the same time, as CI and an incident make them: a
scheduled run and a push, `varde serve` and `make html`.  Each build holds
the output while it writes it; the second waits, says so, and the output is
always one whole build (checked against its manifest every time)."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import time

from support import BIN, copy_site, varde

TRIALS = 6


def start_build(site, log=subprocess.PIPE) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "pelican"), "content", "-o", "output", "-s", "pelicanconf.py"],
        cwd=site,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_two_builds_at_once_leave_one_whole_build(tmp_path):
    """Started together, as they come; every other trial the output is held
    (as a third build would) while both start, so that they meet for certain."""
    site = copy_site("healthnet", tmp_path)
    for trial in range(TRIALS):
        held = None
        if trial % 2:
            held = os.open(site, os.O_RDONLY | os.O_DIRECTORY)
            fcntl.flock(held, fcntl.LOCK_EX)
        builds = [start_build(site), start_build(site)]
        if held is not None:
            time.sleep(2)  # both read their settings and reach the output
            os.close(held)
        outputs = [build.communicate(timeout=120)[0] for build in builds]
        for build, output in zip(builds, outputs):
            assert build.returncode == 0, f"trial {trial}: {output}"
            assert "Traceback" not in output and "Error" not in output, f"trial {trial}: {output}"
            if held is not None:
                assert "another build or publish is writing output; waiting" in output, output
        verified = varde(site, "verify", "output")
        assert verified.returncode == 0, f"trial {trial}: {verified.output}"
        assert not (site / ".output.staging").exists()


def start_update(site, slug: str, text: str, at: str) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "varde"), "update", slug, "--text", text, "--at", at],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_two_updates_of_one_incident_at_once_both_land(tmp_path):
    """Two engineers post to the same incident in the same second.  The
    content is held (as a third command would) while both start, so they
    meet for certain: each says it waits, then both updates land, one after
    the other."""
    site = copy_site("healthnet", tmp_path)
    posted = varde(site, "new", "incident", "--title", "Messages are late", "--affected", "messaging=degraded_performance",
                   "--text", "Lab results arrive late.", "--at", "2026-03-20 10:00")  # fmt: skip
    assert posted.returncode == 0, posted.output
    slug = "2026-03-20-messages-are-late"
    incident = site / f"content/incidents/{slug}.md"
    for trial in range(TRIALS // 2):
        texts = [f"Trial {trial}, engineer {who}: still looking." for who in ("A", "B")]
        held = os.open(site / "content", os.O_RDONLY | os.O_DIRECTORY)
        fcntl.flock(held, fcntl.LOCK_EX)
        updates = [start_update(site, slug, text, f"2026-03-20 1{trial}:{who}0") for who, text in zip("12", texts)]
        time.sleep(2)  # both read their settings and reach the content
        os.close(held)
        outputs = [update.communicate(timeout=120)[0] for update in updates]
        for update, output in zip(updates, outputs):
            assert update.returncode == 0, f"trial {trial}: {output}"
            assert "another varde command is changing content; waiting for it to finish." in output, output
        written = incident.read_text()
        assert all(text in written for text in texts), f"trial {trial}: an update was lost\n{written}"
    assert written.count("status: update") == 2 * (TRIALS // 2)
    assert varde(site, "check").returncode == 0


def many_incidents(site, count: int) -> None:
    """`count` more resolved incidents, so rendering takes a while on both cores."""
    for number in range(count):
        (site / f"content/incidents/2025-01-01-fault-{number}.md").write_text(
            f"---\ntitle: Fault {number}\naffected:\n  login: partial_outage\nupdates:\n"
            f"  - at: 2025-01-01 10:00\n    status: investigating\n    text: Login is slow for some ({number}).\n"
            f"  - at: 2025-01-01 11:00\n    status: resolved\n    text: Login works again.\n---\n"
        )


def children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_build_stopped_with_sigterm_leaves_no_worker_and_the_next_build_is_whole(tmp_path):
    """What `timeout` and a cancelled CI job send: SIGTERM to the build's own
    process only.  Its render workers end with it; none lives on to delete
    the staging folder the next build writes into."""
    site = copy_site("healthnet", tmp_path)
    many_incidents(site, 1500)
    # Its output to a file: a pipe would not end while a worker held it.
    build = start_build(site, (tmp_path / "killed.log").open("w"))
    pages = site / ".output.staging/incidents"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (pages.is_dir() and len(os.listdir(pages)) > 20):
        time.sleep(0.02)
    workers = children(build.pid)
    build.send_signal(signal.SIGTERM)
    build.wait(timeout=60)
    assert workers, "the build had no worker when it was stopped"
    again = start_build(site)  # at once, as a CI retry does
    time.sleep(0.5)
    assert not any(alive(worker) for worker in workers), "a render worker outlived its build"
    output = again.communicate(timeout=120)[0]
    assert again.returncode == 0, output
    verified = varde(site, "verify", "output")
    assert verified.returncode == 0, verified.output
