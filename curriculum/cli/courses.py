"""``curriculum courses``: list the loaded courses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from curriculum.cli.common import (
    data_options,
    emit,
    finite,
    format_option,
    lang_option,
    main,
    no_bom_option,
    read_context,
    report_lang,
)
from curriculum.formats import LIST_FORMATS, MIGRATE_FORMATS


@main.group()
def courses() -> None:
    """List course catalogues and write catalogue templates."""


@courses.command("list")
@data_options
@click.option("--standard", help="Only courses claiming items of this standard.")
@format_option(LIST_FORMATS)
@lang_option
@no_bom_option
def list_courses(
    standards: tuple[Path, ...],
    catalogues: tuple[Path, ...],
    standard: str | None,
    fmt: str,
    lang: str | None,
    no_bom: bool,
) -> None:
    """List every loaded course with its hours, price, level and claims."""
    from curriculum.io.library import load_library
    from curriculum.report.standard.show import render_course_list

    library = load_library(standards, catalogues, strict=False, context=read_context())
    code = library.standard(standard).code if standard else None
    rows = [
        (course, course.provider or loaded.catalogue.provider, loaded.catalogue.currency)
        for loaded in library.catalogues
        for course in loaded.catalogue.courses
        if code is None or course.items_for(code)
    ]
    rows.sort(key=lambda r: r[0].code)
    codes = [code] if code else list(library.standards)
    out = render_course_list(rows, fmt, report_lang(lang, library, codes))
    emit(("" if no_bom or fmt != "csv" else "\ufeff") + out, None)


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
        raise click.UsageError(f"{file}: the template is written as .xlsx or .csv")
    if file.exists() and not force:
        raise click.UsageError(f"{file} exists; give --force to replace it")
    destination(file, "FILE")  # a link, a loop or a missing folder: one line, nothing written
    if standard is None:
        data = catalogue_template(suffix, lang or "en")
    else:
        from curriculum.io.library import load_library

        chosen = load_library(standards, with_catalogues=False, context=read_context()).standard(
            standard
        )
        data = _standard_template(chosen, suffix, layout)
    emit(data, file, option="FILE")


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
@click.option("--lang", type=click.Choice(["en", "zh-TW"]), default="en", show_default=True)
def migrate_courses(
    catalogue: Path,
    to: str,
    from_: str | None,
    standards: tuple[Path, ...],
    catalogues: tuple[Path, ...],
    output: Path | None,
    fmt: str,
    lang: str,
) -> None:
    """Move CATALOGUE's claims to a newer version of their standard.

    Recoded items follow their new code, renamed items keep theirs, removed
    items are dropped, items now required above the course's level are kept and
    flagged. The changelog lists every change with its reason.
    """
    from curriculum.cli.common import emit
    from curriculum.io.catalogue_table import CATALOGUE_OUTPUT_SUFFIXES, catalogue_file
    from curriculum.io.library import load_library
    from curriculum.io.loaders import load_catalogue
    from curriculum.report.review.migrate import render_migration
    from curriculum.reviewing.migrate import migrate_catalogue

    if output is not None and output.suffix.lower() not in CATALOGUE_OUTPUT_SUFFIXES:
        raise click.UsageError(
            f"-o {output}: a catalogue is written as .yaml, .csv or .xlsx (by the suffix)"
        )
    library = load_library(standards, catalogues, context=read_context())
    new = library.standard(to)
    loaded = load_catalogue(catalogue, context=read_context())
    if from_:
        old = library.standard(from_)
    else:
        versions = {v.code for v in new.versions} - {new.code}
        claimed = sorted({k for c in loaded.courses for k in c.covers} & versions)
        if len(claimed) != 1:
            found = ", ".join(claimed) or "none"
            raise click.UsageError(
                f"{catalogue}: give --from; older versions of {new.code} it claims: {found}"
            )
        old = library.standard(claimed[0])
    migrated, log = migrate_catalogue(loaded, old, new, lang=lang)
    click.echo(render_migration(log, fmt), nl=False)
    if output is not None:
        emit(catalogue_file(migrated, output), output, [catalogue])
    else:
        click.echo("Nothing written; give -o FILE to write the migrated catalogue.", err=True)


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
def suggest_courses(
    catalogue: Path,
    standard: str,
    top: int,
    min_score: float,
    standards: tuple[Path, ...],
    catalogues: tuple[Path, ...],
    fmt: str,
) -> None:
    """Propose claims of STANDARD that CATALOGUE's course texts support but do not
    make, ranked, for a person to confirm; nothing is changed.

    The score is the character n-gram TF-IDF similarity of the course's text
    (title, units, meta description/syllabus) and the item's name and
    description, plus half its best similarity to the course's other claims.
    """
    from curriculum.io.library import load_library
    from curriculum.io.loaders import load_catalogue
    from curriculum.report.review.migrate import render_suggestions
    from curriculum.reviewing.plausibility import build_model, course_text, suggest_claims

    library = load_library(standards, catalogues, context=read_context())
    std = library.standard(standard)
    loaded = load_catalogue(catalogue, context=read_context())
    texts = {c.code: course_text(c) for c in loaded.courses}
    model = build_model(std, texts)
    claims = {c.code: c.items_for(std.code) for c in loaded.courses}
    found = suggest_claims(model, claims, top=top, threshold=min_score)
    names = {i.code: i.name for i in std.items}
    click.echo(render_suggestions(std.code, found, names, fmt), nl=False)
