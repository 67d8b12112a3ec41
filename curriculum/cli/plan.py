"""``curriculum plan``: the least-hours course plan for a target."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from curriculum.cli.common import (
    InputPath,
    amount_option,
    attitudes_option,
    data_options,
    done_option,
    emit,
    exclude_option,
    exit_if_interrupted,
    format_option,
    ignore_levels_option,
    lang_option,
    main,
    no_bom_option,
    output_option,
    read_context,
    read_weights,
    report_lang,
    solve_options,
    solve_params,
    split_codes,
)
from curriculum.formats import PLAN_FORMATS

if TYPE_CHECKING:
    from curriculum.planning.result import Plan


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
@done_option
@exclude_option
@click.option("--require", multiple=True, metavar="CODE", help="Always use this course.")
@ignore_levels_option
@solve_options(
    time_limit_help="Stop the search after SECONDS; the plan is then marked if not proven.",
)
@click.option(
    "--objective",
    type=click.Choice(["hours", "cost"]),
    default="hours",
    show_default=True,
    help="Minimise total hours then cost, or cost then hours.",
)
@format_option(PLAN_FORMATS)
@lang_option
@output_option
@no_bom_option
@click.option(
    "--batch",
    type=InputPath(),
    metavar="MEMBERS",
    help="Plan every member of a member file (the team file: CSV, XLSX or YAML) "
    "instead of STANDARD.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="With --batch: solver processes (0: one per core).",
)
@click.option(
    "--cluster",
    metavar="ADDRESS",
    help="With --batch: plan on the Dask cluster whose scheduler is at ADDRESS "
    "(tcp://host:8786), or on local:N, N worker processes started for the run. "
    "Needs pip install 'curriculum[cluster]'. The output does not depend on it.",
)
@click.option(
    "--chunk-size",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="With --batch: learners per task (0: about 16 tasks per worker, 4 to 200). "
    "The output does not depend on it.",
)
@click.option(
    "--resume",
    is_flag=True,
    help="With --batch and --output FILE: write FILE chunk by chunk, recording its "
    "inputs' hashes in FILE.resume, and skip the learners FILE already holds.",
)
@amount_option("--max-hours", "Budget: at most H hours; the plan then covers as much as fits.")
@amount_option("--max-cost", "Budget: at most C (course cost plus session cost).", cost=True)
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
    done: tuple[str, ...],
    exclude: tuple[str, ...],
    require: tuple[str, ...],
    ignore_levels: bool,
    time_limit: float | None,
    workers: int,
    objective: str,
    fmt: str,
    lang: str | None,
    output: Path | None,
    no_bom: bool,
    batch: Path | None,
    jobs: int,
    cluster: str | None = None,
    chunk_size: int = 0,
    resume: bool = False,
    max_hours: float | None = None,
    max_cost: float | None = None,
    weights_file: Path | None = None,
) -> None:
    """Pick the courses with the least total hours covering STANDARD's TARGETS.

    A target is a task (T1.2) or a duty (T1); none means the whole standard. Ties go
    to lower cost, then fewer courses, then course codes in order (--objective cost:
    least cost first, then hours). Items no course covers are reported as gaps.

    --format programme writes the plan as a programme file that `curriculum review` accepts as is.

    With --batch MEMBERS, plans every member of a member file instead (one plan per
    member; JSON Lines for --format json); members needing the same courses are
    solved once.

    With --max-hours or --max-cost the plan covers as much of the requirement as
    the budget buys (most weight, then least hours, then least cost); coverable
    items it leaves out are reported as budget gaps. When the plan without a
    budget fits, it is the plan.
    """
    from curriculum.io.library import load_library
    from curriculum.report.plan.render import RENDERERS

    params = solve_params(time_limit, workers)
    budgeted = max_hours is not None or max_cost is not None or weights_file is not None
    if batch is not None:
        _check_batch_usage(batch, standard, have + done, fmt, objective, budgeted, jobs, cluster)
        if resume and output is None:
            raise click.UsageError("--resume needs --output FILE")
        from curriculum.cli.plan_batch import BatchRun, run_batch

        run_batch(
            batch,
            standards,
            catalogues,
            attitudes=attitudes,
            exclude=split_codes(exclude),
            require=split_codes(require),
            ignore_levels=ignore_levels,
            params=params,
            fmt=fmt,
            lang=lang,
            output=output,
            no_bom=no_bom,
            run=BatchRun(jobs=jobs, cluster=cluster, chunk_size=chunk_size, resume=resume),
        )
        return
    _check_single_usage(standard, objective, budgeted, jobs, cluster, chunk_size, resume)
    library = load_library(standards, catalogues, example_catalogue=True, context=read_context())
    planner: Callable[..., Plan]
    if budgeted:
        from curriculum.planning.budget import plan_with_budget

        planner = plan_with_budget
    else:
        from curriculum.planning.plan import plan_courses

        planner = plan_courses
    result = planner(
        library,
        standard,
        split_codes(targets),
        attitudes=attitudes,
        have=split_codes(have),
        done=split_codes(done),
        exclude=split_codes(exclude),
        require=split_codes(require),
        ignore_levels=ignore_levels,
        params=params,
        **(
            {
                "max_hours": max_hours,
                "max_cost": max_cost,
                "weights": read_weights(weights_file, library, standard),
            }
            if budgeted
            else {"objective": objective}
        ),
    )
    text = RENDERERS[fmt](result, report_lang(lang, library, [result.standard]))
    if fmt == "csv" and not no_bom:
        text = "\ufeff" + text
    emit(text, output, [*library.input_files, *([weights_file] if weights_file else [])])
    exit_if_interrupted()


def _check_batch_usage(
    batch: Path,
    standard: str | None,
    have: tuple[str, ...],
    fmt: str,
    objective: str,
    budgeted: bool,
    jobs: int,
    cluster: str | None,
) -> None:
    """Refuse the options that plan one learner, given with ``--batch``."""
    if fmt == "programme" or objective != "hours":
        raise click.UsageError(
            "--format programme and --objective plan one learner: they do not combine with --batch"
        )
    if budgeted:
        raise click.UsageError(
            "budgets (--max-hours, --max-cost, --weights) plan one "
            "learner: they do not combine with --batch"
        )
    if standard is not None or have:
        raise click.UsageError(
            "--batch reads each learner's standard, targets, held items and done courses "
            f"from {batch}: give no STANDARD, TARGET, --have or --done"
        )
    if jobs and cluster:
        raise click.UsageError("--jobs sets local processes: give --jobs or --cluster")
    if cluster is not None:
        from curriculum.io.cluster import check_address

        check_address(cluster)  # before any data is loaded or anything connects


def _check_single_usage(
    standard: str | None,
    objective: str,
    budgeted: bool,
    jobs: int,
    cluster: str | None,
    chunk_size: int,
    resume: bool,
) -> None:
    """Refuse the batch options, and what does not combine, for a single plan."""
    if budgeted and objective != "hours":
        raise click.UsageError(
            "--objective cost does not combine with a budget: a budgeted plan covers "
            "the most it can, then least hours, then least cost"
        )
    if standard is None:
        raise click.UsageError("Missing argument 'STANDARD' (or give --batch LEARNERS.csv).")
    for name, value in (("--jobs", jobs), ("--cluster", cluster), ("--chunk-size", chunk_size)):
        if value:
            raise click.UsageError(f"{name} applies to --batch only")
    if resume:
        raise click.UsageError("--resume applies to --batch only")
