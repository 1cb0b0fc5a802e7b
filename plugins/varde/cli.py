"""The `varde` command line.

Every failure a person can cause ends as sentences naming the file, the line
and the fix, and a non-zero exit; a traceback reaching them would be a bug.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

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
from varde.errors import ContentError, system_refusal
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


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="varde", description="Varde: a static status-page generator.")
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
        print(f"varde: {error}", file=sys.stderr)
    except BrokenPipeError:  # `varde status | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Refused as refusal:
        if refusal.details:
            print(refusal.details, file=sys.stderr)
        print(f"varde: {refusal.sentence}", file=sys.stderr)
    except OSError as error:  # a full disk, a folder this user may not write to
        print(f"varde: {system_refusal(error, 'then run this again.')}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
