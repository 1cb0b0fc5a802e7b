"""`varde build [--at]` and `varde serve`: Pelican, run for the person."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.request

import pytest
from support import BIN, epoch, tree, varde
from test_cli_support import page_text, post_incident


def test_build_at_shows_the_site_as_it_stood_then(minimal_site):
    post_incident(minimal_site, "Login fails", "login=major_outage", text="Login fails.", at="2026-03-13 10:00")
    run = varde(minimal_site, "build", "--at", "2026-03-13 10:30")
    assert run.returncode == 0, run.output
    assert "Open output/index.html in a browser." in run.stdout
    index = page_text(minimal_site / "output/index.html")
    assert "Login fails." in index and "10:30" in index
    run = varde(minimal_site, "build", "--at", "2026-03-13 09:59")
    assert run.returncode == 0, run.output
    assert "Login fails." not in page_text(minimal_site / "output/index.html")


def test_build_says_what_it_built(minimal_site):
    """Issue 22, item 7: Pelican's "Done: Processed 0 articles, … 0 pages"
    read as "nothing was built"."""
    post_incident(minimal_site, "Login fails", "login=major_outage", text="Login fails.", at="2026-03-13 10:00")
    run = varde(minimal_site, "build", "--at", "2026-03-13 10:30")
    assert run.returncode == 0, run.output
    build = json.loads((minimal_site / "output/manifest.json").read_text())["build_id"][:12]
    said = " ".join(run.stdout.split())  # as wide as the terminal
    assert (
        "Done: built 2 incidents (1 open), 1 maintenance window and 1 environment "
        f"into output/ (build {build}) in " in said
    ), said
    assert "Processed" not in said


def test_build_of_invalid_content_keeps_the_last_site(minimal_site):
    assert varde(minimal_site, "build").returncode == 0
    built = tree(minimal_site / "output")
    (minimal_site / "content/components.yaml").write_text("components:\n  - id: Bad\n")
    run = varde(minimal_site, "build")
    assert run.returncode != 0
    assert "components.yaml:2" in run.output and "Traceback" not in run.output
    assert tree(minimal_site / "output") == built


def test_build_refuses_a_folder_that_is_no_site(tmp_path):
    run = varde(tmp_path, "build")
    assert run.returncode == 1 and "no pelicanconf.py here" in run.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode()


def _wait_for(condition, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if found := condition():
                return found
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("timed out")


class _Server:
    """`varde serve` in `site`, its output (stdout and stderr) collected as it comes."""

    def __init__(self, site):
        self.port = _free_port()
        environ = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch("2026-03-13T11:00+01:00"))}
        self.process = subprocess.Popen(
            [str(BIN / "varde"), "serve", "--port", str(self.port)],
            cwd=site,
            env=environ,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
            # As from a terminal: a job a script started in the background
            # (`cmd &`) inherits Ctrl-C ignored, and so would varde.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=lambda: self.lines.extend(self.process.stdout), daemon=True)
        self._reader.start()

    def page(self, path: str = "") -> str:
        return _get(f"http://127.0.0.1:{self.port}/{path}")

    def output(self) -> str:
        return "".join(self.lines)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGINT)
        self.process.wait(timeout=20)
        self._reader.join(timeout=5)
        self.process.stdout.close()


def test_serve_prints_the_url_serves_and_rebuilds_on_save(minimal_site):
    with _Server(minimal_site) as server:
        assert "All Systems Operational" in _wait_for(server.page)
        assert server.lines[0].startswith(f"Serving the site at http://127.0.0.1:{server.port}/")
        post_incident(
            minimal_site, "Login fails", "login=major_outage", text="Seen on the server.", at="2026-03-13 10:00"
        )
        _wait_for(lambda: "Seen on the server." in server.page("index.html"))
        _wait_for(lambda: server.output().count("Done: built") == 2)
        assert "Processed" not in server.output()
        assert "images" not in server.output(), server.output()  # a status site has none to watch


def test_serve_reports_invalid_content_once_and_rebuilds_after_the_fix(minimal_site):
    incident = minimal_site / "content/incidents/2026-03-12-login-down.md"
    with _Server(minimal_site) as server:
        assert "All Systems Operational" in _wait_for(server.page)
        incident.write_text(incident.read_text().replace("status: resolved", "status: fixed"))
        report = "2026-03-12-login-down.md:10:"
        _wait_for(lambda: report in server.output())
        time.sleep(3)  # Pelican retries a failed build at once: a loop would repeat the report many times
        assert server.output().count(report) == 1, server.output()
        incident.write_text(
            incident.read_text()
            .replace("status: fixed", "status: resolved")
            .replace("Login works again.", "Fixed on the server.")
        )
        _wait_for(lambda: "Fixed on the server." in server.page("incidents/2026-03-12-login-down.html"))
        assert server.output().count(report) == 1, server.output()


def _processes(field: int, value: int) -> list[int]:
    """Live processes whose /proc stat `field` (1: parent, 2: process group) is `value`."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[field]) == value and fields[0] != "Z":
                found.append(int(entry))
    return found


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["kill", "Ctrl-C to varde alone"])
def test_stopping_varde_serve_stops_its_builder_and_its_server(minimal_site, stop):
    """`kill PID` of `varde serve` (not of its whole group): Pelican's
    builder and web server stop with it, and the port is free again."""
    server = _Server(minimal_site)
    _wait_for(server.page)
    groups = {os.getpgid(pid) for pid in _processes(1, server.process.pid)}  # Pelican's, and varde's own
    os.kill(server.process.pid, stop)
    assert server.process.wait(timeout=20) == 0
    assert not [pid for group in groups for pid in _processes(2, group)], "Pelican's processes outlived varde serve"
    with pytest.raises(OSError):
        server.page()
    server.process.stdout.close()


