"""``curriculum frontier``: the exact coverage/hours (or cost) trade-off curve."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from curriculum.cli.common import (
    attitudes_option,
    check_output,
    data_options,
    done_option,
    emit,
    exclude_option,
    exit_if_interrupted,
    format_option,
    have_option,
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
from curriculum.cli.options import plot_option, plot_suffix, write_plot
from curriculum.formats import FRONTIER_FORMATS


def _progress(message: str) -> None:
    click.echo(f"\r\033[K{message}", err=True, nl=False)


@main.command()
@click.argument("standard")
@click.argument("targets", nargs=-1)
@data_options
@click.option(
    "--by",
    type=click.Choice(["hours", "cost"]),
    default="hours",
    show_default=True,
    help="Trade coverage against hours or against cost.",
)
@click.option(
    "--weights",
    "weights_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="YAML item weights: kinds: {K: 1, S: 2}, items: {K01: 3}.",
)
@attitudes_option
@have_option
@done_option
@exclude_option
@ignore_levels_option
@plot_option("the curve")
@solve_options(
    time_limit_help="Stop the search after SECONDS; unproven points are marked.",
)
@format_option(FRONTIER_FORMATS)
@lang_option
@output_option
@no_bom_option
def frontier(
    standard: str,
    targets: tuple[str, ...],
    standards: tuple[Path, ...],
    catalogues: tuple[Path, ...],
    by: str,
    weights_file: Path | None,
    attitudes: bool,
    have: tuple[str, ...],
    done: tuple[str, ...],
    exclude: tuple[str, ...],
    ignore_levels: bool,
    plot: Path | None,
    time_limit: float | None,
    workers: int,
    fmt: str,
    lang: str | None,
    output: Path | None,
    no_bom: bool,
) -> None:
    """The exact trade-off between coverage and hours for STANDARD's TARGETS.

    For every coverage level, the least hours (or cost, with --by cost) and the
    plan achieving it: each row is an efficient plan. --plot draws the curve.
    """
    from curriculum.io.library import load_library
    from curriculum.planning.frontier import compute_frontier
    from curriculum.report.plan.frontier import RENDERERS

    suffix = plot_suffix(plot)
    library = load_library(standards, catalogues, example_catalogue=True, context=read_context())
    progress = _progress if sys.stderr.isatty() else None  # a terminal only, never a log
    result = compute_frontier(
        library,
        standard,
        split_codes(targets),
        by=by,  # type: ignore[arg-type]
        weights=read_weights(weights_file, library, standard),
        attitudes=attitudes,
        have=split_codes(have),
        exclude=split_codes(exclude),
        ignore_levels=ignore_levels,
        params=solve_params(time_limit, workers),
        done=split_codes(done),
        progress=progress,
    )
    if progress is not None:
        click.echo("\r\033[K", err=True, nl=False)
    lang = report_lang(lang, library, [result.standard])
    inputs = [*library.input_files, *([weights_file] if weights_file else [])]
    text = RENDERERS[fmt](result, lang)
    if fmt == "csv" and not no_bom:
        text = "\ufeff" + text
    if output is not None:
        check_output(output, inputs)
    if plot is not None and suffix is not None:
        from curriculum.report.chart.frontier import plot_frontier

        write_plot(plot, output, inputs, lambda: plot_frontier(result, suffix, lang))
    emit(text, output, inputs)
    exit_if_interrupted()
