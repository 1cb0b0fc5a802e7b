"""`varde import statuspage SOURCE`: move from Atlassian Statuspage, history and all.

SOURCE is a folder holding the page's components.json, incidents.json and
scheduled-maintenances.json as saved from its /api/v2/ (a summary.json
stands in for any of them), or the page's address to fetch them from.  The
command writes components.yaml, incidents/*.md and maintenance/*.md into the
site's content folder, and never replaces a file unless told to.
"""

from __future__ import annotations

import argparse
import json
import urllib.error
import urllib.request
from pathlib import Path

from varde.commands._options import add_site, completes
from varde.errors import ContentError, Problem, display_path
from varde.importing.statuspage import COMPONENTS, INCIDENTS, MAINTENANCES, Source, SourceError, import_statuspage
from varde.model import Origin
from varde.settings import SETTINGS_FILE

HELP = "import components, incidents and maintenance from another status page"
EXAMPLE = """example:
  varde import statuspage saved/                        # the page's api/v2 responses, saved in saved/
  varde import statuspage https://status.example.com    # fetched from the page's /api/v2/
  varde import statuspage saved/ --site ../status       # into another site's content folder
  varde import statuspage saved/ --force                # replace the files an earlier import wrote"""

SUMMARY = "summary.json"
_TIMEOUT = 30


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=["statuspage"], help="the service the page is on (Atlassian Statuspage)")
    completes(
        parser.add_argument(
            "source",
            help=f"a folder with the page's {COMPONENTS}, {INCIDENTS} and {MAINTENANCES} "
            "as saved from its /api/v2/, or the page's address",
        ),
        "dir",
    )
    add_site(parser, "--into")  # its name before --site
    parser.add_argument(
        "--force", action="store_true", help="replace files that exist (default: refuse and write nothing)"
    )


def run(args: argparse.Namespace) -> int:
    sources = _fetched(args.source) if args.source.startswith(("http://", "https://")) else _saved(Path(args.source))
    try:
        imported = import_statuspage(*sources)
    except SourceError as error:
        raise _problem(error.source, error.message) from None
    content, site_zone = _site(args.site)
    targets = {content / name: text for name, text in imported.files.items()}
    existing = [path for path in targets if path.exists()]
    if existing and not args.force:
        raise ContentError(
            [
                Problem(
                    Origin(display_path(path)), "exists already, so nothing was imported; add --force to replace it."
                )
                for path in existing
            ]
        )
    for path, text in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    names = imported.files.keys()
    counts = [sum(name.startswith(folder) for name in names) for folder in ("incidents/", "maintenance/")]
    print(
        f"Imported components.yaml, {_count(counts[0], 'incident')} and "
        f"{_count(counts[1], 'maintenance', 'maintenance')} into {display_path(content)}/."
    )
    for note in imported.notes:
        print(f"Note: {note}")
    zone = imported.time_zone
    if zone and site_zone is None:
        print(f"Note: the page's time zone is {zone}; set TIMEZONE = {zone!r} in {SETTINGS_FILE}.")
    elif zone and site_zone != zone:
        print(
            f"Note: the page's time zone is {zone}, this site's TIMEZONE is {site_zone}; "
            "times keep their offsets, and pages show them in the site's zone."
        )
    print("Run `varde check` to validate the result.")
    return 0


def _site(folder: Path) -> tuple[Path, str | None]:
    """The site's content folder and TIMEZONE, read from its settings without
    requiring the content folder to exist yet (an import may create it)."""
    settings_file = folder / SETTINGS_FILE
    if not settings_file.is_file():
        return folder / "content", None
    from pelican.settings import get_settings_from_file  # Pelican only when a site is read

    try:
        settings = get_settings_from_file(str(settings_file))
    except Exception as error:  # the settings file is user code: any error is theirs
        raise _problem(
            display_path(settings_file), f"could not be read ({type(error).__name__}: {error}); fix it and retry."
        ) from None
    return folder / settings.get("PATH", "content"), settings.get("TIMEZONE")


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


def _problem(source: str, message: str) -> ContentError:
    return ContentError([Problem(Origin(source), message)])


def _parsed(name: str, raw: bytes) -> Source:
    try:
        return Source(name, json.loads(raw.decode("utf-8-sig")))
    except UnicodeDecodeError:
        raise _problem(name, "is not UTF-8 text; save the API's response again, unedited.") from None
    except json.JSONDecodeError as error:
        raise _problem(
            name,
            f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}); "
            "save the API's response again, unedited.",
        ) from None
    except (RecursionError, ValueError):  # nested thousands deep, or a number of thousands of digits
        raise _problem(
            name,
            "is JSON no Statuspage page sends (nested too deeply, or a number too long); "
            "save the API's response again, unedited.",
        ) from None


def _saved(folder: Path) -> list[Source]:
    """The three responses from a folder; a summary.json stands in for a missing one."""
    if not folder.is_dir():
        raise _problem(
            str(folder), "is neither a folder nor an http(s) address; name the folder that holds the saved responses."
        )
    sources = []
    for name in (COMPONENTS, INCIDENTS, MAINTENANCES):
        path = folder / name if (folder / name).is_file() else folder / SUMMARY
        if not path.is_file():
            raise _problem(
                display_path(folder / name),
                f"does not exist; save it from the page's /api/v2/ (or save its {SUMMARY}) into that folder.",
            )
        sources.append(_parsed(display_path(path), path.read_bytes()))
    return sources


def _fetched(address: str) -> list[Source]:
    base = address.rstrip("/")
    if not base.endswith("/api/v2"):
        base += "/api/v2"
    sources = []
    for name in (COMPONENTS, INCIDENTS, MAINTENANCES):
        url = f"{base}/{name}"
        request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "varde-import"})
        try:
            with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:
                sources.append(_parsed(url, response.read()))
        except urllib.error.HTTPError as error:
            raise _problem(url, f"answered {error.code} {error.reason}; check the page's address.") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise _problem(url, f"could not be fetched ({reason}); check the address and the connection.") from None
    return sources
