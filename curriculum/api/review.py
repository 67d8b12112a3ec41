"""A review: a provider's programme judged against its standard, for accreditation;
several programmes side by side; a JSON review re-computed from its inputs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from curriculum.api.shared import PathArg

if TYPE_CHECKING:
    from curriculum.io.context import ReadContext
    from curriculum.io.library import Library
    from curriculum.reviewing.compare import Comparison
    from curriculum.reviewing.programme import Programme
    from curriculum.reviewing.result import Review, ReviewOptions
    from curriculum.reviewing.verify import Verification


def review(
    library: Library,
    programme: Programme | PathArg,
    *,
    against: str | None = None,
    lang: Literal["en", "zh-TW"] | None = None,
    attitudes: bool = False,
    indicators: bool = False,
    min_courses: int = 1,
    min_hours: float = 0,
    max_items_per_hour: float = 2,
    strict: bool = False,
) -> Review:
    """Review a provider's programme against its standard, for accreditation.

    Same as ``curriculum review PROGRAMME``.

    Parameters
    ----------
    library
        The loaded data; the programme's catalogue courses must be in it.
    programme
        A programme file (YAML or JSON) or a :class:`Programme`.
    against
        The code of a newer version of the standard to re-check the claims on.
    lang
        ``"en"`` or ``"zh-TW"`` for the messages; the standard's language when
        ``None``.
    attitudes, indicators, min_courses, min_hours, max_items_per_hour, strict
        The review's thresholds and switches, as
        :class:`~curriculum.reviewing.result.ReviewOptions` documents them: the
        attitudes as rows, the behaviour indicators as rows, an item covered by
        fewer courses or hours is THIN, a course claiming more items per hour is
        DENSE, and warnings fail the review too.

    Returns
    -------
    Review
        ``findings`` (each with ``code``, ``severity``, ``item``, ``course``),
        ``count(severity)``, ``failed``, the coverage ``rows`` and the shares
        per task (``task_summaries``) and ``overall``.

    Raises
    ------
    DataFileError
        For a bad programme file, or a standard the library lacks.
    UnknownReferenceError
        When ``against`` names no loaded standard.
    UsageError
        For an argument of the wrong type or out of range (``min_courses=-1``).
    """
    from curriculum.arguments import checked_fields
    from curriculum.reviewing.result import ReviewOptions

    options = checked_fields(
        ReviewOptions,
        attitudes=attitudes,
        indicators=indicators,
        min_courses=min_courses,
        min_hours=min_hours,
        max_items_per_hour=max_items_per_hour,
        strict=strict,
    )
    return run_review(library, programme, options, against=against, lang=lang)


def run_review(
    library: Library,
    programme: Programme | PathArg,
    options: ReviewOptions | None = None,
    *,
    against: str | None = None,
    migrate: bool = False,
    lang: str | None = None,
    record: PathArg | None = None,
    context: ReadContext | None = None,
) -> Review:
    """:func:`review` with its options built once (what ``curriculum review`` calls):
    a programme names what to cover (its standard and courses), ``options`` are
    the review's settings; ``migrate`` moves the claims to ``against`` first,
    ``record`` merges a review record file into the report, and ``context`` says
    how files are read (the command line's run).

    Raises
    ------
    DataFileError, UnknownReferenceError, UsageError
        As :func:`review`.
    """
    from curriculum.api.shared import check_library
    from curriculum.arguments import check_flag, check_lang, check_path
    from curriculum.reviewing.programme import Programme, load_programme
    from curriculum.reviewing.programme_refs import resolve_programme
    from curriculum.reviewing.review import review_programme

    library = check_library(library)
    path = None
    if not isinstance(programme, Programme):
        path = check_path(programme, "programme")
        programme = load_programme(path, context)
    record_path = check_path(record, "record") if record is not None else None
    loaded = None
    if record_path is not None:
        from curriculum.reviewing.record import load_record

        loaded = load_record(record_path, context)
    return review_programme(
        library,
        resolve_programme(programme, library, path),
        _options(options),
        programme_path=path,
        against=_code(against, "against"),
        migrate=check_flag(migrate, "migrate"),
        lang=check_lang(lang),
        record=loaded,
        record_path=record_path,
    )


def compare(
    library: Library,
    programmes: Sequence[PathArg],
    options: ReviewOptions | None = None,
    *,
    lang: str | None = None,
) -> Comparison:
    """Several programme files for one standard reviewed and laid side by side
    (``curriculum review PROG... --compare``)."""
    from curriculum.api.shared import check_library
    from curriculum.arguments import check_lang, check_paths
    from curriculum.reviewing.compare import compare_programmes

    paths = check_paths(programmes, "programmes") or []
    return compare_programmes(
        check_library(library), paths, options=_options(options), lang=check_lang(lang)
    )


def verify(report: PathArg) -> Verification:
    """Re-compute the review a JSON review report records from the inputs its
    provenance names (``curriculum review verify REPORT``); ``matches`` says
    whether the report still holds."""
    from curriculum.arguments import check_path
    from curriculum.reviewing.verify import verify_report

    return verify_report(check_path(report, "report"))


def _options(options: Any) -> ReviewOptions:
    from curriculum.arguments import check_instance
    from curriculum.reviewing.result import ReviewOptions

    checked: ReviewOptions = check_instance(options, "options", ReviewOptions, ReviewOptions())
    return checked


def _code(value: Any, name: str) -> str | None:
    from curriculum.arguments import check_text

    return None if value is None else check_text(value, name)
