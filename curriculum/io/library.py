"""The loaded data: every standard and catalogue, checked against each other.

:func:`load_library` reads all files, collects every problem (a broken file, a
duplicate code, a course claiming an item no standard defines) and raises them
together, so that ``curriculum validate`` can list them all at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from curriculum.errors import DataFileError, UnknownReferenceError
from curriculum.io.loaders import (
    CATALOGUE_SUFFIXES,
    STANDARD_SUFFIXES,
    expand_paths,
    load_catalogue,
    load_standard,
)
from curriculum.io.parallel import gc_paused, load_files
from curriculum.model.codes import normalize_code
from curriculum.model.standard import Catalogue, Course, Standard

PACKAGE_DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class LoadedCatalogue:
    """A catalogue with the file it came from."""

    path: Path
    catalogue: Catalogue


@dataclass(frozen=True)
class Library:
    """Standards by code and the loaded catalogues."""

    standards: Mapping[str, Standard]
    catalogues: tuple[LoadedCatalogue, ...] = ()
    standard_paths: Mapping[str, Path] = field(default_factory=dict)

    @cached_property
    def courses(self) -> dict[str, Course]:
        """Every course by code (codes are unique across catalogues)."""
        return {c.code: c for loaded in self.catalogues for c in loaded.catalogue.courses}

    @cached_property
    def course_files(self) -> dict[str, LoadedCatalogue]:
        """The catalogue each course comes from."""
        return {c.code: loaded for loaded in self.catalogues for c in loaded.catalogue.courses}

    @property
    def input_files(self) -> list[Path]:
        """Every file read, standards first."""
        return [*self.standard_paths.values(), *(c.path for c in self.catalogues)]

    def currency(self) -> str:
        """The currency of the loaded catalogues (``TWD`` when none is loaded)."""
        found = sorted({c.catalogue.currency for c in self.catalogues})
        return found[0] if len(found) == 1 else "/".join(found) or "TWD"

    def standard(self, code: str) -> Standard:
        """The standard with this code.

        Raises
        ------
        UnknownReferenceError
            When no loaded standard has the code; the message names a newer
            version when the code is an older one, and lists the valid codes.
        """
        code = normalize_code(code)
        if code in self.standards:
            return self.standards[code]
        hint = replacement_hint(self.standards, code)
        raise UnknownReferenceError(f"unknown standard {code}{hint}", sorted(self.standards))

    def course(self, code: str) -> Course:
        """The course with this code, or an :class:`UnknownReferenceError`."""
        code = normalize_code(code)
        if code not in self.courses:
            raise UnknownReferenceError(f"unknown course {code}", sorted(self.courses))
        return self.courses[code]

    @cached_property
    def _courses_by_standard(self) -> dict[str, list[Course]]:
        """Courses claiming items of each standard, by code (built once)."""
        index: dict[str, list[Course]] = {}
        for course in sorted(self.courses.values(), key=lambda c: c.code):
            for standard, items in course.covers.items():
                if items:
                    index.setdefault(standard, []).append(course)
        return index

    def courses_for(self, standard: str) -> list[Course]:
        """The courses claiming at least one item of a standard, by code."""
        return list(self._courses_by_standard.get(standard, ()))


def replacement_hint(standards: Mapping[str, Standard], code: str) -> str:
    """``" (replaced by X on DATE)"`` when ``code`` is an older version of a standard."""
    for standard in standards.values():
        entry = standard.replaced_by(code)
        if entry is not None:
            when = f" on {entry.date}" if entry.date else ""
            return f" (an older version: replaced by {standard.code}{when})"
    return ""


def reference_problems(
    standards: Mapping[str, Standard],
    catalogues: Iterable[LoadedCatalogue],
    *,
    unknown_standards: bool = True,
) -> list[str]:
    """Every problem between catalogues and standards, one line each.

    ``unknown_standards=False`` leaves out claims of standards that are not loaded
    (used when a standard file failed to load, to avoid a cascade of errors).
    """
    problems: list[str] = []
    seen: dict[str, Path] = {}
    for loaded in catalogues:
        for course in loaded.catalogue.courses:
            where = f"{loaded.path}: course {course.code}"
            if course.code in seen:
                problems.append(f"{where}: code already used in {seen[course.code]}")
            else:
                seen[course.code] = loaded.path
            for std_code, items in course.covers.items():
                standard = standards.get(std_code)
                if standard is None:
                    if not unknown_standards:
                        continue
                    hint = replacement_hint(standards, std_code)
                    problems.append(f"{where}: unknown standard {std_code}{hint}")
                    continue
                unknown = [i for i in items if i not in standard.item_index]
                if unknown:
                    problems.append(f"{where}: {std_code} defines no item {', '.join(unknown)}")
                low, high = standard.level_scale
                if course.level is not None and not low <= course.level <= high:
                    problems.append(
                        f"{where}: level {course.level} is outside {std_code}'s scale {low}–{high}"
                    )
    return problems


def default_paths(kind: str) -> list[Path]:
    """``./standards`` or ``./courses`` when present, else the packaged copies."""
    local = Path.cwd() / kind
    return [local] if local.is_dir() else [PACKAGE_DATA / kind]


def load_library(
    standard_paths: Iterable[Path] | None = None,
    catalogue_paths: Iterable[Path] | None = None,
    *,
    check_references: bool = True,
) -> Library:
    """Load standards and catalogues, raising every problem at once.

    Raises
    ------
    DataFileError
        With one line per problem across all files.
    """
    with gc_paused():
        return _load_library(standard_paths, catalogue_paths, check_references)


def _load_library(
    standard_paths: Iterable[Path] | None,
    catalogue_paths: Iterable[Path] | None,
    check_references: bool,
) -> Library:
    problems: list[str] = []
    standards: dict[str, Standard] = {}
    paths: dict[str, Path] = {}
    try:
        std_files = expand_paths(standard_paths or default_paths("standards"), STANDARD_SUFFIXES)
    except DataFileError as exc:
        problems.append(str(exc))
        std_files = []
    # a missing standards path is the one problem: no cascade of unknown standards
    standard_failed = bool(problems)
    for path, standard in zip(std_files, load_files(load_standard, std_files), strict=True):
        if isinstance(standard, DataFileError):
            problems.append(str(standard))
            standard_failed = True
            continue
        if standard.code in standards:
            problems.append(
                f"{path}: standard {standard.code} already loaded from {paths[standard.code]}"
            )
            continue
        standards[standard.code] = standard
        paths[standard.code] = path
    catalogues: list[LoadedCatalogue] = []
    try:
        cat_files = expand_paths(catalogue_paths or default_paths("courses"), CATALOGUE_SUFFIXES)
    except DataFileError as exc:
        problems.append(str(exc))
        cat_files = []
    for path, catalogue in zip(cat_files, load_files(load_catalogue, cat_files), strict=True):
        if isinstance(catalogue, DataFileError):
            problems.append(str(catalogue))
        else:
            catalogues.append(LoadedCatalogue(path, catalogue))
    if check_references:
        problems += reference_problems(standards, catalogues, unknown_standards=not standard_failed)
    if problems:
        raise DataFileError("\n".join(problems))
    return Library(standards, tuple(catalogues), paths)
