"""Synthetic status sites for benchmarks: N incidents over ten years.

    .venv/bin/python bench/generate.py N TARGET [--articles] [--no-markdown]

A site has 50 components in 8 groups (with dependencies), N incidents of 1
to 6 updates spread over ten years, and a maintenance every two weeks.
With --articles it writes the same N texts as plain Pelican articles
instead: the baseline the benchmark compares Varde with.  With
--no-markdown its texts carry no Markdown and it is otherwise the same site:
what the Markdown converter costs.  Seeded, so a given N always gives the
same site.
"""

from __future__ import annotations

import argparse
import random
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

START = datetime(2016, 1, 1)
YEARS = 10
GROUPS = 8
COMPONENTS = 50
ZONE = ZoneInfo("Europe/Oslo")
STATUSES = ["degraded_performance", "partial_outage", "major_outage"]
FLOW = ["investigating", "identified", "update", "monitoring", "update", "resolved"]
WORDS = (
    "the service responds slowly for some users while we move traffic to the second datacenter "
    "messages are queued and will be delivered login works again for most people next update "
    "within the hour we are sorry for the trouble this causes for patients and staff"
).split()

CONF = """SITENAME = "Benchmark status"
SITEURL = ""
PATH = "content"
TIMEZONE = "Europe/Oslo"
DEFAULT_LANG = "en"
PLUGINS = {plugins}
RELATIVE_URLS = True
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
"""


def text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def update_text(rng: random.Random, markdown: bool) -> str:
    """An update's text; a third carry Markdown (emphasis, a link), as real
    updates do, so plain sentences' shortcut past the converter is not all
    the benchmark measures.  Without `markdown` those get no Markdown
    sentence, and the site is otherwise the same: what the converter costs."""
    sentence = text(rng, 25)
    if rng.random() < 1 / 3 and markdown:
        sentence += " See [the **operations** notes](https://example.org/notes) for details."
    return sentence


def components_yaml() -> str:
    lines = ["groups:"]
    lines += [f"  - id: group-{g}\n    name: Group {g}" for g in range(GROUPS)]
    lines.append("components:")
    for c in range(COMPONENTS):
        depends = f"\n    depends_on: [c{c - 1}]" if c % GROUPS and c > 0 else ""
        lines.append(f"  - id: c{c}\n    name: Component {c}\n    group: group-{c % GROUPS}{depends}")
    return "\n".join(lines) + "\n"


def unambiguous(wall: datetime) -> bool:
    """Whether a wall-clock time exists, once, in the site's zone (not in the
    hour skipped or repeated when summer time starts or ends)."""
    first, second = wall.replace(tzinfo=ZONE, fold=0), wall.replace(tzinfo=ZONE, fold=1)
    return first.utcoffset() == second.utcoffset()


def incidents(rng: random.Random, n: int, markdown: bool):
    span = timedelta(days=365 * YEARS)
    for i in range(n):
        start = START + span * (i / max(n, 1)) + timedelta(minutes=rng.randrange(0, 600))
        count = rng.randint(1, 6)
        steps = FLOW[-count:] if count > 1 else ["resolved"]
        times = [start]
        for _ in steps[1:]:
            times.append(times[-1] + timedelta(minutes=rng.randrange(10, 90)))
        while not all(unambiguous(at) for at in times):  # the night clocks change
            times = [at + timedelta(hours=1) for at in times]
        updates = [
            f"  - at: {at:%Y-%m-%d %H:%M}\n    status: {status}\n    text: {update_text(rng, markdown)}"
            for at, status in zip(times, steps)
        ]
        component = rng.randrange(COMPONENTS)
        title = f"Incident {i}: {text(rng, 5)[:-1]}"
        yield start, i, title, component, "\n".join(updates)


def write_varde(target: Path, n: int, markdown: bool = True) -> None:
    rng = random.Random(42)
    (target / "content/incidents").mkdir(parents=True)
    (target / "content/maintenance").mkdir(parents=True)
    (target / "pelicanconf.py").write_text(CONF.format(plugins='["varde"]'))
    (target / "content/components.yaml").write_text(components_yaml())
    for start, i, title, component, updates in incidents(rng, n, markdown):
        status = rng.choice(STATUSES)
        (target / f"content/incidents/{start:%Y-%m-%d}-incident-{i}.md").write_text(
            f'---\ntitle: "{title}"\naffected:\n  c{component}: {status}\nupdates:\n{updates}\n---\n'
        )
    day = START
    while day < START + timedelta(days=365 * YEARS):
        (target / f"content/maintenance/{day:%Y-%m-%d}-maintenance.md").write_text(
            f"---\ntitle: Maintenance {day:%Y-%m-%d}\nwindow:\n  start: {day:%Y-%m-%d} 22:00\n"
            f"  end: {day + timedelta(days=1):%Y-%m-%d} 01:00\naffected: [c{rng.randrange(COMPONENTS)}]\n---\n"
            "Planned work on the platform.\n"
        )
        day += timedelta(days=14)


def write_articles(target: Path, n: int, markdown: bool = True) -> None:
    """The same texts as plain Pelican articles, for the baseline."""
    rng = random.Random(42)
    (target / "content").mkdir(parents=True)
    (target / "pelicanconf.py").write_text(CONF.format(plugins="[]"))
    for start, i, title, _, updates in incidents(rng, n, markdown):
        body = "\n\n".join(line.split("text: ", 1)[1] for line in updates.splitlines() if "text: " in line)
        (target / f"content/incident-{i}.md").write_text(
            f"Title: {title}\nDate: {start:%Y-%m-%d %H:%M}\nSlug: incident-{i}\n\n{body}\n"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("target", type=Path)
    parser.add_argument("--articles", action="store_true", help="plain Pelican articles (the baseline)")
    parser.add_argument(
        "--no-markdown",
        action="store_true",
        help="no Markdown in the texts, the site otherwise the same (what the converter costs)",
    )
    args = parser.parse_args()
    (write_articles if args.articles else write_varde)(args.target, args.n, not args.no_markdown)


if __name__ == "__main__":
    main()
