"""`varde upstream fetch`: read every upstream page's summary.json and keep
what it said in upstream/<page id>.json, for the build to show.

The network is read here and nowhere else: the build reads the snapshots
only, so it stays reproducible.  Each page is read on its own, within a
time and size limit and a few redirects; one that fails keeps its last good
snapshot, gets one sentence, and never stops the others.
"""

from __future__ import annotations

import argparse
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from varde import __version__, files
from varde.commands import _options
from varde.commands._site import read_site_settings
from varde.errors import display_path, system_refusal
from varde.importing.snapshots import AnswerError, checked_summary, last_report, snapshot_document
from varde.model import Catalog, UpstreamPage
from varde.parsing.catalog import parse_catalog
from varde.parsing.frontmatter import FrontMatterError, decode
from varde.parsing.upstream import snapshot_path
from varde.parsing.yamlsource import YamlSyntaxError, load
from varde.settings import COMPONENTS_FILE, VardeSettings
from varde.times import shown

HELP = "read the upstream pages that components mirror, for the next build"
EXAMPLE = """example:
  varde upstream fetch              # every page under `upstreams` in components.yaml
  varde build --offline             # build from the snapshots as they are

Each page gets 10 seconds, 5 MB and 3 redirects; one that fails keeps its
last snapshot. Exit status: 0 every page was read, 1 any was not."""

#: Seconds a page may take: the longest wait for the server, and the whole
#: answer's time, checked as it arrives (a server trickling bytes is cut off
#: within twice this).
TIMEOUT = 10
#: The largest answer read: a summary of hundreds of components is a few hundred kB.
MAX_BYTES = 5 * 1024 * 1024
#: Redirects followed per page.
MAX_REDIRECTS = 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["fetch"], help="fetch: read every upstream page now")
    _options.add_site(parser)


def add_offline(parser: argparse.ArgumentParser) -> None:
    """--offline for the commands that fetch before they build."""
    parser.add_argument(
        "--offline", action="store_true", help="build from the upstream snapshots as they are, without fetching"
    )


def run(args: argparse.Namespace) -> int:
    settings = read_site_settings(args.site)
    catalog, where = _catalog(settings.content), display_path(settings.content / COMPONENTS_FILE)
    if catalog is None:
        print(f"varde: {where} could not be read; `varde check` says why.", file=sys.stderr)
        return 1
    if not catalog.upstreams:
        print(f"{where} lists no `upstreams`; nothing to fetch.")
        return 0
    return 0 if fetch_all(settings) else 1


def fetch_all(settings: VardeSettings) -> bool:
    """Fetch every upstream page of the site; whether all were read."""
    catalog = _catalog(settings.content)
    if catalog is None or not catalog.upstreams:
        return True
    results = [_fetch_one(page, catalog, settings) for page in catalog.upstreams]
    return all(results)


def _catalog(content: Path) -> Catalog | None:
    """The site's catalog; a broken one is reported by the build or `varde check`."""
    path = content / COMPONENTS_FILE
    try:
        return parse_catalog(load(decode(path.read_bytes(), str(path)), str(path)), str(path), [])
    except (OSError, YamlSyntaxError, FrontMatterError):
        return None


def _fetch_one(page: UpstreamPage, catalog: Catalog, settings: VardeSettings) -> bool:
    target = snapshot_path(settings.upstream, page.id)
    earlier = target.read_bytes() if target.is_file() else None
    try:
        summary = checked_summary(read(page.url))
    except AnswerError as error:
        _failed(page, str(error), earlier, settings)
        return False
    fetched_at = datetime.now(UTC).replace(microsecond=0)
    try:
        with files.replacing(target, durable=True) as stream:
            stream.write(snapshot_document(page.id, page.url, summary, fetched_at, earlier))
    except OSError as error:
        print(f"varde: {page.id}: {system_refusal(error, 'then fetch again.')}", file=sys.stderr)
        return False
    names = {item["name"] for item in summary["components"]} | {item["id"] for item in summary["components"]}
    print(f"Fetched {page.name} ({page.id}): {len(summary['components'])} components.", flush=True)
    mirrored = [c.upstream for c in catalog.components if c.upstream and c.upstream.page == page.id]
    for wanted in (ref.name or ref.id for ref in mirrored):
        if wanted not in names:
            print(
                f"Note: {page.name} lists no component {wanted!r}; the components mirroring it are shown as "
                "unknown until it does (it may have been renamed: fix `upstream` in components.yaml).",
                file=sys.stderr,
            )
    return True


def _failed(page: UpstreamPage, why: str, earlier: bytes | None, settings: VardeSettings) -> None:
    report = last_report(page.id, earlier)
    kept = (
        f"its last snapshot, from {shown(report.fetched_at, settings.timezone)}, is kept"
        if report
        else "it has no snapshot yet, so its components are shown as unknown"
    )
    print(f"varde: {page.name} ({page.url}) was not read: {why}; {kept}.", file=sys.stderr, flush=True)


class _FewRedirects(urllib.request.HTTPRedirectHandler):
    """A few redirects, and only to web addresses (urllib would also follow one to ftp://)."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.startswith(("http://", "https://")):
            raise AnswerError(f"it redirected to {newurl[:100]!r}, which is not an http(s) address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_FewRedirects)


def read(url: str) -> bytes:
    """The body at `url`, read within TIMEOUT seconds and MAX_BYTES, or AnswerError."""
    deadline = time.monotonic() + TIMEOUT
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": f"varde/{__version__} (upstream fetch)"}
    )
    try:
        with _OPENER.open(request, timeout=TIMEOUT) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > MAX_BYTES:
                raise AnswerError(f"the answer is {int(length) // (1024 * 1024)} MB, more than the {_limit()} allowed")
            chunks, size = [], 0
            while chunk := response.read1(65536):
                size += len(chunk)
                if size > MAX_BYTES:
                    raise AnswerError(f"the answer is larger than the {_limit()} allowed")
                if time.monotonic() > deadline:
                    raise AnswerError(f"the answer took more than {TIMEOUT} seconds")
                chunks.append(chunk)
            return b"".join(chunks)
    except AnswerError:
        raise
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:
            raise AnswerError(f"it redirected more than {MAX_REDIRECTS} times") from None
        raise AnswerError(f"it answered {error.code} {error.reason}") from None
    except TimeoutError:
        raise AnswerError(f"it did not answer within {TIMEOUT} seconds") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError):
            raise AnswerError(f"it did not answer within {TIMEOUT} seconds") from None
        raise AnswerError(f"it could not be reached ({reason})") from None


def _limit() -> str:
    return f"{MAX_BYTES // (1024 * 1024)} MB"


def fetch_before_building(args: argparse.Namespace, settings: VardeSettings) -> None:
    """What build, serve and publish do first unless --offline: fetch, and
    go on whatever came of it (a page not read shows as reported before,
    or as unknown once that is stale)."""
    if not getattr(args, "offline", False):
        fetch_all(settings)
