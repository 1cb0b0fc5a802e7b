"""A real nginx, run with docs/nginx.conf, serves a built site: every machine
endpoint comes back over HTTP with the Content-Type clients expect."""

from __future__ import annotations

import shutil
import tempfile
import urllib.error
from pathlib import Path

import pytest
from builds import ENDPOINT_SCHEMAS
from nginxserver import Nginx, fetch
from support import copy_site, epoch, pelican

TYPES = {
    ".json": "application/json; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}


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
    nginx = Nginx(site, tmp_path_factory.mktemp("nginx"))
    try:
        yield nginx.url
    finally:
        nginx.stop()


def test_every_api_endpoint_of_both_environments_is_json(server, site):
    for prefix in ("", "test/"):
        for path in ENDPOINT_SCHEMAS:
            status, headers, body = fetch(f"{server}/{prefix}api/v2/{path}")
            assert status == 200
            assert headers["Content-Type"] == TYPES[".json"], path
            assert headers["Access-Control-Allow-Origin"] == "*"  # widgets on other sites read it
            assert headers["Cache-Control"] == "public, max-age=60, must-revalidate"
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


def test_precompressed_files_go_to_clients_that_accept_them_with_the_originals_type(server, site):
    for path in ("index.html", "history.atom", "api/v2/summary.json", "maintenance.ics", "test/index.html"):
        original = site / path
        for accept, encoding in (("br, gzip", "br"), ("gzip", "gzip")):
            status, headers, body = fetch(f"{server}/{path}", Accept_Encoding=accept)
            assert (status, headers["Content-Encoding"]) == (200, encoding), path
            assert body == original.with_name(original.name + (".br" if encoding == "br" else ".gz")).read_bytes()
            assert headers["Content-Type"] == TYPES[original.suffix]
            assert headers["Vary"] == "Accept-Encoding"  # caches keep one copy per encoding
        status, headers, body = fetch(f"{server}/{path}")
        assert "Content-Encoding" not in headers and body == original.read_bytes()


def test_pages_are_revalidated_within_a_minute_and_only_hashed_names_are_kept_long(server, site):
    stylesheet = next((site / "theme").rglob("*.css"))
    hashed = stylesheet.with_name(f"{stylesheet.stem}.0123abcd.css")  # no build writes such names yet
    hashed.write_bytes(stylesheet.read_bytes())
    short = "public, max-age=60, must-revalidate"
    for path in (
        "index.html",
        "manifest.json",
        "history.rss",
        "badges/status.svg",
        stylesheet.relative_to(site).as_posix(),
    ):
        assert fetch(f"{server}/{path}")[1]["Cache-Control"] == short, path
    _, headers, body = fetch(f"{server}/{hashed.relative_to(site).as_posix()}")
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Type"] == "text/css; charset=utf-8" and body == stylesheet.read_bytes()


def test_rsyncs_unfinished_files_are_not_served(server, site):
    unfinished = site / ".~tmp~/index.html"
    unfinished.parent.mkdir()
    unfinished.write_text("half of a new build")
    with pytest.raises(urllib.error.HTTPError) as hidden:
        fetch(f"{server}/.~tmp~/index.html")
    assert hidden.value.code == 404


def test_without_the_brotli_module_the_config_still_serves_gzip(site, tmp_path):
    """The two lines docs/nginx.conf says to delete where the module is missing."""
    nginx = Nginx(site, tmp_path, brotli=False)
    try:
        status, headers, body = fetch(f"{nginx.url}/index.html", Accept_Encoding="br, gzip")
    finally:
        nginx.stop()
    assert (status, headers["Content-Encoding"]) == (200, "gzip")
    assert body == (site / "index.html.gz").read_bytes()
