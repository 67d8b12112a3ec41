"""``curriculum courses``: list the loaded courses."""

from __future__ import annotations

from pathlib import Path

import click

from curriculum.cli.common import data_options, emit, format_option, main
from curriculum.formats import LIST_FORMATS


@main.group()
def courses() -> None:
    """List course catalogues and write catalogue templates."""


@courses.command("list")
@data_options
@click.option("--standard", help="Only courses claiming items of this standard.")
@format_option(LIST_FORMATS)
def list_courses(
    standards: tuple[Path, ...], catalogues: tuple[Path, ...], standard: str | None, fmt: str
) -> None:
    """List every loaded course with its hours, price, level and claims."""
    from curriculum.io.library import load_library
    from curriculum.report.standard import render_course_list

    library = load_library(standards, catalogues)
    code = library.standard(standard).code if standard else None
    rows = [
        (course, course.provider or loaded.catalogue.provider, loaded.catalogue.currency)
        for loaded in library.catalogues
        for course in loaded.catalogue.courses
        if code is None or course.items_for(code)
    ]
    rows.sort(key=lambda r: r[0].code)
    emit(render_course_list(rows, fmt), None)


@courses.command("template")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="Replace FILE when it exists.")
def course_template(file: Path, force: bool) -> None:
    """Write an empty catalogue template to FILE.xlsx or FILE.csv.

    The template has the catalogue's columns, one example row to replace and,
    in XLSX, an instructions sheet describing each column.
    """
    from curriculum.io.template import catalogue_template
    from curriculum.io.writers import write_atomic

    suffix = file.suffix.lower().lstrip(".")
    if suffix not in ("xlsx", "csv"):
        raise click.UsageError(f"{file}: the template is written as .xlsx or .csv")
    if file.exists() and not force:
        raise click.UsageError(f"{file} exists; give --force to replace it")
    if not file.resolve().parent.is_dir():
        raise click.UsageError(f"{file}: folder {file.parent} does not exist")
    write_atomic(file, catalogue_template(suffix))
    click.echo(f"Wrote {file}", err=True)
