"""The one process pool: order kept, closures allowed, the same result as a plain map."""

from __future__ import annotations

import os
import threading

import pytest

import curriculum.io.parallel as parallel
from curriculum.io.parallel import parallel_map

needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="no fork pool here")


@pytest.fixture(autouse=True)
def _earlier_threads_ended() -> None:
    """Wait for the threads an earlier test of this process left winding down (a
    stopped CP-SAT search's thread is joined for 1 s only, then left as a daemon):
    while one runs, ``can_fork`` is rightly false and the pool maps here."""
    for thread in threading.enumerate():
        if thread is not threading.current_thread():
            thread.join(timeout=30)


@needs_fork
def test_order_is_kept_and_closures_need_no_pickling():
    offset = {"value": 1000}  # a closure over local state: not picklable by name
    items = list(range(50))
    pooled = parallel_map(lambda n: (n + offset["value"], os.getpid()), items, jobs=2)
    assert [n for n, _ in pooled] == [n + 1000 for n in items]
    assert {pid for _, pid in pooled} - {os.getpid()}, "no item was mapped in a worker"


@needs_fork
def test_a_map_inside_a_worker_runs_there():
    def inner(n: int) -> list[int]:
        return parallel_map(lambda m: m * n, [1, 2, 3], jobs=2)

    assert parallel_map(inner, [1, 2, 3, 4], jobs=2) == [[n, 2 * n, 3 * n] for n in [1, 2, 3, 4]]


def test_one_job_maps_here():
    assert parallel_map(lambda n: (n, os.getpid()), [1, 2], jobs=1) == [
        (1, os.getpid()),
        (2, os.getpid()),
    ]


@needs_fork
def test_an_error_in_a_worker_reaches_the_caller():
    def fail(n: int) -> int:
        if n == 7:
            raise ValueError("seven")
        return n

    with pytest.raises(ValueError, match="seven"):
        parallel_map(fail, list(range(20)), jobs=2)
