"""Plan many learners at once: ``curriculum plan --batch LEARNERS.csv``.

The learners file is a CSV with the columns ``id,standard,targets,held`` (UTF-8,
with or without BOM, or Big5/CP950). ``targets`` and ``held`` list codes
separated by ``;``, ``,`` or spaces; empty ``targets`` means the whole standard.

Learners whose requirements give the same cover problem (same standard, items
and levels) are solved once. Distinct problems are solved in a process pool so
that every core is used; everything else (reading, building problems, explaining
and rendering the plans) happens in the calling process, in the input order, so
that the output does not depend on the number of processes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .codes import normalize_code
from .errors import CurriculumError, DataFileError
from .library import Library
from .loaders import read_text
from .planner import explain
from .problem import CoverProblem, PlanProblem, build_plan_problem, build_requirement
from .result import CoverSolution, Plan
from .solver import SolveParams

LEARNER_COLUMNS = ("id", "standard", "targets", "held")
_SPLIT = re.compile(r"[;,，；\s]+")


@dataclass(frozen=True)
class Learner:
    """One row of a learners file."""

    id: str
    standard: str
    targets: tuple[str, ...]
    held: tuple[str, ...]
    line: int


def split_list(value: str) -> tuple[str, ...]:
    """Codes separated by ``;``, ``,`` (ASCII or full width) or white space."""
    return tuple(normalize_code(c) for c in _SPLIT.split(value or "") if c.strip())


def parse_learners(text: str, source: str) -> list[Learner]:
    """The learners of a CSV text.

    Raises
    ------
    DataFileError
        Listing every problem as ``source:line: message`` (a missing or unknown
        column, an empty id or standard, a repeated id).
    """
    reader = csv.DictReader(io.StringIO(text))
    header = [normalize_code(h or "") for h in reader.fieldnames or []]
    problems = [f"{source}:1: missing column {c!r}" for c in ("id", "standard") if c not in header]
    problems += [f"{source}:1: unknown column {h!r}" for h in header if h not in LEARNER_COLUMNS]
    if problems:
        raise DataFileError("\n".join(problems))
    reader.fieldnames = header
    learners: list[Learner] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if None in row:
            problems.append(f"{source}:{line}: more cells than columns")
            continue
        cells = {k: (v or "").strip() for k, v in row.items()}
        if not any(cells.values()):
            continue
        ident, standard = cells.get("id", ""), normalize_code(cells.get("standard", ""))
        if not ident:
            problems.append(f"{source}:{line}: empty id")
            continue
        if not standard:
            problems.append(f"{source}:{line}: learner {ident}: empty standard")
            continue
        if ident in seen:
            problems.append(
                f"{source}:{line}: learner {ident}: id already used on line {seen[ident]}"
            )
            continue
        seen[ident] = line
        learners.append(
            Learner(
                ident,
                standard,
                split_list(cells.get("targets", "")),
                split_list(cells.get("held", "")),
                line,
            )
        )
    if problems:
        raise DataFileError("\n".join(problems))
    return learners


def read_learners(path: Path) -> list[Learner]:
    """Read a learners CSV file (see :func:`parse_learners`)."""
    path = Path(path)
    return parse_learners(read_text(path), str(path))


@dataclass(frozen=True)
class BatchOptions:
    """Options applied to every learner of a batch (as for a single plan)."""

    attitudes: bool = False
    exclude: tuple[str, ...] = ()
    require: tuple[str, ...] = ()
    ignore_levels: bool = False


def build_problems(
    library: Library, learners: Sequence[Learner], options: BatchOptions, source: str
) -> list[PlanProblem]:
    """One plan problem per learner, in order.

    Raises
    ------
    DataFileError
        Listing every learner whose standard, target or held item is unknown,
        as ``source:line: learner ID: message``.
    """
    problems: list[PlanProblem] = []
    errors: list[str] = []
    built: dict[tuple[object, ...], PlanProblem] = {}
    for learner in learners:
        try:
            requirement = build_requirement(
                library.standard(learner.standard),
                learner.targets,
                attitudes=options.attitudes,
                have=learner.held,
            )
            # Learners needing the same items at the same levels share a problem.
            key = (requirement.standard.code, tuple(sorted(requirement.levels.items())))
            if key not in built:
                built[key] = build_plan_problem(
                    library,
                    requirement,
                    exclude=options.exclude,
                    require=options.require,
                    ignore_levels=options.ignore_levels,
                )
            problems.append(replace(built[key], requirement=requirement))
        except CurriculumError as exc:
            errors.append(f"{source}:{learner.line}: learner {learner.id}: {exc}")
    if errors:
        raise DataFileError("\n".join(errors))
    return problems


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _solve_one(args: tuple[CoverProblem, SolveParams]) -> CoverSolution:
    from .solver import solve_cover

    return solve_cover(*args)


def solve_distinct(
    covers: Sequence[CoverProblem], params: SolveParams, processes: int = 0
) -> list[CoverSolution]:
    """Solve each distinct problem once (``processes`` 0: one per core, 1: here)."""
    unique = list(dict.fromkeys(covers))
    jobs = processes or _cores()
    jobs = min(jobs, len(unique)) or 1
    if jobs <= 1 or len(unique) < 8:
        solved = [_solve_one((p, params)) for p in unique]
    else:
        import multiprocessing

        context = multiprocessing.get_context(
            "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        )
        chunk = max(1, min(64, len(unique) // (jobs * 8)))
        with context.Pool(jobs) as pool:
            solved = pool.map(_solve_one, [(p, params) for p in unique], chunksize=chunk)
    by_problem = dict(zip(unique, solved, strict=True))
    return [by_problem[p] for p in covers]


def plan_batch(
    library: Library,
    learners: Sequence[Learner],
    *,
    options: BatchOptions | None = None,
    params: SolveParams | None = None,
    processes: int = 0,
    source: str = "<learners>",
) -> list[tuple[Learner, Plan]]:
    """The plan of every learner, in input order; identical problems solved once.

    Raises
    ------
    DataFileError
        When a learner names an unknown standard, target or held item.
    """
    options = options or BatchOptions()
    params = params or SolveParams()
    problems = build_problems(library, learners, options, source)
    solutions = solve_distinct([p.cover for p in problems], params, processes)
    return [
        (learner, explain(library, problem, solution))
        for learner, problem, solution in zip(learners, problems, solutions, strict=True)
    ]


# --------------------------------------------------------------------------- output


def render_batch(
    results: Sequence[tuple[Learner, Plan]],
    fmt: str,
    renderers: dict[str, Callable[[Plan], str]],
) -> Iterator[str]:
    """The plans as text chunks: JSON Lines for ``json``, one CSV with a
    ``learner`` column for ``csv``, and one titled report per learner otherwise."""
    if fmt == "json":
        for learner, plan in results:
            yield json.dumps({"id": learner.id, **plan.to_dict()}, ensure_ascii=False) + "\n"
        return
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        for n, (learner, plan) in enumerate(results):
            rows = list(csv.reader(io.StringIO(renderers["csv"](plan))))
            if n == 0:
                writer.writerow(["learner", *rows[0]])
            writer.writerows([learner.id, *row] for row in rows[1:])
            yield out.getvalue()
            out.seek(0)
            out.truncate()
        return
    for n, (learner, plan) in enumerate(results):
        title = f"# Learner {learner.id}" if fmt == "markdown" else f"=== Learner {learner.id} ==="
        yield ("\n" if n else "") + title + "\n\n" + renderers[fmt](plan)
