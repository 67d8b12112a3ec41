"""The shared decorators that turn options into the API's objects: what to cover (a
:class:`~curriculum.request.Request`), how to solve (a
:class:`~curriculum.solve.params.SolveParams`), amounts, the calendar, progress."""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from curriculum.arguments import ENGINES, MAX_COST, MAX_HOURS
from curriculum.cli.common import inject
from curriculum.cli.localized import say
from curriculum.request import REQUEST_KEYWORDS, Request

F = TypeVar("F", bound=Callable[..., Any])


def _apply(func: F, options: Sequence[Callable[[Any], Any]]) -> F:
    """``options`` applied so that ``--help`` lists them in their order."""
    for option in reversed(options):
        func = option(func)
    return func


REQUEST_KEYS = (*sorted(REQUEST_KEYWORDS), "courses_mode")
"""The options :func:`request_options` reads: :meth:`Request.of`'s keywords, and
``--courses plan|all``, the earlier spelling of ``--all-courses``."""


def _request(courses_mode: str = "plan", **choices: Any) -> Request:
    """The :class:`~curriculum.request.Request` of a command's options."""
    if courses_mode == "all":
        choices["all_courses"] = True
    return Request.of(**choices)


def request_options(
    *,
    standard: bool | None = True,
    learner: bool = True,
    require: bool = True,
    all_courses: bool = False,
) -> Callable[[F], F]:
    """What to cover, as one :class:`~curriculum.request.Request` named ``request``:
    ``STANDARD [TARGETS]...`` (``standard``: required; ``None``: neither; ``False``:
    optional), ``--attitudes``, ``--have`` and ``--done`` (``learner``), ``--exclude``,
    ``--require`` (``require``), ``--ignore-levels`` and ``--all-courses``."""
    options: list[Callable[[F], F]] = []
    if standard is not None:
        options += [
            click.argument("standard", required=standard),
            click.argument("targets", nargs=-1),
        ]
    options.append(
        click.option("--attitudes", is_flag=True, help="Add the standard's attitudes (A items).")
    )
    if learner:
        options += [
            click.option(
                "--have",
                multiple=True,
                metavar="ITEM",
                help="An item the learner already holds (repeatable, or comma-separated).",
            ),
            click.option(
                "--done",
                multiple=True,
                metavar="CODE",
                help="A course already taken (repeatable, or comma-separated): it meets "
                "prerequisites and is never planned. A course whose items are all held "
                "(--have) meets them too.",
            ),
        ]
    options.append(
        click.option("--exclude", multiple=True, metavar="CODE", help="Never use this course.")
    )
    if require:
        options.append(
            click.option("--require", multiple=True, metavar="CODE", help="Always use this course.")
        )
    options.append(
        click.option(
            "--ignore-levels", is_flag=True, help="Let a course cover an item whatever its level."
        )
    )
    if all_courses:
        options += all_courses_options()

    def decorate(func: F) -> F:
        return _apply(inject("request", _request, REQUEST_KEYS)(func), options)

    return decorate


def all_courses_options() -> list[Callable[[F], F]]:
    """``--all-courses``, and ``--courses plan|all``, its earlier spelling (hidden)."""
    return [
        click.option(
            "--all-courses",
            is_flag=True,
            help="Every catalogue course instead of a plan, all required (with --balance: "
            "the Balanced Academic Curriculum Problem).",
        ),
        click.option(
            "--courses",
            "courses_mode",
            type=click.Choice(["plan", "all"]),
            default="plan",
            hidden=True,
        ),
    ]


WORKERS_HELP = (
    "CP-SAT workers: 0 or 1, one with the full LP relaxation (fastest measured on 2 cores); "
    "N >= 2, N plus an LP worker. The answer does not depend on it once proven."
)


def _params(time_limit: float | None = None, workers: int = 0, engine: str = "auto") -> Any:
    from curriculum.cli.common import solve_params

    return solve_params(time_limit, workers, engine)


ENGINE_HELP = (
    "Who searches a least-hours cover or a team's least cost: auto races CP-SAT "
    "against a branch-and-cut MIP solver in its own process (CBC on covers, HiGHS on "
    "teams; a local search instead on covers of over 250 items far above their LP "
    "bound); cpsat or mip runs one (on budgets too, where auto is CP-SAT). The answer "
    "does not depend on it once proven."
)


def solve_options(time_limit_help: str) -> Callable[[F], F]:
    """``--time-limit``, ``--workers`` and ``--engine``, as one
    :class:`~curriculum.solve.params.SolveParams` named ``params``."""
    options = [
        click.option(
            "--time-limit",
            type=click.FloatRange(min=0, min_open=True),
            callback=finite,
            metavar="SECONDS",
            help=time_limit_help,
        ),
        click.option(
            "--workers",
            type=click.IntRange(min=0),
            default=0,
            show_default=True,
            help=WORKERS_HELP,
        ),
        click.option(
            "--engine",
            type=click.Choice(ENGINES),
            default="auto",
            show_default=True,
            help=ENGINE_HELP,
        ),
    ]

    def decorate(func: F) -> F:
        keys = ("time_limit", "workers", "engine")
        return _apply(inject("params", _params, keys)(func), options)

    return decorate


def finite(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    """Refuse ``nan`` and ``inf`` (``FloatRange`` lets them through)."""
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(say("usage.not_finite", value=value), ctx, param)
    return value


def amount_option(
    name: str, help: str, *, cost: bool = False, positive: bool = False
) -> Callable[[F], F]:
    """An option giving hours (``H``) or money (``C``): finite, at least 0 (above 0
    with ``positive``), at most :data:`~curriculum.arguments.MAX_HOURS` or
    :data:`~curriculum.arguments.MAX_COST` (the API's rules)."""
    return click.option(
        name,
        type=click.FloatRange(min=0, min_open=positive, max=MAX_COST if cost else MAX_HOURS),
        callback=finite,
        metavar="C" if cost else "H",
        help=help,
    )


def weights_option(help: str) -> Callable[[F], F]:
    """``--weights FILE``: item weights for budgets and frontiers."""
    from pathlib import Path

    return click.option(
        "--weights",
        "weights_file",
        type=click.Path(path_type=Path, dir_okay=False),
        help=help,
    )


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
        return _apply(func, options)

    return decorate


def progress() -> Callable[[str], None] | None:
    """A progress line rewritten on standard error, on a terminal only (never a log)."""
    if not sys.stderr.isatty():
        return None

    def show(message: str) -> None:
        click.echo(f"\r\033[K{message}", err=True, nl=False)

    return show


def end_progress(shown: Callable[[str], None] | None) -> None:
    """Clear the progress line, if one was shown."""
    if shown is not None:
        click.echo("\r\033[K", err=True, nl=False)
