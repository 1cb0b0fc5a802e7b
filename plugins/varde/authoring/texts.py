"""Where a text comes from: the command line, a file, standard input, or
the person's editor ($VISUAL, then $EDITOR), as git does it."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

from varde.authoring.errors import Refused


def given_text(text: str | None, text_file: str | None) -> str | None:
    """--text or --text-file (`-` for standard input), or None for neither."""
    if text_file is None:
        return text
    if text_file == "-":
        return sys.stdin.read()
    try:
        return Path(text_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not UTF-8 text"
        raise Refused(f"--text-file: {text_file} cannot be read ({reason}); name a UTF-8 text file.") from None


def edited(initial: str, name: str) -> str:
    """What the person wrote in their editor, starting from `initial`."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        raise Refused('no text given and no editor set; pass --text "..." (or --text-file), or set $EDITOR.')
    with tempfile.TemporaryDirectory(prefix="varde-") as folder:
        path = Path(folder) / name
        path.write_text(initial, encoding="utf-8")
        try:
            done = subprocess.run([*shlex.split(command), str(path)])
        except OSError as error:
            raise Refused(
                f"the editor {command!r} could not be started ({error.strerror or error}); fix $EDITOR."
            ) from None
        if done.returncode != 0:
            raise Refused(f"the editor {command!r} exited with status {done.returncode}; nothing was written.")
        return path.read_text(encoding="utf-8")


def required_text(text: str | None, text_file: str | None, name: str) -> str:
    """The text from the options, else from the editor; never empty."""
    found = given_text(text, text_file)
    if found is None:
        found = edited("", name)
    if not found.strip():
        raise Refused("the text is empty; write what happened and what people can do, then run this again.")
    return found.strip()
