"""The shortcuts of reading a site: they make it faster, never different.

A file whose stat is remembered is not read again; many files are parsed on
every core; the YAML resolver is a table rather than PyYAML's regular
expressions.  Each test here would fail if its shortcut ever gave a stale
model or a different problem.  Real files in tmp_path, no Pelican.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from varde import processes
from varde.cache.fingerprints import code_fingerprint
from varde.cache.store import Cache
from varde.errors import ContentError, display_path
from varde.parsing import ParsedFiles, load_site, load_site_cached
from varde.parsing import site as site_module
from varde.parsing.site import PARSED_CACHE, signature
from varde.parsing.yamlsource import _StrictLoader

ZONE = ZoneInfo("Europe/Oslo")

forking = pytest.mark.skipif(
    sys.platform != "linux" or processes.cores() < 2, reason="parses on several cores only on Linux with 2+ cores"
)

COMPONENTS = """\
components:
  - id: login
    name: Login
  - id: portal
    name: Portal
"""


def incident(number: int, title: str | None = None) -> str:
    return (
        "---\n"
        f"title: {title or f'Incident {number:05d}'}\n"
        "affected:\n"
        "  login: major_outage\n"
        "updates:\n"
        f"  - at: 2026-03-{1 + number % 28:02d} 08:05\n"
        "    status: investigating\n"
        "    text: Login fails.\n"
        f"  - at: 2026-03-{1 + number % 28:02d} 09:10\n"
        "    status: resolved\n"
        "    text: Login works again.\n"
        "---\n"
    )


def make_site(root: Path, count: int = 3) -> Path:
    content = root / "content"
    (content / "incidents").mkdir(parents=True)
    (content / "maintenance").mkdir()
    (content / "components.yaml").write_text(COMPONENTS)
    for number in range(count):
        (content / "incidents" / f"i{number:05d}.md").write_text(incident(number))
    return content


@pytest.fixture(autouse=True)
def short_window(monkeypatch):
    """The racy window shortened from 2 s to 0.3 s, so that waiting for files
    to settle does not make these tests slow; still thousands of ticks of
    the file system's clock."""
    monkeypatch.setattr(site_module, "SETTLED_NS", 300_000_000)


def settle() -> None:
    """Wait until files written so far count as settled (the racy window)."""
    time.sleep(site_module.SETTLED_NS / 1e9 + 0.05)


def remembered(cache: Cache) -> tuple[dict, dict]:
    value = cache.load(PARSED_CACHE, code_fingerprint())
    assert value is not None
    return value


def titles(site) -> dict[str, str]:
    return {item.slug: item.title for item in site.incidents}


# -- the stat shortcut -------------------------------------------------------


def test_a_settled_file_is_found_by_its_stat_without_being_read(tmp_path):
    """The shortcut is real: a remembered signature is trusted, so a digest
    (here a made-up one) stands for the bytes."""
    content = make_site(tmp_path)
    settle()
    cache = Cache(tmp_path / "cache")
    load_site_cached(content, ZONE, cache)
    models, signatures = remembered(cache)
    table = signatures[os.path.abspath(content)]
    assert set(table) == {f"incidents/i{n:05d}.md" for n in range(3)}

    mark, digest = table["incidents/i00001.md"]
    (old_key,) = [key for key in models if key[-2] == "incidents/i00001.md"]
    made_up = b"\xff" * 16
    models[(*old_key[:-1], made_up)] = replace(models.pop(old_key), title="From the remembered stat")
    table["incidents/i00001.md"] = (mark, made_up)
    site = load_site(content, ZONE, ParsedFiles((models, signatures)))
    assert titles(site)["i00001"] == "From the remembered stat"


def test_an_edit_in_place_that_keeps_size_and_modification_time_is_seen(tmp_path):
    """Same inode, same size, mtime put back with os.utime: only the status
    change time tells, and it is part of the signature."""
    content = make_site(tmp_path)
    path = content / "incidents" / "i00001.md"
    settle()
    cache = Cache(tmp_path / "cache")
    assert titles(load_site_cached(content, ZONE, cache))["i00001"] == "Incident 00001"
    assert "incidents/i00001.md" in remembered(cache)[1][os.path.abspath(content)]

    before = os.stat(path)
    with open(path, "r+b") as stream:  # in place: the inode stays
        stream.write(incident(1, "Incident 0000X").encode())
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (before.st_ino, before.st_size, before.st_mtime_ns)

    assert titles(load_site_cached(content, ZONE, cache))["i00001"] == "Incident 0000X"


