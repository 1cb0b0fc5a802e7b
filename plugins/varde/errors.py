"""Problems found in a site's content, and the error that carries them.

A problem is one sentence for a person fixing a file under stress: it names
the file and line, says what is wrong and what to do.  All problems of a
build are collected and reported together, so one run shows every fix.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from varde.model import Origin


@dataclass(frozen=True, slots=True)
class Problem:
    origin: Origin
    message: str

    def __str__(self) -> str:
        return printable(f"{self.origin}: {self.message}")


def printable(text: str) -> str:
    """`text` with what a terminal would not show as written (a line break
    such as U+0085 in a path typed on the command line, a control
    character, an undecodable byte) spelled out as an escape: a problem
    stays one line, and says what is there."""
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in text)


class ContentError(Exception):
    """The content does not describe a valid site; nothing may be published."""

    #: Pelican's main() exits with this status for an exception that has it.
    exitcode = 1

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(sorted(problems, key=_reading_order))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = "1 problem" if count == 1 else f"{count} problems"
        lines = [f"{head} found:"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


def _reading_order(problem: Problem) -> tuple[str, int]:
    return problem.origin.path, problem.origin.line or 0


class BuildFailed(Exception):
    """Raised to Pelican after the problems were reported to the person."""

    exitcode = 1

    def __init__(self, count: int):
        super().__init__(
            f"the build stopped at {count} problem{'s' if count != 1 else ''} "
            "(listed above); the previous site was left as it was."
        )


def display_path(path: Path) -> str:
    """The path as the person at the terminal would type it."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


def did_you_mean(wrong: object, candidates: Iterable[str]) -> str:
    """ " Did you mean 'x'?" for a near miss among `candidates`, else "".

    Compared as letters and digits only, in one case (`API=` is `api`,
    `Major-Outage` is `major_outage`): the same, then a candidate that holds
    what was typed (a slug's tail: `login-down` for `2026-03-12-login-down`),
    then the closest spelling."""
    if not isinstance(wrong, str) or not _plain(wrong):
        return ""
    typed, plain = _plain(wrong), {}
    for candidate in candidates:
        plain.setdefault(_plain(candidate), candidate)
    close = [plain[typed]] if typed in plain else []
    close = close or [candidate for key, candidate in plain.items() if len(typed) >= 3 and typed in key][:1]
    close = close or [plain[key] for key in difflib.get_close_matches(typed, plain, n=1, cutoff=0.6)]
    return f" Did you mean {close[0]!r}?" if close else ""


def _plain(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


#: What to do about the system's refusals a person can meet: a full disk, a
#: folder they may not write to.
_SYSTEM_HINTS = {
    errno.ENOSPC: "free some disk space",
    errno.EDQUOT: "free some disk space (the quota is reached)",
    errno.EACCES: "make it writable for this user",
    errno.EPERM: "make it writable for this user",
    errno.EROFS: "write to a file system that is not read-only",
}


def system_refusal(error: OSError, then: str) -> str:
    """One sentence for an error the system raised (no room, no permission):
    what it said, where, what to do about it, and `then` (what happens now)."""
    where = f" ({display_path(Path(os.fsdecode(error.filename)))})" if error.filename else ""
    hint = _SYSTEM_HINTS.get(error.errno, "check the disk and the folder's permissions")
    return f"{error.strerror or error}{where}; {hint}, {then}"
