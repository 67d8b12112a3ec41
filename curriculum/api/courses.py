"""Catalogue questions: claims moved to a newer version of a standard, and claims a
course's own text supports (what ``curriculum courses migrate`` and ``suggest`` call)."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from curriculum.io.context import ReadContext
    from curriculum.io.library import Library
    from curriculum.model.standard import Catalogue, Standard
    from curriculum.reviewing.migrate import Migration


def migrate(
    library: Library,
    catalogue: Path,
    to: str,
    source: str | None = None,
    *,
    lang: str = "en",
    context: ReadContext | None = None,
) -> tuple[Catalogue, Migration]:
    """The catalogue file's claims moved from the older standard ``source`` (default:
    the one version of ``to`` it claims) to ``to``, and the changelog.

    Raises
    ------
    UsageError
        When ``source`` is not given and the catalogue claims no older version of
        ``to``, or several.
    UnknownReferenceError
        For a standard code the library lacks.
    """
    from curriculum.errors import Names, Phrase, UsageError
    from curriculum.io.loaders import load_catalogue
    from curriculum.reviewing.migrate import migrate_catalogue

    new = library.standard(to)
    loaded = load_catalogue(catalogue, context)
    if source:
        old = library.standard(source)
    else:
        versions = {v.code for v in new.versions} - {new.code}
        claimed = sorted({k for c in loaded.courses for k in c.covers} & versions)
        if len(claimed) != 1:
            found = Names(claimed) if claimed else Phrase("none")
            raise UsageError.keyed("migrate.give_from", path=catalogue, code=new.code, found=found)
        old = library.standard(claimed[0])
    return migrate_catalogue(loaded, old, new, lang=lang)


def suggest(
    library: Library,
    catalogue: Path,
    standard: str,
    *,
    top: int = 3,
    min_score: float = 0.1,
    context: ReadContext | None = None,
    courses: Collection[str] | None = None,
) -> tuple[Standard, Any]:
    """The claims of ``standard`` the catalogue file's course texts support but do
    not make, ranked (at most ``top`` a course, scores from ``min_score``), with
    the standard they are of; for the ``courses`` named only, when given (the text
    model is the whole catalogue's all the same, so each course's suggestions are
    those of a call for every course).

    Raises
    ------
    UnknownReferenceError
        For a standard code the library lacks.
    """
    from curriculum.io.loaders import load_catalogue
    from curriculum.reviewing.plausibility import build_model, course_text, suggest_claims

    std = library.standard(standard)
    loaded = load_catalogue(catalogue, context)
    model = build_model(std, {c.code: course_text(c) for c in loaded.courses})
    claims = {
        c.code: c.items_for(std.code)
        for c in loaded.courses
        if courses is None or c.code in courses
    }
    return std, suggest_claims(model, claims, top=top, threshold=min_score)
