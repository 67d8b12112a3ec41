"""Exceptions and warnings raised on purpose by :mod:`curriculum`.

The command line turns every :class:`CurriculumError` into a one-line message and
an exit code; nothing here depends on click. An error made with :meth:`keyed`
carries a message key of the catalogue and its values: ``str(error)`` is the
English, :meth:`localized` the text in the run's language.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

E = TypeVar("E", bound="CurriculumError")
W = TypeVar("W", bound="CurriculumWarning")


class Phrase:
    """A piece of a message in no language yet (a hint such as ``" (did you mean X?)"``):
    the catalogue's key and its values, worded when the message is; no key, no text."""

    def __init__(self, key: str = "", /, **values: Any) -> None:
        self.key, self.values = key, values

    def text(self, lang: str) -> str:
        """The piece in ``lang``."""
        if not self.key:
            return ""
        from curriculum.i18n import Text

        return Text(lang)(self.key, **worded(self.values, lang))

    def __str__(self) -> str:
        return self.text("en")


class OsReason(Phrase):
    """Why the system refused a file or a connection (``exc.strerror``): the system's
    English, or the catalogue's words for the common ``errno`` values."""

    KEYS: ClassVar[dict[str, str]] = {
        "ENOENT": "os.ENOENT",
        "EACCES": "os.EACCES",
        "EPERM": "os.EPERM",
        "ENOSPC": "os.ENOSPC",
        "EROFS": "os.EROFS",
        "ENAMETOOLONG": "os.ENAMETOOLONG",
        "ELOOP": "os.ELOOP",
        "EISDIR": "os.EISDIR",
        "ENOTDIR": "os.ENOTDIR",
        "EDQUOT": "os.EDQUOT",
        "EFBIG": "os.EFBIG",
        "EIO": "os.EIO",
        "EEXIST": "os.EEXIST",
        "EPIPE": "os.EPIPE",
        "EBADF": "os.EBADF",
        "ECONNREFUSED": "os.ECONNREFUSED",
        "ETIMEDOUT": "os.ETIMEDOUT",
        "EHOSTUNREACH": "os.EHOSTUNREACH",
        "ENETUNREACH": "os.ENETUNREACH",
    }

    def __init__(self, exc: BaseException) -> None:
        import errno

        number = getattr(exc, "errno", None)
        name = errno.errorcode.get(number, "") if isinstance(number, int) else ""
        super().__init__(self.KEYS.get(name, ""))
        self.english = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__

    def text(self, lang: str) -> str:
        """The reason in ``lang`` (the system's English when the catalogue has no words)."""
        return self.english if lang == "en" or not self.key else super().text(lang)


class Said(Phrase):
    """A problem some other code words in each language (:meth:`localized`, as a
    :class:`KeyedValueError` or a keyed error has), or plain English text."""

    def __init__(self, problem: BaseException | str) -> None:
        key = getattr(problem, "key", None)
        super().__init__(key or "", **(getattr(problem, "values", {}) if key else {}))
        self.english = str(problem)

    def text(self, lang: str) -> str:
        """The problem in ``lang``."""
        return super().text(lang) if self.key else self.english


class Alternatives(Phrase):
    """Codes any one of which would do (``A or B``), joined in the words of a language."""

    def __init__(self, codes: Any) -> None:
        super().__init__("list.or")
        self.codes = list(codes)

    def text(self, lang: str) -> str:
        """The codes joined by ``or`` in ``lang``."""
        from curriculum.i18n import Text

        return Text(lang)(self.key).join(self.codes)


class Names(Phrase):
    """Codes or names listed in the words of a language (``A, B`` or ``A、B``); a
    :class:`Phrase` among them is worded in that language too (``第 2 行``)."""

    def __init__(self, names: Any) -> None:
        super().__init__()
        self.names = [n if isinstance(n, Phrase) else str(n) for n in names]

    def text(self, lang: str) -> str:
        """The names joined in ``lang``."""
        from curriculum.i18n import Text

        return Text(lang).join(n.text(lang) if isinstance(n, Phrase) else n for n in self.names)


def worded(values: dict[str, Any], lang: str) -> dict[str, Any]:
    """``values`` with each :class:`Phrase` worded in ``lang``."""
    return {k: v.text(lang) if isinstance(v, Phrase) else v for k, v in values.items()}


class CurriculumError(Exception):
    """Base class for errors raised on purpose by this package."""

    exit_code = 1
    spoken = False
    """Whether the message is in the run's language already (set by whoever wrote it so)."""
    key: str | None = None
    values: dict[str, Any] = {}  # noqa: RUF012 (replaced per instance by keyed)

    @classmethod
    def keyed(cls: type[E], key: str, *args: Any, **values: Any) -> E:
        """The error whose message is the catalogue's ``key`` filled with ``values``."""
        from curriculum.i18n import Text

        error = cls(Text("en")(key, **worded(values, "en")), *args)
        error.key, error.values = key, values
        return error

    def localized(self, lang: str) -> str:
        """The message in ``lang`` (the English when the error carries no key)."""
        if self.key is None:
            return str(self)
        from curriculum.i18n import Text

        return Text(lang)(self.key, **worded(self.values, lang)) + self._suffix(lang)

    def _suffix(self, lang: str) -> str:
        return ""

    def speaks(self) -> bool:
        """Whether the message follows the run's language (else it is English)."""
        return self.key is not None or self.spoken


