"""``curriculum plan``: the least-hours course plan for a target (``--batch`` kept as
the earlier spelling of ``curriculum batch``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from curriculum.cli.common import Data, data_options, main, read_weights
from curriculum.cli.emit import Out, emit, output_options
from curriculum.cli.localized import say
from curriculum.cli.options import amount_option, request_options, solve_options, weights_option
from curriculum.cli.plan_batch import BatchRun, batch_options, run_batch
from curriculum.formats import PLAN_FORMATS

if TYPE_CHECKING:
    from curriculum.request import Request
    from curriculum.solve.params import SolveParams


@main.command()
@data_options
@request_options(standard=False)
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
@output_options(PLAN_FORMATS)
@amount_option("--max-hours", "Budget: at most H hours; the plan then covers as much as fits.")
@amount_option("--max-cost", "Budget: at most C (course cost plus session cost).", cost=True)
@weights_option("YAML item weights for budgets: kinds: {K: 1, S: 2}, items: {K01: 3}.")
@batch_options(plan=True)
def plan(
    request: Request,
    data: Data,
    params: SolveParams,
    objective: str,
    out: Out,
    max_hours: float | None,
    max_cost: float | None,
    weights_file: Path | None,
    run: BatchRun,
) -> None:
    """Pick the courses with the least total hours covering STANDARD's TARGETS.

    A target is a task (T1.2) or a duty (T1); none means the whole standard. Several
    targets may also be one argument: "T1.2;T1.3". Ties go to lower cost, then fewer
    courses, then course codes in order (--objective cost: least cost first, then
    hours). Items no course covers are reported as gaps.

    --format programme writes the plan as a programme file that `curriculum review` accepts as is.

    With --batch MEMBERS (the same as `curriculum batch MEMBERS`), plans every
    member of a member file instead.

    With --max-hours or --max-cost the plan covers as much of the requirement as
    the budget buys (most weight, then least hours, then least cost); coverable
    items it leaves out are reported as budget gaps. When the plan without a
    budget fits, it is the plan.
    """
    budgeted = max_hours is not None or max_cost is not None or weights_file is not None
    if run.learners is not None:
        _check_batch_usage(run.learners, request, out.fmt, objective, budgeted)
        run_batch(run, request, data, params, out)
        return
    _check_single_usage(request, objective, budgeted, run)
    library = data.load(request.standard, example_catalogue=True)
    if budgeted:
        from curriculum.api.budget import run_budget

        weights = read_weights(weights_file, library, request.code())
        result = run_budget(
            library, request, params, max_hours=max_hours, max_cost=max_cost, weights=weights
        )
    else:
        from curriculum.api.plan import run_plan

        result = run_plan(library, request, params, objective=objective)  # type: ignore[arg-type]
    from curriculum.report.plan.render import RENDERERS

    inputs = [*library.input_files, *([weights_file] if weights_file else [])]
    emit(
        result,
        RENDERERS[out.fmt],
        out,
        inputs,
        standards=library.standards,
        about=[result.standard],
    )


def _check_batch_usage(
    batch: Path, request: Request, fmt: str, objective: str, budgeted: bool
) -> None:
    """Refuse the options that plan one learner, given with ``--batch``."""
    if fmt == "programme" or objective != "hours":
        raise click.UsageError(say("usage.batch_programme"))
    if budgeted:
        raise click.UsageError(say("usage.batch_budget"))
    if request.standard is not None or request.targets or request.have or request.done:
        raise click.UsageError(say("usage.batch_targets", path=batch))


def _check_single_usage(request: Request, objective: str, budgeted: bool, run: BatchRun) -> None:
    """Refuse the batch options, and what does not combine, for a single plan."""
    if budgeted and objective != "hours":
        raise click.UsageError(say("usage.cost_budget"))
    if request.standard is None:
        raise click.UsageError(say("usage.missing_standard"))
    for name, value in (
        ("--jobs", run.jobs),
        ("--cluster", run.cluster),
        ("--chunk-size", run.chunk_size),
    ):
        if value:
            raise click.UsageError(say("usage.batch_only", option=name))
    if run.resume:
        raise click.UsageError(say("usage.batch_only", option="--resume"))
