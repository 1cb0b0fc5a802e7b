"""The theme and what its templates are given: the site's language, safe
Markdown, escaping, and templates compiled once across builds."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2

from varde import urls
from varde.cache.fingerprints import code_fingerprint, fingerprint, settings_fingerprint
from varde.markup import to_html, to_inline_html
from varde.presentation import favicon
from varde.presentation.i18n import Language
from varde.settings import VardeSettings
from varde.times import iso

#: Varde's theme, inside the package (a link to the checkout's theme/).
THEME = Path(__file__).parent.parent / "theme"


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
    generator.env.globals.update(_=language, urls=urls, state_mark=favicon.mark)


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Templates as an earlier build compiled them, which spares compiling
    them at every build.  Jinja keeps each under its
    file and the checksum of its source, so an edited template is compiled
    anew; what else shapes the compiled code (Jinja, Varde, the settings
    with their Jinja options and plugins) names the folder."""

    def __init__(self, cache: Path, settings: dict) -> None:
        folder = (
            cache / "templates" / fingerprint(jinja2.__version__, code_fingerprint(), settings_fingerprint(settings))
        )
        super().__init__(str(folder))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:  # a cache that cannot be written only means compiling again
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass
