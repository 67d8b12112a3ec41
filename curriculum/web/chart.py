"""The frontier chart as inline SVG: no matplotlib, no script, every text escaped."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

WIDTH, HEIGHT, PAD = 640, 320, 48


def frontier_svg(
    frontier: Any,
    x_label: str,
    y_label: str,
    number: Callable[[float], str],
    top: Callable[[str], str],
) -> str:
    """A step chart of a frontier: items covered (y) for hours or cost (x); ``number``
    writes an amount of the x axis (hours, or money), ``top`` the largest value of
    an axis beside its label."""
    points = [(float(p.cost if frontier.by == "cost" else p.hours), len(p.items), p)
              for p in frontier.points]  # fmt: skip
    if not points:
        return ""
    top_x = max(x for x, _, _ in points) or 1.0
    top_y = max(len(frontier.coverable), 1)

    def sx(x: float) -> float:
        return PAD + (WIDTH - 2 * PAD) * x / top_x

    def sy(y: float) -> float:
        return HEIGHT - PAD - (HEIGHT - 2 * PAD) * y / top_y

    path = [f"M{sx(0):.1f},{sy(0):.1f}"]
    for x, y, _ in points:
        path.append(f"H{sx(x):.1f}V{sy(y):.1f}")
    dots = "".join(
        f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="4" class="{"" if p.proven else "open"}">'
        f"<title>{escape(f'{y}: {number(x)} — ' + ' '.join(p.courses))}</title></circle>"
        for x, y, p in points
    )
    axes = (
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}"/>'
        f'<line x1="{PAD}" y1="{PAD}" x2="{PAD}" y2="{HEIGHT - PAD}"/>'
        f'<text x="{WIDTH - PAD}" y="{HEIGHT - 12}" text-anchor="end">'
        f"{escape(x_label + top(number(top_x)))}</text>"
        f'<text x="12" y="{PAD - 16}">{escape(y_label + top(str(top_y)))}</text>'
    )
    return (
        f'<svg class="frontier" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(y_label)} / {escape(x_label)}" xmlns="http://www.w3.org/2000/svg">'
        f'{axes}<path d="{"".join(path)}"/>{dots}</svg>'
    )
