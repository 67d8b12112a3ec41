"""``plan --batch --cluster``: a local Dask cluster of 2 workers gives the bytes of
the local run, ships the library once, and survives a worker killed mid-run."""

from __future__ import annotations

import os
import signal
import sys
import time
from importlib.util import find_spec

import pytest
from click.testing import CliRunner
from conftest import BAS, COURSES, STANDARDS

import curriculum.planning.batch as batch
from curriculum.cli import main
from curriculum.io.cluster import Cluster, ClusterError, local_workers
from curriculum.io.learners import parse_learners

DATA_ARGS = ["--standards", str(STANDARDS), "--catalogue", str(COURSES)]
TASKS = ["T1.1", "T1.2", "T2.1", "T2.2", "T1", "T2", "", "T1.1 T2.1", "T1.2 T2.2"]
ROWS = ["id,standard,targets,held"]
ROWS += [f"c{n},{BAS},{t},{'K01' if n % 2 else ''}" for n, t in enumerate(TASKS * 3)]
ROWS += [f"bad,{BAS},T9,"]

# Dask is imported by the tests that run, not when the module is collected.
pytestmark = pytest.mark.skipif(find_spec("distributed") is None, reason="no Dask here")


@pytest.fixture(scope="module")
def cluster():
    import cloudpickle

    # The workers import this module's helpers by value, not from the tests folder.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    started = Cluster("local:2")
    yield started
    started.close()


@pytest.fixture(scope="module")
def learners(tmp_path_factory):
    path = tmp_path_factory.mktemp("cluster") / "learners.csv"
    path.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    return path


def plan(*args: str):
    return CliRunner().invoke(main, ["plan", "--batch", *args, *DATA_ARGS])


@pytest.mark.slow  # starting and stopping the cluster takes seconds
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_cluster_output_is_byte_identical_to_the_local_run(cluster, learners, fmt):
    address = cluster.client.scheduler.address
    local = plan(str(learners), "--format", fmt, "--jobs", "1")
    assert local.exit_code == 1 and local.stdout.count("c26") >= 1
    for size in ("1", "4", "0"):
        remote = plan(str(learners), "--format", fmt, "--cluster", address, "--chunk-size", size)
        assert remote.exit_code == 1, remote.stderr
        assert remote.stdout_bytes == local.stdout_bytes
        assert remote.stderr == local.stderr


@pytest.mark.slow
def test_the_job_is_shipped_once_per_worker_not_per_chunk(cluster, library):
    counted = Counted(library)
    learners = parse_learners("\n".join(ROWS) + "\n", "l.csv")
    job = batch.BatchJob(counted)
    chunks = list(batch.stream_batch(job, learners, cluster, size=1))
    assert len(chunks) == len(learners) == 28
    assert counted.unpickled == 0  # the driver's copy is never unpickled
    per_worker = cluster.client.run(Counted.times_unpickled)
    assert sum(per_worker.values()) <= 2, per_worker  # scattered once: at most once a worker


class Counted:
    """A library proxy that counts, in each process, how often it is unpickled."""

    unpickled = 0

    def __init__(self, library) -> None:
        self.library = library

    def __getattr__(self, name):
        return getattr(self.__dict__["library"], name)

    def __setstate__(self, state) -> None:
        type(self).unpickled += 1
        self.__dict__.update(state)

    @staticmethod
    def times_unpickled() -> int:
        return Counted.unpickled


def slow_chunk(job, learners):
    time.sleep(0.3)
    return batch.plan_chunk(job, learners)


@pytest.mark.slow
def test_a_worker_killed_mid_run_changes_nothing(cluster, library):
    learners = parse_learners("\n".join(ROWS) + "\n", "l.csv")
    job = batch.BatchJob(library)
    expected = batch.plan_chunk(job, learners)
    chunks = [learners[n : n + 2] for n in range(0, len(learners), 2)]
    pids = list(cluster.worker_pids().values())
    results = []
    for n, chunk in enumerate(cluster.map(slow_chunk, job, chunks)):
        if n == 1:
            os.kill(pids[0], signal.SIGKILL)
        results.extend(chunk)
    assert [p.to_dict() if p else e for p, e in results] == [
        p.to_dict() if p else e for p, e in expected
    ]
    assert pids[0] not in cluster.worker_pids().values()  # it was really lost


@pytest.mark.slow
def test_local_n_starts_a_cluster_for_the_run(learners):
    local = plan(str(learners), "--format", "json", "--jobs", "1")
    remote = plan(str(learners), "--format", "json", "--cluster", "local:2")
    assert remote.stdout_bytes == local.stdout_bytes and remote.exit_code == 1


@pytest.mark.slow
def test_a_taken_dashboard_port_says_nothing(learners):
    """A local cluster serves its dashboard on any free port of this machine: with
    Dask's 8787 taken (a notebook's cluster) the run printed three English lines."""
    import socket

    taken = socket.socket()
    try:
        taken.bind(("127.0.0.1", 8787))
        taken.listen()
    except OSError:
        pass  # taken already: the case this test is about
    try:
        local = plan(str(learners), "--format", "json", "--jobs", "1", "--lang", "zh-TW")
        remote = plan(str(learners), "--format", "json", "--cluster", "local:1", "--lang", "zh-TW")
    finally:
        taken.close()
    assert remote.stdout_bytes == local.stdout_bytes
    assert "8787" not in remote.stderr and "Port" not in remote.stderr, remote.stderr


def test_cluster_addresses_are_checked():
    assert local_workers("local:1") == 1 and local_workers("tcp://h:8786") is None
    with pytest.raises(ClusterError, match="local:N with N at least 1"):
        local_workers("local:0")
    with pytest.raises(ClusterError, match="cannot reach the scheduler"):
        Cluster("tcp://127.0.0.1:9", timeout=1)
