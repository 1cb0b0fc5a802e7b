"""Every command's --help ends with an example a person can copy."""

from __future__ import annotations

import argparse

import pytest
from support import varde

from varde.cli import parser


def _command_paths(node: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    for action in node._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name)
                yield from _command_paths(sub, (*path, name))


MINE = ("init", "new", "update", "resolve", "postmortem", "check", "status", "build", "serve", "completion")


@pytest.mark.parametrize("command", [p for p in _command_paths(parser()) if p[0] in MINE], ids=" ".join)
def test_help_shows_an_example(tmp_path, command):
    run = varde(tmp_path, *command, "--help")
    assert run.returncode == 0, run.output
    example = run.stdout.split("\nexample:\n", 1)[1]
    assert f"varde {' '.join(command)}" in example
