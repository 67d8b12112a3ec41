"""Map a function over many items on every core, in order; load many data files so.

A national library (1,000 standards, 50 catalogues of 1,000 courses) spends most
of its loading time parsing YAML, file by file: :func:`load_files` spreads the
files over a process pool when there are many, and keeps the input order so that
the result (and any error list) is the same as loading them one by one.
:func:`parallel_map` is the one process pool of the package (``plan --batch``
plans its chunks of learners with it too).

:class:`Backend` is the one interface of an ordered map whose function gets a
large ``shared`` value (a loaded library) besides each item: :class:`LocalPool`
runs it in a fork pool (the shared value is inherited, never pickled), and
:class:`curriculum.io.cluster.Cluster` (the optional ``cluster`` extra) ships it
to each worker of a Dask cluster once. Both yield the results in input order as
soon as they are known, so that callers can stream them.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar

from curriculum.errors import DataFileError

T = TypeVar("T")
A = TypeVar("A")
R = TypeVar("R")
S = TypeVar("S")

PARALLEL_MIN_FILES = 8
PARALLEL_MIN_BYTES = 1_000_000


def cores() -> int:
    """CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _call(func: Callable[[Path], T], path: Path) -> T | DataFileError:
    try:
        return func(path)
    except DataFileError as exc:
        return exc


# The function of the running map: forked workers inherit it, so it is never
# pickled and may close over anything (a loaded library, solver options).
_FUNC: Callable[[Any], Any] | None = None
_IN_WORKER = False


def _apply(item: Any) -> Any:
    assert _FUNC is not None
    return _FUNC(item)


def _mark_worker() -> None:
    """Start a pool worker: it plans, the parent handles interrupts.

    The worker leaves Ctrl-C to the parent (which stops the pool) and dies at
    once on SIGTERM, the signal ``Pool.terminate`` sends: a Python-level handler
    inherited from the CLI was measured to leave an idle worker, blocked on the
    task queue, alive after SIGTERM about once in twenty runs, hanging the parent
    in ``terminate``.
    """
    global _IN_WORKER
    _IN_WORKER = True
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def can_fork() -> bool:
    """Whether a ``fork`` pool may start here: fork exists, this is not already a
    pool worker, and no other thread runs (forking a threaded process is unsafe)."""
    return hasattr(os, "fork") and not _IN_WORKER and threading.active_count() == 1


def parallel_map(
    func: Callable[[A], R], items: Sequence[A], jobs: int, chunksize: int | None = None
) -> list[R]:
    """``[func(item) for item in items]``, in order, on up to ``jobs`` processes.

    The pool is forked, so ``func`` need not be picklable (only the items and
    results are). With one job, one item, or when :func:`can_fork` is false, the
    items are mapped here; the result is the same.
    """
    return list(imap(func, items, jobs, chunksize))


def imap(
    func: Callable[[A], R], items: Sequence[A], jobs: int, chunksize: int | None = None
) -> Iterator[R]:
    """:func:`parallel_map` as a stream: each result, in order, as soon as it and
    every result before it are known. Closing the iterator early stops the pool."""
    global _FUNC
    jobs = min(jobs, len(items))
    if jobs < 2 or not can_fork():
        yield from (func(item) for item in items)
        return
    import multiprocessing

    chunk = chunksize or max(1, len(items) // (jobs * 4))
    previous, _FUNC = _FUNC, func
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(jobs, initializer=_mark_worker) as pool:
            yield from pool.imap(_apply, items, chunksize=chunk)
    finally:
        _FUNC = previous


class Backend(Protocol):
    """Where an ordered map of ``func(shared, item)`` runs: :class:`LocalPool` or a
    cluster (:class:`curriculum.io.cluster.Cluster`). Results do not depend on it."""

    @property
    def workers(self) -> int:
        """How many items may be computed at once."""
        ...

    def map(self, func: Callable[[S, A], R], shared: S, items: Sequence[A]) -> Iterator[R]:
        """``func(shared, item)`` for every item, yielded in input order."""
        ...

    def close(self) -> None:
        """Release the processes or the cluster connection."""
        ...


class LocalPool:
    """The :class:`Backend` of this machine: a fork pool of ``jobs`` processes
    (0: one per core) that inherit ``shared``; one job maps here."""

    def __init__(self, jobs: int = 0) -> None:
        self._jobs = jobs or cores()

    @property
    def workers(self) -> int:
        """The number of processes."""
        return self._jobs

    def map(self, func: Callable[[S, A], R], shared: S, items: Sequence[A]) -> Iterator[R]:
        """``func(shared, item)`` for every item, in order, one item per task."""
        return imap(partial(func, shared), items, self._jobs, 1)

    def close(self) -> None:
        """Nothing to release: each :meth:`map` closes its own pool."""


def load_files(func: Callable[[Path], T], paths: Sequence[Path]) -> list[T | DataFileError]:
    """``func(path)`` for every path, in order; a :class:`DataFileError` is returned,
    not raised, so that every file's problems can be listed.

    Uses :func:`parallel_map` on every core when there are at least
    ``PARALLEL_MIN_FILES`` files totalling ``PARALLEL_MIN_BYTES``; otherwise
    loads here.
    """
    many = len(paths) >= PARALLEL_MIN_FILES and sum(_size(p) for p in paths) >= PARALLEL_MIN_BYTES
    return parallel_map(partial(_call, func), paths, cores() if many else 1)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects.

    Loading a national catalogue creates millions of small objects and no
    reference cycles; the collector's repeated full passes over them took more
    than half the loading time (10.5 s of CPU with it, 4.1 s without).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
