"""`varde publish`: one build to every mirror, each on its own, with real
nginx serving local mirrors, rsync to a folder and rclone with a local
remote.  A reader of a mirror sees one complete build or the next, never a
mix, and a mirror that fails keeps serving its previous complete build."""

from __future__ import annotations

import json
import re
import shlex
import threading
import urllib.error
from pathlib import Path

import pytest
import yaml
from builds import REPO
from nginxserver import Nginx, fetch
from publishing import AT, add_incident, build_id, frozen, public_folder, publish, rows, served_build, site_with_mirrors
from support import built, pelican, tree, varde

from varde.cli import parser
from varde.deploy import local, rsync
from varde.deploy.publishing import read_build
from varde.deploy.report import Outcome, summary
from varde.settings import Kind
from varde.settings.mirrors import read_mirrors

OLD_INCIDENT = "incidents/2026-03-12-login-down.html"
NEW_INCIDENT = "incidents/2026-03-19-portal-slow.html"


@pytest.fixture
def public():
    with public_folder() as folder:
        yield folder


@pytest.fixture
def servers(public, tmp_path):
    """Two mirrors, each a folder served by its own nginx."""
    started = {}
    for name in ("a", "b"):
        (public / name).mkdir()
        started[name] = Nginx(public / name / "www", tmp_path / f"nginx-{name}")
    yield started
    for server in started.values():
        server.stop()


def files(folder: Path) -> dict[str, str]:
    """The manifest's list: SHA-256 by path."""
    return json.loads((folder / "manifest.json").read_text())["files"]


def differing(before: dict[str, str], after: dict[str, str]) -> str:
    """How many paths were added, removed or given other bytes, as the table shows it."""
    return str(sum(before.get(path) != after.get(path) for path in before.keys() | after.keys()))


def change(site: Path) -> None:
    """A new incident, and the old one gone (its page becomes stale)."""
    add_incident(site, "2026-03-19-portal-slow", "Portal is slow")
    (site / "content/incidents/2026-03-12-login-down.md").unlink()


def test_two_mirrors_served_by_nginx_independent_of_each_other(public, servers):
    a, b = public / "a/www", public / "b/www"
    site = site_with_mirrors(public, {"target": str(a), "verify": servers["a"].url}, str(b))

    first = publish(site)
    assert first.returncode == 0, first.output
    everything = str(len(files(site / "output")))
    assert rows(first) == {str(a): ("ok", everything), str(b): ("ok", everything)}
    assert f"Build {build_id(site / 'output')[:12]} is on both mirrors." in first.stdout  # not "all 2" (issue 22)
    assert f"{a}: verifying through {servers['a'].url}" in first.stderr  # progress as it goes
    built = site / "output"
    for server in servers.values():
        assert served_build(server.url) == build_id(built)
        assert fetch(f"{server.url}/index.html")[2] == (built / "index.html").read_bytes()

    servers["b"].stop()  # one mirror's host goes down: the other serves the current build
    with pytest.raises(urllib.error.URLError):
        fetch(f"{servers['b'].url}/index.html")
    assert served_build(servers["a"].url) == build_id(built)
    servers["b"] = Nginx(b, servers["b"].prefix)

    previous, before = build_id(built), files(built)
    change(site)
    with frozen(b) as reason:
        second = publish(site)
        assert second.returncode == 1, second.output
        changed = differing(before, files(built))
        assert rows(second) == {str(a): ("ok", changed), str(b): ("FAILED", "–")}
        assert f"{b} failed: " in second.stdout and reason in second.stdout
        assert "Traceback" not in second.output
        assert "complete on 1 of 2 mirrors" in second.stdout
        # a: the new build; b: still its previous complete build, every file as listed
        assert served_build(servers["a"].url) == build_id(built) != previous
        assert b"Portal is slow" in fetch(f"{servers['a'].url}/index.html")[2]
        assert served_build(servers["b"].url) == previous
        check = varde(site, "verify", servers["b"].url)
        assert check.returncode == 0 and "matches" in check.stdout, check.output
        assert fetch(f"{servers['b'].url}/{OLD_INCIDENT}")[0] == 200
        assert sorted(path.name for path in b.parent.iterdir()) == ["www"]  # no half copy left beside it

    repaired = publish(site)  # the next publish repairs it; a is already up to date
    assert repaired.returncode == 0, repaired.output
    assert rows(repaired) == {str(a): ("ok", "0"), str(b): ("ok", changed)}
    for server in servers.values():
        assert served_build(server.url) == build_id(built)
        with pytest.raises(urllib.error.HTTPError):
            fetch(f"{server.url}/{OLD_INCIDENT}")


