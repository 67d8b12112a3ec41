"""``curriculum validate``: check every loaded standard and catalogue."""

from __future__ import annotations

from pathlib import Path

import click

from curriculum.cli.common import data_options, lang_option, main, read_context, report_lang


@main.command()
@data_options
@lang_option
def validate(standards: tuple[Path, ...], catalogues: tuple[Path, ...], lang: str | None) -> None:
    """Check every standard and catalogue; list every problem (exit 1) or say OK."""
    from curriculum.io.library import load_library

    library = load_library(standards, catalogues, context=read_context())
    from curriculum.i18n import Text

    t = Text(report_lang(lang, library, library.standards))
    click.echo(
        t(
            "validate.ok",
            standards=t("n_standards", n=len(library.standards)),
            codes=t.join(sorted(library.standards)) or t("none"),
            catalogues=t("n_catalogues", n=len(library.catalogues)),
            courses=t("n_courses", n=len(library.courses)),
        )
    )
