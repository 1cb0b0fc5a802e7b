"""Upstream pages for the tests: real HTTP servers that answer as a
Statuspage page does, or as a hostile or broken one does, and sites that
mirror their components."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: Bytes a page answers with, by path: given, or read from a file when asked;
#: a callable answers the request itself.
Routes = dict[str, object]


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: Routes = {}

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 (http.server's name)
        answer = self.routes.get(self.path)
        if answer is None:
            self.send_error(404)
        elif callable(answer):
            answer(self)
        else:
            answer = answer.read_bytes() if isinstance(answer, Path) else answer
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)


@contextmanager
def serving(routes: Routes) -> Iterator[str]:
    """A real HTTP server on a free port answering `routes`; its base address."""
    handler = type("Handler", (_Handler,), {"routes": routes})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def silent(request: http.server.BaseHTTPRequestHandler) -> None:
    """Accept, then say nothing for longer than any fetch waits."""
    time.sleep(15)


def huge(request: http.server.BaseHTTPRequestHandler) -> None:
    """50 MB of a JSON string, with no length announced."""
    request.send_response(200)
    request.send_header("Content-Type", "application/json")
    request.end_headers()
    block = b" " * (1024 * 1024)
    try:
        request.wfile.write(b'{"page": "')
        for _ in range(50):
            request.wfile.write(block)
    except (BrokenPipeError, ConnectionResetError):
        pass


def redirect_loop(request: http.server.BaseHTTPRequestHandler) -> None:
    request.send_response(302)
    request.send_header("Location", request.path)
    request.end_headers()


def mirroring_site(folder: Path, name: str, upstreams: list[tuple[str, str, str]], components: str) -> Path:
    """A site in `folder` whose components.yaml lists `upstreams` (id, name,
    summary.json address) before `components` (YAML list items)."""
    folder.mkdir(parents=True)
    (folder / "content").mkdir()
    (folder / "pelicanconf.py").write_text(
        f'SITENAME = "{name}"\nSITEURL = ""\nPATH = "content"\nTIMEZONE = "Europe/Oslo"\n'
        'DEFAULT_LANG = "en"\nPLUGINS = ["varde"]\nRELATIVE_URLS = True\n'
    )
    listed = "".join(f"  - id: {i}\n    name: {n}\n    url: {u}\n" for i, n, u in upstreams)
    (folder / "content" / "components.yaml").write_text(f"upstreams:\n{listed}components:\n{components}")
    return folder