def test_a_reader_sees_one_whole_build_or_the_next_never_a_gap(public, tmp_path):
    """Two builds published in turn to one mirror while a reader keeps
    fetching: every answer is a page of one build, never a 404."""
    mirror = public / "www"
    sites = [site_with_mirrors(public, str(mirror), name=f"site{n}") for n in (1, 2)]
    add_incident(sites[1], "2026-03-19-portal-slow", "Portal is slow")
    for site in sites:
        assert varde(site, "build", "--settings", "publishconf.py", at=AT).returncode == 0
    pages = {(site / "output/index.html").read_bytes() for site in sites}
    assert len(pages) == 2
    assert publish(sites[0], "--no-build").returncode == 0
    server = Nginx(mirror, tmp_path / "nginx")
    seen, stop = [], threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                seen.append(fetch(f"{server.url}/index.html")[2])
            except urllib.error.HTTPError as error:
                seen.append(error.code)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for turn in range(6):
            run = publish(sites[(turn + 1) % 2], "--no-build")
            assert run.returncode == 0, run.output
    finally:
        stop.set()
        reader.join()
        server.stop()
    assert len(seen) > 20
    assert all(answer in pages for answer in seen), {answer for answer in seen if answer not in pages}


def test_a_local_mirror_is_never_missing_while_a_build_is_swapped_in(tmp_path):
    """The HTTP reader above is too slow to fall into the instant between
    two renames; a reader on the same machine is not."""
    build = read_build(built("minimal", tmp_path, at=AT))
    mirror = read_mirrors([str(tmp_path / "www")], tmp_path, tmp_path / "output")[0]
    misses, stop = [], threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                (tmp_path / "www/index.html").read_bytes()
            except FileNotFoundError as missing:
                misses.append(missing)

    local.deploy(build, mirror, say=lambda text: None)
    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(60):
            local.deploy(build, mirror, say=lambda text: None)
    finally:
        stop.set()
        reader.join()
    assert misses == []


def test_rsync_to_a_folder_sends_changes_and_deletes_stale_files(public):
    mirror = public / "rsynced"
    site = site_with_mirrors(public, f"rsync:{mirror}")
    first = publish(site)
    assert first.returncode == 0, first.output
    assert rows(first) == {f"rsync:{mirror}": ("ok", str(len(files(mirror))))}
    assert (mirror / OLD_INCIDENT).is_file()

    before = files(mirror)
    change(site)
    second = publish(site)
    assert second.returncode == 0, second.output
    assert rows(second) == {f"rsync:{mirror}": ("ok", differing(before, files(mirror)))}  # only what changed
    assert not (mirror / OLD_INCIDENT).exists() and (mirror / NEW_INCIDENT).is_file()
    assert not list(mirror.rglob(".~tmp~"))
    check = varde(site, "verify", str(mirror))
    assert check.returncode == 0, check.output
    assert build_id(mirror) == build_id(site / "output")


def test_a_host_that_cannot_be_reached_fails_its_row_only(public):
    mirror = public / "www"
    site = site_with_mirrors(public, "deploy@unreachable.invalid:/var/www/status", str(mirror))
    run = publish(site)
    assert run.returncode == 1
    assert rows(run) == {
        "deploy@unreachable.invalid:/var/www/status": ("FAILED", "–"),
        str(mirror): ("ok", str(len(files(mirror)))),
    }
    assert "deploy@unreachable.invalid:/var/www/status failed: rsync stopped with exit status" in run.stdout
    assert "`ssh HOST` logs in without a password" in run.stdout and "Traceback" not in run.output


def test_the_rsync_command_for_a_host_waits_to_swap_and_deletes_last():
    assert rsync.command(Path("/site/output"), "deploy@host:/var/www/status") == [
        "rsync",
        "--archive",
        "--checksum",
        "--delay-updates",
        "--delete-delay",
        "--itemize-changes",
        "--timeout=120",
        "/site/output/",
        "deploy@host:/var/www/status",
    ]


def test_each_kind_of_target_is_recognised(tmp_path):
    mirrors = read_mirrors(
        [
            "/srv/www/status",
            "www",
            {"target": "deploy@host:/var/www/status", "verify": "https://mirror2.example/"},
            "rsync://host/module/status",
            "rclone:s3:bucket/status",
        ],
        tmp_path,
        tmp_path / "output",
    )
    assert [(mirror.kind, mirror.location) for mirror in mirrors] == [
        (Kind.LOCAL, "/srv/www/status"),
        (Kind.LOCAL, str(tmp_path / "www")),
        (Kind.RSYNC, "deploy@host:/var/www/status"),
        (Kind.RSYNC, "rsync://host/module/status"),
        (Kind.RCLONE, "s3:bucket/status"),
    ]
    assert mirrors[2].verify == "https://mirror2.example/"


