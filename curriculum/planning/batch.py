"""Plan many learners at once: ``curriculum plan --batch LEARNERS.csv``.

The learners file is a CSV with the columns ``id,standard,targets,held`` (UTF-8,
with or without BOM, or Big5/CP950). ``targets`` and ``held`` list codes
separated by ``;``, ``,`` or spaces; empty ``targets`` means the whole standard.

The learners are cut into chunks in input order, and the chunks are planned on a
:class:`~curriculum.io.parallel.Backend` (a local fork pool or a cluster) that
yields them back in input order, so that the output can be streamed and does not
depend on the backend, the number of workers or the chunk size. A
:class:`BatchJob` (the library and the options) is shipped to each worker once;
in a worker, learners whose requirements are the same (same standard, items and
levels) share one solved cover problem, remembered across that worker's chunks.
A learner whose plan fails (unknown standard, target or item) gets its error in
place of the plan, and the others go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from curriculum.errors import CurriculumError, about, problems_error
from curriculum.io.cells import quoted
from curriculum.io.library import Library
from curriculum.io.parallel import Backend, LocalPool, gc_paused
from curriculum.io.records import Learner
from curriculum.planning.plan import explain
from curriculum.planning.requirement import (
    PlanProblem,
    Requirement,
    build_plan_problem,
    build_requirement,
)
from curriculum.planning.result import Plan
from curriculum.request import Request
from curriculum.solve.cover import SolveParams, solve_cover
from curriculum.solve.problem import CoverSolution

# Fewer learners than this are planned here: starting a pool costs more.
PARALLEL_MIN_LEARNERS = 16
# Solved cover problems a worker remembers (then it starts afresh).
CACHE_SIZE = 20_000


Key = tuple[str, tuple[tuple[str, object], ...], tuple[str, ...]]


def group_learners(
    library: Library, request: Request, learners: Sequence[Learner], source: str
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
    check_courses(library, request)
    requirements: list[Requirement] = []
    groups: dict[Key, list[int]] = {}
    errors: list[tuple[str, bool]] = []
    for n, learner in enumerate(learners):
        try:
            requirement = build_requirement(
                library.standard(learner.standard), request.for_member(learner)
            )
            done = done_codes(library, learner.done)
        except CurriculumError as exc:
            place = f"{source}:{learner.line}"
            errors.append(about("batch.learner_problem", exc, place=place, id=quoted(learner.id)))
            continue
        requirements.append(requirement)
        key = (requirement.standard.code, tuple(sorted(requirement.levels.items())), done)
        groups.setdefault(key, []).append(n)
    if errors:
        raise problems_error(errors)
    return requirements, groups


def check_courses(library: Library, request: Request) -> None:
    """Raise :class:`UnknownReferenceError` for an excluded or required course code
    no catalogue defines (a usage error for the whole run)."""
    for code in (*request.exclude, *request.require):
        library.course(code)


def done_codes(library: Library, codes: Sequence[str]) -> tuple[str, ...]:
    """The canonical, sorted codes of a learner's done courses (an
    :class:`UnknownReferenceError` for a code no catalogue defines)."""
    return tuple(sorted({library.course(c).code for c in codes}))


Render = Callable[[Learner, "Plan | None", "str | None"], Any]
"""Turns a learner's plan, or its error message, into what a worker sends back."""


