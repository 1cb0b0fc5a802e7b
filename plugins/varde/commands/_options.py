"""Options several commands share, how their values are read, and how a
shell completes them.

An option that can be completed says how in `complete`, the attribute shtab
reads (`varde completion`): a shell function per shell, and the shell code
that defines it (its preamble).  The functions below that `PREAMBLE`
defines read the site in the current folder.
"""

from __future__ import annotations

import argparse
import hashlib
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path

import shtab

from varde.errors import did_you_mean
from varde.model import ComponentStatus, UpdateStatus

#: The component ids of content/components.yaml, one a line (a shell command).
_COMPONENT_IDS = r"""awk '/^components:/ {c=1; next} /^[^ #-]/ {c=0} c && $1 == "-" && $2 == "id:" {print $3}' "$(_varde_site)/content/components.yaml" 2>/dev/null"""

#: Shell functions the completers call, defined once at the top of each script.
PREAMBLE = {
    shell: text.replace("COMPONENT_IDS", _COMPONENT_IDS)
    for shell, text in {
        "bash": r"""_varde_site() {  # the site's folder: what --site names on the line, else this one
    local i site=.
    for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
        if [ "${COMP_WORDS[i]}" = --site ]; then
            site="${COMP_WORDS[i+1]}"
            [ "$site" = "=" ] && site="${COMP_WORDS[i+2]}"
        fi
    done
    [ "${site:0:1}" = "~" ] && site="$HOME${site:1}"
    printf '%s\n' "${site:-.}"
}
_varde_incidents() {  # slugs starting with $1
    local site
    site="$(_varde_site)"
    [ -d "$site/content/incidents" ] &&
        compgen -W "$(find "$site/content/incidents" -name '*.md' -not -path '*/.*' -exec basename {} .md \;)" -- "$1"
}
_varde_affected() {  # _varde_affected WORD STATUS...: an ID=, or after ID= one of the statuses
    local word="$1" before="${COMP_WORDS[COMP_CWORD-1]}"
    shift
    if [ "$word" = "=" ]; then word=""; before="="; fi
    if [ "$before" = "=" ]; then
        compgen -W "$*" -- "$word"
    else
        compgen -S = -W "$(COMPONENT_IDS)" -- "$word"
    fi
}""",
        "zsh": r"""_varde_site() {  # the site's folder: what --site names on the line, else this one
  local i site=.
  for (( i = 2; i < $#words; i++ )); do
    case $words[i] in
      --site) site=$words[i+1] ;;
      --site=*) site=${words[i]#--site=} ;;
    esac
  done
  [[ $site == '~'* ]] && site=$HOME${site#'~'}
  print -r -- ${site:-.}
}
_varde_incidents() {
  local -a slugs
  local site=$(_varde_site)
  slugs=($site/content/incidents/**/[^.]*.md(N:t:r))
  _describe -t incidents incident slugs
}
_varde_affected() {  # _varde_affected STATUS...: ID=STATUS
  if compset -P '*='; then
    compadd -- "$@"
  else
    local -a ids
    ids=(${(f)"$(COMPONENT_IDS)"})
    compadd -S = -- $ids
  fi
}""",
    }.items()
}

_NAMED = {
    "file": shtab.FILE,
    "dir": shtab.DIRECTORY,
    "incident": {"bash": "_varde_incidents", "zsh": "_varde_incidents"},
}


def completes(action: argparse.Action, how: str | Iterable[str] | dict) -> argparse.Action:
    """`action`'s value completes as a "file", a "dir", an "incident" slug,
    one of the words `how`, or as a shtab completer (`affected`) says."""
    if isinstance(how, dict):
        action.complete = how
    else:
        action.complete = _NAMED[how] if isinstance(how, str) else _one_of(list(how))
    return action


def _one_of(words: list[str]) -> dict:
    """One of `words`; bash calls a function with the word typed so far, so each list gets one."""
    function = f"_varde_one_of_{_digest(words)}"
    return {
        "bash": function,
        "zsh": f"({' '.join(words)})",
        "preamble": {"bash": f'{function}() {{ compgen -W "{" ".join(words)}" -- "$1"; }}'},
    }


def affected(statuses: tuple[str, ...]) -> dict:
    """ID=STATUS: a component id from the site, then one of `statuses`."""
    function = f"_varde_affected_{_digest(statuses)}"
    return {
        "bash": function,
        "zsh": f"_varde_affected {' '.join(statuses)}",
        "preamble": {"bash": f'{function}() {{ _varde_affected "$1" {" ".join(statuses)}; }}'},
    }


