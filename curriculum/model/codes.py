"""Code normalisation shared by the model, the loaders and the command line.

Codes typed in spreadsheets often come in full width (``Ｋ０１``, ``Ｔ１.２``);
NFKC folds them to ASCII so that they compare equal to ``K01`` and ``T1.2``.
"""

from __future__ import annotations

import unicodedata


def normalize_code(value: str) -> str:
    """Return ``value`` NFKC-normalised with surrounding white space removed."""
    if value.isascii():  # NFKC leaves ASCII unchanged (the common case, and fast)
        return value.strip()
    return unicodedata.normalize("NFKC", value).strip()
