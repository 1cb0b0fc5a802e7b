"""The built site stands alone: every link resolves to a file in it, nothing
comes from another host, every text file has its compressed copies, and the
manifest describes exactly what was built."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import brotli
import pytest
from support import configure, copy_site, epoch, pelican, tree

REPO = Path(__file__).resolve().parent.parent
AT = epoch("2026-11-22T12:00+01:00")
LINK = re.compile(r'(?:href|src)="([^"]*)"')


def example(into: Path, reverse: bool = False) -> Path:
    """A copy of the example site; `reverse` writes its files in the opposite order."""
    site = into / "example"
    site.mkdir(parents=True)
    shutil.copy(REPO / "pelicanconf.py", site)
    files = sorted(p for folder in ("content", "theme") for p in (REPO / folder).rglob("*") if p.is_file())
    for source in reversed(files) if reverse else files:
        target = site / source.relative_to(REPO)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    return site


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    site = example(tmp_path_factory.mktemp("self-contained"))
    run = pelican(site, at=AT)
    assert run.returncode == 0, run.output
    return site / "output"


def test_every_internal_link_names_a_file_that_exists(output):
    """Each href and src on every page resolves to a file of the site (never a folder)."""
    broken = []
    for page in output.rglob("*.html"):
        for link in LINK.findall(page.read_text()):
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto", "tel", "data") or link.startswith("#"):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.is_file():
                broken.append((page.relative_to(output).as_posix(), link))
    assert not broken, broken[:20]


def test_nothing_is_loaded_from_another_host(output):
    """No page, stylesheet or feed refers to another host for anything it loads."""
    for page in output.rglob("*.html"):
        html = page.read_text()
        assert not re.search(r'<(?:link|img|script|iframe|source)\b[^>]*(?:href|src)="(?:https?:)?//', html), page
    css = (output / "theme/css/varde.css").read_text()
    assert "url(" not in css and "@import" not in css and "@font-face" not in css


def test_text_files_have_gzip_and_brotli_copies(output):
    """Every text file above a few hundred bytes has .gz and .br copies with the same bytes inside."""
    checked = 0
    for path in output.rglob("*"):
        if path.suffix in {".html", ".css", ".json", ".rss", ".atom", ".ics", ".svg"} and path.stat().st_size >= 256:
            data = path.read_bytes()
            assert gzip.decompress((path.parent / (path.name + ".gz")).read_bytes()) == data, path
            assert brotli.decompress((path.parent / (path.name + ".br")).read_bytes()) == data, path
            checked += 1
    assert checked > 50


def test_manifest_lists_every_file_with_its_hash(output):
    """manifest.json names every other file with its SHA-256, the build id and the instant."""
    manifest = json.loads((output / "manifest.json").read_text())
    files = {
        p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in output.rglob("*")
        if p.is_file() and not p.name.startswith("manifest.json")
    }
    assert manifest["files"] == files
    assert manifest["describes"] == "2026-11-22T12:00:00+01:00"
    assert re.fullmatch(r"[0-9a-f]{64}", manifest["build_id"])


def test_index_and_what_it_loads_fit_one_round_trip(output):
    """index.html, its stylesheet, logo and favicon together fit in 14 KB gzip-compressed."""
    total = sum(
        len((output / name).with_name((output / name).name + ".gz").read_bytes())
        for name in ("index.html", "theme/css/varde.css", "logo.svg")
    )
    total += len((output / "favicon.svg").read_bytes())
    assert total <= 14 * 1024, total


def test_same_input_same_bytes_in_any_folder_and_file_order(tmp_path, output):
    """A build elsewhere, from files written in another order, is byte-identical; so is its manifest."""
    site = example(tmp_path / "elsewhere" / "deeper", reverse=True)
    assert pelican(site, at=AT).returncode == 0
    assert tree(site / "output") == tree(output)


def test_the_build_id_changes_with_the_content(tmp_path, output):
    """Editing content gives another build id."""
    site = copy_site("minimal", tmp_path)
    assert pelican(site, at=AT).returncode == 0
    first = json.loads((site / "output/manifest.json").read_text())["build_id"]
    configure(site, SITENAME="Renamed")
    assert pelican(site, at=AT).returncode == 0
    assert json.loads((site / "output/manifest.json").read_text())["build_id"] != first
