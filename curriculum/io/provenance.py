"""Provenance of a report: the input files with their SHA-256, as paths a reader can follow.

A report names only the files it was computed from, each as given on the command
line (relative paths stay relative; a shipped file is ``package:standards/X.yaml``),
so the same inputs give the same bytes on any machine.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from pydantic.dataclasses import dataclass

from curriculum._version import __version__
from curriculum.errors import DataFileError, OsReason
from curriculum.io.cells import quoted
from curriculum.io.library import PACKAGE_DATA, Library
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


PACKAGE_PREFIX = "package:"
"""How a report names a file shipped with the package (``package:standards/X.yaml``)."""


def display_path(path: Path) -> str:
    """A path as reports show it: as given, relative to the current folder when
    inside it, ``package:...`` for a shipped file (never a site-packages path)."""
    path = Path(path)
    resolved = path.resolve()
    try:
        return PACKAGE_PREFIX + resolved.relative_to(PACKAGE_DATA).as_posix()
    except ValueError:
        pass
    if not path.is_absolute():
        return path.as_posix()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def input_path(name: str) -> Path:
    """The file a provenance path names (the inverse of :func:`display_path`)."""
    if name.startswith(PACKAGE_PREFIX):
        return PACKAGE_DATA / name[len(PACKAGE_PREFIX) :]
    return Path(name)


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    """The SHA-256 of a regular file's bytes, in hex, read in chunks (a file of
    gigabytes is never held whole).

    Raises
    ------
    DataFileError
        When the file is not a regular file (a FIFO is not opened) or cannot be read.
    """
    path = Path(path)
    digest = hashlib.sha256()
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise DataFileError.keyed("source.not_regular", path=quoted(str(path)))
        with path.open("rb") as handle:
            while block := handle.read(chunk):
                digest.update(block)
    except OSError as exc:
        raise DataFileError.keyed(
            "source.cannot_read", path=quoted(str(path)), reason=OsReason(exc)
        ) from None
    return digest.hexdigest()


def build_provenance(
    standard: Standard,
    programme_standard: str,
    programme_path: Path | None,
    library: Library,
    used: tuple[Iterable[str], Iterable[Path]] | None = None,
) -> Provenance:
    """Tool version, the standard's code, version and date, and the SHA-256 of each
    input the review used.

    ``used`` gives the codes of the standards and the catalogue files the review
    read; without it every loaded file is listed.
    """
    if used is None:
        codes: Iterable[str] = library.standard_paths
        catalogues: Iterable[Path] = [c.path for c in library.catalogues]
    else:
        codes, catalogues = used
    inputs = []
    if programme_path is not None:
        inputs.append(
            InputFile("programme", display_path(programme_path), sha256_file(programme_path))
        )
    standard_files = [library.standard_paths[c] for c in codes if c in library.standard_paths]
    for path in dict.fromkeys(standard_files):
        inputs.append(InputFile("standard", display_path(path), sha256_file(path)))
    wanted = set(catalogues)
    for loaded in library.catalogues:
        if loaded.path in wanted:
            inputs.append(
                InputFile("catalogue", display_path(loaded.path), sha256_file(loaded.path))
            )
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


def review_provenance(
    standard: Standard,
    programme_standard: str,
    programme_path: Path | None,
    library: Library,
    record_path: Path | None,
    used: tuple[list[str], list[Path]] | None = None,
) -> Provenance:
    """The provenance of a review, with the review record's file when there is one."""
    if used is not None:
        used = ([standard.code, programme_standard, *used[0]], used[1])
    provenance = build_provenance(standard, programme_standard, programme_path, library, used)
    if record_path is None:
        return provenance
    where = InputFile("record", display_path(record_path), sha256_file(record_path))
    return replace(provenance, inputs=(*provenance.inputs, where))
