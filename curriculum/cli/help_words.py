"""Command and option help (``--help``) in the run's language.

The help texts are written in English where click declares them (docstrings, ``help=``)
and translated by the catalogue's ``help.*`` messages, whose English is the help text
exactly (:func:`help_texts` lists them; ``python -m curriculum.i18n.build check``
reports one the catalogue lacks). :func:`install` makes click look them up when the
run speaks zh-TW; an English run never loads a catalogue for its help (start-up).
Chinese lines are wrapped by :func:`curriculum.i18n.lines.wrap` (display width, no
line starting with closing punctuation), English ones by click.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import cache
from typing import Any

import click
import click.formatting

_INSTALLED: list[bool] = []


def help_texts(command: click.Command, path: str = "curriculum") -> dict[str, str]:
    """Every help text of ``command`` and its subcommands (cleaned as click shows it)
    → the place it is first found (``curriculum plan``, ``curriculum plan --lang``)."""
    found: dict[str, str] = {}
    texts = [(command.help, path), (command.short_help, path)]
    params = command.get_params(click.Context(command))  # the help option too
    texts += [(getattr(p, "help", None), f"{path} {p.name}") for p in params]
    for text, place in texts:
        if text:
            found.setdefault(inspect.cleandoc(text), place)
    subcommands: dict[str, click.Command] = {}
    if isinstance(command, click.Group):  # its commands, lazily imported ones too
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None:
                subcommands[name] = sub
    subcommands.update(getattr(command, "extra_commands", {}))
    for name, sub in sorted(subcommands.items()):
        for text, place in help_texts(sub, f"{path} {name}").items():
            found.setdefault(text, place)
    return found


@cache
def _keys() -> dict[str, str]:
    """English help text → its catalogue key (the ``help.*`` messages)."""
    from curriculum.i18n import catalogue

    messages = catalogue("en").messages()
    return {text: key for key, text in messages.items() if key.startswith("help.")}


def translated(text: str | None) -> str | None:
    """``text`` (a help text) in the run's language; as it is when English or unknown."""
    from curriculum.i18n import catalogue, run_lang

    if not text or run_lang() == "en":
        return text
    english = inspect.cleandoc(text)
    key = _keys().get(english)
    return text if key is None else catalogue("zh_TW").pgettext(key, english)


def _short(text: str, limit: int = 45) -> str:
    """A command's line in its group's list: the first sentence, cut to ``limit`` columns."""
    from curriculum.i18n.lines import display_width

    first = text.split("\n\n")[0].replace("\n", "")
    first = first.split("。")[0] + ("。" if "。" in first else "")
    if display_width(first) <= limit:
        return first
    while display_width(first) > limit - 2:  # cut at a clause (：，；) outside brackets
        clause = max(first.rfind(mark, 0, len(first) - 1) for mark in "：，；")
        first = first[:clause] if clause > 0 else first[:-1]
        if first.count("（") > first.count("）"):
            first = first[: first.rfind("（")]
    return first + "…"


def _wrap_text(original: Callable[..., str]) -> Callable[..., str]:
    def wrap_text(
        text: str,
        width: int = 78,
        initial_indent: str = "",
        subsequent_indent: str = "",
        preserve_paragraphs: bool = False,
    ) -> str:
        from curriculum.i18n import run_lang
        from curriculum.i18n.lines import wrap

        chinese = any("\u3400" <= c <= "\u9fff" for c in text)
        if run_lang() == "en" or not chinese:
            return original(text, width, initial_indent, subsequent_indent, preserve_paragraphs)
        room = max(width - len(subsequent_indent), 20)
        paragraphs = []
        for part in text.split("\n\n") if preserve_paragraphs else [text]:
            lines = wrap(part.replace("\n", ""), room, indent="")
            paragraphs.append(
                "\n".join(
                    (initial_indent if n == 0 else subsequent_indent) + line
                    for n, line in enumerate(lines)
                )
            )
        return "\n\n".join(paragraphs)

    return wrap_text


def install() -> None:
    """Translate commands' and options' help when the run speaks zh-TW (once per
    process; an English run goes through click's own code unchanged)."""
    if _INSTALLED:
        return
    _INSTALLED.append(True)
    help_text = click.Command.format_help_text
    short_help = click.Command.get_short_help_str
    option_help = click.Option.get_help_record

    def format_help_text(self: click.Command, ctx: click.Context, formatter: Any) -> None:
        original = self.help
        self.help = translated(original)
        try:
            help_text(self, ctx, formatter)
        finally:
            self.help = original

    def get_short_help_str(self: click.Command, limit: int = 45) -> str:
        text = translated(self.short_help or self.help)
        if text is None or text == (self.short_help or self.help):
            return short_help(self, limit)
        return _short(inspect.cleandoc(text), limit)

    def get_help_record(self: click.Option, ctx: click.Context) -> tuple[str, str] | None:
        original = self.help
        self.help = translated(original)
        try:
            return option_help(self, ctx)
        finally:
            self.help = original

    heading = click.formatting.HelpFormatter.write_heading

    def write_heading(self: click.formatting.HelpFormatter, text: str) -> None:
        from curriculum.i18n import run_lang

        if run_lang() == "en":
            heading(self, text)
        else:  # 選項：, with the full-width colon
            self.write(f"{'':>{self.current_indent}}{text}：\n")

    click.formatting.HelpFormatter.write_heading = write_heading  # type: ignore[method-assign,assignment]
    click.Command.format_help_text = format_help_text  # type: ignore[method-assign]
    click.Command.get_short_help_str = get_short_help_str  # type: ignore[method-assign]
    click.Option.get_help_record = get_help_record  # type: ignore[method-assign]
    click.formatting.wrap_text = _wrap_text(click.formatting.wrap_text)
