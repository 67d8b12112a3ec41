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
import os
import socket
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from curriculum.errors import CurriculumError, OsReason, Phrase
from curriculum.io.cells import quoted

A = TypeVar("A")
R = TypeVar("R")
S = TypeVar("S")

INSTALL_HINT = "cluster.install"
"""The catalogue's key of the hint shown when Dask is missing."""
# Tasks submitted ahead per worker: enough to keep every worker busy while the
# results are written, few enough that an interrupted run loses little.
AHEAD_PER_WORKER = 3


class ClusterError(CurriculumError):
    """The cluster cannot be reached or started, or Dask is not installed."""

    exit_code = 2


SCHEMES = ("tcp", "tls")
"""The scheduler address schemes accepted (Dask's TCP transports; a bare
``HOST:PORT`` is TCP). ``ucx://`` needs UCX-Py and ``ws://`` a web-socket build."""

HANDSHAKE_SECONDS = 10.0
"""How long a scheduler may take to send its first bytes once connected."""

WORKERS_SECONDS = 30.0
"""How long a scheduler may take to have at least one worker."""

MAX_FIRST_MESSAGE = 1 << 26
"""The largest first message a scheduler sends (its handshake is a few hundred bytes)."""


def usable_cores() -> int:
    """The processor cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def local_workers(address: str) -> int | None:
    """N for ``local:N``, ``None`` for a scheduler address.

    Raises
    ------
    ClusterError
        When N is not a whole number (ASCII digits) from 1 to the cores of this machine.
    """
    if not address.startswith("local:"):
        return None
    count = address.removeprefix("local:")
    shown = quoted(address)
    if not (count.isascii() and count.isdigit()) or int(count) < 1:
        raise ClusterError.keyed("cluster.local_count", address=shown)
    cores = usable_cores()
    if int(count) > cores:
        raise ClusterError.keyed("cluster.cores", address=shown, n=cores)
    return int(count)


def check_address(address: str) -> tuple[str, str, int] | None:
    """``(scheme, host, port)`` of a scheduler address, ``None`` for ``local:N``;
    checked before anything connects.

    Raises
    ------
    ClusterError
        For an empty address, another scheme, a missing or bad port, or an
        unclosed IPv6 bracket.
    """
    if local_workers(address) is not None:
        return None
    shown = quoted(address)
    hint = Phrase("cluster.hint")
    scheme, sep, rest = address.strip().partition("://")
    if not sep:
        scheme, rest = "tcp", address.strip()
    if scheme.lower() not in SCHEMES:
        raise ClusterError.keyed("cluster.scheme", address=shown, scheme=quoted(scheme), hint=hint)
    if rest.startswith("["):  # [IPv6]:PORT
        host, bracket, after = rest[1:].partition("]")
        if not bracket:
            raise ClusterError.keyed("cluster.ipv6", address=shown)
        colon, port = after[:1] == ":", after[1:]
    else:
        host, colon_text, port = rest.rpartition(":")
        colon = bool(colon_text)
    if not colon or not host or "/" in rest or "[" in host or "]" in host:
        raise ClusterError.keyed("cluster.no_port", address=shown, hint=hint)
    if not (port.isascii() and port.isdigit()) or not 0 < int(port) < 65536:
        raise ClusterError.keyed("cluster.port", address=shown, port=quoted(port))
    return scheme.lower(), host, int(port)


def check_handshake(address: str, seconds: float | None = None) -> None:
    """Connect to a TCP scheduler and wait for its first bytes, as Dask sends them:
    an 8-byte length, then that many bytes. A service that accepts and never
    speaks, or speaks something else, is refused in bounded time (Dask itself
    would wait, or allocate whatever length the bytes spell).

    Raises
    ------
    ClusterError
        When nothing answers, nothing arrives in ``seconds``, or the first bytes
        are not a Dask message.
    """
    parsed = check_address(address)
    if parsed is None or parsed[0] != "tcp":
        return
    _, host, port = parsed
    seconds = HANDSHAKE_SECONDS if seconds is None else seconds
    shown = quoted(address)
    try:
        with socket.create_connection((host, port), timeout=seconds) as conn:
            conn.settimeout(seconds)
            head = b""
            while len(head) < 8:
                part = conn.recv(8 - len(head))
                if not part:
                    break
                head += part
    except TimeoutError:
        raise ClusterError.keyed("cluster.silent", address=shown, seconds=f"{seconds:g}") from None
    except OSError as exc:
        raise ClusterError.keyed(
            "cluster.unreachable", address=shown, reason=OsReason(exc)
        ) from None
    size = int.from_bytes(head, "little") if len(head) == 8 else 0
    if not 0 < size <= MAX_FIRST_MESSAGE:
        raise ClusterError.keyed("cluster.not_dask", address=shown)


class Cluster:
    """A Dask client, on a scheduler at ``address`` or on a new ``local:N`` cluster.

    Raises
    ------
    ClusterError
        When Dask is missing or the scheduler does not answer within ``timeout``
        seconds.
    """

    def __init__(self, address: str, timeout: float = 20.0) -> None:
        check_address(address)
        count = local_workers(address)
        try:
            import distributed
        except ImportError as exc:
            raise ClusterError.keyed(INSTALL_HINT) from exc
        dask: Any = distributed  # its functions are not annotated
        if count is None:
            check_handshake(address, min(timeout, HANDSHAKE_SECONDS))
        self._local: Any = None
        try:
            if count is not None:
                self._local = dask.LocalCluster(
                    n_workers=count,
                    threads_per_worker=1,
                    processes=True,
                    # any free port, on this machine only: Dask's default, 8787, printed
                    # an English warning whenever taken (a notebook's cluster, another run)
                    dashboard_address="127.0.0.1:0",
                    silence_logs=logging.ERROR,
                )
                self.client: Any = dask.Client(self._local, timeout=timeout)
            else:
                self.client = dask.Client(address, timeout=timeout)
        except (OSError, TimeoutError, RuntimeError, ValueError, TypeError) as exc:
            self.close()
            key = "cluster.cannot_start" if count else "cluster.unreachable"
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ClusterError.keyed(key, address=quoted(address), reason=reason) from None
        self._wait_for_workers(address, WORKERS_SECONDS if count is None else timeout)

    def _wait_for_workers(self, address: str, seconds: float) -> None:
        """Refuse a scheduler that has no worker within ``seconds`` (its tasks would
        wait for ever)."""
        try:
            self.client.wait_for_workers(1, timeout=seconds)
        except (TimeoutError, OSError, RuntimeError) as exc:
            self.close()
            raise ClusterError.keyed(
                "cluster.no_workers", address=quoted(address), seconds=f"{seconds:g}"
            ) from exc

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
