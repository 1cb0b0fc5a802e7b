"""A real nginx, run with docs/nginx.conf, serves a built site: every machine
endpoint comes back over HTTP with the Content-Type clients expect."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from builds import ENDPOINT_SCHEMAS, REPO
from support import copy_site, epoch, pelican

TYPES = {
    ".json": "application/json; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_binary() -> str:
    found = shutil.which("nginx", path=os.pathsep.join((os.environ.get("PATH", ""), "/usr/sbin", "/sbin")))
    if found is None:
        pytest.fail("nginx is not installed; `apt-get install nginx` (CI does, in .ci/run)")
    return found


def configured(root: Path, port: int) -> str:
    """docs/nginx.conf, pointed at `root` and listening on `port`."""
    text = (REPO / "docs/nginx.conf").read_text()
    text, listens = re.subn(r"listen 127\.0\.0\.1:\d+;", f"listen 127.0.0.1:{port};", text)
    text, roots = re.subn(r"root [^;]+;", f"root {root};", text)
    assert (listens, roots) == (1, 1), "docs/nginx.conf should have one listen and one root line"
    return text


@pytest.fixture(scope="module")
def site():
    """healthnet built while a maintenance is upcoming, in a folder nginx's
    workers may read (they drop to an unprivileged user; pytest's own
    temporary folders are private to the user running the tests)."""
    public = Path(tempfile.mkdtemp(prefix="varde-nginx-"))
    try:
        public.chmod(0o755)
        built = copy_site("healthnet", public)
        run = pelican(built, at=epoch("2026-05-16T12:00+02:00"))
        assert run.returncode == 0, run.output
        yield built / "output"
    finally:
        shutil.rmtree(public)


@pytest.fixture(scope="module")
def server(site, tmp_path_factory):
    """nginx in the foreground with its own prefix; stopped by its PID."""
    prefix = tmp_path_factory.mktemp("nginx")
    (prefix / "tmp").mkdir()
    port = free_port()
    (prefix / "nginx.conf").write_text(configured(site, port))
    log = open(prefix / "stderr.log", "wb")
    process = subprocess.Popen([nginx_binary(), "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
                                "-g", "daemon off;"], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None:
                pytest.fail(f"nginx exited: {(prefix / 'stderr.log').read_text()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"nginx did not listen: {(prefix / 'stderr.log').read_text()}")
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.send_signal(signal.SIGQUIT)  # graceful stop of this nginx, by its PID
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def fetch(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers, response.read()


def test_every_api_endpoint_of_both_environments_is_json(server, site):
    for prefix in ("", "test/"):
        for path in ENDPOINT_SCHEMAS:
            status, headers, body = fetch(f"{server}/{prefix}api/v2/{path}")
            assert status == 200
            assert headers["Content-Type"] == TYPES[".json"], path
            assert headers["Access-Control-Allow-Origin"] == "*"  # widgets on other sites read it
            assert headers["Cache-Control"] == "public, max-age=60"
            assert body == (site / prefix / "api/v2" / path).read_bytes()


def test_calendar_badges_and_feeds_have_their_types(server, site):
    for prefix in ("", "test/"):
        for path in ("maintenance.ics", "badges/status.svg", "history.rss", "history.atom", "index.html"):
            status, headers, body = fetch(f"{server}/{prefix}{path}")
            assert status == 200
            assert headers["Content-Type"] == TYPES[Path(path).suffix], path
            assert "max-age=60" in headers["Cache-Control"]
            assert body == (site / prefix / path).read_bytes()


def test_every_file_of_those_kinds_is_served_with_its_type(server, site):
    served = 0
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in TYPES:
            status, headers, _ = fetch(f"{server}/{path.relative_to(site).as_posix()}")
            assert (status, headers["Content-Type"]) == (200, TYPES[path.suffix]), path
            served += 1
    kinds = {path.suffix for path in site.rglob("*") if path.is_file()}
    assert set(TYPES) <= kinds and served > 40


def test_a_missing_file_is_a_404(server):
    with pytest.raises(urllib.error.HTTPError) as missing:
        fetch(f"{server}/api/v2/nothing.json")
    assert missing.value.code == 404
