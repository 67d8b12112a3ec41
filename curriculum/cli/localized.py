"""A library error as the command line shows it: one line, ``Error:`` in the run's
language when the message is (see :meth:`curriculum.errors.CurriculumError.speaks`)."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import click

from curriculum.errors import CurriculumError


def warning_line(message: Warning | str) -> str:
    """``Warning: MESSAGE`` or ``警告：MESSAGE``: a keyed warning in the run's language,
    another in English with an English prefix."""
    from curriculum.errors import CurriculumWarning
    from curriculum.i18n import Text, run_lang

    if isinstance(message, CurriculumWarning) and message.key is not None:
        lang = run_lang()
        return Text(lang)("warning_prefix") + message.localized(lang)
    return Text("en")("warning_prefix") + str(message)


def show_warnings(caught: list[warnings.WarningMessage]) -> None:
    """Each warning ``caught`` on stderr (:func:`warning_line`); a library's
    deprecations and resource notes (an unclosed temporary file of Dask's) are for its
    developers, never printed."""
    if caught:
        from curriculum.io.cells import terminal_text
    for warning in caught:
        if issubclass(
            warning.category, DeprecationWarning | PendingDeprecationWarning | ResourceWarning
        ):
            continue
        click.echo(terminal_text(warning_line(warning.message)), err=True)


class LocalizedError(click.ClickException):
    """A library error as one line on stderr, ``Error:`` in the run's language."""

    def __init__(self, message: str, exit_code: int, lang: str = "en") -> None:
        from curriculum.io.cells import terminal_text

        super().__init__(terminal_text(message))
        # an instance value (click declares exit_code as a class variable, typed so in 8.5)
        setattr(self, "exit_code", exit_code)  # noqa: B010
        self.lang = lang

    @classmethod
    def of(cls, exc: CurriculumError) -> LocalizedError:
        """``exc`` in the run's language when it speaks it; an English message stays so."""
        from curriculum.i18n import run_lang

        lang = run_lang() if exc.speaks() else "en"
        return cls(exc.localized(lang), exc.exit_code, lang)

    def show(self, file: Any = None) -> None:
        """``Error: MESSAGE`` or ``錯誤：MESSAGE`` on stderr."""
        from curriculum.i18n import Text

        click.echo(Text(self.lang)("error_prefix") + self.format_message(), err=True)


def say(key: str, /, **values: Any) -> str:
    """The catalogue's ``key`` in the run's language: a usage error's message."""
    from curriculum.i18n import Text, run_lang

    return Text(run_lang())(key, **values)


def spoken(exc: CurriculumError) -> str:
    """``exc``'s message in the run's language when it speaks it, else its English."""
    from curriculum.i18n import run_lang

    return exc.localized(run_lang()) if exc.speaks() else str(exc)


def spoken_value(exc: Exception) -> str:
    """A ``ValueError``'s message in the run's language when it carries a catalogue key
    (:class:`~curriculum.errors.KeyedValueError`), else its English."""
    from curriculum.errors import KeyedValueError
    from curriculum.i18n import run_lang

    return exc.localized(run_lang()) if isinstance(exc, KeyedValueError) else str(exc)


LANG = "curriculum.lang"
"""Where ``curriculum --lang L COMMAND`` keeps L for the command (click's shared meta)."""


def group_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """``curriculum --lang L``: the run's language, kept for the command (:data:`LANG`)."""
    if value is None:
        return  # nothing imported: the common case, start-up
    from curriculum.arguments import check_lang
    from curriculum.errors import UsageError
    from curriculum.i18n import set_run_lang

    try:
        lang = check_lang(value)
    except UsageError:
        raise click.BadParameter(say("usage.lang", value=repr(value))) from None
    if lang is not None:
        set_run_lang(lang)
        ctx.meta[LANG] = lang


def speak_standards(standards: Mapping[str, Any], about: str | None) -> None:
    """Unless the run was given its language (``--lang``), speak from here on that of
    the standard ``about`` when loaded, else the language every standard in
    ``standards`` shares (English when they differ): the language of the report."""
    from curriculum.i18n import resolve_lang, run_lang_given, set_run_lang

    named = standards.get(about) if about is not None else None
    chosen = [named] if named is not None else list(standards.values())
    if chosen and not run_lang_given():
        set_run_lang(resolve_lang(None, [s.language for s in chosen]))
