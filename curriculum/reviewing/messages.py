"""Finding codes, severities and the review's messages.

The messages are the catalogue's ``finding.CODE`` and ``change.KIND`` entries; the
language is resolved and punctuated as in every report (:class:`curriculum.i18n.Text`: ``zh``,
``zh-Hant`` and any case give zh-TW, whose texts use full-width punctuation).
"""

from __future__ import annotations

from typing import Any, Literal

Severity = Literal["error", "warning", "info"]

SEVERITIES: dict[str, Severity] = {
    "GAP": "error",
    "LEVEL": "error",
    "UNKNOWN": "error",
    "PREREQ": "error",
    "UNASSESSED": "warning",
    "THIN": "warning",
    "DENSE": "warning",
    "UNUSED": "warning",
    "PROVISIONAL": "warning",
    "ORDER": "warning",
    "OUTSIDE": "info",
    "DOUBTFUL": "info",
}
"""Every finding code with its severity, in report order."""


SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


CODE_ORDER = {code: n for n, code in enumerate(SEVERITIES)}


from curriculum.i18n import LANGUAGES, Text  # noqa: E402, F401  (one list of report languages)


def message(lang: str, key: str, **values: Any) -> str:
    """The finding message ``key`` in ``lang`` (any spelling :func:`normalize_lang` reads)."""
    return Text(lang)(f"finding.{key}", **values)


def change_message(lang: str, key: str, **values: Any) -> str:
    """Why a claim no longer holds, in ``lang``."""
    return Text(lang)(f"change.{key}", **values)
