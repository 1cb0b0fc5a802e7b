"""Builds in memory, for testing outputs as the pure functions they are:
load a test site, compute its snapshots at an instant, wrap them in a Build.
Also the Statuspage samples and schemas the API is held to."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from support import SITES

from varde.parsing import load_site
from varde.presentation.build import Build
from varde.settings import VardeSettings
from varde.status import snapshots

REPO = Path(__file__).resolve().parent.parent
SAMPLES = Path(__file__).parent / "samples" / "statuspage"  # copied from the shared samples, provenance in its README
SCHEMAS = REPO / "schemas" / "statuspage"
PUBLIC_URL = "https://status.healthnet.example"

#: Each sample and the endpoint (schema name) it is a response of.
SAMPLE_ENDPOINTS = {
    "discordstatus-components-2022-02-15.json": "components",
    "discordstatus-incidents-2022-02-15.json": "incidents",
    "discordstatus-incidents-unresolved-2022-02-15.json": "incidents-unresolved",
    "discordstatus-scheduled-maintenances-2022-02-15.json": "scheduled-maintenances",
    "discordstatus-scheduled-maintenances-upcoming-2022-02-15.json": "scheduled-maintenances-upcoming",
    "discordstatus-status-2022-02-15.json": "status",
    "githubstatus-summary-2022-11-25.json": "summary",
}

#: Each API file and its schema.
ENDPOINT_SCHEMAS = {
    "summary.json": "summary",
    "status.json": "status",
    "components.json": "components",
    "incidents.json": "incidents",
    "incidents/unresolved.json": "incidents-unresolved",
    "scheduled-maintenances.json": "scheduled-maintenances",
    "scheduled-maintenances/upcoming.json": "scheduled-maintenances-upcoming",
    "scheduled-maintenances/active.json": "scheduled-maintenances-active",
}


def settings_for(
    content: Path,
    *,
    site_url: str = PUBLIC_URL,
    site_name: str = "Healthnet status",
    language: str = "en",
    zone: str = "Europe/Oslo",
) -> VardeSettings:
    return VardeSettings.from_pelican(
        {
            "PATH": str(content),
            "OUTPUT_PATH": str(content.parent / "output"),
            "TIMEZONE": zone,
            "SITENAME": site_name,
            "SITEURL": site_url,
            "DEFAULT_LANG": language,
        }
    )


def build_at(at: str, site: Path = SITES / "healthnet", **settings) -> Build:
    """The build of `site` as it stands at `at` (ISO time with offset)."""
    chosen = settings_for(site / "content", **settings)
    loaded = load_site(chosen.content, chosen.timezone)
    now = datetime.fromisoformat(at)
    return Build(loaded, snapshots(loaded, now), chosen, now)


def sample(name: str) -> dict:
    return json.loads((SAMPLES / name).read_text())


def validator(endpoint: str) -> Draft202012Validator:
    """A validator for `schemas/statuspage/<endpoint>.schema.json`, its $refs resolved."""
    schemas = [json.loads(path.read_text()) for path in SCHEMAS.glob("*.schema.json")]
    registry = Registry().with_resources((schema["$id"], Resource.from_contents(schema)) for schema in schemas)
    return Draft202012Validator(json.loads((SCHEMAS / f"{endpoint}.schema.json").read_text()), registry=registry)


def schema_errors(endpoint: str, document: object) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator(endpoint).iter_errors(document)
    ]
