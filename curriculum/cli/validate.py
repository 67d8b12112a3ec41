"""``curriculum validate``: check every loaded standard and catalogue."""

from __future__ import annotations

from pathlib import Path

import click

from curriculum.cli.common import data_options, main


@main.command()
@data_options
def validate(standards: tuple[Path, ...], catalogues: tuple[Path, ...]) -> None:
    """Check every standard and catalogue; list every problem (exit 1) or say OK."""
    from curriculum.io.library import load_library

    library = load_library(standards, catalogues)
    codes = ", ".join(sorted(library.standards)) or "none"
    courses = len(library.courses)
    click.echo(
        f"OK: {len(library.standards)} standard(s) ({codes}), "
        f"{len(library.catalogues)} catalogue(s) with {courses} course(s)"
    )
