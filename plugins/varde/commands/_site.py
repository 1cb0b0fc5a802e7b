"""The site a command works on: its settings, read from its folder as
Pelican reads them, and its content opened for writing."""

from __future__ import annotations

import os
from pathlib import Path

from varde.authoring.site import Workspace
from varde.errors import ContentError, Problem
from varde.model import Origin
from varde.settings import SETTINGS_FILE, VardeSettings


def workspace(target: Path) -> Workspace:
    """The site in `target` (a folder or its settings file), opened for writing."""
    return Workspace.open(target, read_site_settings(target))


def site_folder(target: Path) -> Path:
    """The site's folder, where its settings file and templates/ are."""
    return target if target.is_dir() else target.parent


def read_site_settings(target: Path) -> VardeSettings:
    """Settings for a site folder (its pelicanconf.py) or a settings file,
    read as Pelican reads them."""
    settings_file = target / SETTINGS_FILE if target.is_dir() else target
    if not settings_file.is_file():
        raise ContentError(
            [
                Problem(
                    Origin(str(target)),
                    f"no {SETTINGS_FILE} here; run this in a site's folder, or name it (or its settings file) "
                    "with --site.",
                )
            ]
        )
    if settings_file.suffix != ".py":
        raise ContentError(
            [
                Problem(
                    Origin(str(target)),
                    f"is not a settings file (a Python file such as {SETTINGS_FILE}); name the site's folder "
                    "or its settings file with --site.",
                )
            ]
        )
    return VardeSettings.from_pelican(_pelican_settings(settings_file), settings_file.parent)


def _pelican_settings(settings_file: Path) -> dict:
    """Pelican's settings dict, read from the file as Pelican reads it."""
    from pelican.settings import read_settings  # Pelican only when a site is read

    previous = Path.cwd()
    try:
        # From its own folder, as Pelican is run: publishconf.py imports pelicanconf.
        os.chdir(settings_file.resolve().parent)
        settings = read_settings(settings_file.name)
        # Beside the site, wherever the command was run from.
        settings["CACHE_PATH"] = os.path.abspath(settings["CACHE_PATH"])
    except (Exception, SystemExit) as error:  # the settings file is user code: any error is theirs
        raise ContentError(
            [
                Problem(
                    Origin(str(settings_file)),
                    f"the settings file could not be read ({type(error).__name__}: {error}); fix it and retry.",
                )
            ]
        ) from None
    finally:
        os.chdir(previous)
    return settings
