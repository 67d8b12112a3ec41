"""``curriculum courses``: list the loaded courses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from curriculum.cli.common import Data, data_options, main, read_context, write_output
from curriculum.cli.emit import Out, emit, format_option, lang_option, output_options, report_lang
from curriculum.cli.localized import say, spoken
from curriculum.cli.options import finite
from curriculum.formats import LIST_FORMATS, MIGRATE_FORMATS


@main.group()
def courses() -> None:
    """List course catalogues and write catalogue templates."""


@courses.command("list")
@data_options
@click.option("--standard", help="Only courses claiming items of this standard.")
@output_options(LIST_FORMATS, output=False)
def list_courses(data: Data, standard: str | None, out: Out) -> None:
    """List every loaded course with its hours, price, level and claims."""
    from curriculum.report.standard.show import render_course_list

    library = data.load(strict=False)
    code = library.standard(standard).code if standard else None
    rows = [
        (course, course.provider or loaded.catalogue.provider, loaded.catalogue.currency)
        for loaded in library.catalogues
        for course in loaded.catalogue.courses
        if code is None or course.items_for(code)
    ]
    rows.sort(key=lambda r: r[0].code)
    codes = [code] if code else list(library.standards)

    def render(found: list[Any], lang: str) -> str:
        return render_course_list(found, out.fmt, lang)

    emit(rows, render, out, standards=library.standards, about=codes)


@courses.command("template")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--standard",
    metavar="CODE",
    help="Write the template of this standard: one column per K/S item, with drop-downs.",
)
@click.option(
    "--standards",
    "standards",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Standards folder or file (repeatable). Default: ./standards or the shipped one.",
)
@click.option(
    "--layout",
    type=click.Choice(["wide", "long"]),
    help="With --standard: wide, one column per item; long, one row per course and item. "
    "Default: wide up to 200 items, long above.",
)
@click.option("--force", is_flag=True, help="Replace FILE when it exists.")
@lang_option
def course_template(
    file: Path,
    standard: str | None,
    standards: tuple[Path, ...],
    layout: str | None,
    force: bool,
    lang: str | None,
) -> None:
    """Write an empty catalogue template to FILE.xlsx or FILE.csv.

    The template has the catalogue's columns, one example row to replace and,
    in XLSX, an instructions sheet describing each column. With --standard, it
    has one row per course and one column per K/S item of the standard (code,
    name and required level in the header), level and yes/no drop-downs, and
    instructions in the standard's language; for a large standard (above 200
    items, or --layout long) it has one row per item instead, to fill in with the
    codes of the courses teaching it. A CSV template starts with a BOM (Excel
    reads it as UTF-8). A filled template loads as a catalogue as is.
    """
    from curriculum.io.outputs import destination
    from curriculum.io.template import catalogue_template

    suffix = file.suffix.lower().lstrip(".")
    if suffix not in ("xlsx", "csv"):
        raise click.UsageError(say("usage.template_suffix", path=file))
    if file.exists() and not force:
        raise click.UsageError(say("usage.exists", path=file))
    destination(file, "FILE")  # a link, a loop or a missing folder: one line, nothing written
    if standard is None:
        data = catalogue_template(suffix, lang or "en")
    else:
        chosen = Data(standards).load(standard, with_catalogues=False).standard(standard)
        data = _standard_template(chosen, suffix, layout)
    write_output(data, file, option="FILE")


def _standard_template(standard: Any, suffix: str, layout: str | None) -> str | bytes:
    """The wide or long template of a standard (long by default above
    :data:`~curriculum.io.long_catalogue.WIDE_LIMIT` items, said on stderr)."""
    from curriculum.i18n import Text, resolve_lang
    from curriculum.io.long_template import WIDE_LIMIT, long_template
    from curriculum.io.template import standard_template, template_items

    if layout is None:
        count = len(template_items(standard))
        layout = "long" if count > WIDE_LIMIT else "wide"
        if layout == "long":
            t = Text(resolve_lang(None, [standard.language]))
            click.echo(t("template.long.chosen", code=standard.code, n=f"{count:,}"), err=True)
    if layout == "long":
        return long_template(standard, suffix)
    return standard_template(standard, suffix)


@courses.command("migrate")
@click.argument("catalogue", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--to", "to", required=True, metavar="CODE", help="The newer standard.")
@click.option(
    "--from",
    "from_",
    metavar="CODE",
    help="The older standard (default: the one the catalogue claims that CODE lists as a version).",
)
@data_options
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the migrated catalogue to FILE (.yaml, .csv or .xlsx, by its suffix); "
    "without it nothing is written.",
)
@format_option(MIGRATE_FORMATS)
@lang_option
def migrate_courses(
    catalogue: Path,
    to: str,
    from_: str | None,
    data: Data,
    output: Path | None,
    fmt: str,
    lang: str | None,
) -> None:
    """Move CATALOGUE's claims to a newer version of their standard.

    Recoded items follow their new code, renamed items keep theirs, removed
    items are dropped, items now required above the course's level are kept and
    flagged. The changelog lists every change with its reason.
    """
    from curriculum.api.courses import migrate
    from curriculum.errors import UsageError
    from curriculum.io.catalogue_table import CATALOGUE_OUTPUT_SUFFIXES, catalogue_file
    from curriculum.report.review.migrate import render_migration

    if output is not None and output.suffix.lower() not in CATALOGUE_OUTPUT_SUFFIXES:
        raise click.UsageError(say("usage.catalogue_suffix", path=output))
    library = data.load(to)
    lang = report_lang(lang, library.standards, [to])
    try:
        migrated, log = migrate(library, catalogue, to, from_, lang=lang, context=read_context())
    except UsageError as exc:
        raise click.UsageError(spoken(exc)) from None
    click.echo(render_migration(log, fmt, lang), nl=False)
    if output is not None:
        write_output(catalogue_file(migrated, output), output, [catalogue])
    else:
        from curriculum.i18n import Text

        click.echo(Text(lang)("migrate.nothing_written"), err=True)


@courses.command("suggest")
@click.argument("catalogue", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--standard", required=True, metavar="CODE", help="The standard to suggest items of.")
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="At most this many suggestions per course.",
)
@click.option(
    "--min-score",
    type=click.FloatRange(min=0),
    callback=finite,
    default=0.1,
    show_default=True,
    help="Only items whose support reaches this score.",
)
@data_options
@format_option(MIGRATE_FORMATS)
@lang_option
def suggest_courses(
    catalogue: Path,
    standard: str,
    top: int,
    min_score: float,
    data: Data,
    fmt: str,
    lang: str | None,
) -> None:
    """Propose claims of STANDARD that CATALOGUE's course texts support but do not
    make, ranked, for a person to confirm; nothing is changed.

    The score is the character n-gram TF-IDF similarity of the course's text
    (title, units, meta description/syllabus) and the item's name and
    description, plus half its best similarity to the course's other claims.
    """
    from curriculum.api.courses import suggest
    from curriculum.report.review.migrate import render_suggestions

    std, found = suggest(
        data.load(standard),
        catalogue,
        standard,
        top=top,
        min_score=min_score,
        context=read_context(),
    )
    names = {i.code: i.name for i in std.items}
    lang = report_lang(lang, {std.code: std}, [std.code])
    click.echo(render_suggestions(std.code, found, names, fmt, lang), nl=False)
