"""Code normalisation and matching shared by the model, the loaders and the command line.

Codes typed in spreadsheets often come in full width (``Ｋ０１``, ``Ｔ１.２``) or in
another case (``k01``, ``bas1499-001v4``). Every code is NFKC-normalised on input,
which folds full-width forms to ASCII, and codes are *matched* case-insensitively
(:func:`code_key`), while output always shows a code as its standard or catalogue
defines it (:class:`CodeIndex`).

Two rules say which characters a code may hold (docs/formats.md, "Codes"):

- standard, duty, task, item and indicator codes: no white space and none of the
  list separators ``,`` ``;`` ``、`` (full-width ``，`` and ``；`` fold to ``,`` and
  ``;``), because lists of them are split on those;
- course codes: any printable characters except ``,`` ``;`` ``、``; inner white
  space is kept as one space (``COMP 3601``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from curriculum.errors import KeyedValueError, Phrase

LIST_SEPARATORS = ",;、"
"""The characters that separate codes in a list (after NFKC: ``，`` is ``,``, ``；`` is ``;``)."""

_SPACES = re.compile(r"\s+")


def normalize_code(value: str) -> str:
    """Return ``value`` NFKC-normalised with surrounding white space removed."""
    if value.isascii():  # NFKC leaves ASCII unchanged (the common case, and fast)
        return value.strip()
    return unicodedata.normalize("NFKC", value).strip()


def normalize_course_code(value: str) -> str:
    """A course code NFKC-normalised, its inner runs of white space made one space."""
    return _SPACES.sub(" ", normalize_code(value))


def code_key(value: str) -> str:
    """The key codes are matched by: NFKC-normalised and case-folded."""
    return normalize_code(value).casefold()


def code_problem(value: str, *, course: bool = False) -> KeyedValueError | None:
    """Why ``value`` (already normalised) is not a valid code (the error to raise), or
    ``None``.

    Parameters
    ----------
    value
        The code.
    course
        Course codes may hold spaces; other codes may not.
    """
    if not value:
        return KeyedValueError("code.empty")
    bad = [c for c in value if c in LIST_SEPARATORS]
    if bad:
        return KeyedValueError("code.separator", code=repr(value), char=repr(bad[0]))
    hidden = invisible_character(value)
    if hidden is not None:
        return KeyedValueError("model.invisible", code=ascii(value), what=hidden)
    if course and "|" in value:
        return KeyedValueError("code.bar", code=repr(value))
    if not course and any(c.isspace() for c in value):
        return KeyedValueError("code.space", code=repr(value))
    return None


class CodeIndex:
    """Codes as defined, found by any spelling that folds to the same key.

    >>> index = CodeIndex(["K01", "BAS1499-001v4"])
    >>> index.get("ｋ01"), index.get("bas1499-001V4"), index.get("K99")
    ('K01', 'BAS1499-001v4', None)
    """

    __slots__ = ("_codes",)

    def __init__(self, codes: Iterable[str]) -> None:
        self._codes: dict[str, str] = {}
        for code in codes:
            self._codes.setdefault(code_key(code), code)

    def get(self, code: str) -> str | None:
        """The defined spelling of ``code``, or ``None`` when no code matches."""
        return self._codes.get(code_key(code))

    def resolve(self, code: str) -> str:
        """The defined spelling of ``code``, or ``code`` normalised when none matches."""
        found = self._codes.get(code_key(code))
        return found if found is not None else normalize_code(code)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code_key(code) in self._codes

    def __len__(self) -> int:
        return len(self._codes)


_CONFUSABLE = str.maketrans({"o": "0", "l": "1", "i": "1", "s": "5"})
"""Characters people type for one another in codes (letter O for zero, ...)."""


def suggest(code: str, candidates: Iterable[str]) -> Phrase:
    """``" (did you mean X?)"`` naming the candidate closest to ``code`` (``""`` when
    none is close), in no language yet (``str`` gives the English)."""
    close = closest_code(code, candidates)
    return Phrase("error.did_you_mean", code=close) if close else Phrase()


def closest_code(code: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``code`` (a look-alike, the one longer code it
    starts, else a near spelling), or ``None``."""
    import difflib

    pool = {code_key(c): c for c in candidates}
    key = code_key(code)
    alike = [c for k, c in pool.items() if k.translate(_CONFUSABLE) == key.translate(_CONFUSABLE)]
    if len(alike) == 1 and code_key(alike[0]) != key:
        return alike[0]
    prefixed = sorted(c for k, c in pool.items() if k.startswith(key) and k != key)
    if len(prefixed) == 1:
        return prefixed[0]
    close = difflib.get_close_matches(key, list(pool), n=1, cutoff=0.75)
    return pool[close[0]] if close else None


_INVISIBLE = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp", "Zs"})
_LOOKALIKE_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE")


def invisible_character(code: str) -> str | None:
    """The first control, format (zero-width, bidi), unassigned or space character
    other than the plain space (course codes may hold one between words) of a code,
    as ``U+XXXX NAME``; ``None`` when every character is visible."""
    if code.isascii() and code.isprintable():
        return None
    for char in code:
        if char != " " and unicodedata.category(char) in _INVISIBLE:
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
