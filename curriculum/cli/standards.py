"""``curriculum standards``: list, show and import standards."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import UnknownReferenceError
from ..loaders import dump_standard, read_text
from ..report.standard import LIST_FORMATS, SHOW_FORMATS, render_standard, render_standard_list
from . import data_options, emit, format_option, main, output_option, split_codes


@main.group()
def standards() -> None:
    """List, show and import competency standards."""


@standards.command("list")
@data_options
@format_option(LIST_FORMATS)
def list_standards(standards: tuple[Path, ...], catalogues: tuple[Path, ...], fmt: str) -> None:
    """List the loaded standards."""
    from ..library import load_library

    library = load_library(standards, catalogues, check_references=False)
    click.echo(render_standard_list(list(library.standards.values()), fmt), nl=False)


@standards.command("show")
@click.argument("code")
@click.option(
    "--task",
    "tasks",
    multiple=True,
    metavar="T",
    help="Show this task or duty in detail (repeatable).",
)
@data_options
@format_option(SHOW_FORMATS)
def show_standard(
    code: str,
    tasks: tuple[str, ...],
    standards: tuple[Path, ...],
    catalogues: tuple[Path, ...],
    fmt: str,
) -> None:
    """Show a standard: its tasks and items, or the named tasks in detail."""
    from ..library import load_library

    library = load_library(standards, catalogues, check_references=False)
    standard = library.standard(code)
    try:
        chosen = standard.expand_targets(split_codes(tasks)) if tasks else ()
    except KeyError as exc:
        valid = [d.code for d in standard.duties] + [t.code for t in standard.tasks]
        raise UnknownReferenceError(
            f"{standard.code} has no task or duty {exc.args[0]}", valid
        ) from None
    click.echo(render_standard(standard, chosen, fmt), nl=False)


@standards.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@output_option
def import_standard(file: Path, output: Path | None) -> None:
    """Import a standard document (the text of an iCAP 職能基準 PDF) as YAML.

    The input may be UTF-8 (with or without BOM) or Big5/CP950.
    """
    from ..errors import DataFileError
    from ..importers.icap_text import looks_like_icap_text, parse_icap_text

    text = read_text(file)
    if not looks_like_icap_text(text):
        raise DataFileError(
            f"{file}: not a recognised standard document (no iCAP task table header found)"
        )
    standard = parse_icap_text(text, str(file))
    emit(dump_standard(standard), output, [file])


@standards.command("diff")
@click.argument("old")
@click.argument("new")
@data_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "markdown", "table"]),
    default="table",
    show_default=True,
    help="Output format.",
)
def diff_standards_command(
    old: str, new: str, standards: tuple[Path, ...], catalogues: tuple[Path, ...], fmt: str
) -> None:
    """List what changed from standard OLD to NEW (codes of loaded standards or files):
    items and tasks added, removed, renamed or recoded, level changes and the K/S
    sets of each task."""
    from ..diff import diff_standards
    from ..library import load_library
    from ..loaders import load_standard
    from ..report.standard_diff import render_diff

    library = load_library(standards, catalogues, check_references=False)
    pair = [
        load_standard(Path(c)) if Path(c).is_file() else library.standard(c) for c in (old, new)
    ]
    click.echo(render_diff(diff_standards(pair[0], pair[1]), fmt), nl=False)
