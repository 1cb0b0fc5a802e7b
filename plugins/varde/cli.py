"""The `varde` command line.

Every failure a person can cause ends as sentences naming the file, the line
and the fix, and a non-zero exit; a traceback reaching them would be a bug.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from varde import __version__
from varde.authoring.errors import Refused
from varde.commands import (
    build,
    check,
    completion,
    import_statuspage,
    init,
    new,
    notify,
    postmortem,
    publish,
    resolve,
    serve,
    status,
    update,
    upstream,
    verify,
)
from varde.errors import ContentError, did_you_mean, printable, system_refusal
from varde.times import TimeValueError

COMMANDS = {
    "init": init,
    "new": new,
    "update": update,
    "resolve": resolve,
    "postmortem": postmortem,
    "check": check,
    "status": status,
    "build": build,
    "serve": serve,
    "completion": completion,
    "import": import_statuspage,
    "upstream": upstream,
    "publish": publish,
    "notify": notify,
    "verify": verify,
}


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistyped command line is refused as every other
    mistake is: one sentence with the fix, exit status 1, no usage block
    (`--help` shows that)."""

    def error(self, message: str) -> NoReturn:
        message = message.removeprefix("argument ")
        if not message.endswith((".", "?")):
            message += f"; see `{self.prog} --help`."
        self.exit(1, printable(f"varde: {message}") + "\n")

    def _check_value(self, action: argparse.Action, value: object) -> None:
        """A value outside `choices` (a command, a shell, a format): which
        ones there are, and the one meant, as a mistyped status is told."""
        if action.choices is not None and value not in action.choices:
            option = f"{'/'.join(action.option_strings)}: " if action.option_strings else ""
            raise argparse.ArgumentError(
                None,
                f"{option}{value!r} is not a {(action.metavar or action.dest).lower()}; "
                f"use one of {', '.join(action.choices)}." + did_you_mean(value, action.choices),
            )

    def parse_known_args(self, args=None, namespace=None):
        parsed, extra = super().parse_known_args(args, namespace)
        if extra and not hasattr(parsed, "unknown_in"):  # the innermost command's parser saw them first
            parsed.unknown_in = self.prog
        return parsed, extra

    def parse_args(self, args=None, namespace=None):
        parsed, extra = self.parse_known_args(args, namespace)
        if extra:
            self.exit(
                1,
                f"varde: {extra[0]!r} is not an option or argument of `{parsed.unknown_in}`; see `{parsed.unknown_in} --help`.\n",
            )
        return parsed


def parser() -> argparse.ArgumentParser:
    root = _Parser(prog="varde", description="Varde: a static status-page generator.")
    root.add_argument("--version", action="version", version=f"varde {__version__}")
    sub = root.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module in COMMANDS.items():
        command = sub.add_parser(
            name,
            help=module.HELP,
            description=module.HELP.capitalize() + ".",
            epilog=module.EXAMPLE,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(command)
        # the whole command line, for the commands that describe it (completion)
        command.set_defaults(run=module.run, command_line=root)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
    except TimeValueError as error:
        print(printable(f"varde: {error}"), file=sys.stderr)
    except BrokenPipeError:  # `varde status | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Refused as refusal:
        if refusal.details:
            print(refusal.details, file=sys.stderr)
        print(printable(f"varde: {refusal.sentence}"), file=sys.stderr)
    except OSError as error:  # a full disk, a folder this user may not write to
        print(printable(f"varde: {system_refusal(error, 'then run this again.')}"), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
