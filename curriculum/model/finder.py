"""Find standards in a library: by framework, level and text in any language."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

from curriculum.errors import KeyedValueError
from curriculum.model.standard import Standard

_RANGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:[-–~]\s*(\d+(?:\.\d+)?)\s*)?$")


def fold(text: str) -> str:
    """Text as it is compared: NFKC (full width to ASCII), case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def parse_level_range(value: str) -> tuple[float, float]:
    """``"3"`` gives (3, 3); ``"3-5"`` gives (3, 5).

    Raises
    ------
    ValueError
        When ``value`` is neither a number nor a range of two numbers.
    """
    match = _RANGE.match(value)
    if not match:
        raise KeyedValueError("finder.level", value=repr(value))
    low = float(match.group(1))
    high = float(match.group(2)) if match.group(2) else low
    if low > high:
        raise KeyedValueError("finder.empty", value=repr(value))
    return low, high


def searchable_text(standard: Standard) -> Iterator[str]:
    """Every text of a standard a search looks in: names, descriptions, items, tasks."""
    yield standard.code
    yield standard.name
    for text in (standard.title, standard.description):
        if text:
            yield text
    yield from (v for v in standard.names.values() if v)
    for c in standard.classifications:
        yield from (x for x in (c.name, c.code) if x)
    for duty in standard.duties:
        yield duty.name
        yield from (task.name for task in duty.tasks)
    yield from (item.name for item in standard.items)
    alternative = standard.meta.get("alternative_names")
    if isinstance(alternative, list):
        yield from (str(a) for a in alternative)


def matches_text(standard: Standard, query: str) -> bool:
    """Whether every word of ``query`` occurs in some text of the standard."""
    words = fold(query).split()
    texts = [fold(t) for t in searchable_text(standard)]
    return all(any(word in text for text in texts) for word in words)


def filter_standards(
    standards: Iterable[Standard],
    *,
    frameworks: Sequence[str] = (),
    level: tuple[float, float] | None = None,
    text: str | None = None,
) -> list[Standard]:
    """The standards of the given frameworks, level range and text (all when unset).

    A standard without a level never matches a level range.
    """
    wanted = {fold(f) for f in frameworks}
    chosen = []
    for standard in standards:
        if wanted and fold(standard.framework) not in wanted:
            continue
        if level is not None and (
            standard.level is None or not level[0] <= standard.level <= level[1]
        ):
            continue
        if text and not matches_text(standard, text):
            continue
        chosen.append(standard)
    return chosen
