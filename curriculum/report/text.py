"""What every text report shares: JSON text, wrapping (by the rules of
:mod:`curriculum.i18n.lines`), lists of codes."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from curriculum.i18n.lines import WIDTH, display_width, width, wrap, wrap_cell

__all__ = [
    "GLUE",
    "WIDTH",
    "demote",
    "display_width",
    "dumps_json",
    "glue_codes",
    "join_codes",
    "keep_codes_whole",
    "unglue",
    "width",
    "wrap",
    "wrap_cell",
]


def join_codes(codes: Iterable[str], separator: str) -> str:
    """Course codes as one list: joined by spaces while no code holds one
    (``CS-101 CS-102``), else by ``separator`` (the language's list separator,
    ``, `` or ``、``, or ``;`` in CSV), so that ``CHEM 151, ENGL 101`` does not
    read as four codes. Course codes never contain ``,`` ``;`` or ``、``."""
    codes = list(codes)
    return (separator if any(" " in c for c in codes) else " ").join(codes)


GLUE = "\ue000"
"""Stands for a space inside a course code while a text is wrapped (one column wide,
not white space), so that ``CHEN 320`` is never cut; :func:`unglue` puts it back."""


def glue_codes(text: str, codes: Iterable[str]) -> str:
    """``text`` with the spaces inside ``codes`` glued (longest codes first)."""
    for code in sorted({c for c in codes if " " in c}, key=len, reverse=True):
        text = text.replace(code, code.replace(" ", GLUE))
    return text


def unglue(text: str) -> str:
    """Glued spaces back to spaces."""
    return text.replace(GLUE, " ")


def keep_codes_whole(render: Callable[[Callable[[str], str]], str], codes: Iterable[str]) -> str:
    """``render(glue)`` with every text it wraps first passed through ``glue``, so that
    no line is cut inside one of ``codes`` (course codes with spaces); the glued
    spaces are spaces again in the result. Without such codes ``glue`` does nothing."""
    spaced = [c for c in codes if " " in c]
    if not spaced:
        return render(lambda text: text)
    return unglue(render(lambda text: glue_codes(text, spaced)))


def dumps_json(data: Any) -> str:
    """JSON as the reports print it: UTF-8 text, two-space indent, a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def demote(markdown: str) -> str:
    """Markdown with every heading one level down (a report inside a bigger one)."""
    return "\n".join("#" + line if line.startswith("#") else line for line in markdown.split("\n"))
