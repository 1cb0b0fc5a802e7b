"""A real nginx in the foreground, serving a folder with docs/nginx.conf
(its root and listen lines replaced), stopped by its own PID."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from builds import REPO

BROTLI_LINES = re.compile(r"^\s*(load_module \S+brotli\S+;|brotli_static on;)\s*$\n", re.M)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_binary() -> str:
    found = shutil.which("nginx", path=os.pathsep.join((os.environ.get("PATH", ""), "/usr/sbin", "/sbin")))
    if found is None:
        pytest.fail("nginx is not installed; `apt-get install nginx` (CI does, in .ci/install-tools)")
    return found


def configured(root: Path, port: int, brotli: bool = True) -> str:
    """docs/nginx.conf, pointed at `root` and listening on `port`; without
    its two brotli lines when `brotli` is false, as the file tells a reader
    whose nginx lacks the module."""
    text = (REPO / "docs/nginx.conf").read_text()
    text, listens = re.subn(r"listen 127\.0\.0\.1:\d+;", f"listen 127.0.0.1:{port};", text)
    text, roots = re.subn(r"root [^;]+;", f"root {root};", text)
    assert (listens, roots) == (1, 1), "docs/nginx.conf should have one listen and one root line"
    if not brotli:
        text, removed = BROTLI_LINES.subn("", text)
        assert removed == 2, "docs/nginx.conf should have one load_module and one brotli_static line"
    return text


class Nginx:
    """nginx serving `root` at `self.url` until stop()."""

    def __init__(self, root: Path, prefix: Path, brotli: bool = True):
        self.prefix = prefix
        (prefix / "tmp").mkdir(parents=True, exist_ok=True)
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        (prefix / "nginx.conf").write_text(configured(root, port, brotli))
        self.log = open(prefix / "stderr.log", "wb")
        self.process = subprocess.Popen(self.command(), stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 15
        while True:
            if self.process.poll() is not None:
                self.stop()
                pytest.fail(f"nginx exited: {self.errors()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                return
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    pytest.fail(f"nginx did not listen: {self.errors()}")
                time.sleep(0.05)

    def command(self, *extra: str) -> list[str]:
        return [
            nginx_binary(),
            "-p",
            str(self.prefix),
            "-c",
            str(self.prefix / "nginx.conf"),
            "-g",
            "daemon off;",
            *extra,
        ]

    def errors(self) -> str:
        return (self.prefix / "stderr.log").read_text()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful stop of this nginx, by its PID
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def fetch(url: str, **headers: str):
    """Status, headers and body, asking for `headers` (Accept_Encoding=...)."""
    request = urllib.request.Request(url, headers={k.replace("_", "-"): v for k, v in headers.items()})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers, response.read()
