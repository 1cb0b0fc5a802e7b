"""Does a copy of the site match its own manifest.json?

A folder is read from disk; a URL is fetched the way a reader's browser
would, but asking for no compressed encoding, so the bytes compared are the
files themselves.  A copy matches when every file the manifest lists is there
with its SHA-256, and (for a folder, which can be listed) nothing else is.
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from varde import __version__
from varde.output.manifest import MANIFEST, UNLISTED, file_hashes

#: Seconds to wait for one response.
TIMEOUT = 20
#: Files fetched at once from one server.
PARALLEL = 8


class VerifyError(Exception):
    """The copy could not be checked at all; the message is one sentence."""


@dataclass(frozen=True)
class Comparison:
    target: str
    build_id: str
    describes: str
    #: How many files the manifest lists.
    listed: int
    missing: list[str] = field(default_factory=list)
    different: list[str] = field(default_factory=list)
    #: Files the manifest does not list (folders only: a server cannot be listed).
    extra: list[str] = field(default_factory=list)

    @property
    def matches(self) -> bool:
        return not (self.missing or self.different or self.extra)

    def lines(self) -> list[str]:
        """One line per difference, for a person."""
        return (
            [f"missing:   {path}" for path in self.missing]
            + [f"different: {path}" for path in self.different]
            + [f"extra:     {path}" for path in self.extra]
        )

    def summary(self) -> str:
        build = f"build {self.build_id[:12]} ({self.describes})"
        if self.matches:
            return f"{self.target} matches its manifest.json: {build}, {self.listed} files."
        counts = [
            f"{len(found)} {name}"
            for name, found in (("missing", self.missing), ("different", self.different), ("extra", self.extra))
            if found
        ]
        return f"{self.target} differs from its manifest.json ({build}): {', '.join(counts)}."


def is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def verify(target: str) -> Comparison:
    """A folder or an http(s) URL, compared with the manifest.json it serves."""
    if is_url(target):
        return verify_url(target)
    return verify_folder(Path(target))


def verify_folder(folder: Path) -> Comparison:
    if not folder.is_dir():
        raise VerifyError(f"{folder} is not a folder; give a built site's folder or its URL.")
    try:
        manifest = read_manifest((folder / MANIFEST).read_bytes(), str(folder / MANIFEST))
    except FileNotFoundError:
        raise VerifyError(f"{folder} has no {MANIFEST}; is it a site built by Varde 0.1 or later?") from None
    actual = file_hashes(folder)
    return _compare(str(folder), manifest, actual.get, extra=sorted(set(actual) - set(manifest["files"])))


def verify_url(base: str) -> Comparison:
    base = base if base.endswith("/") else base + "/"
    body = fetch(base + MANIFEST)
    if body is None:
        raise VerifyError(f"{base}{MANIFEST} is not there; check that the URL serves a site built by Varde.")
    manifest = read_manifest(body, base + MANIFEST)

    def digest(path: str) -> str | None:
        found = fetch(base + urllib.parse.quote(path))
        return None if found is None else hashlib.sha256(found).hexdigest()

    with ThreadPoolExecutor(PARALLEL) as pool:
        digests = dict(zip(manifest["files"], pool.map(digest, manifest["files"])))
    return _compare(base, manifest, digests.get)


def read_manifest(data: bytes, where: str) -> dict:
    try:
        manifest = json.loads(data)
        files = manifest["files"]
        if not (isinstance(files, dict) and all(isinstance(v, str) for v in files.values())):
            raise TypeError("files is not an object of SHA-256 strings")
        str(manifest["build_id"]), str(manifest["describes"])
    except (ValueError, KeyError, TypeError) as error:
        raise VerifyError(f"{where} is not a Varde manifest ({error}); rebuild and publish the site.") from None
    return manifest


def _compare(
    target: str, manifest: Mapping, actual: Callable[[str], str | None], extra: list[str] | None = None
) -> Comparison:
    found = {path: actual(path) for path in manifest["files"]}
    return Comparison(
        target=target,
        build_id=manifest["build_id"],
        describes=manifest["describes"],
        listed=len(found),
        missing=[path for path, digest in found.items() if digest is None],
        different=[path for path, digest in found.items() if digest not in (None, manifest["files"][path])],
        extra=[path for path in extra or () if path not in UNLISTED],
    )


def changes(before: Mapping[str, str], after: Mapping[str, str]) -> int:
    """How many files a publish added, replaced or deleted (by path: hash)."""
    return sum(before.get(path) != digest for path, digest in after.items()) + len(set(before) - set(after))


def fetch(url: str) -> bytes | None:
    """The body at `url` as stored, or None where the server has no such file
    (an object store without listing rights answers 403 for those)."""
    request = urllib.request.Request(
        url,
        headers={
            "Accept-Encoding": "identity",
            "Cache-Control": "no-cache",  # past caches, to the copy itself
            "User-Agent": f"varde/{__version__} (verify)",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        if error.code in (403, 404, 410):
            return None
        raise VerifyError(f"{url} answered {error.code} {error.reason}; check the server's log.") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise VerifyError(
            f"{url} could not be fetched ({reason}); check the address and that the server is up."
        ) from None
