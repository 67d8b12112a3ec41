"""Ctrl-C, SIGTERM and a standard output that is closed or breaks: clean exits.

A signal becomes an exception in the main process (so output files are never left
half written), a forked pool worker just exits; a broken standard output becomes
one line and exit 1.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import io
import os
import signal
import sys
import threading
from collections.abc import Iterator

import click

from curriculum.cli.localized import say


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main process like Ctrl-C so that the same clean-up runs."""


STDOUT_ERRNOS = {errno.EPIPE, errno.ENOSPC, errno.EBADF, errno.EIO, errno.EDQUOT, errno.EFBIG}


def _on_signal(main_pid: int, signum: int, frame: object) -> None:
    """Interrupt the main process ``main_pid`` (clean-up runs); a forked pool worker
    just exits."""
    if os.getpid() != main_pid:
        os._exit(128 + signum)
    raise Terminated if signum == signal.SIGTERM else KeyboardInterrupt


@contextlib.contextmanager
def signals() -> Iterator[None]:
    """SIGINT and SIGTERM as exceptions in this process, restored afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handler = functools.partial(_on_signal, os.getpid())
    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


class ClosedStdout(io.TextIOBase):
    """Stands for a standard output closed at start (``>&-``): writing fails."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def silence_stdout() -> None:
    """After a broken standard output, point it at /dev/null so exit is quiet."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def stdout_error(exc: OSError) -> click.ClickException:
    """``standard output: cannot write: REASON`` (exit 1)."""
    silence_stdout()
    from curriculum.errors import OsReason
    from curriculum.i18n import run_lang

    return click.ClickException(say("error.stdout", reason=OsReason(exc).text(run_lang())))
