"""Provenance of a report: the input files with their SHA-256, as paths a reader can follow."""

from __future__ import annotations

import hashlib
from pathlib import Path

from curriculum import __version__
from curriculum.io.library import Library
from curriculum.model.standard import Standard
from curriculum.reviewing.result import InputFile, Provenance


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
