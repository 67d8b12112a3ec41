"""``curriculum plan``: the least-hours course plan for a target."""

from __future__ import annotations

from pathlib import Path

import click

from curriculum.cli.common import (
    MAX_BUDGET_COST,
    MAX_BUDGET_HOURS,
    attitudes_option,
    data_options,
    emit,
    exclude_option,
    finite,
    format_option,
    ignore_levels_option,
    main,
    no_bom_option,
    output_option,
    solve_options,
    split_codes,
)
from curriculum.formats import PLAN_FORMATS


@main.command()
@click.argument("standard", required=False)
@click.argument("targets", nargs=-1)
@data_options
@attitudes_option
@click.option(
    "--have",
    multiple=True,
    metavar="ITEM",
    help="An item the learner already holds (repeatable, or comma-separated).",
)
@exclude_option
@click.option("--require", multiple=True, metavar="CODE", help="Always use this course.")
@ignore_levels_option
@solve_options(
    time_limit_help="Stop the search after SECONDS; the plan is then marked if not proven.",
    workers_help="CP-SAT workers (0: the measured default, one worker with the LP relaxation). "
    "The plan does not depend on it.",
)
@format_option(PLAN_FORMATS)
@output_option
@no_bom_option
@click.option(
    "--batch",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    metavar="LEARNERS.csv",
    help="Plan every learner of a CSV (id,standard,targets,held) instead of STANDARD.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="With --batch: solver processes (0: one per core).",
)
@click.option(
    "--max-hours",
    type=click.FloatRange(min=0, max=MAX_BUDGET_HOURS),
    callback=finite,
    metavar="H",
    help="Budget: at most H hours; the plan then covers as much as fits.",
)
@click.option(
    "--max-cost",
    type=click.FloatRange(min=0, max=MAX_BUDGET_COST),
    callback=finite,
    metavar="C",
    help="Budget: at most C (course cost plus session cost).",
)
@click.option(
    "--weights",
    "weights_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="YAML item weights for budgets: kinds: {K: 1, S: 2}, items: {K01: 3}.",
)
def plan(
    standard: str,
    targets: tuple[str, ...],
    standards: tuple[Path, ...],
    catalogues: tuple[Path, ...],
    attitudes: bool,
    have: tuple[str, ...],
    exclude: tuple[str, ...],
    require: tuple[str, ...],
    ignore_levels: bool,
    time_limit: float | None,
    workers: int,
    fmt: str,
    output: Path | None,
    no_bom: bool,
    batch: Path | None,
    jobs: int,
    max_hours: float | None = None,
    max_cost: float | None = None,
    weights_file: Path | None = None,
) -> None:
    """Pick the courses with the least total hours covering STANDARD's TARGETS.

    A target is a task (T1.2) or a duty (T1); none means the whole standard. Ties go
    to lower cost, then fewer courses, then course codes in order. Items no course
    covers are reported as gaps.

    With --batch LEARNERS.csv, plans every learner of the file instead (one plan per
    learner; JSON Lines for --format json); learners needing the same courses are
    solved once.

    With --max-hours or --max-cost the plan covers as much of the requirement as
    the budget buys (most weight, then least hours, then least cost); coverable
    items it leaves out are reported as budget gaps. When the plan without a
    budget fits, it is the plan.
    """
    from curriculum.io.library import load_library
    from curriculum.planning.budget import plan_with_budget
    from curriculum.planning.plan import plan_courses
    from curriculum.report.plan import RENDERERS
    from curriculum.solve.cover import SolveParams

    params = SolveParams(time_limit=time_limit, workers=workers)
    budgeted = max_hours is not None or max_cost is not None or weights_file is not None
    if batch is not None:
        if budgeted:
            raise click.UsageError(
                "budgets (--max-hours, --max-cost, --weights) plan one "
                "learner: they do not combine with --batch"
            )
        if standard is not None or have:
            raise click.UsageError(
                "--batch reads each learner's standard, targets and held items from "
                f"{batch}: give no STANDARD, TARGET or --have"
            )
        from curriculum.cli.plan_batch import run_batch

        run_batch(
            batch,
            standards,
            catalogues,
            attitudes=attitudes,
            exclude=split_codes(exclude),
            require=split_codes(require),
            ignore_levels=ignore_levels,
            params=params,
            jobs=jobs,
            fmt=fmt,
            output=output,
            no_bom=no_bom,
        )
        return
    if standard is None:
        raise click.UsageError("Missing argument 'STANDARD' (or give --batch LEARNERS.csv).")
    if jobs:
        raise click.UsageError("--jobs applies to --batch only")
    library = load_library(standards, catalogues)
    result = (plan_with_budget if budgeted else plan_courses)(
        library,
        standard,
        split_codes(targets),
        attitudes=attitudes,
        have=split_codes(have),
        exclude=split_codes(exclude),
        require=split_codes(require),
        ignore_levels=ignore_levels,
        params=params,
        **(
            {"max_hours": max_hours, "max_cost": max_cost, "weights": weights_file}
            if budgeted
            else {}
        ),
    )
    text = RENDERERS[fmt](result)
    if fmt == "csv" and not no_bom:
        text = "\ufeff" + text
    emit(text, output, [*library.input_files, *([weights_file] if weights_file else [])])
