"""Options shared by the commands that lay plans out over time or draw charts:
the calendar (``--periods``, ``--start``, ``--period``) and ``--plot``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from curriculum.cli.common import check_output, emit

F = TypeVar("F", bound=Callable[..., Any])


def calendar_options(prefix: str = "", *, optional: bool = False) -> Callable[[F], F]:
    """``--periods``, ``--start`` and ``--period``: the calendar of a schedule
    (``prefix`` heads each help line, e.g. ``"With --schedule: "``; ``optional``:
    ``--periods`` is ``None`` unless given, so that a caller can tell)."""
    from curriculum.model.periods import DEFAULT_PERIODS, MAX_PERIODS

    how, date = ("how", "date") if prefix else ("How", "Date")
    options = [
        click.option(
            "--periods",
            type=click.IntRange(min=1, max=MAX_PERIODS),
            default=None if optional else DEFAULT_PERIODS,
            show_default=not optional,
            metavar="N",
            help=f"{prefix}{how} many periods the calendar has (numbered unless --start)"
            + (f"; {DEFAULT_PERIODS} when not given." if optional else "."),
        ),
        click.option(
            "--start",
            metavar="YYYY-MM",
            help=f"{prefix}{date} the periods: the first one starts in this month (2027-01). "
            "Needed when courses are offered in dated periods (2027-Q1, Q2, S1).",
        ),
        click.option(
            "--period",
            "period_kind",
            type=click.Choice(["month", "quarter", "semester"]),
            default="quarter",
            show_default=True,
            help="With --start: how long each period is.",
        ),
    ]

    def decorate(func: F) -> F:
        for option in reversed(options):
            func = option(func)
        return func

    return decorate


def make_calendar(periods: int | None, start: str | None, kind: str) -> Any:
    """The :class:`~curriculum.model.periods.Calendar` the calendar options ask for
    (a usage error naming ``--start`` when they make none)."""
    from curriculum.model.periods import Calendar

    try:
        return Calendar.of(periods, start, kind)
    except ValueError as exc:
        raise click.UsageError(f"--start: {exc}") from None


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
        raise click.UsageError(f"--plot {plot}: give a .png or .svg file name")
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        from curriculum.formats import PLOT_HINT

        raise click.ClickException(PLOT_HINT) from None
    return suffix


def write_plot(
    plot: Path,
    output: Path | None,
    inputs: Sequence[Path],
    draw: Callable[[], tuple[bytes, list[str]]],
) -> None:
    """Draw the chart (``draw()`` gives its bytes and warnings) and write it to
    ``plot``, refused when it is ``--output`` or an input file."""
    target = check_output(plot, inputs, "--plot")  # first: a name that cannot resolve
    if output is not None and check_output(output, inputs) == target:
        raise click.UsageError(f"--plot {plot} and --output {output} are the same file")
    image, warnings = draw()
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)
    emit(image, plot, inputs, "--plot")
