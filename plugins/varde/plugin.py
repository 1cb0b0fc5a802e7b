"""Wiring Varde into Pelican's signals; nothing else lives here."""

from __future__ import annotations

import gc
import logging
import os
from pathlib import Path

import jinja2
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.settings import DEFAULT_CONFIG

from . import staging, urls
from .cache import code_fingerprint, fingerprint, settings_fingerprint
from .errors import BuildFailed, ContentError
from .generator import StatusGenerator
from .i18n import Language
from .manifest import write_manifest
from .markup import to_html, to_inline_html
from .reader import YamlMarkdownReader
from .settings import VardeSettings, apply_defaults
from .times import iso
from .tree import files_below, in_tree_order


#: Varde's theme, inside the package (a link to the checkout's theme/).
THEME = Path(__file__).parent / "theme"
#: Below the cache folder, the replaced outputs that the next build deletes.
TRASH = "replaced"


def initialized(pelican) -> None:
    apply_defaults(pelican.settings, DEFAULT_CONFIG)
    if pelican.settings["THEME"] == DEFAULT_CONFIG["THEME"]:
        pelican.settings["THEME"] = pelican.theme = str(THEME)


def get_generators(pelican):
    """Also the start of every run (autoreload reruns the same instance):
    point this run's output at a fresh staging folder."""
    settings = VardeSettings.from_pelican(pelican.settings)
    pelican.output_path = str(staging.prepare(settings.output, settings.content, settings.cache / TRASH))
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
    files = write_manifest(built, build.now.astimezone(build.settings.timezone),
                           in_tree_order({*names, *described}), described)
    staging.publish(built, output, pelican.settings.get("OUTPUT_RETENTION", ()), build.settings.cache / TRASH)
    reuse.remember(files)
    pelican.output_path = str(output)
    gc.unfreeze()  # frozen by the generator; a devserver's next build frees this one's


#: The generator of each run in progress, by its staging folder.
_BUILDS: dict[str, StatusGenerator] = {}


def add_reader(readers) -> None:
    for extension in MarkdownReader.file_extensions:
        readers.reader_classes[extension] = YamlMarkdownReader


def add_template_helpers(generator) -> None:
    """Every generator's templates (Pelican's pages too) get the site's
    language and safe Markdown, and escape everything else."""
    settings = VardeSettings.from_pelican(generator.settings)
    language = Language(settings.language, settings.timezone)
    generator.env.autoescape = True
    # A build reads each template once; checking its file's date at every
    # page is thousands of system calls. (Autoreload makes new generators.)
    generator.env.auto_reload = False
    generator.env.bytecode_cache = _CompiledTemplates(settings.cache, generator.settings)
    generator.env.filters.update(
        markdown=to_html,
        markdown_inline=to_inline_html,
        localtime=language.moment,
        isotime=lambda moment: iso(moment, settings.timezone),
        duration=language.duration,
        month=language.month,
    )
    generator.env.globals.update(_=language, urls=urls)


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Templates as an earlier build compiled them, which spares compiling
    them at every build (a tenth of a second).  Jinja keeps each under its
    file and the checksum of its source, so an edited template is compiled
    anew; what else shapes the compiled code (Jinja, Varde, the settings
    with their Jinja options and plugins) names the folder."""

    def __init__(self, cache: Path, settings: dict) -> None:
        folder = cache / "templates" / fingerprint(jinja2.__version__, code_fingerprint(), settings_fingerprint(settings))
        super().__init__(str(folder))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:  # a cache that cannot be written only means compiling again
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


class _NoTracebackForContentErrors(logging.Filter):
    """Pelican logs a failed build's exception with its traceback; for a
    content error the message is the whole story, and a traceback would bury
    the file and line the person needs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], (BuildFailed, ContentError, staging.StagingError)):
            record.exc_info = None
        return True


_FILTER = _NoTracebackForContentErrors()


def connect() -> None:
    signals.initialized.connect(initialized)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(remember_build)
    signals.finalized.connect(finalized)
    signals.readers_init.connect(add_reader)
    signals.generator_init.connect(add_template_helpers)
    pelican_logger = logging.getLogger("pelican")
    if _FILTER not in pelican_logger.filters:
        pelican_logger.addFilter(_FILTER)
