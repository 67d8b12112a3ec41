"""Generated families of budgets (max coverage under an hours budget), and the peers' runs.

Each family is a recipe; each seed one instance (issue 24: choose on some seeds,
report on others): a Beasley-style random cover (rows x columns at a density,
hours 1-100 per column, or every column 1 hour; :func:`random_instance`), item
weights 1-5 drawn from the seed, and an hours budget of a share of the greedy
full cover's hours (no solve: the budget is known before any timer starts).

* ``budget-4``: 200 x 1,000 at 2%, a budget of 30% of the greedy cover;
* ``budget-A``: 300 x 3,000 at 2%, 30%;
* ``budget-D``: 400 x 4,000 at 5%, 15%;
* ``budget-unicost-200``, ``budget-unicost-500``: 200 x 1,000 at 2% (30%) and
  500 x 5,000 at 2% (20%), every column 1 hour (the most weight a number of
  columns covers: max-k-coverage, whose LP gap is large).

The question of each run is the budget plan's two objectives: the most weight
within the budget, then the least hours for it. Ours is
:func:`~curriculum.solve.coverage.solve_coverage` with ``tie_break=False``; each
OR-Tools peer solves the same 0-1 model (``CoverageModel.binary``, the rival's)
twice, weight then hours at that weight, in one time limit; HiGHS (scipy) the
same two MILPs (:func:`benchmarks.instances.highs_budget`). Records are
oriented as the cover ones of ``engines.py`` (smaller is better): ``value`` is
the negated weight, ``bound`` the negated upper bound on it.
"""

from __future__ import annotations

import math
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.hard_cover import random_instance  # noqa: E402
from benchmarks.instances import Instance, highs_budget, highs_model  # noqa: E402
from curriculum.solve.coverage import solve_coverage  # noqa: E402
from curriculum.solve.greedy import greedy_cover  # noqa: E402
from curriculum.solve.mip import IntegerModel, solve_integer_mip  # noqa: E402
from curriculum.solve.params import Deadline, SolveParams  # noqa: E402
from curriculum.solve.problem import CoverProblem  # noqa: E402
from curriculum.solve.race import CoverageModel  # noqa: E402

Record = dict[str, object]


@dataclass(frozen=True)
class BudgetCase:
    """One budget: the problem (hours), item weights and the hours limit."""

    problem: CoverProblem
    weights: tuple[int, ...]
    limits: tuple[int | None, ...]


@dataclass(frozen=True)
class BudgetFamily:
    """A recipe: ``build(seed)`` gives one budget."""

    name: str
    shape: str
    build: Callable[[int], BudgetCase]
    orlib: bool = False
    full_only: bool = False
    budget: bool = True


def _recipe(
    rows: int, cols: int, density: float, share: float, unicost: bool = False
) -> Callable[[int], BudgetCase]:
    def build(seed: int) -> BudgetCase:
        problem = random_instance(rows, cols, density, unicost, 7000 * rows + seed)
        rng = random.Random(seed)
        weights = tuple(rng.randint(1, 5) for _ in problem.items)
        hours = problem.value(greedy_cover(problem))[0]
        return BudgetCase(problem, weights, (max(1, round(share * hours)),))

    return build


BUDGET_FAMILIES = (
    BudgetFamily("budget-4", "200 × 1000, 2%, 30% budget", _recipe(200, 1000, 0.02, 0.3)),
    BudgetFamily("budget-A", "300 × 3000, 2%, 30% budget", _recipe(300, 3000, 0.02, 0.3)),
    BudgetFamily("budget-D", "400 × 4000, 5%, 15% budget", _recipe(400, 4000, 0.05, 0.15)),
    BudgetFamily(
        "budget-unicost-200",
        "200 × 1000, 2%, unicost, 30% budget",
        _recipe(200, 1000, 0.02, 0.3, unicost=True),
    ),
    BudgetFamily(
        "budget-unicost-500",
        "500 × 5000, 2%, unicost, 20% budget",
        _recipe(500, 5000, 0.02, 0.2, unicost=True),
    ),
)


