"""One writer of a site's output at a time.

A scheduled CI run and a push, or `varde serve` and `make html`, build the
same site at once; each stages its build beside the output and swaps it
in, and two at a time left an output missing files its own manifest lists.
A build, and a publish to a local mirror, therefore hold the folder that
holds the output, where its staging folder is made and the swap happens,
from the start to the swap (files.hold).
"""

from __future__ import annotations

from pathlib import Path

from varde import files
from varde.errors import display_path


def hold(output: Path) -> None:
    files.hold(output.resolve().parent, f"another build or publish is writing {display_path(output)}")


def release(output: Path) -> None:
    files.release(output.resolve().parent)
