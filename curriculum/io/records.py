"""Records read from input files, as plain data: renderers may use them (no file is read here)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Learner:
    """One row of a learners file (``plan --batch``)."""

    id: str
    standard: str
    targets: tuple[str, ...]
    held: tuple[str, ...]
    line: int
    done: tuple[str, ...] = ()
