"""Plan many learners at once: ``curriculum plan --batch LEARNERS.csv``.

The learners file is a CSV with the columns ``id,standard,targets,held`` (UTF-8,
with or without BOM, or Big5/CP950). ``targets`` and ``held`` list codes
separated by ``;``, ``,`` or spaces; empty ``targets`` means the whole standard.

Learners whose requirements are the same (same standard, items and levels) are
solved once. Distinct requirements are planned in a process pool so that every
core is used; reading, grouping and rendering happen in the calling process, in
the input order, so that the output does not depend on the number of processes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .codes import normalize_code
from .errors import CurriculumError, DataFileError
from .library import Library
from .loaders import read_text
from .parallel import cores, gc_paused
from .planner import explain
from .problem import Requirement, build_plan_problem, build_requirement
from .result import Plan
from .solver import SolveParams, solve_cover

LEARNER_COLUMNS = ("id", "standard", "targets", "held")
PARALLEL_MIN_GROUPS = 8
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


Key = tuple[str, tuple[tuple[str, object], ...]]


def group_learners(
    library: Library, learners: Sequence[Learner], options: BatchOptions, source: str
) -> tuple[list[Requirement], dict[Key, list[int]]]:
    """Each learner's requirement, and the learners grouped by identical requirement.

    Learners needing the same items at the same levels of the same standard share
    a cover problem (their targets or held items may differ), so each group is
    solved once. Groups and their members keep the input order.

    Raises
    ------
    DataFileError
        Listing every learner whose standard, target or held item is unknown,
        as ``source:line: learner ID: message``.
    UnknownReferenceError
        For an excluded or required course code no catalogue defines.
    """
    for code in (*options.exclude, *options.require):
        library.course(code)
    requirements: list[Requirement] = []
    groups: dict[Key, list[int]] = {}
    errors: list[str] = []
    for n, learner in enumerate(learners):
        try:
            requirement = build_requirement(
                library.standard(learner.standard),
                learner.targets,
                attitudes=options.attitudes,
                have=learner.held,
            )
        except CurriculumError as exc:
            errors.append(f"{source}:{learner.line}: learner {learner.id}: {exc}")
            continue
        requirements.append(requirement)
        key = (requirement.standard.code, tuple(sorted(requirement.levels.items())))
        groups.setdefault(key, []).append(n)
    if errors:
        raise DataFileError("\n".join(errors))
    return requirements, groups


# Shared with forked worker processes (set just before the pool starts).
_STATE: tuple[Library, list[Requirement], BatchOptions, SolveParams] | None = None


def _plan_group(members: list[int]) -> list[tuple[int, Plan]]:
    """Build, solve (once) and explain the plans of one group of learners."""
    assert _STATE is not None
    library, requirements, options, params = _STATE
    problem = build_plan_problem(
        library,
        requirements[members[0]],
        exclude=options.exclude,
        require=options.require,
        ignore_levels=options.ignore_levels,
    )
    solution = solve_cover(problem.cover, params)
    return [
        (n, explain(library, replace(problem, requirement=requirements[n]), solution))
        for n in members
    ]


def _run_groups(groups: dict[Key, list[int]], plans: list[Plan | None], jobs: int) -> None:
    """Plan every group, here or in a ``fork`` pool of ``jobs`` processes."""
    if jobs > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            chunk = max(1, min(64, len(groups) // (jobs * 8)))
            for group in pool.imap_unordered(_plan_group, list(groups.values()), chunksize=chunk):
                for n, plan in group:
                    plans[n] = plan
        return
    for members in groups.values():
        for n, plan in _plan_group(members):
            plans[n] = plan


def plan_batch(
    library: Library,
    learners: Sequence[Learner],
    *,
    options: BatchOptions | None = None,
    params: SolveParams | None = None,
    processes: int = 0,
    source: str = "<learners>",
) -> list[tuple[Learner, Plan]]:
    """The plan of every learner, in input order; identical requirements solved once.

    With ``processes`` other than 1 (0: one per core) and enough distinct
    requirements, the groups are planned in a ``fork`` process pool that shares
    the loaded library; the plans do not depend on it.

    Raises
    ------
    DataFileError
        When a learner names an unknown standard, target or held item.
    UnknownReferenceError
        For an excluded or required course code no catalogue defines.
    """
    global _STATE
    options = options or BatchOptions()
    params = params or SolveParams()
    requirements, groups = group_learners(library, learners, options, source)
    jobs = min(processes or cores(), len(groups))
    parallel = (
        jobs > 1
        and len(groups) >= PARALLEL_MIN_GROUPS
        and hasattr(os, "fork")
        and threading.active_count() == 1
    )
    plans: list[Plan | None] = [None] * len(learners)
    _STATE = (library, requirements, options, params)
    try:
        with gc_paused():
            _run_groups(groups, plans, jobs if parallel else 1)
    finally:
        _STATE = None
    missing = [learners[n].id for n, plan in enumerate(plans) if plan is None]
    if missing:  # every learner belongs to exactly one group: a bug if reached
        raise RuntimeError(f"no plan computed for learners {missing[:5]}")
    return [(learner, plan) for learner, plan in zip(learners, plans, strict=True) if plan]


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
