"""Standards: the list, one standard's duties, tasks and items, and a search."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from curriculum.web.base import render, web

if TYPE_CHECKING:
    from curriculum.model.standard import Standard

MAX_HITS = 200
"""The most search results shown."""


@dataclass(frozen=True)
class Hit:
    """One search result: where it is and what matched."""

    standard: str
    kind: str
    code: str
    text: str
    anchor: str


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _entries(standard: Standard) -> list[Hit]:
    code = standard.code
    found = [Hit(code, "standard", code, f"{standard.name} {standard.description or ''}", "")]
    for duty in standard.duties:
        found.append(Hit(code, "duty", duty.code, duty.name, duty.code))
        for task in duty.tasks:
            found.append(Hit(code, "task", task.code, task.name, task.code))
            found += [Hit(code, "indicator", i.code, i.text, task.code) for i in task.indicators]
    for item in standard.items:
        text = f"{item.name} {item.description or ''}".strip()
        found.append(Hit(code, "item", item.code, text, f"item-{item.code}"))
    return found


def search(standards: list[Standard], query: str) -> list[Hit]:
    """Entries (standards, duties, tasks, indicators, items) whose code or text holds
    every word of ``query``, whatever the case or width."""
    words = _fold(query).split()
    if not words:
        return []
    hits = []
    for standard in standards:
        for hit in _entries(standard):
            haystack = _fold(f"{hit.code} {hit.text}")
            if all(w in haystack for w in words):
                hits.append(hit)
                if len(hits) >= MAX_HITS:
                    return hits
    return hits


def standards_list(request: Request) -> Response:
    """Every loaded standard, and the search results for ``?q=``."""
    library = web(request).workspace.standards()
    query = request.query_params.get("q", "")[:200]
    standards = [library.standards[c] for c in sorted(library.standards)]
    hits = search(standards, query) if query.strip() else []
    return render(request, "standards.html", standards=standards, q=query, hits=hits)


def standard_show(request: Request) -> Response:
    """One standard: duties, tasks (level, items, indicators) and its items."""
    library = web(request).workspace.standards()
    standard = library.standard(request.path_params["code"])
    items = {item.code: item for item in standard.items}
    return render(request, "standard.html", standard=standard, items=items)


ROUTES = [
    Route("/standards", standards_list),
    Route("/standards/{code}", standard_show),
]
