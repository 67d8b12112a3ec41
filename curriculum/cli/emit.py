"""The one output step of every command: render, add the BOM, write (atomically,
never over an input) or print, and draw the chart.

A command declares its output options once with :func:`output_options`, which
injects an :class:`Out`, and ends in :func:`emit`. The low-level writing (atomic
replace, special files, refusing inputs) is :func:`curriculum.cli.common.write_output`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from curriculum.cli.common import check_output, exit_if_interrupted, inject, write_output
from curriculum.cli.localized import LANG, say, warning_line

F = TypeVar("F", bound=Callable[..., Any])

Render = Callable[[Any, str], "str | bytes"]
"""Turns a result into its report in a language."""

Chart = Callable[[Any, str, str], "tuple[bytes, Sequence[Warning]]"]
"""Draws a result as a chart (``png``/``svg``, language): its bytes and warnings."""


@dataclass(frozen=True)
class Out:
    """Where and how a command's result goes: ``--format``, ``--lang``, ``--output``,
    ``--no-bom``, ``--wide`` and ``--plot`` (with its chart format)."""

    fmt: str = "table"
    lang: str | None = None
    output: Path | None = None
    bom: bool = True
    wide: bool = False
    plot: Path | None = None
    chart_format: str | None = None


def output_options(
    formats: Iterable[str],
    *,
    default: str = "table",
    output: bool = True,
    bom: bool = True,
    wide: bool = False,
    plot: str | None = None,
) -> Callable[[F], F]:
    """``--format`` (from a renderer registry), ``--lang`` and, as asked, ``--output``,
    ``--no-bom``, ``--wide`` and ``--plot`` (drawing ``plot``): the command receives
    them as one :class:`Out` named ``out``, its ``--plot`` checked before any work."""
    options = [format_option(formats, default), lang_option]
    if output:
        options.append(output_option)
    if bom:
        options.append(no_bom_option)
    if wide:
        options.append(wide_option)
    if plot is not None:
        options.append(plot_option(plot))

    def build(
        fmt: str,
        lang: str | None,
        output: Path | None = None,
        no_bom: bool = False,
        wide: bool = False,
        plot: Path | None = None,
    ) -> Out:
        return Out(fmt, lang, output, not no_bom, wide, plot, plot_suffix(plot))

    def decorate(func: F) -> F:
        func = inject("out", build, ("fmt", "lang", "output", "no_bom", "wide", "plot"))(func)
        for option in reversed(options):
            func = option(func)
        return func

    return decorate


def format_option(choices: Iterable[str], default: str = "table") -> Callable[[F], F]:
    """A single ``--format`` choice built from a renderer registry."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(sorted(choices)),
        default=default,
        show_default=True,
        help="Output format.",
    )


def emit(
    result: Any,
    render: Render,
    out: Out,
    inputs: Sequence[Path] = (),
    *,
    standards: Mapping[str, Any] | None = None,
    about: Iterable[str | None] = (),
    chart: Chart | None = None,
) -> str:
    """Render ``result`` in the report language, add the byte-order mark to CSV
    (unless ``--no-bom``), check ``--output``, draw ``--plot`` with ``chart``, then
    print or write the report; exit 130 when Ctrl-C cut a search short.

    The report language is ``--lang``, else the language of the standards
    ``about`` names (looked up in ``standards``). Returns that language.

    Raises
    ------
    click.UsageError
        When an output is an input file, or binary data would go to a terminal.
    OutputFileError
        When an output cannot be written; nothing is left half written.
    """
    lang = report_lang(out.lang, standards or {}, about)
    data = render(result, lang)
    if out.fmt == "csv" and out.bom and isinstance(data, str):
        data = "\ufeff" + data
    if out.output is not None:
        check_output(out.output, inputs)
    if out.plot is not None and out.chart_format is not None and chart is not None:
        suffix = out.chart_format
        write_plot(out.plot, out.output, inputs, lambda: chart(result, suffix, lang))
    write_output(data, out.output, inputs)
    exit_if_interrupted()
    return lang


def report_lang(lang: str | None, standards: Mapping[str, Any], codes: Iterable[str | None]) -> str:
    """The report language: ``--lang`` when given, else the language of the standards
    ``codes`` name (English when they differ)."""
    from curriculum.i18n import resolve_lang, set_run_lang

    languages = []
    for code in dict.fromkeys(codes):
        standard = standards.get(code) if code is not None else None
        if standard is not None:
            languages.append(standard.language)
    chosen = resolve_lang(lang, languages)
    set_run_lang(chosen)  # the run's errors and progress lines speak it too
    return chosen


def _check_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from curriculum.arguments import check_lang
    from curriculum.errors import UsageError
    from curriculum.i18n import set_run_lang

    try:
        lang = check_lang(value)
    except UsageError:
        raise click.BadParameter(say("usage.lang", value=repr(value))) from None
    if lang is None:  # curriculum --lang L COMMAND: L
        lang = ctx.meta.get(LANG)
    if lang is not None:
        set_run_lang(lang)
    return lang


lang_option = click.option(
    "--lang",
    metavar="en|zh-TW",
    callback=_check_lang,
    is_eager=True,  # before the other options, so that their errors speak it
    help="Report language: en or zh-TW (also zh, zh-Hant). Default: the standard's.",
)
"""``--lang en|zh-TW`` (case ignored; ``zh``, ``zh-Hant`` accepted); ``None`` when not
given: the report then takes the language of its standard."""

output_option = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to FILE instead of standard output.",
)
"""``--output FILE``, written atomically, never over an input file."""

no_bom_option = click.option(
    "--no-bom", is_flag=True, help="CSV without the UTF-8 byte-order mark."
)
wide_option = click.option(
    "--wide", is_flag=True, help="Terminal tables in full (every name and id), wider than 100."
)


def plot_option(what: str) -> Callable[[F], F]:
    """``--plot FILE``: also draw ``what`` to a .png or .svg file."""
    return click.option(
        "--plot",
        type=click.Path(path_type=Path, dir_okay=False),
        help=f"Also draw {what} to FILE (.png or .svg; needs matplotlib).",
    )


def plot_suffix(plot: Path | None) -> str | None:
    """The chart format of ``--plot FILE`` (``png``/``svg``), checked before any work:
    a usage error for another suffix, the install hint without matplotlib."""
    if plot is None:
        return None
    suffix = plot.suffix.lower().lstrip(".")
    if suffix not in ("png", "svg"):
        raise click.UsageError(say("usage.plot_suffix", path=plot))
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise click.ClickException(say("hint.plot")) from None
    return suffix


def write_plot(
    plot: Path,
    output: Path | None,
    inputs: Sequence[Path],
    draw: Callable[[], tuple[bytes, Sequence[Warning]]],
) -> None:
    """Draw the chart (``draw()`` gives its bytes and warnings) and write it to
    ``plot``, refused when it is ``--output`` or an input file."""
    target = check_output(plot, inputs, "--plot")  # first: a name that cannot resolve
    if output is not None and check_output(output, inputs) == target:
        raise click.UsageError(say("usage.plot_output", plot=plot, path=output))
    image, warnings = draw()
    for warning in warnings:
        click.echo(warning_line(warning), err=True)
    write_output(image, plot, inputs, "--plot")
