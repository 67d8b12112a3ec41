"""``curriculum frontier``: the exact coverage/hours (or cost) trade-off curve."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from curriculum.cli.common import Data, data_options, main, read_weights
from curriculum.cli.emit import Out, emit, output_options
from curriculum.cli.options import (
    end_progress,
    progress,
    request_options,
    solve_options,
    weights_option,
)
from curriculum.formats import FRONTIER_FORMATS

if TYPE_CHECKING:
    from curriculum.request import Request
    from curriculum.solve.params import SolveParams


@main.command()
@data_options
@request_options(require=False)
@click.option(
    "--by",
    type=click.Choice(["hours", "cost"]),
    default="hours",
    show_default=True,
    help="Trade coverage against hours or against cost.",
)
@weights_option("YAML item weights: kinds: {K: 1, S: 2}, items: {K01: 3}.")
@solve_options(
    time_limit_help="Stop the search after SECONDS; unproven points are marked.",
)
@output_options(FRONTIER_FORMATS, plot="the curve")
def frontier(
    request: Request,
    data: Data,
    by: str,
    weights_file: Path | None,
    params: SolveParams,
    out: Out,
) -> None:
    """The exact trade-off between coverage and hours for STANDARD's TARGETS.

    For every coverage level, the least hours (or cost, with --by cost) and the
    plan achieving it: each row is an efficient plan. --plot draws the curve.
    """
    from curriculum.api.frontier import run_frontier
    from curriculum.report.plan.frontier import RENDERERS

    library = data.load(request.standard, example_catalogue=True)
    shown = progress()
    result = run_frontier(
        library,
        request,
        params,
        by=by,  # type: ignore[arg-type]
        weights=read_weights(weights_file, library, request.code()),
        progress=shown,
    )
    end_progress(shown)
    emit(
        result,
        RENDERERS[out.fmt],
        out,
        [*library.input_files, *([weights_file] if weights_file else [])],
        standards=library.standards,
        about=[result.standard],
        chart=_chart,
    )


def _chart(result: object, suffix: str, lang: str) -> tuple[bytes, Sequence[Warning]]:
    from curriculum.report.chart.frontier import plot_frontier

    return plot_frontier(result, suffix, lang)  # type: ignore[arg-type]
