"""What every command shares: the ``main`` group, error handling, data options and output.

The command modules import from here, never from the ``curriculum.cli`` package
(which imports them to register their commands). Only the cli package imports
click, prints or exits. Errors raised on purpose by the library become one
``Error: ...`` message and an exit code (1 bad data, 2 usage); anything else is
a bug and keeps its traceback.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from curriculum._version import __version__
from curriculum.errors import CurriculumError
from curriculum.model.codes import normalize_code

F = TypeVar("F", bound=Callable[..., Any])


class CurriculumGroup(click.Group):
    """A click group that turns library errors and warnings into clean messages."""

    def invoke(self, ctx: click.Context) -> Any:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                return super().invoke(ctx)
            except CurriculumError as exc:
                error = click.ClickException(str(exc))
                error.exit_code = exc.exit_code
                raise error from None
            finally:
                for warning in caught:
                    click.echo(f"Warning: {warning.message}", err=True)


@click.group(cls=CurriculumGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="curriculum")
def main() -> None:
    """Map training courses onto occupational competency standards and plan
    optimal training programmes.

    Standards are read from ./standards and catalogues from ./courses when the
    current folder has them, else from the copies shipped with the package.
    """


def data_options(func: F) -> F:
    """``--standards`` and ``--catalogue``, shared by every command that loads data."""
    func = click.option(
        "--catalogue",
        "catalogues",
        multiple=True,
        type=click.Path(path_type=Path),
        help="Catalogue file or folder (repeatable). Default: ./courses or the shipped one.",
    )(func)
    return click.option(
        "--standards",
        "standards",
        multiple=True,
        type=click.Path(path_type=Path),
        help="Standards folder or file (repeatable). Default: ./standards or the shipped one.",
    )(func)


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


def output_option(func: F) -> F:
    """``--output FILE``, written atomically, never over an input file."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Write to FILE instead of standard output.",
    )(func)


WORKERS_HELP = (
    "CP-SAT workers: 0 or 1, one with the full LP relaxation (fastest measured on 2 cores); "
    "N >= 2, N plus an LP worker. The answer does not depend on it once proven."
)


def solve_options(time_limit_help: str) -> Callable[[F], F]:
    """``--time-limit`` and ``--workers`` (see ``SolveParams``) for the commands that solve."""

    def decorate(func: F) -> F:
        func = click.option(
            "--workers",
            type=click.IntRange(min=0),
            default=0,
            show_default=True,
            help=WORKERS_HELP,
        )(func)
        return click.option(
            "--time-limit",
            type=click.FloatRange(min=0, min_open=True),
            metavar="SECONDS",
            help=time_limit_help,
        )(func)

    return decorate


attitudes_option = click.option(
    "--attitudes", is_flag=True, help="Add the standard's attitudes (A items)."
)
ignore_levels_option = click.option(
    "--ignore-levels", is_flag=True, help="Let a course cover an item whatever its level."
)
exclude_option = click.option(
    "--exclude", multiple=True, metavar="CODE", help="Never use this course."
)
no_bom_option = click.option(
    "--no-bom", is_flag=True, help="CSV without the UTF-8 byte-order mark."
)
wide_option = click.option(
    "--wide", is_flag=True, help="Terminal tables in full (every name and id), wider than 100."
)


def _check_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from curriculum.i18n import normalize_lang

    if value is None:
        return None
    try:
        return normalize_lang(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def lang_option(func: F) -> F:
    """``--lang en|zh-TW`` (case ignored; ``zh``, ``zh-Hant`` accepted), shared by every
    command that writes a report. ``None`` when not given: the report then takes the
    language of its standard (:func:`curriculum.i18n.resolve_lang`)."""
    return click.option(
        "--lang",
        metavar="en|zh-TW",
        callback=_check_lang,
        help="Report language: en or zh-TW (also zh, zh-Hant). Default: the standard's.",
    )(func)


class InputPath(click.Path):
    """An input file that must exist: a missing one is one line and exit 1, as for data."""

    def __init__(self) -> None:
        super().__init__(path_type=Path, dir_okay=False)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = Path(value)
        if not path.exists():
            raise click.ClickException(f"{value}: no such file or folder")
        return super().convert(value, param, ctx)


def split_codes(values: Sequence[str]) -> list[str]:
    """Codes from repeatable options, each also allowed as a comma-separated list."""
    return [normalize_code(c) for v in values for c in v.replace("，", ",").split(",") if c.strip()]


def emit(data: str | bytes, output: Path | None, inputs: Iterable[Path] = ()) -> None:
    """Print ``data``, or write it atomically to ``output``.

    Raises
    ------
    click.UsageError
        When ``output`` is one of the input files, or binary data would go to a
        terminal.
    """
    from curriculum.io.writers import write_atomic

    if output is None:
        if isinstance(data, bytes):
            stream = click.get_binary_stream("stdout")
            if stream.isatty():
                raise click.UsageError("binary output: give --output FILE")
            stream.write(data)
            stream.flush()
        else:
            click.echo(data, nl=False)
        return
    target = output.resolve()
    for path in inputs:
        path = Path(path)
        files = path.rglob("*") if path.is_dir() else [path]
        if any(f.resolve() == target for f in files):
            raise click.UsageError(f"--output {output} is an input file; refusing to overwrite it")
    if not target.parent.is_dir():
        raise click.UsageError(f"--output {output}: folder {output.parent} does not exist")
    if target.exists() and not target.is_file():
        # a device or pipe (/dev/null, a FIFO): write through it, never replace it
        with target.open("wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        return
    write_atomic(target, data)
    click.echo(f"Wrote {output}", err=True)


def report_lang(lang: str | None, library: Any, codes: Iterable[str]) -> str:
    """The report language: ``--lang`` when given, else the language of the standards
    ``codes`` name (English when they differ)."""
    from curriculum.i18n import resolve_lang

    languages = []
    for code in dict.fromkeys(codes):
        standard = library.standards.get(code)
        if standard is not None:
            languages.append(standard.language)
    return resolve_lang(lang, languages)


def exit_if_interrupted() -> None:
    """After a solving command wrote its result: exit 130 when Ctrl-C stopped the search.

    The first Ctrl-C during a solve keeps the best plan found so far (see
    :mod:`curriculum.solve.cpsat`); the command writes it, labelled not proven, and
    ends here with the interrupt's exit code.
    """
    from curriculum.solve.cpsat import interrupted

    if interrupted():
        click.echo("Interrupted: the result is the best found so far, not proven.", err=True)
        raise SystemExit(130)
