"""Dask distributed against Ray for ``plan --batch --cluster``: import, start, task round trip.

Usage: install one engine in a fresh virtual environment (``pip install
'dask[distributed]'`` or ``pip install ray``), then run this script with that
environment's Python; it times whichever engine it can import::

    python benchmarks/cluster_engines.py

It prints the import time, the start of a local cluster of 2 worker processes,
the mean round trip of 2,000 trivial tasks and the shut-down time. The figures
and the choice they led to are in docs/planning.md.
"""

from __future__ import annotations

import importlib.util
import time

TASKS = 2000


def increment(x: int) -> int:
    """A trivial task."""
    return x + 1


def time_dask() -> dict[str, float]:
    """Dask distributed's figures."""
    start = time.perf_counter()
    from distributed import Client, LocalCluster

    out = {"import_s": time.perf_counter() - start}
    start = time.perf_counter()
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)
    client = Client(cluster)
    out["start_s"] = time.perf_counter() - start
    client.submit(increment, 1).result()
    start = time.perf_counter()
    client.gather(client.map(increment, range(TASKS)))
    out["task_ms"] = (time.perf_counter() - start) / TASKS * 1000
    start = time.perf_counter()
    client.close()
    cluster.close()
    out["stop_s"] = time.perf_counter() - start
    return out


def time_ray() -> dict[str, float]:
    """Ray's figures."""
    start = time.perf_counter()
    import ray

    out = {"import_s": time.perf_counter() - start}
    remote = ray.remote(increment)
    start = time.perf_counter()
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    out["start_s"] = time.perf_counter() - start
    ray.get(remote.remote(1))
    start = time.perf_counter()
    ray.get([remote.remote(i) for i in range(TASKS)])
    out["task_ms"] = (time.perf_counter() - start) / TASKS * 1000
    start = time.perf_counter()
    ray.shutdown()
    out["stop_s"] = time.perf_counter() - start
    return out


def main() -> int:
    """Time every engine that can be imported here."""
    for name, timer in (("distributed", time_dask), ("ray", time_ray)):
        if importlib.util.find_spec(name) is None:
            print(f"{name}: not installed")
            continue
        figures = timer()
        print(name, " ".join(f"{k}={v:.2f}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