def test_a_mistake_in_the_setting_is_named_before_anything_is_built(tmp_path):
    site = site_with_mirrors(
        tmp_path, {"taget": "/srv/www"}, "rclone:nothing", str(tmp_path / "x"), str(tmp_path / "x"), "output/www"
    )
    run = publish(site)
    assert run.returncode == 1
    assert "mirror 1: unknown key 'taget'; use target and verify. Did you mean 'target'?" in run.stderr
    assert "mirror 2: 'rclone:nothing' names no rclone remote" in run.stderr
    assert f"mirror 4: {str(tmp_path / 'x')!r} is listed twice" in run.stderr
    assert "mirror 5: 'output/www' is in the build's own output folder" in run.stderr
    assert "Traceback" not in run.output and not (site / "output").exists()


def test_no_mirrors_and_a_folder_of_something_else_are_refused(tmp_path):
    site = site_with_mirrors(tmp_path)
    run = publish(site)
    assert run.returncode == 1 and "no mirrors to publish to; set VARDE_MIRRORS" in run.stderr
    home = tmp_path / "home"
    (home / "notes").mkdir(parents=True)
    (home / "notes/todo.txt").write_text("keep me")
    site = site_with_mirrors(tmp_path, str(home), name="other")
    run = publish(site)
    assert run.returncode == 1, run.output
    assert "holds 1 files and no manifest.json" in run.stdout
    assert (home / "notes/todo.txt").read_text() == "keep me"


@pytest.fixture
def rclone_remote(tmp_path, monkeypatch):
    """rclone's `local` remote, defined in a config file of its own."""
    config = tmp_path / "rclone.conf"
    config.write_text("[local]\ntype = local\n")
    monkeypatch.setenv("RCLONE_CONFIG", str(config))
    return "local"


def test_rclone_sends_assets_then_pages_then_the_manifest_and_deletes_stale_last(public, rclone_remote):
    bucket = public / "bucket"
    target = f"rclone:{rclone_remote}:{bucket}"
    site = site_with_mirrors(public, target)
    first = publish(site)
    assert first.returncode == 0, first.output
    assert rows(first) == {target: ("ok", str(len(files(bucket))))}
    steps = [line.split(": ", 1)[1] for line in first.stderr.splitlines() if ": uploading " in line]
    assert [step.split()[2] for step in steps] == ["assets", "pages,", "manifest"]
    assert varde(site, "verify", str(bucket)).returncode == 0

    again = publish(site)
    assert rows(again) == {target: ("ok", "0")} and ": uploading " not in again.stderr

    before = files(bucket)
    change(site)
    second = publish(site)
    assert second.returncode == 0, second.output
    assert rows(second) == {target: ("ok", differing(before, files(bucket)))}
    stale = len(set(before) - set(files(bucket)))
    assert stale >= 1 and f"deleting {stale} stale files" in second.stderr
    assert not (bucket / OLD_INCIDENT).exists() and (bucket / NEW_INCIDENT).is_file()
    check = varde(site, "verify", str(bucket))
    assert check.returncode == 0 and "matches" in check.stdout, check.output
    assert build_id(bucket) == build_id(site / "output")


def test_an_rclone_upload_that_breaks_off_leaves_the_previous_manifest(public, rclone_remote):
    bucket = public / "bucket"
    site = site_with_mirrors(public, f"rclone:{rclone_remote}:{bucket}")
    assert publish(site).returncode == 0
    previous = build_id(bucket)
    (bucket / NEW_INCIDENT / "blocker").mkdir(parents=True)  # the new page cannot be written

    change(site)
    broken = publish(site)
    assert broken.returncode == 1
    assert "rclone copy stopped with exit status" in broken.stdout and "is a directory" in broken.stdout
    assert build_id(bucket) == previous  # the manifest goes last, so it still names the old build
    assert (bucket / OLD_INCIDENT).is_file()  # and nothing was deleted

    (bucket / NEW_INCIDENT / "blocker").rmdir()
    (bucket / NEW_INCIDENT).rmdir()
    repaired = publish(site)
    assert repaired.returncode == 0, repaired.output
    assert build_id(bucket) == build_id(site / "output") and not (bucket / OLD_INCIDENT).exists()
    assert varde(site, "verify", str(bucket)).returncode == 0


