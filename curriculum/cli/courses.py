"""``curriculum courses``: list the loaded courses."""

from __future__ import annotations

from pathlib import Path

import click

from ..report.standard import LIST_FORMATS, render_course_list
from . import data_options, format_option, main


@main.group()
def courses() -> None:
    """List course catalogues."""


@courses.command("list")
@data_options
@click.option("--standard", help="Only courses claiming items of this standard.")
@format_option(LIST_FORMATS)
def list_courses(
    standards: tuple[Path, ...], catalogues: tuple[Path, ...], standard: str | None, fmt: str
) -> None:
    """List every loaded course with its hours, price, level and claims."""
    from ..library import load_library

    library = load_library(standards, catalogues)
    code = library.standard(standard).code if standard else None
    rows = [
        (course, course.provider or loaded.catalogue.provider, loaded.catalogue.currency)
        for loaded in library.catalogues
        for course in loaded.catalogue.courses
        if code is None or course.items_for(code)
    ]
    rows.sort(key=lambda r: r[0].code)
    click.echo(render_course_list(rows, fmt), nl=False)
