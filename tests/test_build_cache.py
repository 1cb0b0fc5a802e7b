"""The build cache makes a build faster, never different.

A rebuild that reuses the previous output must be byte for byte what a
build from nothing gives, whatever changed in between: content, settings,
theme, or the output itself.  Each case builds one copy of a site twice
(reusing) and another copy once (from nothing), at the same instant.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from support import configure, copy_site, epoch, pelican, tree, varde

from varde.plugin.templates import THEME

LATER = epoch("2026-11-01T12:00+01:00")
NEXT_DAY = epoch("2026-11-02T12:00+01:00")
CRASH = "incidents/2026-06-10-docstore-crash"


def with_own_theme(site: Path) -> Path:
    """The site with a copy of Varde's theme of its own, as a designer has."""
    shutil.copytree(THEME, site / "theme")
    return configure(site, THEME="theme")


def add_update(site: Path) -> None:
    page = site / "content" / f"{CRASH}.md"
    page.write_text(
        page.read_text().replace(
            "  - at: 2026-06-10 21:30\n",
            "  - at: 2026-06-10 21:10\n    status: identified\n    text: A full disk.\n  - at: 2026-06-10 21:30\n",
        )
    )


def rename_component(site: Path) -> None:
    catalog = site / "content/components.yaml"
    catalog.write_text(catalog.read_text().replace("name: Datacenter network", "name: Core network"))


def rename_site(site: Path) -> None:
    configure(site, SITENAME="Healthnet operations")


def edit_template(site: Path) -> None:
    template = site / "theme/templates/incident.html"
    template.write_text(template.read_text().replace('<article class="report">', '<article class="report" lang="en">'))


def delete_incident(site: Path) -> None:
    (site / "content" / f"{CRASH}.md").unlink()


def edit_output(site: Path) -> None:
    page = site / "output" / f"{CRASH}.html"
    page.write_text(page.read_text().replace("Document store", "Vandalised"))


def restore_output(site: Path) -> None:
    """The output as a CI cache gives it back from its archive: every file a
    new one, with the same bytes and times."""
    shutil.copytree(site / "output", site / "archived")  # copies bytes and times
    shutil.rmtree(site / "output")
    (site / "archived").rename(site / "output")


def restore_altered_output(site: Path) -> None:
    """A restored output with a page altered in the archive, keeping its size
    and time: only its digest tells."""
    restore_output(site)
    page = site / "output" / f"{CRASH}.html"
    before, stat = page.read_bytes(), page.stat()
    page.write_bytes(before.replace(b"Document store", b"Document st0re"))
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert page.read_bytes() != before and page.stat().st_size == stat.st_size


def corrupt_cache(site: Path) -> None:
    for entry in (site / "cache/varde").rglob("*"):  # compiled templates too
        if entry.is_file():
            entry.write_bytes(b"not a pickle")


CHANGES: dict[str, Callable[[Path], None]] = {
    "nothing but the time": lambda site: None,
    "an update added to a resolved incident": add_update,
    "a component renamed": rename_component,
    "the site renamed in its settings": rename_site,
    "a template edited": edit_template,
    "an incident deleted": delete_incident,
    "a published page edited by hand": edit_output,
    "the output restored from an archive": restore_output,
    "a restored output with a page altered": restore_altered_output,
    "a corrupt cache": corrupt_cache,
}


def build(site: Path, at: int) -> None:
    run = pelican(site, at=at)
    assert run.returncode == 0, run.output


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_rebuild_equals_a_build_from_nothing(tmp_path, change):
    reusing = with_own_theme(copy_site("healthnet", tmp_path / "reusing"))
    build(reusing, LATER)
    change(reusing)
    build(reusing, NEXT_DAY)

    fresh = with_own_theme(copy_site("healthnet", tmp_path / "fresh"))
    if change not in (edit_output, restore_output, restore_altered_output, corrupt_cache):  # no input changed
        change(fresh)
    build(fresh, NEXT_DAY)
    assert tree(reusing / "output") == tree(fresh / "output")


def test_a_postmortem_due_between_builds_appears(tmp_path):
    """A resolved incident whose file did not change still gets its page
    rendered again when its postmortem becomes public."""
    sites = []
    for name in ("reusing", "fresh"):
        site = copy_site("healthnet", tmp_path / name)
        page = site / "content" / f"{CRASH}.md"
        page.write_text(
            page.read_text().replace("updates:", "postmortem_at: 2026-11-01 18:00\nupdates:", 1)
            + "A full disk stopped the database.\n"
        )
        sites.append(site)
    reusing, fresh = sites
    build(reusing, LATER)
    assert "A full disk" not in (reusing / "output" / f"{CRASH}.html").read_text()
    build(reusing, NEXT_DAY)
    build(fresh, NEXT_DAY)
    assert "A full disk" in (reusing / "output" / f"{CRASH}.html").read_text()
    assert tree(reusing / "output") == tree(fresh / "output")


def test_a_rebuild_renders_only_what_changed(tmp_path):
    """A resolved incident's page is kept (the very file); the index, which
    shows the present, and an edited incident's page are written anew."""
    site = copy_site("healthnet", tmp_path)
    build(site, LATER)
    output = site / "output"
    inode = {
        name: (output / name).stat().st_ino
        for name in ("index.html", f"{CRASH}.html", "incidents/2026-03-12-network-fault.html")
    }
    add_update(site)
    build(site, NEXT_DAY)
    assert (output / "incidents/2026-03-12-network-fault.html").stat().st_ino == inode[
        "incidents/2026-03-12-network-fault.html"
    ]
    assert (output / f"{CRASH}.html").stat().st_ino != inode[f"{CRASH}.html"]
    assert "A full disk." in (output / f"{CRASH}.html").read_text()
    assert (output / "index.html").stat().st_ino != inode["index.html"]


def test_a_restored_output_is_reused(tmp_path):
    """A CI cache gives the output back as new files with the same bytes: a
    resolved incident's page is linked from them, not rendered again."""
    site = copy_site("healthnet", tmp_path)
    build(site, LATER)
    restore_output(site)
    page = site / "output/incidents/2026-03-12-network-fault.html"
    restored = page.stat().st_ino
    build(site, NEXT_DAY)
    assert page.stat().st_ino == restored


def test_check_sees_a_broken_file_after_a_valid_run(tmp_path):
    """`varde check` reuses earlier parses, but never for a changed file."""
    site = copy_site("healthnet", tmp_path)
    assert varde(site, "check").returncode == 0
    assert (site / "cache/varde").is_dir()
    page = site / "content" / f"{CRASH}.md"
    page.write_text(page.read_text().replace("status: resolved", "status: fixed"))
    run = varde(site, "check")
    assert run.returncode == 1
    assert f"content/{CRASH}.md:10:" in run.output and "'fixed'" in run.output
