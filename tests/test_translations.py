"""The translations: gettext catalogs keyed by msgid, checked as a translator
would want (docs/translating.md): every language gives every key of the
template, and only those, each translated, checked and with the key's
placeholders; and the template holds exactly the keys the pages ask for."""

from __future__ import annotations

import ast
import itertools
import re
import string
import tomllib
from pathlib import Path

import pytest
from babel.messages.extract import extract
from babel.messages.pofile import read_po

from varde.model import ComponentStatus, Impact, MaintenancePhase, MaintenanceUpdateStatus, UpdateStatus
from varde.presentation.i18n import LANGUAGES, TEMPLATE, catalog_path
from varde.status.overall import overall

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "plugins/varde"


def read(path: Path):
    with path.open("rb") as stream:
        return read_po(stream)


def template_keys() -> set[str]:
    return {message.id for message in read(TEMPLATE) if message.id}


def placeholders(text: str) -> set[str]:
    """The `{name}` fields str.format fills in (a stray brace raises)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_languages_offered_are_the_catalogs_there_are():
    """DEFAULT_LANG is checked against LANGUAGES: a catalog it leaves out is
    never used, a language without one fails every build."""
    catalogs = sorted(path.parent.parent.name for path in TEMPLATE.parent.glob("*/LC_MESSAGES/varde.po"))
    assert catalogs == sorted(LANGUAGES)


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_translates_every_key_of_the_template(code):
    """No key missing or extra, none twice, none empty or fuzzy, and the
    same {placeholders} as the key: what would otherwise show English,
    an unchecked guess or a KeyError on a page."""
    path = catalog_path(code)
    catalog = read(path)
    ids = {message.id for message in catalog if message.id}
    expected = template_keys()
    assert not expected - ids, f"{path}: no translation for {sorted(expected - ids)}"
    assert not ids - expected, f"{path}: keys the template (varde.pot) lacks: {sorted(ids - expected)}"
    entries = re.findall(r"^msgid ", path.read_text(encoding="utf-8"), re.MULTILINE)
    assert len(entries) == len(ids) + 1, f"{path}: a msgid appears twice"  # + 1: the header
    for message in catalog:
        if not message.id:
            continue
        assert message.string.strip(), f"{path}: empty translation of {message.id!r}"
        assert not message.fuzzy, f"{path}: fuzzy (unchecked) translation of {message.id!r}"
        assert placeholders(message.string) == placeholders(message.id), (
            f"{path}: {message.string!r} has other placeholders than {message.id!r}"
        )


def template_literals() -> set[str]:
    """Every `_("…")` with a literal key in the theme, found by Jinja's own parser."""
    found = set()
    for path in sorted((REPO / "theme/templates").glob("*.html")):
        with path.open("rb") as stream:
            found |= {key for _, key, _, _ in extract("jinja2.ext:babel_extract", stream, keywords={"_": None})}
    return found


def code_literals() -> set[str]:
    """Every literal key Varde's code gives a Language: calls of a name bound
    to `Language(…)`, of a parameter annotated `Language`, or of `self` in
    the class itself (f-strings included, which Babel's extractor skips)."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        nodes = list(ast.walk(tree))
        names = {
            target.id
            for node in nodes
            if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name)
            and node.value.func.id == "Language"
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        names |= {
            node.arg
            for node in nodes
            if isinstance(node, ast.arg) and isinstance(node.annotation, ast.Name) and node.annotation.id == "Language"
        }
        if any(isinstance(node, ast.ClassDef) and node.name == "Language" for node in nodes):
            names.add("self")
        found |= {
            node.args[0].value
            for node in nodes
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in names
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        }
    return found


def domain_keys() -> set[str]:
    """The keys pages build from values: statuses, prefixed impacts, phases
    and maintenance updates, and every overall description Statuspage's rules give."""
    descriptions = {
        overall([status] * count + [ComponentStatus.OPERATIONAL] * others).description
        for status, count, others in itertools.product(ComponentStatus, (1, 2), (0, 1))
    }
    return {
        *map(str, ComponentStatus),
        *map(str, UpdateStatus),
        *(f"impact:{impact}" for impact in Impact),
        *(f"phase:{phase}" for phase in MaintenancePhase),
        *(f"maintenance:{status}" for status in MaintenanceUpdateStatus),
        *descriptions,
    }


def test_the_template_has_every_key_the_pages_use_and_no_other():
    """A key used but not in varde.pot would show untranslated; one in
    varde.pot that nothing uses is work for translators for nothing."""
    used = template_literals() | code_literals() | domain_keys()
    keys = template_keys()
    assert not used - keys, f"{TEMPLATE}: add {sorted(used - keys)}"
    assert not keys - used, f"{TEMPLATE}: nothing uses {sorted(keys - used)}"


def test_the_finders_find_keys_in_templates_and_code():
    """The scans above see what they must, so an empty scan cannot pass."""
    assert {"Skip to content", "{percent}% uptime over {days} days"} <= template_literals()
    assert {"History", "Postmortem", "Window", "{date} at {time}"} <= code_literals()


def test_the_catalogs_are_shipped_in_the_package():
    """`pip install .` carries every language (package-data globs match the catalogs)."""
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["varde"]
    shipped = {path for pattern in patterns for path in PACKAGE.glob(pattern)}
    catalogs = {TEMPLATE, *map(catalog_path, LANGUAGES)}
    assert catalogs <= shipped, sorted(catalogs - shipped)
