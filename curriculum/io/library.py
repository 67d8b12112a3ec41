"""The loaded data: every standard and catalogue, checked against each other.

:func:`load_library` reads all files, collects every problem (a broken file, a
duplicate code, a course claiming an item no standard defines) and raises them
together, so that ``curriculum validate`` can list them all at once.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from curriculum.errors import CurriculumWarning, DataFileError, UnknownReferenceError
from curriculum.i18n import Text, run_lang
from curriculum.io.context import ReadContext
from curriculum.io.file_cache import load_cached
from curriculum.io.loaders import (
    CATALOGUE_SUFFIXES,
    STANDARD_SUFFIXES,
    CatalogueRead,
    expand_paths,
    load_standard,
    read_catalogue,
)
from curriculum.io.parallel import gc_paused
from curriculum.io.references import LoadedCatalogue as LoadedCatalogue
from curriculum.io.references import (
    canonical_claims,
    canonical_requisites,
    group_by_file,
    reference_problems,
    standard_hint,
)
from curriculum.model.codes import CodeIndex, code_key, suggest
from curriculum.model.standard import Course, Standard

PACKAGE_DATA = Path(__file__).resolve().parent.parent / "data"


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
    def standard_codes(self) -> CodeIndex:
        """The loaded standards' codes, found in any case or width."""
        return CodeIndex(self.standards)

    @cached_property
    def course_codes(self) -> CodeIndex:
        """Every course code, found in any case or width."""
        return CodeIndex(self.courses)

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
        found = self.standard_codes.get(code)
        if found is not None:
            return self.standards[found]
        code = self.standard_codes.resolve(code)
        hint = standard_hint(self.standards, code)
        raise UnknownReferenceError.keyed(
            "error.no_standard", sorted(self.standards), code=code, hint=hint
        )

    def course(self, code: str) -> Course:
        """The course with this code (in any case or width), or an
        :class:`UnknownReferenceError`."""
        found = self.course_codes.get(code)
        if found is None:
            code = self.course_codes.resolve(code)
            raise UnknownReferenceError.keyed(
                "error.no_course", sorted(self.courses), code=code, hint=suggest(code, self.courses)
            )
        return self.courses[found]

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


def default_paths(kind: str, *, example: bool = True) -> list[Path]:
    """``./standards`` or ``./courses`` when present, else the packaged copies.

    With ``example=False`` a missing ``./courses`` gives no catalogue rather than
    the shipped example one.
    """
    local = Path.cwd() / kind
    if local.is_dir():
        return [local]
    if kind == "courses" and not example:
        return []
    return [PACKAGE_DATA / kind]


def load_library(
    standard_paths: Iterable[Path] | None = None,
    catalogue_paths: Iterable[Path] | None = None,
    *,
    check_references: bool = True,
    example_catalogue: bool = False,
    with_catalogues: bool = True,
    strict: bool = True,
    context: ReadContext | None = None,
) -> Library:
    """Load standards and catalogues, raising every problem at once.

    Parameters
    ----------
    standard_paths, catalogue_paths
        Files or folders; none means ``./standards`` (else the shipped standards)
        and ``./courses``.
    check_references
        Whether to reject claims of items no loaded standard defines.
    example_catalogue
        When no catalogue is given and there is no ``./courses``, load the shipped
        example catalogue, saying so in a warning (``plan``, ``frontier`` and
        ``team`` only); otherwise no catalogue is loaded.
    with_catalogues
        ``False`` loads the standards only (commands that need no catalogue).
    strict
        ``False`` turns the catalogues' problems into one warning and keeps their
        valid courses (``courses list``).
    context
        How to read the files (the encoding), and where to note them as inputs.

    Raises
    ------
    DataFileError
        With one line per problem across all files, grouped by file.
    """
    with gc_paused():
        if not with_catalogues:
            catalogue_paths, example_catalogue = [], False
        elif not catalogue_paths:
            catalogue_paths = default_paths("courses", example=example_catalogue)
            if catalogue_paths and PACKAGE_DATA in catalogue_paths[0].parents:
                warnings.warn(CurriculumWarning.keyed("library.example"), stacklevel=2)
        return _load_library(
            standard_paths, list(catalogue_paths), check_references, strict, context
        )


