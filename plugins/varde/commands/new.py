"""`varde new incident` and `varde new maintenance`: a new content file,
validated with the whole site before it is written."""

from __future__ import annotations

import argparse
import re

from varde.authoring import render, templates
from varde.authoring.errors import Refused
from varde.authoring.site import Workspace
from varde.authoring.texts import given_text, required_text
from varde.commands import _options, _site
from varde.commands.update import posted
from varde.errors import display_path
from varde.model import INCIDENT_COMPONENT_STATUSES, REPORTED_STATUSES, ComponentStatus, UpdateStatus
from varde.settings import INCIDENTS_DIR, MAINTENANCE_DIR
from varde.times import shown
from varde.urls import slugify

HELP = "start a new incident or announce a maintenance"
EXAMPLE = """example:
  varde new incident --title "Login fails" --affected login=major_outage --text "We are looking into it."
  varde new maintenance --title "Portal upgrade" --start "2026-05-20 16:00" --end "2026-05-20 18:00" --affected portal"""

INCIDENT_EXAMPLE = """example:
  varde new incident --title "Login fails for everyone" \\
      --affected login=major_outage portal=degraded_performance \\
      --text "Login fails. Next update by 10:30."
  varde new incident --title "Slow prescriptions" --affected sfm=degraded_performance   # opens $EDITOR
  varde new incident --template                         # lists the templates and their placeholders
  varde new incident --template login-down --set next_update=10:30

Writes content/incidents/<date>-<slug>.md and prints its path."""

MAINTENANCE_EXAMPLE = """example:
  varde new maintenance --title "Portal upgrade" --start "2026-05-20 16:00" --end "2026-05-20 18:00" \\
      --affected portal login=degraded_performance --text "The portal is unavailable."

Writes content/maintenance/<date>-<slug>.md and prints its path."""

_DATED = re.compile(r"^\d{4}-\d{2}-\d{2}-")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    kinds = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
    incident = _kind(kinds, "incident", "start a new incident with its first update", INCIDENT_EXAMPLE)
    incident.add_argument("--title", help="what is wrong, as readers should see it (required without --template)")
    _options.add_affected(
        incident,
        INCIDENT_COMPONENT_STATUSES,
        required=False,
        help="each component it affects, with its status (e.g. login=major_outage; required without --template)",
    )
    _options.add_update_status(incident, None, "the first update's status (default: investigating)")
    incident.add_argument(
        "--template",
        nargs="?",
        const="",
        metavar="NAME",
        help="write it from templates/NAME.md; without NAME, list the templates and their placeholders",
    )
    incident.add_argument(
        "--set",
        nargs="+",
        action="extend",
        default=[],
        metavar="KEY=VALUE",
        help="a value for the template's {KEY} placeholder",
    )
    _options.add_text(incident)
    _options.add_at(incident, "when it started", posted=True)
    incident.add_argument("--reference", help="an outside case number, shown as is")
    incident.add_argument("--slug", help="the file name after the date (default: from the title)")
    _options.add_site(incident)

    maintenance = _kind(kinds, "maintenance", "announce a planned maintenance", MAINTENANCE_EXAMPLE)
    maintenance.add_argument("--title", required=True, help="what will be done, as readers should see it")
    maintenance.add_argument("--start", required=True, metavar="TIME", help="when the window starts")
    maintenance.add_argument("--end", required=True, metavar="TIME", help="when the window ends")
    _options.add_affected(
        maintenance,
        REPORTED_STATUSES,
        required=True,
        status_required=False,
        help="each component it affects (under_maintenance unless ID=STATUS says otherwise)",
    )
    maintenance.add_argument(
        "--announced",
        metavar="TIME",
        help="when it is published (default: now; a time ahead keeps it quiet until then)",
    )
    _options.add_text(maintenance, "what will happen and what users will notice")
    maintenance.add_argument("--reference", help="a change number, shown as is")
    maintenance.add_argument("--slug", help="the file name after the date (default: from the title)")
    _options.add_site(maintenance)


