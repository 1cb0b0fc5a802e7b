"""`varde init`: a new status site, ready for `make html`."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

from varde.authoring.errors import Refused
from varde.authoring.render import written_time
from varde.authoring.site import Workspace
from varde.commands import _options, _site
from varde.files import umask
from varde.parsing.templates import TEMPLATES_DIR
from varde.times import TimeValueError, site_timezone

HELP = "create a new status site in a folder"
EXAMPLE = """example:
  varde init status --name "Example status" --timezone Europe/Oslo --language nb
  cd status && make html       # then open output/index.html

Writes pelicanconf.py, publishconf.py, a Makefile, content/ (components.yaml
and one example incident), two incident templates in templates/, .gitignore
and an example CI workflow."""

SCAFFOLD = Path(__file__).resolve().parent.parent / "scaffold"

#: Files of the scaffold, and where they go in the new site.
FILES = {
    "pelicanconf.py": "pelicanconf.py",
    "publishconf.py": "publishconf.py",
    "Makefile": "Makefile",
    "README.md": "README.md",
    "gitignore": ".gitignore",
    "content/components.yaml": "content/components.yaml",
    "github/workflows/status.yml": ".github/workflows/status.yml",
}
EXAMPLE_INCIDENT = "content/incidents/example-incident.md"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    _options.completes(
        parser.add_argument("folder", type=Path, metavar="DIR", help="the new site's folder (new, or empty)"), "dir"
    )
    parser.add_argument("--name", default="Status", help="the site's name (default: Status)")
    parser.add_argument(
        "--timezone",
        metavar="ZONE",
        help="the IANA time zone content is written in (default: this computer's, else UTC)",
    )
    _options.completes(
        parser.add_argument(
            "--language", default="en", metavar="LANG", help="the pages' language: en (default), nb, nn or sv"
        ),
        ("en", "nb", "nn", "sv"),
    )


def run(args: argparse.Namespace) -> int:
    target: Path = args.folder.resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        what = "is not empty" if target.is_dir() else "is a file"
        raise Refused(f"{args.folder} {what}; name a new or empty folder for the site.")
    zone_name = args.timezone or local_zone()
    try:
        zone = site_timezone(zone_name)
    except TimeValueError as error:
        raise Refused(f"--timezone: {error}") from None
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        _write(staging, args.name, zone_name, args.language)
        space = _site.workspace(staging)  # the new site must be valid: check it as any change
        slug = _write_example(staging, space)
        _move_into_place(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"Created a status site in {args.folder}/ (time zone {zone.key}, language {args.language}). Next:")
    if target != Path.cwd():
        print(f"  cd {args.folder}")
    print("  make html                  # then open output/index.html in a browser")
    print(f"  rm content/incidents/{slug}.md   # the example incident (resolved), once you need it no more")
    return 0


def _write(site: Path, name: str, zone: str, language: str) -> None:
    for source, destination in FILES.items():
        text = (SCAFFOLD / source).read_text(encoding="utf-8")
        if destination == "pelicanconf.py":
            for key, value in (("SITENAME", name), ("TIMEZONE", zone), ("DEFAULT_LANG", language)):
                line = f"{key} = {json.dumps(value, ensure_ascii=False)}"
                text = re.sub(rf'^{key} = "[^"]*"', lambda _, line=line: line, text, count=1, flags=re.M)
        path = site / destination
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (site / "content/maintenance").mkdir()
    _write_templates(site, language)


def _write_templates(site: Path, language: str) -> None:
    """Two incident templates in the site's language (English where Varde
    has none in it), so `varde new incident --template` works from day one."""
    source = SCAFFOLD / "templates" / language
    if not source.is_dir():
        source = SCAFFOLD / "templates" / "en"
    shutil.copytree(source, site / TEMPLATES_DIR)


def _write_example(site: Path, space: Workspace) -> str:
    """The example incident, already resolved (opened a quarter of an hour
    ago): the first build shows what an incident looks like in the history,
    and no outage that did not happen."""
    now = space.time(None)
    slug = f"{now.astimezone(space.zone):%Y-%m-%d}-example-incident"
    text = (SCAFFOLD / EXAMPLE_INCIDENT).read_text(encoding="utf-8")
    for mark, moment in (("__START__", now - EXAMPLE_LASTED), ("__NOW__", now)):
        text = text.replace(mark, written_time(moment, space.zone))
    space.save(site / "content/incidents" / f"{slug}.md", text)
    return slug


#: How long the example incident was open.
EXAMPLE_LASTED = timedelta(minutes=15)


def local_zone() -> str:
    """This computer's IANA zone ($TZ or /etc/localtime), else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        candidates.append(os.readlink("/etc/localtime").partition("zoneinfo/")[2])
    except OSError:
        pass
    for name in candidates:
        try:
            if name:
                return site_timezone(name).key
        except TimeValueError:
            continue
    return "UTC"


def _move_into_place(staging: Path, target: Path) -> None:
    """The staged site becomes `target`: renamed there, or (an empty folder
    that exists, perhaps the shell's current one) moved into it."""
    if target.is_dir():
        for entry in staging.iterdir():
            os.replace(entry, target / entry.name)
    else:
        os.chmod(staging, 0o777 & ~umask())
        os.replace(staging, target)
