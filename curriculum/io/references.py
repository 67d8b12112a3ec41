"""The checks between the files of a library: courses' claims and requisites against
the standards and catalogues loaded, codes of replaced standards, and problems grouped
by file."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from curriculum.errors import Phrase
from curriculum.i18n import Text, run_lang
from curriculum.io.context import ReadContext
from curriculum.io.loaders import course_places
from curriculum.model.codes import CodeIndex, code_key, suggest
from curriculum.model.requisites import find_strict_cycle
from curriculum.model.standard import Catalogue, Course, Standard


@dataclass(frozen=True)
class LoadedCatalogue:
    """A catalogue with the file it came from."""

    path: Path
    catalogue: Catalogue


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
    return suggest(code, candidates)


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
    t = Text(run_lang())

    def where(code: str) -> str:
        """``file:LINE: course CODE`` (the file is read for lines only on a problem)."""
        path = source[code]
        if path not in places:
            places[path] = course_places(path, context)
        return t("library.course_at", place=places[path].get(code_key(code), path), code=code)

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
                                t(
                                    f"library.unknown.{field_name}",
                                    where=where(course.code),
                                    code=code,
                                    hint=suggest(code, codes).text(t.lang),
                                )
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
        problems.append(t("library.cycle", where=where(cycle[0]), chain=" -> ".join(cycle)))
    return result, problems


def group_by_file(lines: Iterable[str]) -> list[str]:
    """Problem lines (``file...: message``) grouped by file, files in order of first
    mention, each file's lines in line or row order."""
    groups: dict[str, list[tuple[int, int, str]]] = {}
    for n, line in enumerate(lines):
        for part in line.splitlines():
            source, number = _file_and_number(part)
            groups.setdefault(source, []).append((number, n, part))
    return [part for group in groups.values() for _, _, part in sorted(group)]


_SOURCE = r"(?P<source>(?:(?!: |：).)+?)"  # up to the first separator of either language
_AT_LINE = re.compile(_SOURCE + r":(?P<number>\d+)(?:: |：)")
_AT_ROW = re.compile(_SOURCE + r"(?:: |：)(?:row |第 )(?P<number>\d+)(?:[,:：]| [列行])")


def _file_and_number(line: str) -> tuple[str, int]:
    """The file a problem line names, and its line or row number (0 when none), in
    either language (``file:12: ``, ``file: row 4, ``; ``file:12：``, ``file：第 4 列：``)."""
    for pattern in (_AT_LINE, _AT_ROW):
        found = pattern.match(line)
        if found:
            return found["source"], int(found["number"])
    return re.split(r": |：", line, maxsplit=1)[0], 0
