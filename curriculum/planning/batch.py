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

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial

from curriculum.errors import CurriculumError, DataFileError
from curriculum.io.library import Library
from curriculum.io.parallel import cores, gc_paused, parallel_map
from curriculum.io.records import Learner
from curriculum.planning.plan import explain
from curriculum.planning.requirement import Requirement, build_plan_problem, build_requirement
from curriculum.planning.result import Plan
from curriculum.solve.cover import SolveParams, solve_cover

PARALLEL_MIN_GROUPS = 8


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


def _plan_group(
    library: Library,
    requirements: list[Requirement],
    options: BatchOptions,
    params: SolveParams,
    members: list[int],
) -> list[tuple[int, Plan]]:
    """Build, solve (once) and explain the plans of one group of learners."""
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
    options = options or BatchOptions()
    params = params or SolveParams()
    requirements, groups = group_learners(library, learners, options, source)
    members = list(groups.values())
    jobs = min(processes or cores(), len(members)) if len(members) >= PARALLEL_MIN_GROUPS else 1
    chunk = max(1, min(64, len(members) // (jobs * 8)))
    plan_group = partial(_plan_group, library, requirements, options, params)
    plans: list[Plan | None] = [None] * len(learners)
    with gc_paused():
        for group in parallel_map(plan_group, members, jobs, chunk):
            for n, plan in group:
                plans[n] = plan
    missing = [learners[n].id for n, plan in enumerate(plans) if plan is None]
    if missing:  # every learner belongs to exactly one group: a bug if reached
        raise RuntimeError(f"no plan computed for learners {missing[:5]}")
    return [(learner, plan) for learner, plan in zip(learners, plans, strict=True) if plan]