def _kind(kinds, name: str, help: str, example: str) -> argparse.ArgumentParser:
    return kinds.add_parser(
        name,
        help=help,
        description=help.capitalize() + ".",
        epilog=example,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def run(args: argparse.Namespace) -> int:
    return (new_incident if args.kind == "incident" else new_maintenance)(args)


def new_incident(args: argparse.Namespace) -> int:
    if args.template is not None:
        return _from_template(args)
    if args.set:
        raise Refused("--set fills a template's placeholders; name the template with --template NAME.")
    if missing := [option for option, given in (("--title", args.title), ("--affected", args.affected)) if not given]:
        raise Refused(
            f"give the incident {' and '.join(missing)} (or write it from a template with --template NAME); "
            "see `varde new incident --help`."
        )
    space = _site.workspace(args.site)
    at = space.posted_time(args.at, args.future)
    affected = space.components(args.affected, INCIDENT_COMPONENT_STATUSES)
    path = _new_path(space, INCIDENTS_DIR, args, args.title, at, [incident.slug for incident in space.site.incidents])
    text = required_text(args.text, args.text_file, f"{path.stem}.md")
    front_matter = {"title": args.title}
    if args.reference:
        front_matter["reference"] = args.reference
    front_matter["affected"] = render.statuses(affected)
    status = args.status or UpdateStatus.INVESTIGATING
    front_matter["updates"] = [render.update_item(render.written_time(at, space.zone), status, text)]
    space.save(path, render.document(front_matter))
    print(posted(path, args.title, str(status), "posted", at, space.zone))
    return 0


#: What a template writes, so not to be given beside --template.
_FROM_TEMPLATE = ("title", "affected", "status", "text", "text_file", "reference")


def _from_template(args: argparse.Namespace) -> int:
    """An incident written from templates/NAME.md, or (no NAME) the list."""
    given = [f"--{key.replace('_', '-')}" for key in _FROM_TEMPLATE if getattr(args, key)]
    if given:
        raise Refused(
            f"--template writes the title, affected components, status, text and reference itself; "
            f"leave out {' and '.join(given)}, or change the template."
        )
    space = _site.workspace(args.site)
    found = templates.site_templates(space.root, space.site.catalog)
    if not args.template:
        if args.set:
            raise Refused("--set needs the template's name: write --template NAME --set KEY=VALUE.")
        print(templates.listing(found))
        return 0
    template = templates.chosen(found, args.template)
    filled = templates.values(template, args.set)
    at = space.time(args.at)
    text, title = templates.incident_text(template, filled, at, space.zone)
    path = _new_path(space, INCIDENTS_DIR, args, title, at, [incident.slug for incident in space.site.incidents])
    space.save(path, text)
    print(display_path(path))
    return 0


def new_maintenance(args: argparse.Namespace) -> int:
    space = _site.workspace(args.site)
    start, end = space.time(args.start, "--start"), space.time(args.end, "--end")
    if end < start:
        raise Refused(
            f"--end ({shown(end, space.zone)}) is before --start ({shown(start, space.zone)}); "
            "swap them or fix the date."
        )
    announced = space.time(args.announced, "--announced")
    affected = space.components(args.affected, REPORTED_STATUSES, default=ComponentStatus.UNDER_MAINTENANCE)
    path = _new_path(space, MAINTENANCE_DIR, args, args.title, start, [item.slug for item in space.site.maintenances])
    when = render.written_time
    front_matter = {"title": args.title, "window": {"start": when(start, space.zone), "end": when(end, space.zone)}}
    if all(status is ComponentStatus.UNDER_MAINTENANCE for _, status in affected):
        front_matter["affected"] = [ident for ident, _ in affected]
    else:
        front_matter["affected"] = render.statuses(affected)
    front_matter["announced"] = when(announced, space.zone)
    if args.reference:
        front_matter["reference"] = args.reference
    space.save(path, render.document(front_matter, given_text(args.text, args.text_file) or ""))
    print(f'{display_path(path)}: "{args.title}", scheduled {shown(start, space.zone)} to {shown(end, space.zone)}.')
    return 0


def _new_path(space: Workspace, folder: str, args: argparse.Namespace, title: str, at, existing: list[str]):
    """content/<folder>/<date>-<slug>.md, where no file stands yet."""
    name = args.slug or slugify(title) or folder.rstrip("s")
    if not _SLUG.match(name):
        raise Refused(f"--slug {name!r} may only contain lowercase letters, digits and hyphens; rename it.")
    slug = name if _DATED.match(name) else f"{at.astimezone(space.zone):%Y-%m-%d}-{name}"
    if not args.slug:  # a name made from the title: the next free one
        slug = space.free_slug(folder, slug, existing)
    return space.new_file(folder, slug, existing)
