"""Ctrl-C during a solve: the search stops; the best cover so far, with its true bound."""

from __future__ import annotations

import os
import random
import signal
import threading
import time

import pytest

from curriculum.solve.cover import solve_cover
from curriculum.solve.params import SolveParams, Stop
from curriculum.solve.problem import CoverProblem


def _hard_unicost(rows: int = 300, columns: int = 3000, seed: int = 3) -> CoverProblem:
    rng = random.Random(seed)
    covers = [tuple(sorted(rng.sample(range(rows), 6))) for _ in range(columns)]
    missing = set(range(rows)) - {i for c in covers for i in c}
    covers[0] = tuple(sorted(set(covers[0]) | missing))
    return CoverProblem(
        tuple(f"i{i}" for i in range(rows)),
        tuple(f"c{j}" for j in range(columns)),
        tuple(covers),
        ((1,) * columns,),
    )


@pytest.mark.slow
def test_first_interrupt_stops_the_search_and_keeps_the_best_cover():
    problem = _hard_unicost()
    stop = Stop()
    timer = threading.Timer(3.0, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    start = time.process_time()  # CPU time of every thread: the search's, not the load's
    try:
        solution = solve_cover(problem, SolveParams(time_limit=60, workers=1, stop=stop))
    finally:
        timer.cancel()
    assert stop.requested and stop.count == 1
    assert time.process_time() - start < 20  # a search left running would use ~60 s
    assert solution.status == "feasible" and problem.is_cover(solution.chosen)
    assert 0 < solution.lower_bound <= solution.value[0]
    # the next solve has a stop request of its own: nothing carries over
    fresh = SolveParams(time_limit=60, workers=1).deadline()
    assert not fresh.stopped and fresh.stop is not stop


def test_a_stop_request_ends_every_later_phase_at_once():
    """Once stopped, the deadline has passed for every part of it: CP-SAT gets no time."""
    stop = Stop()
    deadline = SolveParams(time_limit=3600, stop=stop).deadline()
    part = deadline.part(0.5)
    assert not part.expired() and part.stop is stop
    stop.request()
    assert deadline.expired() and part.expired() and part.within(10).remaining() == 0.0
    problem = _hard_unicost(100, 1000)
    solution = solve_cover(problem, SolveParams(workers=1, stop=stop))
    assert problem.is_cover(solution.chosen)
    assert solution.lower_bound <= solution.value[0]
