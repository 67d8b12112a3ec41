"""``--cluster`` addresses checked before connecting, and every failure one line in
bounded time (issue 25, point 3). Loopback only; every wait is bounded."""

from __future__ import annotations

import socket
import threading

import pytest
from click.testing import CliRunner
from conftest import COURSES, DATA, STANDARDS

import curriculum.io.cluster as cluster
from curriculum.cli import main
from curriculum.io.cluster import ClusterError, check_address, check_handshake

LEARNERS = DATA / "batch" / "learners.csv"
DATA_ARGS = ["--standards", str(STANDARDS), "--catalogue", str(COURSES)]


def batch(address: str):
    return CliRunner().invoke(
        main, ["plan", "--batch", str(LEARNERS), *DATA_ARGS, "--cluster", address, "--lang", "en"]
    )


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("bogus", "no host and port"),
        ("", "no host and port"),
        ("tcp://[::1", "without its closing ]"),
        ("tcp://[::1]", "no host and port"),
        ("http://127.0.0.1:8787", "http:// is not supported"),
        ("ucx://127.0.0.1:8786", "ucx:// is not supported"),
        ("tcp://127.0.0.1:99999", "port 99999 is not 1 to 65535"),
        ("tcp://127.0.0.1:8786/status", "no host and port"),
        ("tcp://127.0.0.1:x", "port x is not"),
        ("local:²", "local:N with N at least 1"),
        ("local:0", "local:N with N at least 1"),
        ("local:1000", "give local:N with N at most"),
    ],
)
def test_bad_addresses_are_refused_before_anything_is_loaded(address, message, monkeypatch):
    import curriculum.io.library as library

    monkeypatch.setattr(library, "load_library", lambda *a, **k: pytest.fail("loaded"))
    result = batch(address)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(errors) == 1 and message in errors[0], result.stderr


def test_good_addresses_parse():
    assert check_address("tcp://127.0.0.1:8786") == ("tcp", "127.0.0.1", 8786)
    assert check_address("127.0.0.1:8786") == ("tcp", "127.0.0.1", 8786)
    assert check_address("tls://[::1]:8786") == ("tls", "::1", 8786)
    assert check_address("local:1") is None


class Listener:
    """A loopback TCP service that accepts and then sends ``reply`` (or nothing)."""

    def __init__(self, reply: bytes | None) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.port = self.sock.getsockname()[1]
        self.reply = reply
        self.conns: list[socket.socket] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)
            if self.reply == b"":
                conn.close()  # hangs up at once
            elif self.reply is not None:
                conn.sendall(self.reply)

    def close(self) -> None:
        self.sock.close()
        for conn in self.conns:
            conn.close()


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (None, "no Dask scheduler answered within 0.5 s"),
        (b"SSH-2.0-OpenSSH_9.6\r\n", "not a Dask scheduler"),
        (b"\xff" * 8, "not a Dask scheduler"),
        (b"", "not a Dask scheduler"),
    ],
    ids=["silent", "ssh", "huge length", "closes at once"],
)
def test_a_listener_that_is_not_dask_fails_in_bounded_time(reply, message):
    server = Listener(reply)
    try:
        with pytest.raises(ClusterError, match=message):
            check_handshake(f"tcp://127.0.0.1:{server.port}", 0.5)
    finally:
        server.close()


@pytest.mark.slow
def test_the_cli_refuses_a_silent_listener_in_one_line(monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(cluster, "HANDSHAKE_SECONDS", 0.5)
    server = Listener(None)
    try:
        result = batch(f"tcp://127.0.0.1:{server.port}")
    finally:
        server.close()
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "no Dask scheduler answered within 0.5 s" in result.stderr


@pytest.mark.slow
def test_a_scheduler_without_workers_is_one_line(monkeypatch):
    distributed = pytest.importorskip("distributed")
    import logging

    monkeypatch.setattr(cluster, "WORKERS_SECONDS", 1.0)
    empty = distributed.LocalCluster(
        n_workers=0,
        processes=False,
        host="127.0.0.1",
        protocol="tcp",
        dashboard_address="127.0.0.1:0",
        silence_logs=logging.ERROR,
    )
    try:
        result = batch(empty.scheduler_address)
    finally:
        empty.close()
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "the scheduler has no workers (none joined within 1 s)" in result.stderr
