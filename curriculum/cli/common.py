"""What every command shares: the ``main`` group, error handling, data options and output.

The command modules import from here, never from the ``curriculum.cli`` package;
the ``main`` group imports a command's module when that command is asked for
(:data:`~curriculum.cli.commands.COMMANDS`). Only the cli package imports
click, prints or exits. Errors raised on purpose by the library become one
``Error: ...`` message and an exit code (1 bad data, 2 usage); anything else is
a bug and keeps its traceback.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import io
import os
import sys
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from curriculum._version import __version__
from curriculum.cli.click_words import import_in_english, speak
from curriculum.cli.commands import COMMANDS, SUMMARIES
from curriculum.cli.localized import LocalizedError, group_lang, say, show_warnings
from curriculum.cli.signals import (
    STDOUT_ERRNOS,
    ClosedStdout,
    Terminated,
    signals,
    stdout_error,
)
from curriculum.errors import CurriculumError, DataFileError
from curriculum.io.outputs import binary_stdout, is_terminal

F = TypeVar("F", bound=Callable[..., Any])


_LISTING = "curriculum.listing"


class CurriculumGroup(click.Group):
    """A click group that turns library errors, warnings, signals and a broken
    standard output into clean one-line messages.

    Ctrl-C exits 130 and SIGTERM 143 with one line and no traceback; an output
    file is then never left half written (see :func:`emit`).
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:
        # No pydantic plugin runs in a command: looking for one reads the metadata of
        # every installed distribution at each start (~2% of `curriculum validate`
        # with 150 installed). A user's own setting is kept.
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
        speak(kwargs.get("args", args[0] if args else None))
        closed = sys.stdout is None
        if closed:
            sys.stdout = ClosedStdout()
        try:
            with signals():
                return super().main(*args, **kwargs)
        finally:
            if "curriculum.i18n" in sys.modules:  # the next run, or the API, starts afresh
                sys.modules["curriculum.i18n"].set_run_lang(None)
            if closed:
                sys.stdout = None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command, its module imported only now: ``curriculum validate`` does
        not pay for importing what ``plan`` or ``team`` need (nor ``--help``, which
        lists the summaries)."""
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            if ctx.meta.get(_LISTING):
                return click.Command(cmd_name, short_help=SUMMARIES[cmd_name])
            import_in_english(f"curriculum.cli.{COMMANDS[cmd_name]}")
        command = self.commands.get(cmd_name)
        if command is not None and cmd_name in SUMMARIES:  # however its module came in
            command.short_help = SUMMARIES[cmd_name]
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        ctx.meta[_LISTING] = True
        try:
            super().format_commands(ctx, formatter)
        finally:
            ctx.meta[_LISTING] = False

    def invoke(self, ctx: click.Context) -> Any:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result = super().invoke(ctx)
                sys.stdout.flush()
                return result
            except CurriculumError as exc:
                raise LocalizedError.of(exc) from None
            except KeyboardInterrupt as exc:
                term = isinstance(exc, Terminated)
                click.echo(say("signal.terminated" if term else "signal.interrupted"), err=True)
                raise click.exceptions.Exit(143 if term else 130) from None
            except OSError as exc:
                if exc.filename is None and exc.errno in STDOUT_ERRNOS:
                    raise stdout_error(exc) from None
                raise
            finally:
                show_warnings(caught)


def _encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from curriculum.io.context import ReadContext

    try:
        ctx.meta[READ_CONTEXT] = ReadContext(encoding=value)
    except LookupError:
        raise click.BadParameter(say("usage.encoding", value=repr(value)), ctx, param) from None
    except ValueError:
        text = say("usage.not_text_encoding", value=repr(value))
        raise click.BadParameter(text, ctx, param) from None
    return value


READ_CONTEXT = "curriculum.read_context"


def read_context() -> Any:
    """This run's :class:`~curriculum.io.context.ReadContext` (``--encoding``, the files
    read): kept in click's context, so each run has its own; pass it to every loader."""
    from curriculum.io.context import ReadContext

    ctx = click.get_current_context(silent=True)
    if ctx is None:  # outside a command (a test calling a helper): read as by default
        return ReadContext()
    meta = ctx.meta
    if READ_CONTEXT not in meta:
        meta[READ_CONTEXT] = ReadContext()
    return meta[READ_CONTEXT]


