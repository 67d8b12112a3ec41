"""The loaded data: every standard and catalogue, checked against each other.

:func:`load_library` reads all files, collects every problem (a broken file, a
duplicate code, a course claiming an item no standard defines) and raises them
together, so that ``curriculum validate`` can list them all at once.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path

from curriculum.errors import CurriculumWarning, DataFileError, Phrase, UnknownReferenceError
from curriculum.i18n import Text, run_lang
from curriculum.io.context import ReadContext
from curriculum.io.loaders import (
    CATALOGUE_SUFFIXES,
    STANDARD_SUFFIXES,
    CatalogueRead,
    course_places,
    expand_paths,
    load_standard,
    read_catalogue,
)
from curriculum.io.parallel import gc_paused, load_files
from curriculum.model.codes import CodeIndex, code_key, suggest
from curriculum.model.requisites import find_strict_cycle
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
            hint = suggest(code, self.courses)
            raise UnknownReferenceError(f"unknown course {code}{hint}", sorted(self.courses))
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


def replacement_hint(standards: Mapping[str, Standard], code: str) -> str:
    """``" (replaced by X on DATE)"`` when ``code`` is an older version of a standard."""
    for standard in standards.values():
        entry = standard.replaced_by(standard.codes.resolve(code))
        if entry is not None:
            when = f" on {entry.date}" if entry.date else ""
            return f" (an older version: replaced by {standard.code}{when})"
    return ""


def standard_hint(standards: Mapping[str, Standard], code: str) -> Phrase:
    """:func:`replacement_hint`, else the closest code (:func:`suggest`), in no language yet."""
    for standard in standards.values():
        entry = standard.replaced_by(standard.codes.resolve(code))
        if entry is not None:
            key = "error.replaced_on" if entry.date else "error.replaced"
            return Phrase(key, code=standard.code, date=entry.date)
    return closest(code, standards)


def closest(code: str, candidates: Iterable[str]) -> Phrase:
    """:func:`suggest`'s ``" (did you mean X?)"``, in no language yet."""
    close = suggest(code, candidates)
    if close:
        return Phrase("error.did_you_mean", code=close.removeprefix(" (did you mean ")[:-2])
    return Phrase()


def canonical_claims(
    standards: Mapping[str, Standard], catalogue: Catalogue
) -> tuple[Catalogue, list[str]]:
    """The catalogue with its claims spelt as the standards define them.

    A claim ``bas1499-001v4: [k01]`` becomes ``BAS1499-001v4: [K01]`` (codes match
    whatever their case or width). Returns the catalogue and the codes of the
    courses whose claims name one item twice once spelt alike.
    """
    index = CodeIndex(standards)
    courses: list[Course] = []
    changed = False
    doubled: list[str] = []
    for course in catalogue.courses:
        covers: dict[str, tuple[str, ...]] = {}
        for std, items in course.covers.items():
            code = index.resolve(std)
            known = standards.get(code)
            spelt = tuple(known.codes.resolve(i) for i in items) if known else items
            merged = covers.get(code, ()) + spelt
            covers[code] = tuple(dict.fromkeys(merged))
            if len(covers[code]) != len(merged):
                doubled.append(course.code)
        if covers != course.covers:
            course = course.model_copy(update={"covers": covers})
            changed = True
        courses.append(course)
    if not changed:
        return catalogue, doubled
    return catalogue.model_copy(update={"courses": tuple(courses)}), doubled


def reference_problems(
    standards: Mapping[str, Standard],
    catalogues: Iterable[LoadedCatalogue],
    *,
    unknown_standards: bool = True,
    context: ReadContext | None = None,
) -> list[str]:
    """Every problem between catalogues and standards, one line each.

    ``unknown_standards=False`` leaves out claims of standards that are not loaded
    (used when a standard file failed to load, to avoid a cascade of errors). Each
    line names the course's line (YAML, CSV) or row (XLSX) and suggests the
    closest code for an unknown one (the files are read again, as ``context`` says,
    only to locate a problem).
    """
    problems: list[str] = []
    seen: dict[str, Path] = {}
    places: dict[Path, dict[str, str]] = {}
    t = Text(run_lang())

    def where(path: Path, code: str) -> str:
        if path not in places:
            places[path] = course_places(path, context)
        return t("library.course_at", place=places[path].get(code_key(code), path), code=code)

    for loaded in catalogues:
        for course in loaded.catalogue.courses:
            key = code_key(course.code)
            if key in seen:
                problems.append(
                    t("library.used", where=where(loaded.path, course.code), path=seen[key])
                )
            else:
                seen[key] = loaded.path
            for std_code, items in course.covers.items():
                standard = standards.get(std_code)
                if standard is None:
                    if not unknown_standards:
                        continue
                    hint = standard_hint(standards, std_code).text(t.lang)
                    at = where(loaded.path, course.code)
                    problems.append(at + t.colon + t("error.no_standard", code=std_code, hint=hint))
                    continue
                for item in items:
                    if item not in standard.item_index:
                        hint = closest(item, standard.item_index).text(t.lang)
                        problems.append(
                            t(
                                "library.no_item",
                                where=where(loaded.path, course.code),
                                standard=std_code,
                                code=item,
                                hint=hint,
                            )
                        )
                low, high = standard.level_scale
                if course.level is not None and not low <= course.level <= high:
                    problems.append(
                        t(
                            "library.level_outside",
                            where=where(loaded.path, course.code),
                            level=f"{course.level:g}",
                            standard=std_code,
                            low=low,
                            high=high,
                        )
                    )
    return problems


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
    loaded = load_files(partial(load_standard, context=context), std_files)
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
    catalogues: list[LoadedCatalogue] = []
    try:
        cat_files = expand_paths(catalogue_paths, CATALOGUE_SUFFIXES)
    except DataFileError as exc:
        problems.append(exc.localized(run_lang()))
        spoken.update(problems[-1:] if exc.speaks() else ())
        cat_files = []
    file_problems: list[str] = []
    reads = load_files(partial(read_catalogue, context=context), cat_files)
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
            file_problems += [f"{path}: course {c}: claims an item twice" for c in doubled]
            catalogues.append(LoadedCatalogue(path, catalogue))
    catalogues, requisite_errors = canonical_requisites(catalogues, context)
    problems += requisite_errors
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