def _digest(words: Iterable[str]) -> str:
    return hashlib.sha256(" ".join(words).encode()).hexdigest()[:8]


def add_settings(parser: argparse.ArgumentParser, default: str) -> None:
    """--site, and --settings: which settings file in it (pelicanconf.py to
    build, publishconf.py to publish and notify)."""
    add_site(parser)
    completes(
        parser.add_argument(
            "--settings",
            default=default,
            metavar="FILE",
            help=f"the settings file, in the site's folder (default: {default})",
        ),
        "file",
    )


def add_site(parser: argparse.ArgumentParser, *former: str) -> None:
    """--site DIR, the one name of the site's folder; the `former` names of
    it (`--into`, or a positional) still work for the scripts and hooks
    written with them, but are left out of the help and completion."""
    completes(
        parser.add_argument(
            "--site", type=Path, default=Path("."), metavar="DIR", help="the site's folder (default: this folder)"
        ),
        "dir",
    )
    for name in former:
        if name.startswith("-"):
            parser.add_argument(name, dest="site", type=Path, help=argparse.SUPPRESS)
        else:
            parser.add_argument(name, nargs="?", action=_FormerSite, help=argparse.SUPPRESS)


class _FormerSite(argparse.Action):
    """A positional site folder: --site, when it is given."""

    def __call__(self, parser, namespace, values, option_string=None):
        if values is not None:
            namespace.site = Path(values)


def add_at(parser: argparse.ArgumentParser, what: str, posted: bool = False) -> None:
    """--at; for what is `posted` (an update), --future too, without which
    a time after now is refused (Workspace.posted_time)."""
    parser.add_argument(
        "--at",
        metavar="TIME",
        help=f"{what} (default: now); YYYY-MM-DD HH:MM in the site's time zone, or with an offset",
    )
    if posted:
        parser.add_argument(
            "--future", action="store_true", help="allow an --at after now (it stays hidden until then)"
        )


def add_text(parser: argparse.ArgumentParser, what: str = "the update's text") -> None:
    """--text or --text-file; with neither, the command opens $EDITOR."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--text", metavar="TEXT", help=f"{what}, Markdown (default: write it in $EDITOR)")
    completes(
        group.add_argument("--text-file", metavar="FILE", help=f"read {what} from FILE (- for standard input)"), "file"
    )


def choice(values: type[StrEnum] | Iterable[StrEnum], what: str):
    """An argparse type for one of `values`, with a "did you mean"."""
    allowed = {str(value): value for value in values}

    def parse(text: str):
        if text in allowed:
            return allowed[text]
        raise argparse.ArgumentTypeError(
            f"{text!r} is not {what}; use one of {', '.join(allowed)}.{did_you_mean(text, allowed)}"
        )

    return parse


def component_status(allowed: Iterable[ComponentStatus], status_required: bool = True):
    """An argparse type for `ID=STATUS` (or a bare `ID` when not required)."""
    read_status = choice(allowed, "a component status")
    form = "ID=STATUS" if status_required else "ID or ID=STATUS"

    def parse(text: str) -> tuple[str, ComponentStatus | None]:
        ident, equals, status = text.partition("=")
        if not ident or (status_required and not equals) or (equals and not status):
            raise argparse.ArgumentTypeError(f"{text!r} is not {form}; write e.g. login=major_outage.")
        return ident, read_status(status) if equals else None

    return parse


def add_affected(
    parser, allowed: Iterable[ComponentStatus], required: bool, help: str, status_required: bool = True
) -> None:
    allowed = tuple(allowed)
    completes(
        parser.add_argument(
            "--affected",
            nargs="+",
            action="extend",
            required=required,
            default=[],
            type=component_status(allowed, status_required),
            metavar="ID=STATUS" if status_required else "ID[=STATUS]",
            help=help,
        ),
        affected(allowed),
    )


def add_update_status(parser: argparse.ArgumentParser, default: UpdateStatus | None, help: str) -> None:
    completes(
        parser.add_argument("--status", type=choice(UpdateStatus, "an update status"), default=default, help=help),
        UpdateStatus,
    )


def add_incident_change(parser: argparse.ArgumentParser, text: str, at: str) -> None:
    """SLUG, the text (--text, --text-file or $EDITOR), --at and --site."""
    completes(
        parser.add_argument(
            "slug", metavar="SLUG", help="the incident: its file name without .md (e.g. 2026-03-12-login-down)"
        ),
        "incident",
    )
    add_text(parser, text)
    add_at(parser, at, posted=True)
    add_site(parser)
