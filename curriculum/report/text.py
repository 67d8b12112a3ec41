"""Number formatting shared by the renderers."""

from __future__ import annotations


def fmt_num(value: float | None) -> str:
    """``6`` for 6.0, ``3.5`` for 3.5, empty for ``None``."""
    if value is None:
        return ""
    value = round(float(value), 6)
    return str(int(value)) if value.is_integer() else f"{value:g}"


def fmt_money(value: float | None) -> str:
    """Thousands separators, no decimals unless needed; ``-`` when unknown."""
    if value is None:
        return "-"
    value = round(float(value), 2)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"


def fmt_level(value: float | None) -> str:
    """A level, or ``-`` when none is given."""
    return "-" if value is None else fmt_num(value)
