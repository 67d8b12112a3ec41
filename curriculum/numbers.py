"""Numbers as every result and report shows them: one formatter for the package.

``clean_number`` is for machine outputs (JSON, CSV, XLSX): float noise rounded
away, whole numbers as integers. The ``fmt_*`` functions are for text.
"""

from __future__ import annotations


def clean_number(value: float) -> float:
    """Round away float noise; whole numbers come back as ``int`` (JSON prints ``6``)."""
    value = round(value, 6)
    return int(value) if float(value).is_integer() else value  # type: ignore[return-value]


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