def _load_standards(
    standard_paths: Iterable[Path] | None,
    problems: list[str],
    context: ReadContext | None,
    spoken: set[str],
) -> tuple[dict[str, Standard], dict[str, Path], bool]:
    """The standards of ``standard_paths``; problems appended (those in the run's
    language also added to ``spoken``)."""
    standards: dict[str, Standard] = {}
    paths: dict[str, Path] = {}
    try:
        std_files = expand_paths(
            standard_paths or default_paths("standards"), STANDARD_SUFFIXES, kind="standard"
        )
    except DataFileError as exc:
        problems.append(exc.localized(run_lang()))
        spoken.update(problems[-1:] if exc.speaks() else ())
        std_files = []
    # a missing standards path is the one problem: no cascade of unknown standards
    failed = bool(problems)
    loaded = load_cached(load_standard, std_files, context)
    _note(context, std_files)  # read in worker processes too, when many
    for path, standard in zip(std_files, loaded, strict=True):
        if isinstance(standard, DataFileError):
            problems.append(str(standard))
            failed = True
            continue
        seen = next((c for c in standards if code_key(c) == code_key(standard.code)), None)
        if seen is not None:
            problems.append(f"{path}: standard {standard.code} already loaded from {paths[seen]}")
            continue
        standards[standard.code] = standard
        paths[standard.code] = path
    return standards, paths, failed


def _note(context: ReadContext | None, paths: Iterable[Path]) -> None:
    """Note ``paths`` as read in ``context`` (those read by worker processes too)."""
    if context is not None:
        for path in paths:
            context.note(path)


def _load_library(
    standard_paths: Iterable[Path] | None,
    catalogue_paths: list[Path],
    check_references: bool,
    strict: bool,
    context: ReadContext | None,
) -> Library:
    problems: list[str] = []
    spoken: set[str] = set()
    standards, paths, standard_failed = _load_standards(standard_paths, problems, context, spoken)
    if context is not None and context.on_standards is not None:
        context.on_standards(standards)
    catalogues: list[LoadedCatalogue] = []
    try:
        cat_files = expand_paths(catalogue_paths, CATALOGUE_SUFFIXES)
    except DataFileError as exc:
        problems.append(exc.localized(run_lang()))
        spoken.update(problems[-1:] if exc.speaks() else ())
        cat_files = []
    file_problems: list[str] = []
    reads = load_cached(read_catalogue, cat_files, context)
    _note(context, cat_files)
    for path, read in zip(cat_files, reads, strict=True):
        if isinstance(read, DataFileError):
            file_problems.append(read.localized(run_lang()))
            spoken.update(file_problems[-1:] if read.speaks() else ())
            continue
        assert isinstance(read, CatalogueRead)
        file_problems += read.problems
        spoken.update(read.problems)  # validation lines, worded in the run's language
        if read.catalogue is not None:
            catalogue, doubled = canonical_claims(standards, read.catalogue)
            twice = [Text(run_lang())("library.claims_twice", path=path, code=c) for c in doubled]
            file_problems += twice
            spoken.update(twice)
            catalogues.append(LoadedCatalogue(path, catalogue))
    catalogues, requisite_errors = canonical_requisites(catalogues, context)
    problems += requisite_errors
    spoken.update(requisite_errors)  # worded in the run's language
    if check_references:
        found = reference_problems(
            standards, catalogues, unknown_standards=not standard_failed, context=context
        )
        file_problems += found
        spoken.update(found)  # worded in the run's language
    if file_problems and not strict:
        shown = "\n".join(group_by_file(file_problems))
        warnings.warn(CurriculumWarning.keyed("library.left_out", problems=shown), stacklevel=3)
        file_problems = []
    problems += file_problems
    if problems:
        error = DataFileError("\n".join(group_by_file(problems)))
        error.spoken = set(problems) <= spoken  # every line in the run's language
        raise error
    return Library(standards, tuple(catalogues), paths)