class BatchJob:
    """Everything a worker needs to plan chunks of learners; shipped to it once.

    Parameters
    ----------
    library
        The loaded standards and catalogues.
    request, params
        Applied to every learner: the request's shared choices (attitudes,
        exclusions, required courses, levels), each learner bringing their own
        standard, targets, held items and courses done
        (:meth:`~curriculum.request.Request.for_member`).
    source
        The learners file's name, for error messages (``source:line: ...``).
    render
        When given, each learner's result is sent back as ``render(learner,
        plan, error)`` (rendered text, say) instead of ``(plan, error)``; it
        must be picklable for a cluster (a module-level function or a
        ``functools.partial`` of one).
    """

    def __init__(
        self,
        library: Library,
        request: Request | None = None,
        params: SolveParams | None = None,
        source: str = "<learners>",
        render: Render | None = None,
    ) -> None:
        from curriculum.i18n import run_lang

        self.library = library
        self.lang = run_lang()  # the errors' language, in a worker too
        self.request = request or Request()
        self.params = params or SolveParams()
        self.source = source
        self.render = render
        self._solved: dict[Key, tuple[PlanProblem, CoverSolution]] = {}

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_solved"] = {}  # each worker keeps its own
        return state

    def solved(
        self, requirement: Requirement, done: tuple[str, ...] = ()
    ) -> tuple[PlanProblem, CoverSolution]:
        """The cover problem of ``requirement``'s standard, items and levels (and
        the courses done), solved once per worker for all learners who need the same."""
        key = (requirement.standard.code, tuple(sorted(requirement.levels.items())), done)
        found = self._solved.get(key)
        if found is None:
            problem = build_plan_problem(
                self.library, requirement, replace(self.request, done=done)
            )
            found = (problem, solve_cover(problem.cover, self.params))
            if len(self._solved) >= CACHE_SIZE:
                self._solved.clear()
            self._solved[key] = found
        return found

    def plan(self, learner: Learner) -> Plan:
        """One learner's plan.

        Raises
        ------
        CurriculumError
            When the learner names an unknown standard, target or item.
        """
        requirement = build_requirement(
            self.library.standard(learner.standard), self.request.for_member(learner)
        )
        problem, solution = self.solved(requirement, done_codes(self.library, learner.done))
        return explain(self.library, replace(problem, requirement=requirement), solution)


def plan_chunk(job: BatchJob, learners: Sequence[Learner]) -> list[Any]:
    """Every learner's result, in order: ``(plan, None)``, or ``(None, message)``
    when its plan fails with a :class:`CurriculumError` (``message`` reads
    ``source:line: learner ID: ...``); with ``job.render``, ``(render(learner,
    plan, message), message)``."""
    from curriculum.i18n import set_run_lang

    set_run_lang(job.lang)  # a cluster worker's learner errors speak the run's language
    out: list[Any] = []
    with gc_paused():
        for learner in learners:
            plan: Plan | None = None
            error: str | None = None
            try:
                plan = job.plan(learner)
            except CurriculumError as exc:
                place = f"{job.source}:{learner.line}"
                error, _ = about("batch.learner_problem", exc, place=place, id=quoted(learner.id))
            out.append((job.render(learner, plan, error) if job.render else plan, error))
    return out


def chunk_size(learners: int, workers: int) -> int:
    """The default number of learners per chunk: about 16 chunks per worker, from
    4 to 200 learners (a smaller chunk loses less when a run is interrupted)."""
    return max(4, min(200, learners // (max(1, workers) * 16)))


def stream_batch(
    job: BatchJob,
    learners: Sequence[Learner],
    backend: Backend | None = None,
    *,
    size: int = 0,
    start: int = 0,
) -> Iterator[list[Any]]:
    """The results of :func:`plan_chunk` for ``learners[start:]``, chunk by chunk,
    in input order, planned on ``backend`` (default: a local pool, one process
    per core). ``size`` learners per chunk (0: :func:`chunk_size`); the results
    do not depend on the backend, its workers, ``size`` or ``start``."""
    backend = backend or LocalPool()
    todo = learners[start:]
    size = size or chunk_size(len(todo), backend.workers)
    chunks = [todo[n : n + size] for n in range(0, len(todo), size)]
    if len(todo) < PARALLEL_MIN_LEARNERS and isinstance(backend, LocalPool):
        yield from (plan_chunk(job, chunk) for chunk in chunks)
        return
    yield from backend.map(plan_chunk, job, chunks)


def plan_batch(
    library: Library,
    request: Request | None,
    params: SolveParams | None,
    learners: Sequence[Learner],
    *,
    processes: int = 0,
    source: str = "<learners>",
) -> list[tuple[Learner, Plan]]:
    """The plan of every learner, in input order; identical requirements solved once
    per process.

    With ``processes`` other than 1 (0: one per core) and enough learners, the
    chunks are planned in a ``fork`` process pool that shares the loaded
    library; the plans do not depend on it.

    Raises
    ------
    DataFileError
        When a learner names an unknown standard, target or item (checked before
        anything is solved).
    UnknownReferenceError
        For an excluded or required course code no catalogue defines.
    """
    request = request or Request()
    group_learners(library, request, learners, source)
    job = BatchJob(library, request, params, source)
    plans = [
        plan
        for chunk in stream_batch(job, learners, LocalPool(processes))
        for plan, _error in chunk
    ]
    return list(zip(learners, plans, strict=True))