def read_weights(weights_file: Path | None, library: Any, standard: str) -> Any:
    """The weights of ``--weights FILE`` for ``standard``, read here at the edge
    (planning reads no file); ``None`` without the option."""
    from curriculum.io.weights import resolve_weights

    if weights_file is None:
        return None
    return resolve_weights(weights_file, library.standard(standard), read_context())


@click.group(cls=CurriculumGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="curriculum")
@click.option(
    "--lang",
    metavar="en|zh-TW",
    callback=group_lang,
    expose_value=False,
    is_eager=True,
    help="Language of every command's messages, reports and help: en or zh-TW (also zh, "
    "zh-Hant). A command's own --lang overrides it.",
)
@click.option(
    "--encoding",
    metavar="NAME",
    callback=_encoding,
    expose_value=False,
    is_eager=True,
    help="Read input files that are not UTF-8 in this encoding (e.g. latin-1, "
    "cp1252) instead of Big5/CP950.",
)
def main() -> None:
    """Map training courses onto occupational competency standards and plan
    optimal training programmes.

    Standards are read from ./standards and catalogues from ./courses when the
    current folder has them, else from the copies shipped with the package.
    """


def inject(name: str, build: Callable[..., Any], keys: Iterable[str]) -> Callable[[F], F]:
    """Replace the keywords ``keys`` by ``name=build(**those)`` when the command runs
    (how the shared decorators hand a command one object instead of its options)."""
    keys = tuple(keys)

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            values = {k: kwargs.pop(k) for k in keys if k in kwargs}
            kwargs[name] = build(**values)
            return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


@dataclass(frozen=True)
class Data:
    """The ``--standards`` and ``--catalogue`` paths of a command (empty: the defaults)."""

    standards: tuple[Path, ...] = ()
    catalogues: tuple[Path, ...] = ()

    def load(self, about: str | None = None, **how: Any) -> Any:
        """The library these paths give, through :func:`curriculum.api.load_library`
        (``how``: its keywords, e.g. ``example_catalogue=True``); without ``--lang``
        its errors speak the standards' language (see :func:`speak_standards`)."""
        from curriculum.api.library import load_library
        from curriculum.cli.localized import speak_standards

        context = read_context()
        context.on_standards = functools.partial(speak_standards, about=about)
        try:
            return load_library(self.standards, self.catalogues, context=context, **how)
        finally:
            context.on_standards = None


def data_options(func: F) -> F:
    """``--standards`` and ``--catalogue``, shared by every command that loads data:
    the command receives them as one :class:`Data` named ``data``."""
    func = inject("data", Data, ("standards", "catalogues"))(func)
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


class InputPath(click.Path):
    """An input file that must exist: a missing one is one line and exit 1, as for data."""

    def __init__(self) -> None:
        super().__init__(path_type=Path, dir_okay=False)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = Path(value)
        if not path.exists():
            raise DataFileError.keyed("missing_input", path=value)
        return super().convert(value, param, ctx)


def _is_input(target: Path, inputs: Iterable[Path]) -> bool:
    """Whether ``target`` (resolved) is one of the inputs or a file inside an input folder,
    also through a hard link."""
    exists = target.exists()
    for path in inputs:
        path = Path(path)
        files = path.rglob("*") if path.is_dir() else [path]
        for f in files:
            if f.resolve() == target:
                return True
            with contextlib.suppress(OSError):
                if exists and f.is_file() and os.path.samefile(f, target):
                    return True
    return False


