"""Prerequisite chains of a schedule problem, for the messages that explain why
no schedule exists. Iterative walks: a chain may be thousands of courses long."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from curriculum.errors import Phrase
from curriculum.solve.schedule import necessary_columns
from curriculum.solve.schedule_problem import ScheduleProblem

SHOWN_ENDS = 4
"""Codes shown at each end of a long chain."""

Groups = Callable[[int], Sequence[Sequence[int]]]
"""A column's requirement groups: each group is met by any one of its columns."""


def dependants(problem: ScheduleProblem) -> Groups:
    """The columns every schedule takes that need a column as their only
    alternative of a prerequisite, as one-column groups (the reverse graph)."""
    needing: dict[int, list[tuple[int]]] = {}
    for k in necessary_columns(problem):
        for group in problem.cover.requires[k] if problem.cover.requires else ():
            if len(group) == 1:
                needing.setdefault(group[0], []).append((k,))
    return lambda j: needing.get(j, ())


def longest_chain(problem: ScheduleProblem, j: int, groups: Groups | None = None) -> list[int]:
    """The longest chain of columns ending at ``j`` through ``groups`` (default: the
    prerequisites), each group met by its shortest alternative. Iterative: a chain
    may be thousands of courses long."""
    if groups is None:
        requires = problem.cover.requires
        groups = (lambda k: requires[k]) if requires else (lambda k: ())
    depth: dict[int, int] = {}
    before: dict[int, int | None] = {}
    on_path: set[int] = set()
    stack = [j]
    while stack:
        k = stack[-1]
        if k in depth:
            stack.pop()
            continue
        if k not in on_path:
            on_path.add(k)
            todo = [a for g in groups(k) for a in g if a not in depth and a not in on_path]
            if todo:
                stack.extend(todo)
                continue
        best, pick = 0, None
        for group in groups(k):
            options = [a for a in group if a in depth]  # a column on the path: a cycle
            if options:
                shortest = min(options, key=lambda a: depth[a])
                if depth[shortest] > best:
                    best, pick = depth[shortest], shortest
        depth[k], before[k] = best + 1, pick
        on_path.discard(k)
        stack.pop()
    chain: list[int] = []
    node: int | None = j
    while node is not None:
        chain.append(node)
        node = before[node]
    return chain[::-1]


def chain_through(problem: ScheduleProblem, j: int) -> tuple[list[int], bool]:
    """The longest chain through column ``j``: its prerequisites before it, then
    the courses every schedule takes that need it (as their only alternative);
    and whether there are any of the latter."""
    before = longest_chain(problem, j)
    after = longest_chain(problem, j, dependants(problem))
    return [*before, *reversed(after[:-1])], len(after) > 1


class Chain(Phrase):
    """A chain of courses, ``A → B → C``; a long one by its ends and its length in
    the words of a language: ``A → B → … → Y → Z (1,500 courses)``."""

    def __init__(self, codes: Sequence[str]) -> None:
        long = len(codes) > 3 * SHOWN_ENDS
        ends = [*codes[:SHOWN_ENDS], "…", *codes[-SHOWN_ENDS:]] if long else list(codes)
        self.arrows = " → ".join(ends)
        key = "schedule.chain_ends" if long else ""
        super().__init__(key, ends=self.arrows, count=f"{len(codes):,}")

    def text(self, lang: str) -> str:
        """The chain in ``lang``."""
        return super().text(lang) if self.key else self.arrows
