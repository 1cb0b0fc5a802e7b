"""The Pelican generator: read the site, compute its state, write its pages.

Thin by design: parsing, validation and the status engine do the work, and
templates only present what the engine computed.
"""

from __future__ import annotations

import functools
import gc
import os
import shutil
import sys
import time
from datetime import datetime
from pathlib import Path

from pelican.generators import Generator

from varde.cache.store import Cache
from varde.collector import collector_paused
from varde.errors import BuildFailed, ContentError, Problem, display_path
from varde.model import Origin
from varde.output import lock
from varde.output.reuse import Reuse, site_fingerprint
from varde.output.written import Staged
from varde.parsing import load_site_cached
from varde.presentation.build import Build, Deferred, FileOutput
from varde.presentation.outputs import file_outputs
from varde.presentation.pages import Page, pages
from varde.processes import share
from varde.settings import INCIDENTS_DIR, MAINTENANCE_DIR, VardeSettings
from varde.status import Snapshot, snapshots
from varde.times import TimeValueError, build_now

#: Content that pages depend on file by file, not as part of the whole site.
PER_PAGE_CONTENT = frozenset({INCIDENTS_DIR, MAINTENANCE_DIR})


#: Left in Pelican's settings by a build that stopped at invalid content
#: (see signals.get_generators).
STOPPED = "varde.stopped_at_invalid_content"


def stopped(settings: dict, error: ContentError) -> BuildFailed:
    """Report invalid content and let the output go: the exception to stop
    the build with."""
    # One plain line per problem, `file:line: message`, as editors and CI
    # annotations read them; the log would wrap them.
    print(error.report(), file=sys.stderr)
    lock.release(Path(settings["OUTPUT_PATH"]))
    settings[STOPPED] = True
    return BuildFailed(len(error.problems))


class StatusGenerator(Generator):
    def generate_context(self) -> None:
        try:
            # The site, its snapshots and the previous output's record live
            # until the build ends.  Made with the cycle collector paused, then
            # out of its sight, they are never scanned for cycles they do not
            # have (a full scan of a large site's millions of objects as soon
            # as it was back on), and forked workers do not copy the pages the
            # collector would write to.  Undone in finalized.
            with collector_paused():
                self._read()
                gc.freeze()
        except ContentError as error:
            shutil.rmtree(self.output_path, ignore_errors=True)  # the unused staging folder
            raise stopped(self.settings, error) from None
        self.context["varde_environments"] = [s.environment for s in self.build.snapshots]
        self.context["varde_components"] = {c.id: c for c in self.build.site.catalog.components}
        self.context["varde_site_url"] = self.varde.site_url
        self.context["varde_logo"] = self.varde.logo.name if self.varde.logo else None

    def _read(self) -> None:
        self.varde = VardeSettings.from_pelican(self.settings)
        now = _now(self.varde.demo_now)
        cache = Cache(self.varde.cache)
        site = load_site_cached(self.varde.content, self.varde.timezone, cache, self.varde.upstream_max_age)
        self.build = Build(site, snapshots(site, now), self.varde, now)
        self.reuse = Reuse.start(
            cache,
            self.varde.output,
            Path(self.output_path),
            site_fingerprint(self.settings, self.varde.content, PER_PAGE_CONTENT),
        )
        self.staged = Staged(self.output_path)

    def generate_output(self, writer) -> None:
        outputs, listed = [], []
        for current in self.build.snapshots:
            prefix = self.build.prefix(current)
            outputs += [functools.partial(self._write_outputs, render, current, prefix) for render in file_outputs()]
            listed += [(page, current, prefix) for page in pages(self.build, current)]
        templates = {name: self.get_template(name) for name in {page.template for page, _, _ in listed}}
        # The outputs that each make many files first, so they do not end up last on one core.
        tasks = outputs + [
            functools.partial(self._write_page, writer, templates[page.template], page, current, prefix)
            for page, current, prefix in listed
        ]
        share(tasks, self._learned, self._learn)
        self._refuse_collisions()

    def _refuse_collisions(self) -> None:
        """A free page saved where Varde writes (`save_as: index.html`) would
        replace the status page: the build stops instead."""
        ours = self.staged.records.keys() | self.reuse.linked.keys()
        problems = [
            Problem(
                Origin(display_path(Path(page.source_path))),
                f"is saved as {page.save_as!r}, where Varde writes a page of its own; remove its `save_as` "
                f"and `url`, or choose a free name such as 'pages/{page.slug}.html'.",
            )
            for page in (*self.context.get("pages", ()), *self.context.get("hidden_pages", ()))
            if page.save_as in ours
        ]
        if problems:
            raise stopped(self.settings, ContentError(problems))

    def _learned(self) -> tuple[object, object]:
        return self.reuse.learned(), self.staged.learned()

    def _learn(self, learned: tuple[object, object]) -> None:
        reused, staged = learned
        self.reuse.learn(reused)
        self.staged.learn(staged)

    def _write_page(self, writer, template, page: Page, current: Snapshot, prefix: str) -> None:
        name = prefix + page.path
        if self.reuse.link(name, self.reuse.key(name, page.template, page.depends_on)):
            return
        writer.write_file(
            name,
            template,
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            snapshot=current,
            env_prefix=prefix,
            **page.values,
        )
        self.staged.written(name)

    def _write_outputs(self, render: FileOutput, current: Snapshot, prefix: str) -> None:
        for name, data in render(self.build, current).items():
            if isinstance(data, Deferred):
                if self.reuse.link(prefix + name, self.reuse.key(prefix + name, "", data.depends_on)):
                    continue
                data = data.make()
            self.staged.write(prefix + name, data.encode("utf-8") if isinstance(data, str) else data)


def _now(demo_now: datetime | None) -> datetime:
    """The build's one clock read (or SOURCE_DATE_EPOCH, or VARDE_DEMO_NOW)."""
    try:
        return build_now(os.environ, time.time, demo_now)
    except TimeValueError as error:
        raise ContentError([Problem(Origin("the environment"), str(error))]) from None
