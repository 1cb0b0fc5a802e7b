"""Problems found in a site's content, and the error that carries them.

A problem is one sentence for a person fixing a file under stress: it names
the file and line, says what is wrong and what to do.  All problems of a
build are collected and reported together, so one run shows every fix.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Origin


@dataclass(frozen=True, slots=True)
class Problem:
    origin: Origin
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


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
