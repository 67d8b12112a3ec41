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


_INVISIBLE = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp", "Zs"})
_LOOKALIKE_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE")


def invisible_character(code: str) -> str | None:
    """The first control, format (zero-width, bidi), unassigned or space character
    of a code, as ``U+XXXX NAME``; ``None`` when every character is visible."""
    if code.isascii() and code.isprintable():
        return None
    for char in code:
        if unicodedata.category(char) in _INVISIBLE:
            name = unicodedata.name(char, "a control character")
            return f"U+{ord(char):04X} {name}"
    return None


def lookalike(code: str) -> str | None:
    """A letter of another script in a code written in Latin letters (Cyrillic ``О``
    in ``CM-4О4``), as ``'О' (U+041E CYRILLIC CAPITAL LETTER O)``; else ``None``."""
    if code.isascii():
        return None
    letters = [c for c in code if c.isalpha()]
    if not any(c.isascii() for c in letters):
        return None
    for char in letters:
        name = unicodedata.name(char, "")
        if name.startswith(_LOOKALIKE_SCRIPTS):
            return f"{char!r} (U+{ord(char):04X} {name})"
    return None
