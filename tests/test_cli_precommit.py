"""The pre-commit hook other repositories use: `varde check` on content changes."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml
from support import varde

HOOKS = Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml"


def test_the_hook_runs_varde_check_when_content_changes(minimal_site):
    [hook] = yaml.safe_load(HOOKS.read_text())
    assert hook["id"] == "varde-check" and hook["language"] == "python" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "content/incidents/2026-03-12-login-down.md")
    assert not re.search(hook["files"], "README.md")
    program, *args = shlex.split(hook["entry"])
    assert program == "varde"
    assert varde(minimal_site, *args).returncode == 0
    (minimal_site / "content/components.yaml").write_text("components: [\n")
    failed = varde(minimal_site, *args)
    assert failed.returncode == 1 and "content/components.yaml:2: this is not valid YAML" in failed.stderr
