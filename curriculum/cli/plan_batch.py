"""``curriculum plan --batch``: the thin CLI side of :mod:`curriculum.batch`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from curriculum.cli.common import emit, report_lang

if TYPE_CHECKING:
    from curriculum.solve.params import SolveParams


def run_batch(
    learners_file: Path,
    standards: tuple[Path, ...],
    catalogues: tuple[Path, ...],
    *,
    attitudes: bool,
    exclude: list[str],
    require: list[str],
    ignore_levels: bool,
    params: SolveParams,
    jobs: int,
    fmt: str,
    lang: str | None,
    output: Path | None,
    no_bom: bool,
) -> None:
    """Plan every learner of ``learners_file`` and print or write the plans."""
    from curriculum.io.learners import read_learners
    from curriculum.io.library import load_library
    from curriculum.planning.batch import BatchOptions, plan_batch
    from curriculum.report.batch import render_batch
    from curriculum.report.plan import RENDERERS

    library = load_library(standards, catalogues, example_catalogue=True)
    learners = read_learners(learners_file)
    results = plan_batch(
        library,
        learners,
        options=BatchOptions(
            attitudes=attitudes,
            exclude=tuple(exclude),
            require=tuple(require),
            ignore_levels=ignore_levels,
        ),
        params=params,
        processes=jobs,
        source=str(learners_file),
    )
    codes = [plan.standard for _, plan in results]
    text = "".join(render_batch(results, fmt, RENDERERS, report_lang(lang, library, codes)))
    if fmt == "csv" and not no_bom:
        text = "\ufeff" + text
    emit(text, output, [*library.input_files, learners_file])