@pytest.mark.parametrize("example", ["github-actions.yml", "gitlab-ci.yml"])
def test_the_ci_examples_publish_every_5_minutes_with_commands_that_exist(example):
    text = (REPO / "docs/examples" / example).read_text()
    workflow = yaml.safe_load(text)
    commands = [shlex.split(found) for found in re.findall(r"(?<![\w-])varde [^\n&|;#]*", text)]
    for command in commands:
        parser().parse_args(command[1:])  # exits, failing the test, on an unknown command or option
    assert {"publish", "verify" if "github" in example else "build"} <= {command[1] for command in commands}
    assert "*/5 * * * *" in text
    if "github" in example:
        assert workflow[True]["schedule"] == [{"cron": "*/5 * * * *"}]  # YAML 1.1 reads `on:` as True
        assert workflow["concurrency"]["cancel-in-progress"] is False
        assert "notify" in {command[1] for command in commands}  # what the store's step could not send
    else:
        assert {workflow[job]["resource_group"] for job in ("pages", "object-store")} == {
            "status-pages",
            "status-store",
        }


def test_the_example_site_publishes_to_a_folder_and_an_object_store(example_site, tmp_path, rclone_remote):
    folder, bucket = tmp_path / "www", tmp_path / "bucket"
    conf = example_site / "publishconf.py"
    conf.write_text(conf.read_text() + f"\nVARDE_MIRRORS = [{str(folder)!r}, 'rclone:{rclone_remote}:{bucket}']\n")
    run = publish(example_site)
    assert run.returncode == 0, run.output
    everything = str(len(files(example_site / "output")))
    assert rows(run) == {str(folder): ("ok", everything), f"rclone:{rclone_remote}:{bucket}": ("ok", everything)}
    for copy in (folder, bucket):
        check = varde(example_site, "verify", str(copy), "--build", "output")
        assert check.returncode == 0, check.output


def test_a_read_only_local_mirror_fails_and_a_publish_leaves_nothing_in_the_way(tmp_path):
    """Issue 22, item 2: a mirror chmod'ed 555 was reported "ok" (swapped
    out, its mode lost), and the old tree, undeletable, stayed as
    .www.staging, so every later publish failed with "File exists"."""
    mirror = tmp_path / "www"
    site = site_with_mirrors(tmp_path, str(mirror))
    assert publish(site, as_a_user=True).returncode == 0
    before = tree(mirror)
    mirror.chmod(0o555)
    try:
        refused = publish(site, as_a_user=True)
        assert refused.returncode == 1, refused.output
        assert rows(refused) == {str(mirror): ("FAILED", "–")}
        assert f"{mirror} failed: this user may not write to {mirror} (read-only); make it writable" in refused.stdout
        assert tree(mirror) == before and mirror.stat().st_mode & 0o777 == 0o555
    finally:
        mirror.chmod(0o755)
    (mirror / "incidents").chmod(0o555)  # a folder in it read-only: replaced with the rest
    for _ in range(2):
        run = publish(site, as_a_user=True)
        assert run.returncode == 0, run.output
        assert sorted(path.name for path in tmp_path.iterdir()) == ["site", "www"]  # nothing left beside it


def test_the_summary_says_both_mirrors_or_all_of_them(tmp_path):
    """Issue 22, item 11: "is on all 2 mirrors"."""
    mirrors = read_mirrors([str(tmp_path / name) for name in "abc"], tmp_path, tmp_path / "output")
    said = [summary([Outcome(mirror, 1, 0.1) for mirror in mirrors[:count]], "3f2a9c1d04be") for count in (1, 2, 3)]
    assert said == [
        "Build 3f2a9c1d04be is on the mirror.",
        "Build 3f2a9c1d04be is on both mirrors.",
        "Build 3f2a9c1d04be is on all 3 mirrors.",
    ]


def test_a_mirror_beside_the_output_shares_its_files_and_keeps_them_through_the_next_build(tmp_path):
    """A local mirror on the output's file system gets links, not copies
    (a publish during an incident spent seconds creating files); the next
    build writes new files and never changes the mirror's."""
    site = site_with_mirrors(tmp_path, str(tmp_path / "www"))
    assert publish(site).returncode == 0
    www = tmp_path / "www"
    assert (www / "index.html").stat().st_ino == (site / "output/index.html").stat().st_ino
    published, page = files(www), (www / "index.html").read_bytes()
    change(site)
    assert pelican(site, at=AT + 600).returncode == 0  # built, not published
    assert (site / "output/index.html").read_bytes() != page
    assert (www / "index.html").read_bytes() == page
    assert varde(www.parent, "verify", str(www)).returncode == 0
    assert files(www) == published
