"""An upstream page's answer, checked and turned into its snapshot file.

The answer is input from another organisation, so it is held to the
Statuspage schemas Varde's own API is held to (schemas/statuspage) before
anything of it is kept: what is kept is what any Statuspage-compatible page
sends, nothing more.  Texts in it are shown escaped (the theme's autoescape),
and the links shown are the site's own configuration, never the answer's.
"""

from __future__ import annotations

import functools
import json
from datetime import datetime, timedelta
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from varde.model import Observation, UpstreamReport
from varde.parsing.upstream import (
    SnapshotError,
    decode_snapshot,
    encode_observation,
    observation,
    report_from_summary,
)

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas" / "statuspage"

#: How long what earlier fetches saw is kept: the longest uptime window and a day.
KEEP_OBSERVATIONS = timedelta(days=91)


class AnswerError(ValueError):
    """An answer that is not a Statuspage summary; the message says why, in words."""


@functools.cache
def _summary_validator() -> Draft202012Validator:
    schemas = [json.loads(path.read_text(encoding="utf-8")) for path in SCHEMAS.glob("*.schema.json")]
    registry = Registry().with_resources((schema["$id"], Resource.from_contents(schema)) for schema in schemas)
    return Draft202012Validator(
        json.loads((SCHEMAS / "summary.schema.json").read_text(encoding="utf-8")), registry=registry
    )


def checked_summary(raw: bytes) -> dict:
    """The summary.json in `raw`, or AnswerError saying what is wrong with it."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise AnswerError("the answer is not UTF-8 text") from None
    except (json.JSONDecodeError, RecursionError, ValueError):
        raise AnswerError("the answer is not JSON (is the address that of its api/v2/summary.json?)") from None
    error = next(iter(_summary_validator().iter_errors(data)), None)
    if error is not None:
        where = "/".join(map(str, error.absolute_path)) or "the top level"
        raise AnswerError(f"the answer is not a Statuspage summary (at {where}: {error.message[:120]})")
    return data


def snapshot_document(page: str, url: str, summary: dict, fetched_at: datetime, earlier: bytes | None) -> bytes:
    """The new snapshot file: the summary, when it was fetched, and what
    every fetch of the last KEEP_OBSERVATIONS saw (the earlier file's, if
    it can be read, and this one's)."""
    report = report_from_summary(page, fetched_at, summary)
    kept = [seen for seen in _observations(page, earlier) if fetched_at - KEEP_OBSERVATIONS <= seen.at < fetched_at]
    document = {
        "page": page,
        "url": url,
        "fetched_at": fetched_at.isoformat(),
        "summary": summary,
        "observations": [encode_observation(seen) for seen in (*kept, observation(report))],
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _observations(page: str, earlier: bytes | None) -> tuple[Observation, ...]:
    report = last_report(page, earlier)
    return report.observations if report else ()


def last_report(page: str, raw: bytes | None) -> UpstreamReport | None:
    """The report a snapshot file holds, or None if there is none to read."""
    if raw is None:
        return None
    try:
        return decode_snapshot(page, json.loads(raw))
    except (SnapshotError, ValueError):
        return None
