"""Prerequisites of courses: the written forms, and the graph they make.

A course's ``prerequisites`` is a list of requirements; each requirement is a
tuple of alternative course codes, one of which must be taken first:
``[CS-101, [CS-102, CS-103]]`` (YAML) or ``CS-101; CS-102 | CS-103`` (a CSV or
XLSX cell) both mean CS-101 and (CS-102 or CS-103). ``corequisites`` has the
same form and may also be taken in the same period; ``same_term`` requirements
are taken in the same period (a lecture and its lab). Courses that are each
other's corequisites (or same-term requirements) are taken together; only a
cycle through a prerequisite can never be met.

Nothing here reads a file or knows the solver.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol

from curriculum.errors import KeyedValueError

Requirement = tuple[str, ...]
"""Alternative course codes; taking any one satisfies the requirement."""

Requisites = tuple[Requirement, ...]
"""Every requirement of a course (all must be satisfied)."""

_AND = re.compile(r"[;；,，、\n]")
_OR = re.compile(r"\s*[|｜]\s*|\s+or\s+|\s*或\s*", re.IGNORECASE)

MAX_REQUIREMENTS = 100
"""The most requirements (and alternatives per requirement) one course may list."""


def parse_requisites(value: Any) -> Any:
    """The requirements of a course as written in YAML, JSON or a table cell.

    Accepts ``None`` or ``""`` (none), a text ``A; B | C`` (``;`` or ``,``
    separates requirements, ``|`` or ``or`` alternatives), or a list whose
    entries are codes, texts ``B | C`` or lists of alternative codes. Anything
    else is returned unchanged for pydantic to reject.
    """
    if value is None:
        return ()
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        parts = [p.strip() for p in _AND.split(str(value))]
        value = [p for p in parts if p]
    if not isinstance(value, (list, tuple)):
        return value
    if len(value) > MAX_REQUIREMENTS:
        raise KeyedValueError("requisite.too_many", most=MAX_REQUIREMENTS)
    requirements: list[Any] = []
    for entry in value:
        if isinstance(entry, (str, int)) and not isinstance(entry, bool):
            alternatives: Any = [a for a in _OR.split(str(entry).strip()) if a]
        elif isinstance(entry, (list, tuple)):
            alternatives = list(entry)
        else:
            return value
        if not alternatives:
            raise KeyedValueError("requisite.empty")
        if len(alternatives) > MAX_REQUIREMENTS:
            raise KeyedValueError("requisite.alternatives", most=MAX_REQUIREMENTS)
        requirements.append(tuple(alternatives))
    return tuple(requirements)


def split_corequisites(kinds: Mapping[str, Any], same_term: Any) -> dict[str, Any]:
    """``corequisites`` written by kind, ``{strict: [...], loose: [...]}``, as the
    ``corequisites`` (loose: first or in the same period) and ``same_term`` (strict)
    fields; a ``same_term`` given as well is an error."""
    unknown = sorted(str(k) for k in kinds if k not in ("strict", "loose"))
    if unknown:
        raise KeyedValueError("requisite.kind", kind=repr(unknown[0]))
    if "strict" in kinds and same_term:
        raise KeyedValueError("requisite.same_term")
    fields: dict[str, Any] = {"corequisites": kinds.get("loose") or ()}
    if "strict" in kinds:
        fields["same_term"] = kinds["strict"]
    return fields


def format_requisites(requisites: Requisites) -> str:
    """The cell text of requirements: ``CS-101; CS-102 | CS-103``."""
    return "; ".join(" | ".join(r) for r in requisites)


def find_cycle(graph: Mapping[str, Iterable[str]]) -> list[str] | None:
    """A cycle of the graph as a path ``[a, b, ..., a]``, or ``None``.

    ``graph`` maps a course to the courses it names as prerequisites (any
    alternative counts: a cycle through alternatives can still be avoided, but a
    catalogue that writes one is wrong). The search is iterative and visits
    nodes in sorted order, so the cycle named is the same on every run.
    """
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for root in sorted(graph):
        if state.get(root):
            continue
        path: list[str] = [root]
        stack: list[Iterator[str]] = [iter(sorted(graph.get(root, ())))]
        state[root] = 1
        while stack:
            node = next(stack[-1], None)
            if node is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            if state.get(node) == 1:
                return [*path[path.index(node) :], node]
            if not state.get(node):
                state[node] = 1
                path.append(node)
                stack.append(iter(sorted(graph.get(node, ()))))
    return None


def requisite_graph(
    courses: Iterable[tuple[str, Requisites, Requisites]],
) -> dict[str, set[str]]:
    """Course -> every course its prerequisites and corequisites name."""
    return {
        code: {c for requirement in (*pre, *co) for c in requirement} for code, pre, co in courses
    }


def closure(codes: Iterable[str], requisites: Callable[[str], Sequence[Requirement]]) -> set[str]:
    """The courses ``codes`` may need: themselves and every alternative of their
    prerequisites, transitively (``requisites(code)`` gives a course's)."""
    seen: set[str] = set()
    todo = list(codes)
    while todo:
        code = todo.pop()
        if code in seen:
            continue
        seen.add(code)
        todo.extend(c for requirement in requisites(code) for c in requirement)
    return seen


class HasRequisites(Protocol):
    """A course as far as its requirements go."""

    @property
    def code(self) -> str: ...
    @property
    def prerequisites(self) -> Requisites: ...
    @property
    def corequisites(self) -> Requisites: ...
    @property
    def same_term(self) -> Requisites: ...


def find_strict_cycle(courses: Sequence[HasRequisites]) -> list[str] | None:
    """A cycle of requirements that no placement in periods can meet, or ``None``.

    A prerequisite must be taken strictly earlier; a corequisite earlier or in
    the same period; a same-term requirement in the same period (an edge both
    ways). A cycle is impossible only when it goes through a prerequisite:
    courses that are each other's corequisites go in one period. The cycle is
    named as a path ``[a, b, ..., a]``, the same on every run (for a catalogue
    whose only cycles are of prerequisites, the one :func:`find_cycle` names).
    """
    strict: dict[str, set[str]] = {}
    graph: dict[str, set[str]] = {}
    for course in courses:
        strict[course.code] = {c for r in course.prerequisites for c in r}
        loose = {c for r in (*course.corequisites, *course.same_term) for c in r}
        graph.setdefault(course.code, set()).update(strict[course.code] | loose)
        for other in {c for r in course.same_term for c in r}:
            graph.setdefault(other, set()).add(course.code)
    cycle = find_cycle(graph)
    if cycle is None:
        return None
    if any(b in strict.get(a, ()) for a, b in itertools.pairwise(cycle)):
        return cycle
    for a in sorted(strict):
        for b in sorted(strict[a]):
            back = _path(graph, b, a)
            if back is not None:
                return [a, *back]
    return None


def _path(graph: Mapping[str, Iterable[str]], start: str, goal: str) -> list[str] | None:
    """A shortest path ``start … goal`` in the graph (neighbours in sorted order)."""
    parent: dict[str, str | None] = {start: None}
    queue = [start]
    for node in queue:
        if node == goal:
            path = [node]
            while (before := parent[path[-1]]) is not None:
                path.append(before)
            return path[::-1]
        for nxt in sorted(graph.get(node, ())):
            if nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    return None
