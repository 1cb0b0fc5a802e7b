"""manifest.json: what a complete build contains, so any copy of the site,
on any mirror, can be checked against it (`varde verify`)."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path

from varde import __version__
from varde.output.compression import compress
from varde.output.records import FileRecord
from varde.output.tree import files_below

MANIFEST = "manifest.json"


#: The manifest and its compressed copies, which cannot list themselves.
UNLISTED = frozenset({MANIFEST, MANIFEST + ".gz", MANIFEST + ".br"})


def is_foreign(names: Iterable[str], kept: Iterable[str] = ()) -> bool:
    """A folder that holds files but no manifest is not a Varde site: a
    mistyped path, a web server's root, a bucket's root.  Replacing it
    would delete what someone else put there."""
    names = set(names) - set(kept)
    return bool(names) and MANIFEST not in names


def file_hashes(root: Path) -> dict[str, str]:
    """SHA-256 of every file below `root` but the manifest, by relative path."""
    return {name: record.sha256 for name, record in file_records(root).items()}


def file_records(
    root: Path, names: Iterable[str] | None = None, known: Mapping[str, FileRecord] | None = None
) -> dict[str, FileRecord]:
    """Every file below `root` but the manifest (or those of `names`, when
    the caller has just listed them), with its SHA-256; `known` holds the
    records of files the caller knows to be the very ones recorded (files it
    wrote this run, links it made from files it checked), taken as they are."""
    known, top = known or {}, os.fspath(root)
    records = {}
    for name in files_below(root) if names is None else names:
        if name in UNLISTED:
            continue
        record = known.get(name)
        records[name] = FileRecord.read(f"{top}/{name}") if record is None else record
    return records


def build_id(hashes: dict[str, str]) -> str:
    """One hash for the whole tree: equal builds have equal ids."""
    listing = "".join(f"{path}\0{digest}\n" for path, digest in sorted(hashes.items()))
    return hashlib.sha256(listing.encode("utf-8")).hexdigest()


def write_manifest(
    root: Path, describes: datetime, names: Iterable[str] | None = None, known: Mapping[str, FileRecord] | None = None
) -> dict[str, FileRecord]:
    """Write manifest.json for the tree at `root` (which holds `names`, if
    given); return its files' records."""
    records = file_records(root, names, known)
    hashes = {name: record.sha256 for name, record in records.items()}
    manifest = {
        "build_id": build_id(hashes),
        "describes": describes.isoformat(),
        "generator": f"Varde {__version__}",
        "files": hashes,
    }
    (root / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    compress(root / MANIFEST)
    return records
