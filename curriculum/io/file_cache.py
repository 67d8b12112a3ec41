"""Files parsed once: a long-running reader parses again only the files that changed.

A command reads each file once and needs no cache. The web workspace loads its
library again whenever a catalogue is edited; with a :class:`FileCache` in its
:class:`~curriculum.io.context.ReadContext`, the loaders of
:mod:`curriculum.io.library` take every unchanged file's parsed value from the
cache (the standards are parsed once) and read only the changed ones. A file is
unchanged while its size, modification time, inode and status-change time are;
an atomic save (a new file renamed over the old one) always changes the inode.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar

from curriculum.errors import DataFileError
from curriculum.io.parallel import load_files

T = TypeVar("T")
Stamp = tuple[int, int, int, int]

MAX_ENTRIES = 10_000
"""Parsed files kept (the cache is emptied when it would hold more)."""


def stamp(path: Path) -> Stamp | None:
    """Size, modification time, inode and status-change time; ``None`` when unreadable."""
    try:
        info = Path(path).stat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)


class ReadContext(Protocol):
    """What the cache needs of a :class:`curriculum.io.context.ReadContext` (named
    here by its shape: that module refers to this one)."""

    @property
    def encoding(self) -> str | None: ...

    @property
    def cache(self) -> FileCache | None: ...


class FileCache:
    """Parsed values by (reader, file, encoding, language of the problems), valid while
    the file's stamp holds."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, str, str, str], tuple[Stamp, Any]] = {}

    @staticmethod
    def _key(
        read: Callable[..., Any], path: Path, context: ReadContext
    ) -> tuple[str, str, str, str]:
        """Reader, file, encoding and the language its problems are worded in."""
        from curriculum.i18n import run_lang

        return (read.__qualname__, str(path), context.encoding or "", run_lang())

    def get(self, read: Callable[..., Any], path: Path, context: ReadContext) -> tuple[Any, bool]:
        """``(value, True)`` when ``read`` parsed ``path`` as it is now, else ``(None, False)``."""
        now = stamp(path)
        with self._lock:
            found = self._entries.get(self._key(read, path, context))
        if now is None or found is None or found[0] != now:
            return None, False
        return found[1], True

    def put(self, read: Callable[..., Any], path: Path, context: ReadContext, value: Any,
            when: Stamp | None) -> None:  # fmt: skip
        """Keep ``value`` as what ``read`` makes of ``path`` while its stamp is ``when``."""
        if when is None:
            return
        with self._lock:
            if len(self._entries) >= MAX_ENTRIES:
                self._entries.clear()
            self._entries[self._key(read, path, context)] = (when, value)


def load_cached(
    read: Callable[..., T], paths: Sequence[Path], context: ReadContext | None
) -> list[T | DataFileError]:
    """``read(path, context=context)`` for every path, as
    :func:`~curriculum.io.parallel.load_files` gives them; with a cache in
    ``context``, unchanged files come from it and only the others are read. A
    file's stamp is taken before it is read, so a change made while it is read
    is seen next time."""
    cache = context.cache if context is not None else None
    if cache is None or context is None:
        return load_files(partial(read, context=context), paths)
    results: list[Any] = []
    missing: list[int] = []
    stamps: dict[int, Stamp | None] = {}
    for n, path in enumerate(paths):
        value, hit = cache.get(read, path, context)
        if not hit:
            missing.append(n)
            stamps[n] = stamp(path)
        results.append(value)
    fresh = load_files(partial(read, context=context), [paths[n] for n in missing])
    for n, value in zip(missing, fresh, strict=True):
        results[n] = value
        if not isinstance(value, DataFileError):
            cache.put(read, paths[n], context, value, stamps[n])
    return results
