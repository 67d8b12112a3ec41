"""The one parameter object of every solving command (no OR-Tools import)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from curriculum.arguments import ENGINES as ENGINES

Clock = Callable[[], float]


class Stop:
    """A request to stop the search early (Ctrl-C), made at the edge and handed down.

    The first interrupt during a solve stops that search (it returns its best
    solution and proven bound) and is recorded here, so that every later phase
    of the same solve, sharing this object through its :class:`Deadline`,
    returns at once; a second interrupt raises ``KeyboardInterrupt``. The CLI
    reads :attr:`requested` after writing the result and exits 130.
    """

    __slots__ = ("count",)

    def __init__(self) -> None:
        self.count = 0

    @property
    def requested(self) -> bool:
        """Whether an interrupt asked the search to stop."""
        return self.count > 0

    def request(self) -> int:
        """Record one interrupt; how many there were."""
        self.count += 1
        return self.count


@dataclass(frozen=True)
class Deadline:
    """When the search must stop: made once from the time limit, then handed down.

    Like PyVRP's stopping criteria, one object carries the limit through every
    phase of a solve (presolve, starts, LP bounds, CP-SAT stages, explanations);
    a phase that gets only part of the time takes it with :meth:`part` or
    :meth:`within`, never by adding seconds to the clock itself.

    Attributes
    ----------
    at
        The ``clock()`` value after which the search stops; ``None`` for no limit.
    clock
        The clock ``at`` is read on (``time.monotonic``; tests pass their own).
    stop
        The solve's stop request, shared by every part of the deadline: once
        requested, the deadline has passed. ``None``: an interrupt stops only
        the search it falls in.
    """

    at: float | None = None
    clock: Clock = field(default=time.monotonic, repr=False, compare=False)
    stop: Stop | None = field(default=None, repr=False, compare=False)

    @classmethod
    def after(
        cls, seconds: float | None, clock: Clock = time.monotonic, stop: Stop | None = None
    ) -> Deadline:
        """The deadline ``seconds`` from now (``None``: no limit)."""
        return cls(None if seconds is None else clock() + seconds, clock, stop)

    @property
    def limited(self) -> bool:
        """Whether there is a limit at all."""
        return self.at is not None

    @property
    def stopped(self) -> bool:
        """Whether an interrupt asked the solve to stop."""
        return self.stop is not None and self.stop.requested

    def remaining(self) -> float | None:
        """Seconds left, never negative (0 once stopped); ``None`` without a limit."""
        if self.stopped:
            return 0.0
        return None if self.at is None else max(0.0, self.at - self.clock())

    def expired(self) -> bool:
        """Whether the deadline has passed or the solve was stopped."""
        return self.stopped or (self.at is not None and self.clock() >= self.at)

    def part(self, fraction: float) -> Deadline:
        """The deadline ``fraction`` of the time left from now (no limit stays none)."""
        now = self.clock()
        if self.at is None or now >= self.at:
            return self
        at = now + (self.at - now) * min(1.0, max(0.0, fraction))
        return Deadline(at, self.clock, self.stop)

    def within(self, seconds: float) -> Deadline:
        """The earlier of this deadline and ``seconds`` from now (a cap on a phase)."""
        cap = self.clock() + seconds
        return Deadline(cap if self.at is None else min(self.at, cap), self.clock, self.stop)


NO_DEADLINE = Deadline()
"""No limit and no stop request: the default of every function that takes a deadline."""


@dataclass(frozen=True)
class SolveParams:
    """How to run the solver; the same meaning in ``plan``, budgets, ``frontier`` and ``team``.

    Attributes
    ----------
    time_limit
        Seconds for the whole solve; ``None`` for no limit.
    workers
        CP-SAT search workers, the same in every command. 0 (the default) and 1
        both mean one worker with the full LP relaxation (``linearization_level
        = 2``). N >= 2 means CP-SAT's portfolio of N workers plus one ``max_lp``
        worker, which alone runs the full LP: set for every worker, it kept two
        workers from proving scp61, scp65, scpa1 or scpb1 in 30 s, or the
        budgeted team plan of ``examples/`` in 60 s. Measured on 2 cores, one
        worker was about as fast as two, or faster, on the OR-Library, the
        whole-standard frontier and team plans (``benchmarks/team_bench.py``, 10
        members: 3.7 s with one, 4.1 s with two, 15.6 s with eight). The answer
        does not depend on it whenever optimality is proven.
    seed
        CP-SAT's random seed.
    tie_break
        Break ties between equally good plans by column count and order. Turning
        it off solves the objectives only (benchmarks of the optimum value).
    presolve
        Apply the exact reductions of :mod:`curriculum.solve.presolve` first.
    cp_sat
        Extra CP-SAT parameters as ``(name, value)`` pairs, set last (used by
        the benchmarks to compare configurations).
    search_columns
        Reduced problems with at most this many columns are first solved by the
        exact depth-first search of :mod:`curriculum.solve.dfs` (no CP-SAT
        start-up), which falls back to CP-SAT past its node budget; 0 turns it off.
    start
        How the greedy + local-search start is given to CP-SAT for the first
        objective: ``"bound"`` (default) constrains the objective to at most the
        start's value, ``"hint"`` passes it as a solution hint, ``"bound+hint"``
        both, ``"none"`` neither. Measured on the OR-Library families 6, A and B
        (``benchmarks/tune_cpsat.py``), the bound was fastest and the hint the
        slowest. Later stages (cost, count, order) are always hinted with the
        previous stage's optimum, which is feasible for them.
    lp_fixing
        Before CP-SAT, drop the columns that the LP relaxation's duals prove to
        be in no cover as good as the greedy start (reduced-cost fixing, see
        :func:`curriculum.solve.cover.lp_fixing`), and again, for the tie-break
        stages, those in no optimal cover; each later stage (cost, count)
        proven fixes by its own LP (:mod:`curriculum.solve.fixing`), and the
        tie-break decides only the columns left free. The LP's prices also
        guide a second start (:mod:`curriculum.solve.dual_start`).
    walk
        On the widest LP gaps, improve the start by the row-weighting walk
        (:mod:`curriculum.solve.weighting`); off in the exact solves of core
        sub-problems, whose start is the whole problem's.
    engine
        Who searches the first objective of the least-hours cover (once the
        exact depth-first search has not settled it) and of max coverage
        (budgets, the frontier's points: the covered weight): ``"auto"``
        (default) races CP-SAT against a branch-and-cut MIP solver of the
        OR-Tools wheel (:mod:`curriculum.solve.race`) in two threads, the first
        proof stopping the other (on a cover of many items far above its LP bound,
        the row-weighting walk instead: :func:`curriculum.solve.cover.walks_on`;
        on max coverage only when
        :data:`~curriculum.solve.race.COVERAGE_DELAY` is set: measured, CP-SAT
        alone was faster there); ``"cpsat"`` and ``"mip"`` run one of them. The
        later stages (tie-breaks) always run on CP-SAT from the proven optimum,
        so the answer does not depend on which engine proved it.
    stop
        The stop request of the run (the CLI's, to learn of a Ctrl-C after the
        solve); each deadline made without one gets its own.
    """

    time_limit: float | None = None
    workers: int = 0
    seed: int = 0
    tie_break: bool = True
    presolve: bool = True
    cp_sat: tuple[tuple[str, Any], ...] = ()
    start: str = "bound"
    search_columns: int = 64
    lp_fixing: bool = True
    walk: bool = True
    engine: str = "auto"
    stop: Stop | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Refuse what ``--time-limit`` and ``--workers`` refuse (a
        :class:`~curriculum.errors.UsageError`): a limit that is not a finite number
        from 0, a worker count that is not a whole number from 0."""
        from curriculum.arguments import check_choice, check_count, check_flag, check_number

        if self.time_limit is not None:
            check_number(self.time_limit, "time_limit")
        check_count(self.workers, "workers")
        check_count(self.seed, "seed", minimum=-(2**31))
        check_count(self.search_columns, "search_columns")
        for name in ("tie_break", "presolve", "lp_fixing"):
            check_flag(getattr(self, name), name)
        check_choice(self.engine, "engine", ENGINES)

    def deadline(self) -> Deadline:
        """The deadline of a solve starting now: the one place ``time_limit`` is read.

        It carries :attr:`stop`, or a stop request of its own.
        """
        return Deadline.after(self.time_limit, stop=self.stop or Stop())


def deadline_for(params: SolveParams | None, deadline: Deadline | None) -> Deadline:
    """``deadline`` when a caller hands one down, else one made now from ``params``.

    Every entry point of a solve calls this once and passes the result to its
    phases: a nested solve inherits its caller's deadline instead of a time limit.
    """
    if deadline is not None:
        return deadline
    return (params or SolveParams()).deadline()
