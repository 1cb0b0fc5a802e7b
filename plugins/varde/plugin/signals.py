"""Wiring Varde into Pelican's signals; nothing else lives here."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from pelican import signals
from pelican.readers import MarkdownReader
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import wait_for_changes

from varde.errors import BuildFailed, ContentError, system_refusal
from varde.output import lock, swap
from varde.output.manifest import build_id, write_manifest
from varde.output.tree import files_below, in_tree_order
from varde.parsing.listing import list_content
from varde.plugin import console
from varde.plugin.generator import STOPPED, StatusGenerator, stopped
from varde.plugin.reader import YamlMarkdownReader
from varde.plugin.templates import THEME, add_template_helpers
from varde.settings import VardeSettings, apply_defaults

#: Below the cache folder, the replaced outputs that the next build deletes.
TRASH = "replaced"


def initialized(pelican) -> None:
    apply_defaults(pelican.settings, DEFAULT_CONFIG)
    if pelican.settings["THEME"] == DEFAULT_CONFIG["THEME"]:
        pelican.settings["THEME"] = pelican.theme = str(THEME)


def get_generators(pelican):
    """Also the start of every run (autoreload reruns the same instance):
    point this run's output at a fresh staging folder, holding the output."""
    if pelican.settings.pop(STOPPED, False):
        # The same Pelican builds again after a build stopped at invalid
        # content: only its --autoreload (devserver, `varde serve`) does, at
        # once, with the settings it keeps between builds.  Wait for the fix,
        # before any generator reads the content and without holding the
        # output, instead of repeating the same report in a loop.
        wait_for_changes("", pelican.settings)
    settings = VardeSettings.from_pelican(pelican.settings)
    lock.hold(settings.output)
    # Before any generator (Pelican's pages first) reads a file: nothing
    # outside the site, nothing that is not a plain file.
    unsafe = list_content(settings.content).problems
    if unsafe:
        raise stopped(pelican.settings, ContentError(unsafe))
    pelican.output_path = str(
        swap.prepare(settings.output, settings.content, settings.cache / TRASH, settings.retention)
    )
    return StatusGenerator


def remember_build(generators) -> None:
    """Keep this run's generator for `finalized`, which sees only Pelican."""
    for generator in generators:
        if isinstance(generator, StatusGenerator):
            _BUILDS[generator.output_path] = generator


def finalized(pelican) -> None:
    """The build is complete: compress, list it, and only then swap it in."""
    output, built = Path(pelican.settings["OUTPUT_PATH"]), Path(pelican.output_path)
    generator = _BUILDS.pop(pelican.output_path)
    build, reuse = generator.build, generator.reuse
    staged, names = generator.staged, files_below(built)
    for name in names:
        if name not in reuse.linked and name not in staged.records:
            staged.written(name)  # written by others: the theme's static files, Pelican's own pages
    described = {**reuse.linked, **staged.records}
    files = write_manifest(
        built, build.now.astimezone(build.settings.timezone), in_tree_order({*names, *described}), described
    )
    swap.publish(built, output, build.settings.retention, build.settings.cache / TRASH)
    reuse.remember(files)
    lock.release(output)
    console.built(build, output, build_id({name: record.sha256 for name, record in files.items()}))
    pelican.output_path = str(output)
    gc.unfreeze()  # frozen by the generator; a devserver's next build frees this one's


#: The generator of each run in progress, by its staging folder.
_BUILDS: dict[str, StatusGenerator] = {}


def add_reader(readers) -> None:
    for extension in MarkdownReader.file_extensions:
        readers.reader_classes[extension] = YamlMarkdownReader


class _NoTracebackForContentErrors(logging.Filter):
    """Pelican logs a failed build's exception with its traceback; for a
    content error, or the system's refusal to write, one sentence is the
    whole story, and a traceback would bury the file and line or the fix
    the person needs."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, (BuildFailed, ContentError, swap.StagingError)):
            record.exc_info = None
        elif isinstance(error, OSError):  # a full disk, a folder this user may not write to
            record.msg, record.args, record.exc_info = (
                "the build stopped: %s",
                (system_refusal(error, "then build again; the previous site was left as it was."),),
                None,
            )
        return True


_FILTER = _NoTracebackForContentErrors()


def connect() -> None:
    signals.initialized.connect(initialized)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(remember_build)
    signals.finalized.connect(finalized)
    signals.readers_init.connect(add_reader)
    signals.generator_init.connect(add_template_helpers)
    console.install()
    pelican_logger = logging.getLogger("pelican")
    if _FILTER not in pelican_logger.filters:
        pelican_logger.addFilter(_FILTER)
