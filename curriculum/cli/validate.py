"""``curriculum validate``: check every loaded standard and catalogue."""

from __future__ import annotations

import click

from curriculum.cli.common import Data, data_options, main
from curriculum.cli.emit import lang_option, report_lang


@main.command()
@data_options
@lang_option
def validate(data: Data, lang: str | None) -> None:
    """Check every standard and catalogue; list every problem (exit 1) or say OK."""
    library = data.load()
    from curriculum.i18n import Text

    t = Text(report_lang(lang, library.standards, library.standards))
    click.echo(
        t(
            "validate.ok",
            standards=t("n_standards", n=len(library.standards)),
            codes=t.join(sorted(library.standards)) or t("none"),
            catalogues=t("n_catalogues", n=len(library.catalogues)),
            courses=t("n_courses", n=len(library.courses)),
        )
    )
