"""`varde completion bash|zsh`: the scripts, loaded into the real shells,
complete commands, options, choices, incident slugs and component ids."""

from __future__ import annotations

import subprocess
from pathlib import Path

from support import varde

#: Drives an interactive zsh in a pseudo-terminal, loads the script as the
#: command's example says (from a folder on $fpath, or eval'd after compinit),
#: presses Tab (as ^T bound to complete-word) after the given line and prints
#: what zsh offered.
ZSH_CAPTURE = r"""
zmodload zsh/zpty
zpty z zsh -f -i
if [[ $3 == fpath ]]; then
  zpty -w z "PROMPT= ; fpath=(${1:h} \$fpath); autoload -U compinit; compinit -u -D"
else
  zpty -w z "PROMPT= ; autoload -U compinit; compinit -u -D"
  zpty -w z "eval \"\$(<$1)\""
fi
zpty -w z 'compadd () { builtin compadd -O __hits "$@"; print -r -l -- "<"HIT">"${^__hits[@]}; builtin compadd "$@" }'
zpty -w z "comptest () { zle complete-word; print '<'END'>' }; zle -N comptest; bindkey '^T' comptest"
zpty -n -w z "$2"$'\C-t'
local line
while zpty -r z line; do
  [[ $line == *'<END>'* ]] && break
  [[ $line == *'<HIT>'* ]] && print -r -- "${${line##*<HIT>}%%$'\r'}"
done
zpty -d z
"""


def script(site: Path, shell: str) -> Path:
    run = varde(site, "completion", shell)
    assert run.returncode == 0, run.output
    path = site.parent / f"varde.{shell}"
    path.write_text(run.stdout)
    return path


def bash_offers(site: Path, *words: str, cwd: Path | None = None) -> list[str]:
    """What Tab offers in bash after `words` (the last one being completed)."""
    probe = (
        f'source {script(site, "bash")}; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _varde; '
        'printf "%s\\n" "${COMPREPLY[@]}"'
    )
    done = subprocess.run(
        ["bash", "-c", probe, "bash", *words], cwd=cwd or site, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return done.stdout.split()


def zsh_offers(site: Path, line: str, load: str = "fpath", cwd: Path | None = None) -> set[str]:
    capture = site.parent / "capture.zsh"
    capture.write_text(ZSH_CAPTURE)
    functions = site.parent / "zsh-functions"
    functions.mkdir(exist_ok=True)
    autoloaded = script(site, "zsh").replace(functions / "_varde")
    done = subprocess.run(
        ["zsh", "-f", str(capture), str(autoloaded), line, load],
        cwd=cwd or site,
        capture_output=True,
        text=True,
        timeout=30,
    )
    return set(done.stdout.split())


def test_bash_completes_commands_options_and_choices(minimal_site):
    assert bash_offers(minimal_site, "varde", "")[:10] == [
        "init",
        "new",
        "update",
        "resolve",
        "postmortem",
        "check",
        "status",
        "build",
        "serve",
        "completion",
    ]
    assert bash_offers(minimal_site, "varde", "re") == ["resolve"]
    assert bash_offers(minimal_site, "varde", "new", "") == ["incident", "maintenance"]
    assert "--cadence" in bash_offers(minimal_site, "varde", "check", "--")
    assert bash_offers(minimal_site, "varde", "update", "x", "--status", "mo") == ["monitoring"]
    assert bash_offers(minimal_site, "varde", "check", "--format", "") == ["text", "json"]


def test_bash_completes_slugs_and_components_from_the_site(minimal_site):
    assert bash_offers(minimal_site, "varde", "update", "") == ["2026-03-12-login-down"]
    assert bash_offers(minimal_site, "varde", "update", "x", "--affected", "") == ["network=", "login=", "portal="]
    assert bash_offers(minimal_site, "varde", "update", "x", "--affected", "login", "=", "ma") == ["major_outage"]
    assert "under_maintenance" in bash_offers(
        minimal_site, "varde", "new", "maintenance", "--affected", "portal", "=", ""
    )
    assert "under_maintenance" not in bash_offers(
        minimal_site, "varde", "new", "incident", "--affected", "portal", "=", ""
    )
    assert bash_offers(minimal_site, "varde", "new", "incident", "--title", "") == []  # free text: nothing to offer


def test_slugs_and_components_come_from_the_site_named_with_site(minimal_site):
    """Completing in another folder, `--site DIR` says where the slugs and ids are."""
    elsewhere = minimal_site.parent / "elsewhere"
    elsewhere.mkdir()
    site = str(minimal_site)
    assert bash_offers(minimal_site, "varde", "update", "--site", site, "", cwd=elsewhere) == ["2026-03-12-login-down"]
    probe = ["varde", "update", "x", "--site", site, "--affected", ""]
    assert bash_offers(minimal_site, *probe, cwd=elsewhere) == ["network=", "login=", "portal="]
    probe = ["varde", "update", "x", "--site", "=", site, "--affected", ""]  # bash splits --site=DIR at "="
    assert bash_offers(minimal_site, *probe, cwd=elsewhere) == ["network=", "login=", "portal="]
    assert bash_offers(minimal_site, "varde", "update", "", cwd=elsewhere) == []
    assert "2026-03-12-login-down" in zsh_offers(minimal_site, f"varde resolve --site {site} ", cwd=elsewhere)
    assert "login" in zsh_offers(minimal_site, f"varde update x --site={site} --affected ", cwd=elsewhere)
    assert "2026-03-12-login-down" not in zsh_offers(minimal_site, "varde resolve ", cwd=elsewhere)


def test_zsh_completes_commands_slugs_components_and_statuses(minimal_site):
    offered = zsh_offers(minimal_site, "varde up")
    assert "update" in offered and "resolve" not in offered
    assert {"incident", "maintenance"} <= zsh_offers(minimal_site, "varde new ")
    assert "2026-03-12-login-down" in zsh_offers(minimal_site, "varde resolve ")
    assert {"network", "login", "portal"} <= zsh_offers(minimal_site, "varde update x --affected ")
    assert "major_outage" in zsh_offers(minimal_site, "varde update x --affected login=")
    assert {"json", "text"} <= zsh_offers(minimal_site, "varde check --format ")


def test_zsh_completes_once_evaluated(minimal_site):
    assert "2026-03-12-login-down" in zsh_offers(minimal_site, "varde update ", load="eval")


def test_an_unknown_shell_is_refused(tmp_path):
    run = varde(tmp_path, "completion", "fish")
    assert run.returncode == 1 and run.stderr == "varde: 'fish' is not a shell; use one of bash, zsh.\n", run.output