def canonical_requisites(
    catalogues: list[LoadedCatalogue], context: ReadContext | None = None
) -> tuple[list[LoadedCatalogue], list[str]]:
    """The catalogues with prerequisite and corequisite codes spelt as their courses
    define them, and every problem: an unknown course code (with the closest one)
    or a cycle (named course by course). Both are errors in every command: a plan
    cannot honour prerequisites it cannot read."""
    codes = [c.code for loaded in catalogues for c in loaded.catalogue.courses]
    index = CodeIndex(codes)
    problems: list[str] = []
    places: dict[Path, dict[str, str]] = {}
    source = {c.code: loaded.path for loaded in catalogues for c in loaded.catalogue.courses}

    def where(code: str) -> str:
        """``file:LINE: course CODE`` (the file is read for lines only on a problem)."""
        path = source[code]
        if path not in places:
            places[path] = course_places(path, context)
        return f"{places[path].get(code_key(code), path)}: course {code}"

    result: list[LoadedCatalogue] = []
    for loaded in catalogues:
        courses: list[Course] = []
        changed = False
        for course in loaded.catalogue.courses:
            if not (course.prerequisites or course.corequisites or course.same_term):
                courses.append(course)
                continue
            fixed: dict[str, tuple[tuple[str, ...], ...]] = {}
            for field_name in ("prerequisites", "corequisites", "same_term"):
                requirements = []
                for requirement in getattr(course, field_name):
                    spelt = []
                    for code in requirement:
                        found = index.get(code)
                        if found is None:
                            problems.append(
                                f"{where(course.code)}: {_SINGULAR[field_name]} {code} is no "
                                f"course of the loaded catalogues{suggest(code, codes)}"
                            )
                        spelt.append(found or code)
                    requirements.append(tuple(dict.fromkeys(spelt)))
                fixed[field_name] = tuple(requirements)
            if any(fixed[f] != getattr(course, f) for f in fixed):
                course = course.model_copy(update=fixed)
                changed = True
            courses.append(course)
        catalogue = loaded.catalogue
        if changed:
            catalogue = catalogue.model_copy(update={"courses": tuple(courses)})
        result.append(LoadedCatalogue(loaded.path, catalogue) if changed else loaded)
    cycle = find_strict_cycle([c for loaded in result for c in loaded.catalogue.courses])
    if cycle is not None:
        problems.append(f"{where(cycle[0])}: prerequisite cycle {' -> '.join(cycle)}")
    return result, problems


_SINGULAR = {
    "prerequisites": "prerequisite",
    "corequisites": "corequisite",
    "same_term": "same-term corequisite",
}


def group_by_file(lines: Iterable[str]) -> list[str]:
    """Problem lines (``file...: message``) grouped by file, files in order of first
    mention, each file's lines in line or row order."""
    groups: dict[str, list[tuple[int, int, str]]] = {}
    for n, line in enumerate(lines):
        for part in line.splitlines():
            source, number = _file_and_number(part)
            groups.setdefault(source, []).append((number, n, part))
    return [part for group in groups.values() for _, _, part in sorted(group)]


def _file_and_number(line: str) -> tuple[str, int]:
    """The file a problem line names, and its line or row number (0 when none)."""
    head = line.split(": ", 1)[0]
    source, _, number = head.rpartition(":")
    if source and number.isdigit():
        return source, int(number)
    rest = line[len(head) + 2 :]
    if rest.startswith("row "):
        digits = rest[4:].split(",")[0].split(":")[0]
        if digits.isdigit():
            return head, int(digits)
    return head, 0