def test_a_replaced_file_with_the_same_size_and_times_is_seen(tmp_path):
    """An editor that saves by renaming a new file over the old one."""
    content = make_site(tmp_path)
    path = content / "incidents" / "i00002.md"
    settle()
    cache = Cache(tmp_path / "cache")
    load_site_cached(content, ZONE, cache)
    before = os.stat(path)
    fresh = path.with_name(".i00002.md.new")
    fresh.write_text(incident(2, "Incident 0000Y"))
    os.utime(fresh, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(fresh, path)
    assert titles(load_site_cached(content, ZONE, cache))["i00002"] == "Incident 0000Y"


def test_a_file_changed_within_the_racy_window_is_not_remembered_by_its_stat(tmp_path):
    """A file changed just before the run could change again within the
    same clock tick of its stat, unseen: it is read again next time, and
    only remembered by its stat once it has settled."""
    content = make_site(tmp_path)
    cache = Cache(tmp_path / "cache")
    load_site_cached(content, ZONE, cache)
    assert remembered(cache)[1] == {}

    settle()
    path = content / "incidents" / "i00000.md"
    path.write_text(incident(0, "Incident 0000Z"))  # changed now: within the window
    site = load_site_cached(content, ZONE, cache)
    assert titles(site)["i00000"] == "Incident 0000Z"
    table = remembered(cache)[1][os.path.abspath(content)]
    assert set(table) == {"incidents/i00001.md", "incidents/i00002.md"}
    assert table["incidents/i00001.md"][0] == signature(os.stat(content / "incidents" / "i00001.md"))

    # Edited again within the window, same size, mtime put back: still seen.
    before = os.stat(path)
    path.write_text(incident(0, "Incident 0000W"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert titles(load_site_cached(content, ZONE, cache))["i00000"] == "Incident 0000W"


def test_checking_a_copy_keeps_the_real_folders_signatures(tmp_path):
    """`varde update` checks a scratch copy with the same cache: the copy's
    models point at the copy, and the real folder's stat table stays."""
    content = make_site(tmp_path)
    settle()
    cache = Cache(tmp_path / "cache")
    load_site_cached(content, ZONE, cache)
    table = remembered(cache)[1][os.path.abspath(content)]

    copy = tmp_path / "scratch" / "content"
    shutil.copytree(content, copy)
    site = load_site_cached(copy, ZONE, cache)
    assert {item.origin.path for item in site.incidents} == {
        display_path(copy / "incidents" / f"i{n:05d}.md") for n in range(3)
    }
    assert remembered(cache)[1][os.path.abspath(content)] == table

    shutil.rmtree(copy.parent)  # a folder that is gone is forgotten
    settle()
    (content / "incidents" / "i00003.md").write_text(incident(3))
    load_site_cached(content, ZONE, cache)
    assert list(remembered(cache)[1]) == [os.path.abspath(content)]


# -- several cores -----------------------------------------------------------

BROKEN = {
    # name: (text, what the problem says)
    "b-yaml.md": ("---\ntitle: [unclosed\n---\n", "not valid YAML"),
    "b-key.md": (incident(7).replace("affected:", "afected:\n  login: major_outage\naffected:"), "unknown key"),
    "b-time.md": (incident(8).replace("09:10", "25:99"), "valid date or time"),
    "b-start.md": ("title: no front matter\n", "does not start with YAML front matter"),
    "b-bytes.md": (None, "not UTF-8"),
    "sub/i00010.md": (incident(10), "already used by"),
}


def make_broken_site(root: Path, count: int) -> Path:
    content = make_site(root, count)
    incidents = content / "incidents"
    (incidents / "sub").mkdir()
    for name, (text, _) in BROKEN.items():
        if text is None:
            (incidents / name).write_bytes(incident(9).encode().replace(b"Login fails", b"Login \xff fails"))
        else:
            (incidents / name).write_text(text)
    (incidents / f"i{count // 2:05d}.md").write_text(incident(count // 2).replace("investigating", "investigatin"))
    (content / "maintenance" / "m.md").write_text("---\ntitle: Patch\n---\n")
    return content


def problems_of(content: Path, parsed: ParsedFiles | None = None) -> tuple:
    with pytest.raises(ContentError) as caught:
        load_site(content, ZONE, parsed)
    return caught.value.problems


def serially(monkeypatch) -> None:
    monkeypatch.setattr(site_module, "PARALLEL_FROM", 10**9)


@pytest.fixture
def shared(monkeypatch) -> list[int]:
    """How many tasks each call of processes.share had (it still runs them):
    proof that the comparison with reading in turn compared something."""
    calls: list[int] = []
    real = processes.share

    def share(tasks, state, merge):
        calls.append(len(tasks))
        real(tasks, state, merge)

    monkeypatch.setattr(processes, "share", share)
    return calls


@forking
def test_parsing_on_every_core_reports_the_same_problems_in_the_same_order(tmp_path, monkeypatch, shared):
    count = site_module.PARALLEL_FROM + 50
    content = make_broken_site(tmp_path, count)
    in_parallel = problems_of(content)
    assert shared
    serially(monkeypatch)
    in_turn = problems_of(content)
    assert in_parallel == in_turn
    shown = "\n".join(str(problem) for problem in in_turn)
    for name, (_, message) in BROKEN.items():
        assert re.search(rf"content/incidents/{re.escape(name)}:\d+: .*{message}", shown), (name, shown)
    assert f"i{count // 2:05d}.md:" in shown and "content/maintenance/m.md:" in shown


@forking
def test_parsing_on_every_core_gives_the_same_site_as_in_turn_and_the_same_cache(tmp_path, monkeypatch, shared):
    content = make_site(tmp_path, site_module.PARALLEL_FROM + 50)
    settle()
    cache = Cache(tmp_path / "cache")
    in_parallel = load_site_cached(content, ZONE, cache)  # cold: every file unknown
    assert len(shared) == 1
    kept = remembered(cache)
    assert load_site_cached(content, ZONE, cache) == in_parallel  # warm: from the stat table
    assert len(shared) == 1  # nothing left to read

    serially(monkeypatch)
    shutil.rmtree(tmp_path / "cache")
    in_turn = load_site_cached(content, ZONE, cache)
    assert in_turn == in_parallel
    assert list(in_turn.incidents) == sorted(in_turn.incidents, key=lambda item: item.slug)
    assert remembered(cache) == kept


@forking
def test_an_unreadable_file_fails_as_when_reading_in_turn(tmp_path, monkeypatch, shared):
    content = make_site(tmp_path, site_module.PARALLEL_FROM + 10)
    unreadable = content / "incidents" / "unreadable.md"
    unreadable.write_text("---\n")

    def failing(path, *args, **kwargs):
        # As root every file can be read: the system's refusal, simulated
        # where the file is opened (forked workers inherit it).
        if path == os.fspath(unreadable):
            raise PermissionError(13, "Permission denied", path)
        return open(path, *args, **kwargs)

    monkeypatch.setattr(site_module, "open", failing, raising=False)
    with pytest.raises(OSError) as in_parallel:
        load_site(content, ZONE)
    assert shared
    serially(monkeypatch)
    with pytest.raises(OSError) as in_turn:
        load_site(content, ZONE)
    assert type(in_parallel.value) is type(in_turn.value)
    assert str(in_parallel.value) == str(in_turn.value)


# -- the YAML resolver -------------------------------------------------------


class _Reference(yaml.SafeLoader):
    """The resolver as it was: PyYAML's, with regular expressions."""


_Reference.yaml_implicit_resolvers = {}
_Reference.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Reference.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])

SCALARS = [
    "true",
    "True",
    "TRUE",
    "tRUE",
    "false",
    "False",
    "FALSE",
    "fALSE",
    "null",
    "Null",
    "NULL",
    "nULL",
    "~",
    "",
    " ",
    "\n",
    "true\n",
    "~\n",
    "null\n\n",
    " true",
    "true ",
    "yes",
    "no",
    "on",
    "10:30",
    "1.10",
    "0x1F",
    "2024-06-06",
    ".inf",
    "truex",
    "nullx",
    "~~",
    "t",
    "n",
    "N",
    "f",
]


@pytest.mark.parametrize("value", SCALARS)
@pytest.mark.parametrize("implicit", [(True, False), (False, True), (False, False)])
def test_the_table_resolver_tags_every_scalar_as_the_regular_expressions_did(value, implicit):
    assert _StrictLoader("").resolve(yaml.ScalarNode, value, implicit) == _Reference("").resolve(
        yaml.ScalarNode, value, implicit
    )


def test_collections_resolve_as_before():
    for kind in (yaml.SequenceNode, yaml.MappingNode):
        assert _StrictLoader("").resolve(kind, None, (True, False)) == _Reference("").resolve(kind, None, (True, False))