def check_output(output: Path, inputs: Iterable[Path], option: str = "--output") -> Path:
    """The resolved target of an output option, checked before anything is written
    (see :func:`curriculum.io.outputs.destination`).

    Raises
    ------
    click.UsageError
        When the output is an input file (or in an input folder), a symbolic link,
        or its folder is missing.
    """
    from curriculum.errors import OutputFileError
    from curriculum.io.outputs import destination
    from curriculum.io.writers import is_read_only

    where = destination(output, option)
    if where.kind != "file":
        return where.path
    target = where.path
    if _is_input(target, [*inputs, *read_context().files]):
        raise click.UsageError(say("usage.input_file", option=option, path=output))
    if target.is_file() and is_read_only(target):
        raise OutputFileError.keyed("output.read_only", path=output)
    return target


def _print(data: str | bytes) -> None:
    """``data`` to standard output (text made safe for a terminal; bytes never to one)."""
    try:
        if isinstance(data, bytes):
            stream = binary_stdout()
            if is_terminal(stream):
                raise click.UsageError(say("usage.binary"))
            stream.write(data)
            stream.flush()
        else:
            from curriculum.io.cells import terminal_text

            click.echo(terminal_text(data), nl=False)
            sys.stdout.flush()
        _check_reader()
    except OSError as exc:
        raise stdout_error(exc) from None


def _check_reader() -> None:
    """A pipe reader that left after taking part of the output: a broken pipe too."""
    from curriculum.io.outputs import reader_gone

    with contextlib.suppress(ValueError, AttributeError, io.UnsupportedOperation):
        if reader_gone(sys.stdout.fileno()):
            raise OSError(errno.EPIPE, os.strerror(errno.EPIPE))


def write_output(
    data: str | bytes,
    output: Path | None,
    inputs: Iterable[Path] = (),
    option: str = "--output",
    *,
    announce: bool = True,
) -> None:
    """Print ``data``, or write it atomically to ``output``.

    Raises
    ------
    click.UsageError
        When ``output`` is one of the input files, or binary data would go to a
        terminal.
    OutputFileError
        One line naming ``output`` when it cannot be written (read-only, full disk,
        unwritable folder); nothing is left half written.
    """
    from curriculum.io.outputs import destination
    from curriculum.io.writers import output_error, write_atomic

    kind = "stdout" if output is None else destination(output, option).kind
    if kind == "stdout":
        _print(data)
        return
    assert output is not None
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if kind != "file":
        # standard error, a device or a pipe (/dev/null, a FIFO): write through it
        try:
            if kind == "stderr":
                sys.stderr.flush()
            with output.open("wb") as handle:
                handle.write(raw)
        except OSError as exc:
            raise output_error(output, exc) from None
        return
    target = check_output(output, inputs, option)
    write_atomic(target, raw, shown=output)
    if announce:
        from curriculum.i18n import Text, run_lang

        click.echo(Text(run_lang())("wrote", path=output), err=True)


STOP = "curriculum.stop"


def solve_params(time_limit: float | None, workers: int, engine: str = "auto") -> Any:
    """The :class:`~curriculum.solve.params.SolveParams` of ``--time-limit``,
    ``--workers`` and ``--engine``, with this run's stop request (kept in click's
    context, where :func:`exit_if_interrupted` reads it)."""
    from curriculum.solve.params import SolveParams, Stop

    meta = click.get_current_context().meta
    stop = meta.setdefault(STOP, Stop())
    return SolveParams(time_limit=time_limit, workers=workers, engine=engine, stop=stop)


def exit_if_interrupted() -> None:
    """After a solving command wrote its result: exit 130 when Ctrl-C stopped the search.

    The first Ctrl-C during a solve keeps the best plan found so far (see
    :mod:`curriculum.solve.cpsat`); the command writes it, labelled not proven, and
    ends here with the interrupt's exit code.
    """
    ctx = click.get_current_context(silent=True)
    stop = None if ctx is None else ctx.meta.get(STOP)
    if stop is not None and stop.requested:
        click.echo(say("signal.best_so_far"), err=True)
        raise SystemExit(130)
