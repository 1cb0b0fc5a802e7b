"""Builds and commands at the same time, as CI and an incident make them: a
scheduled run and a push, `varde serve` and `make html`.  Each build holds
the output while it writes it; the second waits, says so, and the output is
always one whole build (checked against its manifest every time)."""

from __future__ import annotations

import subprocess

from support import BIN, copy_site, varde

TRIALS = 6


def start_build(site) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "pelican"), "content", "-o", "output", "-s", "pelicanconf.py"],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_two_builds_at_once_leave_one_whole_build(tmp_path):
    site = copy_site("healthnet", tmp_path)
    waited = 0
    for trial in range(TRIALS):
        builds = [start_build(site), start_build(site)]
        outputs = [build.communicate(timeout=120)[0] for build in builds]
        for build, output in zip(builds, outputs):
            assert build.returncode == 0, f"trial {trial}: {output}"
            assert "Traceback" not in output and "Error" not in output, f"trial {trial}: {output}"
        waited += sum("is writing output" in output for output in outputs)
        verified = varde(site, "verify", "output")
        assert verified.returncode == 0, f"trial {trial}: {verified.output}"
        assert not (site / ".output.staging").exists()
    assert waited, "no build ever waited for the other: the trials did not overlap"
