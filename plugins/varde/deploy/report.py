"""The end of a publish: one row per mirror, then what went wrong where."""

from __future__ import annotations

from dataclasses import dataclass

from varde.settings import Mirror


@dataclass(frozen=True)
class Outcome:
    mirror: Mirror
    #: Files of the build added, replaced or deleted; None when it failed.
    changed: int | None
    seconds: float
    #: Why it failed, one sentence; "" when it is up to date.
    failure: str = ""

    @property
    def ok(self) -> bool:
        return not self.failure


HEADINGS = ("mirror", "result", "files changed", "time")


def table(outcomes: list[Outcome]) -> str:
    rows = [HEADINGS] + [
        (
            outcome.mirror.target,
            "ok" if outcome.ok else "FAILED",
            "–" if outcome.changed is None else str(outcome.changed),
            f"{outcome.seconds:.1f} s",
        )
        for outcome in outcomes
    ]
    lines = aligned(rows, right_from=2)
    failed = [outcome for outcome in outcomes if not outcome.ok]
    lines += [""] + [f"{outcome.mirror.target} failed: {outcome.failure}" for outcome in failed] if failed else []
    return "\n".join(lines)


def aligned(rows: list[tuple[str, ...]], right_from: int) -> list[str]:
    """Rows as columns for a terminal: text left, figures (from column
    `right_from` on) right."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return [
        "  ".join(
            cell.rjust(width) if column >= right_from else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(row, widths))
        ).rstrip()
        for row in rows
    ]


#: Every mirror, said as a person would for the few counts that need it.
_EVERY = {1: "the mirror", 2: "both mirrors"}


def summary(outcomes: list[Outcome], build_id: str) -> str:
    good = sum(outcome.ok for outcome in outcomes)
    if good == len(outcomes):
        return f"Build {build_id} is on {_EVERY.get(good, f'all {good} mirrors')}."
    return (
        f"Build {build_id} is complete on {good} of {len(outcomes)} mirrors; fix what failed (above) and publish again."
    )
