"""A programme's codes spelt as the loaded library defines them, and the inputs a
review of it reads (:mod:`curriculum.reviewing.programme` defines the programme)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from curriculum.errors import DataFileError
from curriculum.i18n import Text, run_lang
from curriculum.io.library import Library
from curriculum.io.references import standard_hint
from curriculum.model.codes import suggest
from curriculum.reviewing.programme import Programme, ProgrammeCourse, entry_code


def resolve_programme(programme: Programme, library: Library, source: Path | None) -> Programme:
    """The programme with its codes spelt as the library defines them.

    Standard, target, course and item codes match whatever their case or width.

    Raises
    ------
    DataFileError
        Listing first every catalogue course the programme names that no loaded
        catalogue defines (with the closest code), then an unknown standard.
    """
    t = Text(run_lang())
    where = str(source) if source else t("programme.where")
    problems = []
    entries: list[Any] = []
    for entry in programme.courses:
        if isinstance(entry, ProgrammeCourse):
            entries.append(_resolve_inline(entry, library))
            continue
        code = library.course_codes.get(entry_code(entry))
        if code is None:
            hint = suggest(entry_code(entry), library.courses).text(t.lang)
            known = "" if library.catalogues else t("programme.no_catalogue")
            problems.append(
                t(
                    "programme.unknown_course",
                    where=where,
                    code=entry_code(entry),
                    hint=hint + known,
                )
            )
            entries.append(entry)
        else:
            entries.append(
                code if isinstance(entry, str) else entry.model_copy(update={"code": code})
            )
    held: list[str] = []
    for required in programme.entry_requirements:
        spelt = library.course_codes.get(required)
        if spelt is None:
            hint = suggest(required, library.courses).text(t.lang)
            problems.append(t("programme.unknown_entry", where=where, code=required, hint=hint))
        held.append(spelt or required)
    standard_code = library.standard_codes.get(programme.standard)
    if standard_code is None:
        hint = standard_hint(library.standards, programme.standard).text(t.lang)
        problems.append(
            where + t.colon + t("error.no_standard", code=programme.standard, hint=hint)
        )
    if problems:
        error = DataFileError("\n".join(problems))
        error.spoken = True  # worded in the run's language
        raise error
    assert standard_code is not None
    standard = library.standards[standard_code]
    return programme.model_copy(
        update={
            "standard": standard_code,
            "targets": tuple(standard.codes.resolve(t) for t in programme.targets),
            "courses": tuple(entries),
            "entry_requirements": tuple(held),
        }
    )


def _resolve_inline(entry: ProgrammeCourse, library: Library) -> ProgrammeCourse:
    def covers(claims: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        out: dict[str, tuple[str, ...]] = {}
        for key, items in claims.items():
            code = library.standard_codes.resolve(key)
            known = library.standards.get(code)
            out[code] = tuple(known.codes.resolve(i) for i in items) if known else items
        return out

    units = tuple(u.model_copy(update={"covers": covers(u.covers)}) for u in entry.units)
    return entry.model_copy(update={"covers": covers(entry.covers), "units": units})


def used_inputs(library: Library, programme: Programme) -> tuple[list[str], list[Path]]:
    """The standards (besides the reviewed ones) and catalogue files a review reads:
    the standards the programme's inline courses claim, the catalogues of its courses."""
    codes: list[str] = []
    files: list[Path] = []
    for entry in programme.courses:
        if isinstance(entry, ProgrammeCourse):
            codes += [*entry.covers, *(k for u in entry.units for k in u.covers)]
        elif entry_code(entry) in library.course_files:
            files.append(library.course_files[entry_code(entry)].path)
    return list(dict.fromkeys(codes)), list(dict.fromkeys(files))