class KeyedValueError(ValueError):
    """A model validator's problem as a catalogue key and its values: ``str`` is the
    English (what pydantic shows), :meth:`localized` the words of a language."""

    def __init__(self, key: str, **values: Any) -> None:
        from curriculum.i18n import Text

        super().__init__(Text("en")(key, **worded(values, "en")))
        self.key, self.values = key, values

    def localized(self, lang: str) -> str:
        """The problem in ``lang``."""
        from curriculum.i18n import Text

        return Text(lang)(self.key, **worded(self.values, lang))


class DataFileError(CurriculumError):
    """A standard, catalogue or other input file cannot be read or does not validate."""


class OutputFileError(CurriculumError):
    """An output cannot be written (full disk, closed stream, read-only file, ...)."""


class UnknownReferenceError(CurriculumError):
    """A code given by the user (standard, task, item, course) is not defined.

    ``choices`` lists the valid codes so that the message can name them.
    """

    exit_code = 2

    def __init__(self, message: str, choices: list[str] | None = None) -> None:
        self.choices = list(choices or [])
        super().__init__(message + self._suffix("en"))

    def _suffix(self, lang: str) -> str:
        """`` (valid: A, B, … (3 more))`` in ``lang``."""
        if not self.choices:
            return ""
        from curriculum.i18n import Text

        t = Text(lang)
        shown = t.join(self.choices[:40])
        more = len(self.choices) - 40
        if more > 0:
            shown += t.comma + t("error.more", n=more)
        return t("error.valid", codes=shown)


class UsageError(CurriculumError):
    """A request the command line cannot carry out as given (a format that needs an
    option, options that exclude each other): exit code 2, like a click usage error."""

    exit_code = 2


class ScheduleOptionError(UsageError):
    """Options that cannot describe a schedule: bounds that contradict each other,
    dated offerings with numbered periods (exit 2)."""


class NoScheduleError(CurriculumError):
    """No schedule or team calendar meets the periods and limits asked for; the
    message names the constraint that blocks (exit 2, as a budget too small)."""

    exit_code = 2


class SolverError(CurriculumError):
    """CP-SAT rejected the model: a bug in this package, never the user's input."""


class CurriculumWarning(UserWarning):
    """Base class for the package's warnings; one made with :meth:`keyed` speaks the
    run's language on the command line (``str`` stays English)."""

    key: str | None = None
    values: dict[str, Any] = {}  # noqa: RUF012 (replaced per instance by keyed)

    @classmethod
    def keyed(cls: type[W], key: str, **values: Any) -> W:
        """The warning whose message is the catalogue's ``key`` filled with ``values``."""
        from curriculum.i18n import Text

        warning = cls(Text("en")(key, **worded(values, "en")))
        warning.key, warning.values = key, values
        return warning

    def localized(self, lang: str) -> str:
        """The message in ``lang`` (the English when the warning carries no key)."""
        if self.key is None:
            return str(self)
        from curriculum.i18n import Text

        return Text(lang)(self.key, **worded(self.values, lang))


class FontWarning(CurriculumWarning):
    """No installed font draws Chinese: a chart shows English texts or codes instead."""


class HoursRoundingWarning(CurriculumWarning):
    """Course hours were rounded to whole minutes for the solver."""


class ConfusableCodeWarning(CurriculumWarning):
    """A code mixes Latin letters with look-alike letters of another script."""


class RepairWarning(CurriculumWarning):
    """An importer repaired a defect of its source; the original text is kept."""


class DefectWarning(CurriculumWarning):
    """An importer found a defect it cannot repair safely; the text is kept as is."""


class SkippedRowWarning(CurriculumWarning):
    """An importer skipped rows of its source that the source itself flags."""


class BudgetError(CurriculumError):
    """A budget that no plan can meet (the required courses alone exceed it)."""

    exit_code = 2


def about(key: str, exc: CurriculumError, **values: Any) -> tuple[str, bool]:
    """The catalogue's ``key`` (``{place}: member {id}: {problem}``) with ``exc`` as its
    problem: in the run's language when ``exc`` speaks it (then ``True``), else English."""
    from curriculum.i18n import Text, run_lang

    lang = run_lang() if exc.speaks() else "en"
    return Text(lang)(key, problem=exc.localized(lang), **values), exc.speaks()


def problems_error(lines: list[tuple[str, bool]]) -> DataFileError:
    """One :class:`DataFileError` of ``lines`` (made by :func:`about`), spoken when all are."""
    error = DataFileError("\n".join(line for line, _ in lines))
    error.spoken = all(spoke for _, spoke in lines)
    return error