def test_stopping_varde_serve_twice_in_a_hurry_shows_no_traceback(minimal_site):
    """Ctrl-C pressed again while Pelican is being stopped changes nothing."""
    server = _Server(minimal_site)
    _wait_for(server.page)
    for stop in [signal.SIGINT, signal.SIGTERM] * 10:
        with contextlib.suppress(ProcessLookupError):
            os.kill(server.process.pid, stop)
        time.sleep(0.01)
    server.process.wait(timeout=20)  # a signal after varde's own end may be its exit status
    server._reader.join(timeout=5)
    assert "Traceback" not in server.output(), server.output()[-3000:]
    server.process.stdout.close()


@pytest.mark.parametrize("port", ["99999", "0"])
def test_serve_refuses_a_port_that_is_none_in_one_sentence(minimal_site, port):
    run = varde(minimal_site, "serve", "--port", port)
    assert run.returncode == 1
    assert run.stderr.strip() == f"varde: --port {port} is not a port; give one from 1 to 65535, e.g. --port 8080."


def test_serve_says_when_its_port_is_taken(minimal_site):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = varde(minimal_site, "serve", "--port", str(port))
    assert run.returncode == 1
    assert f"cannot listen at 127.0.0.1:{port} (Address already in use)" in run.stderr
    assert "Traceback" not in run.stdout + run.stderr


def test_a_site_named_by_a_file_that_is_no_settings_file_is_refused(minimal_site):
    run = varde(minimal_site, "check", "--site", "content/components.yaml")
    assert run.returncode == 1
    assert "is not a settings file (a Python file such as pelicanconf.py)" in run.stderr


def test_a_settings_file_that_exits_is_named_in_one_sentence(minimal_site):
    conf = minimal_site / "pelicanconf.py"
    conf.write_text(conf.read_text() + "\nraise SystemExit(3)\n")
    run = varde(minimal_site, "check")
    assert run.returncode == 1
    assert "pelicanconf.py: the settings file could not be read (SystemExit: 3); fix it and retry." in run.stderr
