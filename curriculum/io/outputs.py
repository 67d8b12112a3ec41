"""Where an output goes: the checks made on ``--output``, ``--plot`` and a resumable
output before anything is written, and the lock of a resumable output.

The rules (docs/security.md, "How outputs are written"):

* a name that is standard output or standard error (``/dev/stdout``,
  ``/dev/fd/1``, ``/proc/self/fd/1``) is that stream, whatever it points to
  (a pipe, a terminal, a file the shell opened);
* a device or a pipe (``/dev/null``, a FIFO) is written through, never replaced;
* a symbolic link to anything else is refused: the file it points to was not
  named by the user (a dangling link gets its own message);
* any other name is a regular file, replaced atomically (:mod:`curriculum.io.writers`).

Nothing here imports click: the errors carry their exit codes and the CLI prints them.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from curriculum.errors import OsReason, OutputFileError, UsageError
from curriculum.io.cells import quoted

Kind = Literal["stdout", "stderr", "stream", "file"]


@dataclass(frozen=True)
class Destination:
    """What an output name is: one of the process's streams, a device or pipe to
    write through, or a regular file (``path``, resolved) to replace atomically."""

    kind: Kind
    path: Path


def _same_as_fd(st: os.stat_result, fd: int) -> bool:
    try:
        other = os.fstat(fd)
    except OSError:
        return False
    return (st.st_dev, st.st_ino) == (other.st_dev, other.st_ino)


def _os_error(shown: str, exc: OSError) -> OutputFileError:
    return OutputFileError.keyed("output.cannot_write", path=shown, reason=OsReason(exc))


def destination(output: Path, option: str = "--output") -> Destination:
    """What ``output`` names, checked before anything is computed or written.

    Raises
    ------
    UsageError
        A symbolic link to a file or folder, a dangling link, a folder, or a
        missing folder (exit 2).
    OutputFileError
        A name the system refuses: too long, a link loop in its folders (exit 1).
    """
    shown = quoted(str(output))
    try:
        link = os.lstat(output)
    except FileNotFoundError:
        link = None
    except OSError as exc:
        raise _os_error(shown, exc) from None
    if link is not None:
        try:
            st = os.stat(output)
        except FileNotFoundError:
            raise UsageError.keyed(
                "output.dangling", option=option, path=shown, target=quoted(os.readlink(output))
            ) from None
        except OSError as exc:
            raise _os_error(shown, exc) from None
        if _same_as_fd(st, 1):
            return Destination("stdout", Path(output))
        if _same_as_fd(st, 2):
            return Destination("stderr", Path(output))
        if not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
            return Destination("stream", Path(output))
        if stat.S_ISDIR(st.st_mode):
            raise UsageError.keyed("output.folder", option=option, path=shown)
        if stat.S_ISLNK(link.st_mode):
            raise UsageError.keyed(
                "output.link", option=option, path=shown, target=quoted(os.path.realpath(output))
            )
    try:
        target = Path(output).resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a link loop (Python < 3.13)
        error = exc if isinstance(exc, OSError) else OSError(errno.ELOOP, os.strerror(errno.ELOOP))
        raise _os_error(shown, error) from None
    try:
        folder_ok = target.parent.is_dir()
    except OSError as exc:
        raise _os_error(shown, exc) from None
    if not folder_ok:
        raise UsageError.keyed(
            "output.no_folder", option=option, path=shown, folder=quoted(str(output.parent))
        )
    return Destination("file", target)


class OutputLock:
    """An open regular file, locked for this process (``flock``): a resumable
    output. A second run on the same file is refused instead of interleaving.

    The file is opened without following a symbolic link, and every write of the
    run goes through this one descriptor, so swapping the name for a link between
    or during runs cannot redirect the writes.

    Raises
    ------
    UsageError
        The name is a link, a device, a pipe or a folder, or another run holds
        the lock (exit 2).
    OutputFileError
        The file cannot be opened (exit 1).
    """

    def __init__(self, path: Path, option: str = "--output") -> None:
        shown = quoted(str(path))
        flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
        try:
            with contextlib.suppress(FileNotFoundError):
                mode = os.lstat(path).st_mode
                if not stat.S_ISREG(mode):
                    key = "output.resume_link" if stat.S_ISLNK(mode) else "output.resume_irregular"
                    raise UsageError.keyed(key, option=option, path=shown)
            self.fd = os.open(path, flags, 0o666)
        except OSError as exc:
            raise _os_error(shown, exc) from None
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self.fd)
            raise UsageError.keyed("output.locked", option=option, path=shown) from None
        self.path = Path(path)

    def size(self) -> int:
        """The file's length now."""
        return os.fstat(self.fd).st_size

    def read(self, length: int, chunk: int = 1 << 20) -> bytes:
        """The first ``length`` bytes (fewer when the file is shorter)."""
        return os.pread(self.fd, length, 0) if length <= chunk else self._read_long(length, chunk)

    def _read_long(self, length: int, chunk: int) -> bytes:
        parts, offset = [], 0
        while offset < length:
            part = os.pread(self.fd, min(chunk, length - offset), offset)
            if not part:
                break
            parts.append(part)
            offset += len(part)
        return b"".join(parts)

    def truncate(self, length: int) -> None:
        """Cut the file back to ``length`` bytes."""
        os.ftruncate(self.fd, length)

    def append(self, data: bytes) -> None:
        """Write ``data`` at the end and flush it to disk."""
        offset = self.size()
        view = memoryview(data)
        while view:
            written = os.pwrite(self.fd, view, offset)
            view, offset = view[written:], offset + written
        os.fsync(self.fd)

    def close(self) -> None:
        """Release the lock and the file."""
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def reader_gone(fd: int) -> bool:
    """Whether ``fd`` is a pipe whose reader has closed it (``| head -c1`` that left
    after the whole output fit in the pipe, so no write failed): ``poll`` reports
    an error condition on the write end then (Linux, the BSDs, macOS)."""
    import select

    try:
        if not stat.S_ISFIFO(os.fstat(fd).st_mode):
            return False
        poller = select.poll()
        poller.register(fd, select.POLLOUT)
        return any(event & select.POLLERR for _, event in poller.poll(0))
    except (OSError, ValueError, AttributeError):
        return False


def binary_stdout() -> Any:
    """Standard output for bytes (click 8.5 deprecates ``click.get_binary_stream``)."""
    return getattr(sys.stdout, "buffer", sys.stdout)


def is_terminal(stream: Any) -> bool:
    """Whether ``stream`` is a terminal."""
    return bool(stream.isatty())
