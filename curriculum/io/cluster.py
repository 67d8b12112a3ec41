"""The cluster :class:`~curriculum.io.parallel.Backend`: an ordered map on Dask distributed.

``plan --batch --cluster ADDRESS`` sends chunks of learners to the workers of a
running Dask scheduler (``tcp://host:8786``); ``--cluster local:N`` starts a
cluster of N worker processes on this machine for the run. The large shared
value (the loaded library and the batch options) is scattered to every worker
once; each task then carries only its chunk. Results come back in input order.

Dask is optional (``pip install 'curriculum[cluster]'``) and imported only here,
only when a cluster is asked for. A worker lost mid-run is handled by Dask: the
scheduler runs its tasks again on the other workers (a nanny restarts a local
worker), and as every task is a pure function of its chunk the results do not
change.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from curriculum.errors import CurriculumError

A = TypeVar("A")
R = TypeVar("R")
S = TypeVar("S")

INSTALL_HINT = "the cluster backend needs Dask: pip install 'curriculum[cluster]'"
# Tasks submitted ahead per worker: enough to keep every worker busy while the
# results are written, few enough that an interrupted run loses little.
AHEAD_PER_WORKER = 3


class ClusterError(CurriculumError):
    """The cluster cannot be reached or started, or Dask is not installed."""

    exit_code = 2


def local_workers(address: str) -> int | None:
    """N for ``local:N``, ``None`` for a scheduler address.

    Raises
    ------
    ClusterError
        When N is not a whole number of at least 1.
    """
    if not address.startswith("local:"):
        return None
    count = address.removeprefix("local:")
    if not count.isdigit() or int(count) < 1:
        raise ClusterError(f"--cluster {address}: give local:N with N at least 1")
    return int(count)


class Cluster:
    """A Dask client, on a scheduler at ``address`` or on a new ``local:N`` cluster.

    Raises
    ------
    ClusterError
        When Dask is missing or the scheduler does not answer within ``timeout``
        seconds.
    """

    def __init__(self, address: str, timeout: float = 20.0) -> None:
        count = local_workers(address)
        try:
            import distributed
        except ImportError as exc:
            raise ClusterError(INSTALL_HINT) from exc
        dask: Any = distributed  # its functions are not annotated
        self._local: Any = None
        try:
            if count is not None:
                self._local = dask.LocalCluster(
                    n_workers=count,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self.client: Any = dask.Client(self._local, timeout=timeout)
            else:
                self.client = dask.Client(address, timeout=timeout)
        except (OSError, TimeoutError, RuntimeError) as exc:
            self.close()
            what = "cannot start it" if count else "cannot reach the scheduler"
            raise ClusterError(f"--cluster {address}: {what} ({exc})") from exc

    @property
    def workers(self) -> int:
        """Worker threads of the cluster now (at least 1)."""
        threads = self.client.nthreads()
        return max(1, int(sum(threads.values())))

    def worker_pids(self) -> dict[str, int]:
        """The process id of every worker, by address (to test a lost worker)."""
        import os

        pids: dict[str, int] = self.client.run(os.getpid)
        return pids

    def map(self, func: Callable[[S, A], R], shared: S, items: Sequence[A]) -> Iterator[R]:
        """``func(shared, item)`` for every item, in input order, as results arrive.

        ``shared`` is scattered to every worker once; at most
        ``AHEAD_PER_WORKER`` tasks per worker are queued at a time.
        """
        client = self.client
        [remote] = client.scatter([shared], broadcast=True, hash=False)
        ahead = AHEAD_PER_WORKER * self.workers
        pending: deque[Any] = deque()
        try:
            for item in items:
                pending.append(client.submit(func, remote, item, pure=False))
                while pending and (len(pending) >= ahead or pending[0].done()):
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
            remote.release()

    def close(self) -> None:
        """Disconnect; stop the cluster if this object started it."""
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
        if self._local is not None:
            self._local.close()


def connect(address: str) -> Cluster:
    """The :class:`Cluster` of ``--cluster ADDRESS`` (see :class:`Cluster`)."""
    return Cluster(address)
