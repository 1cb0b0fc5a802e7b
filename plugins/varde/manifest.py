"""manifest.json: what a complete build contains, so any copy of the site,
on any mirror, can be checked against it (`varde verify`)."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path

from . import __version__
from .precompress import compress

MANIFEST = "manifest.json"


#: The manifest and its compressed copies, which cannot list themselves.
UNLISTED = frozenset({MANIFEST, MANIFEST + ".gz", MANIFEST + ".br"})


def file_hashes(root: Path) -> dict[str, str]:
    """SHA-256 of every file below `root` but the manifest, by relative path."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.relative_to(root).as_posix() not in UNLISTED
    }


def build_id(hashes: dict[str, str]) -> str:
    """One hash for the whole tree: equal builds have equal ids."""
    listing = "".join(f"{path}\0{digest}\n" for path, digest in sorted(hashes.items()))
    return hashlib.sha256(listing.encode("utf-8")).hexdigest()


def write_manifest(root: Path, describes: datetime) -> dict:
    hashes = file_hashes(root)
    manifest = {
        "build_id": build_id(hashes),
        "describes": describes.isoformat(),
        "generator": f"Varde {__version__}",
        "files": hashes,
    }
    (root / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    compress(root / MANIFEST)
    return manifest
