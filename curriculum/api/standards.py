"""Standard questions: what changed between two versions of a standard (what
``curriculum standards diff`` calls)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from curriculum.model.standard import Standard
    from curriculum.reviewing.diff import StandardDiff


def diff(old: Standard, new: Standard, lang: str = "en") -> tuple[StandardDiff, str | None]:
    """The items and tasks added, removed, renamed or recoded from ``old`` to ``new``,
    and a warning (in ``lang``) when the two are different occupations (else ``None``)."""
    from curriculum.reviewing.diff import diff_standards, unrelated_warning

    found = diff_standards(old, new)
    return found, None if found.related else unrelated_warning(found.old, found.new, lang)