def budget_ours(engine: str) -> Callable[[BudgetCase, float], Record]:
    """Ours with ``engine`` (``auto``, ``cpsat``, ``mip``), optionally ``@RIVAL`` (the
    race's MIP solver) and ``/DELAY`` (its ``COVERAGE_DELAY``), as in ``engines.py``."""
    from curriculum.solve import race

    match = re.fullmatch(r"(\w+)(?:@(\w+))?(?:/([\d.]+))?", engine)
    assert match, engine
    name, rival, delay = match.groups()

    def run(case: BudgetCase, limit: float) -> Record:
        saved = race.MIP_ENGINE, race.COVERAGE_DELAY
        race.MIP_ENGINE = rival or saved[0]
        race.COVERAGE_DELAY = saved[1] if delay is None else float(delay)
        start = time.perf_counter()
        try:
            params = SolveParams(time_limit=limit, tie_break=False, engine=name)
            found = solve_coverage(case.problem, case.weights, case.limits, params=params)
        finally:
            race.MIP_ENGINE, race.COVERAGE_DELAY = saved
        took = time.perf_counter() - start
        upper = found.weight if found.proven >= 1 else found.bound
        return {
            "value": -found.weight,
            "hours": found.value[0],
            "bound": None if upper is None or math.isnan(upper) else -upper,
            "proven": found.proven >= 2,
            "time": took,
        }

    return run


def budget_mip(engine: str) -> Callable[[BudgetCase, float], Record]:
    """An OR-Tools peer on the same 0-1 model: weight, then hours at that weight."""

    def run(case: BudgetCase, limit: float) -> Record:
        start = time.perf_counter()
        deadline = Deadline.after(limit)
        spec = CoverageModel(case.problem, case.weights, case.limits)
        model = spec.binary()
        first = solve_integer_mip(model, engine=engine, deadline=deadline)
        weight = spec.weight(first.values)
        record: Record = {"value": None if weight is None else -weight, "hours": None}
        record["bound"] = -math.floor(first.bound + 1e-6) if math.isfinite(first.bound) else None
        record["proven"] = False
        if weight is not None and first.proven:
            record["bound"] = -weight
            second = _hours_at(spec, model, weight, engine, deadline)
            record["hours"], record["proven"] = second
        elif first.values is not None:
            record["hours"] = case.problem.value(_taken(case, first.values))[0]
        record["time"] = time.perf_counter() - start
        return record

    return run


def _taken(case: BudgetCase, values: Sequence[int]) -> list[int]:
    return [j for j in range(len(case.problem.columns)) if values[j]]


def _hours_at(
    spec: CoverageModel, model: IntegerModel, weight: int, engine: str, deadline: Deadline
) -> tuple[int | None, bool]:
    n = len(spec.problem.columns)
    hours = spec.problem.objectives[0]
    costs = [float(c) for c in hours] + [0.0] * (model.size - n)
    rows = [*model.rows, spec.weight_row(weight, math.inf)]
    found = solve_integer_mip(
        IntegerModel(model.size, rows, costs, False, model.zero, model.one),
        engine=engine,
        deadline=deadline,
    )
    if found.values is None or spec.weight(found.values) is None:
        return None, False
    return sum(hours[j] for j in range(n) if found.values[j]), found.proven


def budget_highs(case: BudgetCase, limit: float) -> Record:
    """HiGHS (scipy): the same two MILPs (model matrix built outside the timer)."""
    instance = Instance("case", case.problem, case.weights)
    weight, hours, proven, took = highs_budget(
        instance, highs_model(instance), case.limits, 0, limit
    )
    value = None if weight is None else -weight
    return {"value": value, "hours": hours, "bound": value, "proven": proven, "time": took}
