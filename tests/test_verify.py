"""`varde verify TARGET`: a copy of the site, a folder or a URL, checked
file by file against the manifest.json it carries."""

from __future__ import annotations

import shutil

import pytest
from nginxserver import Nginx
from publishing import AT, build_id, public_folder
from support import built, varde


@pytest.fixture(scope="module")
def public():
    with public_folder() as folder:
        yield folder


@pytest.fixture(scope="module")
def output(public):
    return built("minimal", public, at=AT)


@pytest.fixture
def copy(output, tmp_path):
    """A copy of the build a test may spoil."""
    return shutil.copytree(output, tmp_path / "copy")


def test_a_whole_build_matches(output, tmp_path):
    run = varde(tmp_path, "verify", str(output))
    assert run.returncode == 0, run.output
    files = len(list(path for path in output.rglob("*") if path.is_file())) - 3  # but manifest.json(.gz, .br)
    assert run.stdout == (
        f"{output} matches its manifest.json: build {build_id(output)[:12]} "
        f"(2026-03-20T12:00:00+01:00), {files} files.\n"
    )


def test_a_changed_a_missing_and_an_extra_file_are_each_listed(copy, tmp_path):
    (copy / "index.html").write_text("<p>defaced</p>")
    (copy / "history.rss").unlink()
    (copy / "incidents/leftover.html").write_text("an old page")
    run = varde(tmp_path, "verify", str(copy))
    assert run.returncode == 1
    assert run.stdout.splitlines()[:3] == [
        "missing:   history.rss",
        "different: index.html",
        "extra:     incidents/leftover.html",
    ]
    assert "differs from its manifest.json" in run.stdout and "1 missing, 1 different, 1 extra" in run.stdout


def test_a_url_is_fetched_without_compression_and_matches(output, tmp_path):
    """nginx would send .br and .gz to a client that asked: verify asks for
    the files themselves, so their hashes match the manifest's."""
    nginx = Nginx(output, tmp_path / "nginx")
    try:
        run = varde(tmp_path, "verify", nginx.url, "--build", str(output))
    finally:
        nginx.stop()
    assert run.returncode == 0, run.output
    assert run.stdout.startswith(f"{nginx.url}/ matches its manifest.json: build {build_id(output)[:12]}")


def test_a_url_serving_a_spoilt_copy_lists_the_file(public, output, tmp_path):
    copy = shutil.copytree(output, public / "spoilt")
    (copy / "api/v2/status.json").write_text("{}")
    nginx = Nginx(copy, tmp_path / "nginx")
    try:
        run = varde(tmp_path, "verify", nginx.url + "/")
    finally:
        nginx.stop()
    assert run.returncode == 1
    assert "different: api/v2/status.json" in run.stdout.splitlines()


def test_another_build_is_not_the_one_asked_for(copy, output, tmp_path):
    manifest = copy / "manifest.json"
    manifest.write_text(manifest.read_text().replace(build_id(output), "0" * 64))
    run = varde(tmp_path, "verify", str(copy), "--build", str(output))
    assert run.returncode == 1
    assert run.stderr == (
        f"varde: {copy} holds build 000000000000, not {build_id(output)[:12]} from {output}; publish again.\n"
    )  # a folder has no cache to wait for (issue 22, item 11)


@pytest.mark.parametrize(
    "target, says",
    [
        ("{tmp}", "has no manifest.json; is it a site built by Varde"),
        ("{tmp}/nothing", "is not a folder"),
        ("http://127.0.0.1:9/", "could not be fetched"),
    ],
)
def test_what_cannot_be_checked_is_one_sentence(tmp_path, target, says):
    run = varde(tmp_path, "verify", target.format(tmp=tmp_path))
    assert run.returncode == 1
    assert says in run.stderr and run.stderr.count("\n") == 1 and "Traceback" not in run.output
