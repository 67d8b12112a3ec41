"""Click's own messages (usage errors, ``Usage:``, ``Try … for help.``) in the run's language.

Click words its messages with the standard library's ``gettext`` and ``ngettext``
(the global domain), which an application may translate. Rather than bind the
process-wide domain, :func:`install` gives click's modules a ``gettext`` and an
``ngettext`` that look click's English up in our catalogue (the keys of
:data:`KEYS`, whose English is click's text exactly) when the run speaks zh-TW,
and return click's English otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

KEYS = (
    "click.usage",
    "click.try",
    "click.error",
    "click.no_such_option",
    "click.no_such_command",
    "click.did_you_mean",
    "click.invalid_value",
    "click.invalid_value_for",
    "click.missing_argument",
    "click.missing_option",
    "click.missing_parameter",
    "click.missing_command",
    "click.not_choice",
    "click.not_number",
    "click.not_in_range",
    "click.not_boolean",
    "click.does_not_exist",
    "click.is_a_file",
    "click.is_a_directory",
    "click.not_readable",
    "click.not_writable",
    "click.file",
    "click.directory",
    "click.path",
    "click.requires_argument",
    "click.no_value",
    "click.aborted",
    "click.extra_argument",
    "click.options",
    "click.commands",
    "click.default",
    "click.required",
)
"""The click messages the catalogue translates (its English is click's msgid)."""

MODULES = ("core", "exceptions", "parser", "types", "formatting", "decorators", "termui")


@cache
def _keys() -> dict[str, str]:
    """Click's English (each form) → its key."""
    from curriculum.i18n import english

    found = {}
    for key in KEYS:
        for n in (1, 2):
            found[english(key, n)] = key
    return found


def gettext(message: str) -> str:
    """Click's ``message`` in the run's language."""
    from curriculum.i18n import catalogue, run_lang

    if run_lang() == "en":
        return message
    key = _keys().get(message)
    if key is None:
        return message
    return catalogue("zh_TW").pgettext(key, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Click's message for ``n`` in the run's language."""
    from curriculum.i18n import catalogue, run_lang

    key = _keys().get(singular) if run_lang() != "en" else None
    if key is None:
        return singular if n == 1 else plural
    return catalogue("zh_TW").npgettext(key, singular, plural, n)


_INSTALLED: list[bool] = []  # the wrappers below are installed once per process


def install() -> None:
    """Give click's modules these ``gettext`` and ``ngettext`` (once per process), and
    its usage line and suggestions the punctuation of the run's language."""
    import importlib

    import click

    for name in MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
    if _INSTALLED:  # wrapped once: a process that runs many commands (tests, a server)
        return  # would otherwise wrap the wrappers until the recursion limit
    _INSTALLED.append(True)
    formatter = click.formatting.HelpFormatter
    formatter.write_usage = _usage(formatter.write_usage)  # type: ignore[method-assign]
    for error in (click.exceptions.NoSuchOption, click.exceptions.NoSuchCommand):
        error.format_message = _suggested(error.format_message)  # type: ignore[method-assign,assignment]


def _usage(write_usage: Callable[..., None]) -> Callable[..., None]:
    """Click's usage line, in zh-TW ``用法：curriculum plan [選項] …``: click puts a
    space after its prefix, where the full-width colon has its own."""

    def write(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        from curriculum.i18n import Text, run_lang

        if prefix is None and run_lang() != "en":
            t = Text(run_lang())
            prefix = gettext("Usage:")
            args = args.replace("[OPTIONS]", t("click.options_metavar"))
            args = args.replace("COMMAND [ARGS]...", t("click.command_metavar"))
        write_usage(self, prog, args, prefix)

    return write


def _suggested(format_message: Callable[[Any], str]) -> Callable[[Any], str]:
    """An unknown option's or command's message and its suggestion, in zh-TW with no
    space between the two sentences (``沒有 '--bogus' 這個選項。（是否應為 …？）``)."""

    def message(self: Any) -> str:
        from curriculum.i18n import run_lang

        text = format_message(self)
        if run_lang() != "en" and self.possibilities:
            return text.replace(f"{self.message} ", self.message, 1)
        return text

    return message


def import_in_english(name: str) -> None:
    """Import the module ``name`` with click's words in English: what click words at
    import (a type's name, an option's default help) then stays English for every
    later run of the process, whatever language this one speaks."""
    import importlib

    from curriculum import i18n

    kept = i18n._RUN[0]
    i18n.set_run_lang(None)
    try:
        importlib.import_module(name)
    finally:
        i18n._RUN[0] = kept


def early_lang(argv: list[str]) -> None:
    """Set the run's language from ``--lang`` in ``argv`` before click parses it, so
    that a usage error found while parsing speaks it (an unknown value is left to
    the option's own check)."""
    from curriculum.i18n import normalize_lang, set_run_lang

    for at, arg in enumerate(argv):
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if arg == "--lang" and at + 1 < len(argv):
            value = argv[at + 1]
        if value is not None:
            try:
                set_run_lang(normalize_lang(value))
            except ValueError:
                return


def speak(argv: Sequence[str] | None) -> None:
    """Click's messages in the run's language from here on: :func:`install`, and the
    language of ``--lang`` in ``argv`` (the command line when ``None``)."""
    import sys

    from curriculum.i18n import run_lang

    install()
    early_lang(list(sys.argv[1:] if argv is None else argv))
    if run_lang() != "en":
        from curriculum.cli import help_words

        help_words.install()
