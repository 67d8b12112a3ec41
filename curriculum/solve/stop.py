"""Stopping searches that run in other threads (no OR-Tools import)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Stopper:
    """Stops running searches from another thread (a race's loser, or Ctrl-C).

    Each engine registers a callable that interrupts it; :meth:`stop` calls every
    one registered so far, and a hook registered after it at once.
    """

    stopped: bool = False
    _hooks: list[Callable[[], object]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _event: threading.Event = field(default_factory=threading.Event)

    def add(self, hook: Callable[[], object]) -> None:
        """Register ``hook`` (called with no argument to stop a search)."""
        with self._lock:
            self._hooks.append(hook)
            stopped = self.stopped
        if stopped:
            hook()

    def stop(self) -> None:
        """Stop every registered search."""
        with self._lock:
            self.stopped = True
            hooks = list(self._hooks)
        self._event.set()
        for hook in hooks:
            hook()

    def wait(self, seconds: float) -> bool:
        """Wait up to ``seconds`` for :meth:`stop`: whether it was called."""
        return self._event.wait(seconds)
