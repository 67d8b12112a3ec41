"""The review report formats: one registry from format name to renderer.

The HTML and XLSX renderers are imported only when asked for (openpyxl is heavy).
"""

from __future__ import annotations

from curriculum.reviewing.result import Review

BINARY_FORMATS = frozenset({"xlsx"})


def render_review(review: Review, fmt: str, wide: bool = False) -> str | bytes:
    """Render a review in one of :data:`REVIEW_FORMATS` (terminal tables within 100
    columns unless ``wide``).

    Raises
    ------
    ValueError
        For a format not in :data:`REVIEW_FORMATS`.
    """
    if fmt == "html":
        from curriculum.report.review.html import render_html

        return render_html(review)
    if fmt == "xlsx":
        from curriculum.report.review.xlsx import render_xlsx

        return render_xlsx(review)
    from curriculum.report.review.text import TEXT_RENDERERS

    if fmt not in TEXT_RENDERERS:
        raise ValueError(f"unknown review format {fmt!r}")
    return TEXT_RENDERERS[fmt](review, wide)
