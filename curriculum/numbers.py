"""Numbers as every result and report shows them: one formatter for the package.

``clean_number`` is for machine outputs (JSON, CSV, XLSX): float noise rounded
away, whole numbers as integers. The ``fmt_*`` functions are for text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction


def clean_number(value: float) -> float:
    """Round away float noise; whole numbers come back as ``int`` (JSON prints ``6``)."""
    value = round(value, 6)
    return int(value) if float(value).is_integer() else value


def fmt_num(value: float | None) -> str:
    """``6`` for 6.0, ``3.5`` for 3.5, empty for ``None``."""
    if value is None:
        return ""
    value = round(float(value), 6)
    return str(int(value)) if value.is_integer() else f"{value:g}"


def fmt_number(value: float | None) -> str:
    """``6`` for 6.0, ``3.5`` for 3.5, ``-`` for ``None``."""
    return "-" if value is None else fmt_num(value)


def fmt_money(value: float | None) -> str:
    """Thousands separators, no decimals unless needed; ``-`` when unknown."""
    if value is None:
        return "-"
    value = round(float(value), 2)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"


def fmt_level(value: float | None) -> str:
    """A level, or ``-`` when none is given."""
    return fmt_number(value)


def fmt_share(part: float, whole: float) -> str:
    """``part / whole`` as a whole percentage that never rounds up to 100% or down to 0%.

    200 of 201 is ``99%``, 1 of 300 ``1%``; only all is ``100%`` and only none ``0%``.
    Nothing of nothing counts as all.
    """
    if whole <= 0 or part >= whole:
        return "100%"
    if part <= 0:
        return "0%"
    percent = min(max(round(100 * part / whole), 1), 99)
    return f"{percent}%"


def allocate(total: int, shares: Sequence[Fraction | int]) -> list[int]:
    """Split the whole number ``total`` in proportion to ``shares`` (largest remainder).

    The parts are whole numbers that sum to ``total``; each is its exact share
    rounded down or up, the ups going to the largest remainders (ties to the
    earlier share). With no positive share everything is zero (and ``total``
    must be 0).
    """
    weight = sum(shares, Fraction(0))
    if weight <= 0:
        return [0] * len(shares)
    exact = [Fraction(total) * s / weight for s in shares]
    parts = [math.floor(x) for x in exact]
    left = total - sum(parts)
    order = sorted(range(len(shares)), key=lambda k: (-(exact[k] - parts[k]), k))
    for k in order[:left]:
        parts[k] += 1
    return parts
