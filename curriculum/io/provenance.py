"""Provenance of a report: the input files with their SHA-256, as paths a reader can follow."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic.dataclasses import dataclass

from curriculum._version import __version__
from curriculum.io.library import Library
from curriculum.model.standard import Standard
from curriculum.output import CONFIG, Output


@dataclass(frozen=True, config=CONFIG)
class InputFile(Output):
    """An input file with its role and SHA-256."""

    role: str
    path: str
    sha256: str


@dataclass(frozen=True, config=CONFIG)
class Provenance(Output):
    """What a review was computed from, so that it can be audited and reproduced."""

    tool: str
    standard: str
    standard_name: str
    standard_version: str | None
    standard_date: str | None
    programme_standard: str
    inputs: tuple[InputFile, ...]


def display_path(path: Path) -> str:
    """A path as reports show it: relative to the current folder when inside it."""
    path = Path(path)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def build_provenance(
    standard: Standard,
    programme_standard: str,
    programme_path: Path | None,
    library: Library,
) -> Provenance:
    """Tool version, the standard's code, version and date, and every input's SHA-256."""
    inputs = []
    if programme_path is not None:
        inputs.append(
            InputFile("programme", display_path(programme_path), sha256_file(programme_path))
        )
    for path in library.standard_paths.values():
        inputs.append(InputFile("standard", display_path(path), sha256_file(path)))
    for loaded in library.catalogues:
        inputs.append(InputFile("catalogue", display_path(loaded.path), sha256_file(loaded.path)))
    entry = next((v for v in standard.versions if v.code == standard.code), None)
    return Provenance(
        tool=f"curriculum {__version__}",
        standard=standard.code,
        standard_name=standard.name,
        standard_version=standard.version or (entry.version if entry else None),
        standard_date=entry.date if entry else None,
        programme_standard=programme_standard,
        inputs=tuple(inputs),
    )
