"""A compiled catalogue (``.mo``) read in one pass, its texts decoded when looked up.

The standard library's :class:`gettext.GNUTranslations` decodes every message and
parses every header line when it opens a catalogue: for our 800 messages that is
most of what a short command spends on its words. :class:`Catalogue` keeps the
file's bytes and finds the few messages a command looks up by binary search in its
table of sorted originals (as GNU gettext does without a hash table; the
catalogues :mod:`curriculum.i18n.build` writes are sorted, and its check says so).
Lookups follow gettext: a message with a context
is stored as ``context + "\\x04" + msgid``, a plural message under its singular
``msgid`` with its forms separated by ``"\\x00"``, and the header's ``Plural-Forms``
picks the form for a count.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

_MAGIC = 0x950412DE
_CONTEXT = "\x04"


class Catalogue:
    """The messages of one compiled catalogue; :meth:`read` opens one."""

    def __init__(self, data: bytes, order: str, plural: Callable[[int], int] | None = None) -> None:
        self._data = data
        self._entry = struct.Struct(order + "2I")
        self._count, self._originals, self._translations = struct.unpack_from(order + "3I", data, 8)
        self._plural = plural or _plural_rule(self._find(b"") or b"")

    @classmethod
    def read(cls, path: Path) -> Catalogue:
        """The catalogue at ``path`` (UTF-8, as :mod:`curriculum.i18n.build` writes).

        Raises
        ------
        OSError
            When the file cannot be read; :class:`ValueError` when it is no catalogue.
        """
        data = path.read_bytes()
        for order in ("<", ">"):
            if len(data) >= 20 and struct.unpack_from(order + "I", data)[0] == _MAGIC:
                return cls(data, order)
        raise ValueError(f"{path}: not a compiled gettext catalogue")

    def original(self, index: int) -> bytes:
        """The ``index``-th original (its singular, without the plural after ``\\x00``)."""
        length, offset = self._entry.unpack_from(self._data, self._originals + 8 * index)
        return self._data[offset : offset + length].split(b"\x00", 1)[0]

    def messages(self) -> dict[str, str]:
        """Every message: its original (without context mark or plural) → its text (the
        first form when plural); decodes the whole catalogue, for checks and indexes."""
        found: dict[str, str] = {}
        for index in range(self._count):
            length, offset = self._entry.unpack_from(self._data, self._translations + 8 * index)
            text = self._data[offset : offset + length].split(b"\x00", 1)[0]
            found[self.original(index).decode()] = text.decode()
        return found

    def __len__(self) -> int:
        return int(self._count)

    def _find(self, msgid: bytes) -> bytes | None:
        low, high = 0, self._count
        while low < high:
            middle = (low + high) // 2
            found = self.original(middle)
            if found < msgid:
                low = middle + 1
            elif found > msgid:
                high = middle
            else:
                length, offset = self._entry.unpack_from(
                    self._data, self._translations + 8 * middle
                )
                return self._data[offset : offset + length]
        return None

    def get(self, msgid: str) -> str | None:
        """The text of ``msgid`` (its first form when plural); ``None`` when absent."""
        found = self._find(msgid.encode())
        return None if found is None else found.split(b"\x00", 1)[0].decode()

    def get_plural(self, msgid: str, n: int) -> str | None:
        """The form of plural message ``msgid`` for ``n``; ``None`` when absent or
        when the message has one form only (no plural)."""
        found = self._find(msgid.encode())
        if found is None or b"\x00" not in found:
            return None
        forms = found.split(b"\x00")
        return forms[min(self._plural(n), len(forms) - 1)].decode()

    def pgettext(self, context: str, message: str) -> str:
        """``message`` translated in ``context``; ``message`` itself when not translated."""
        return self.get(context + _CONTEXT + message) or message

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        """The form for ``n`` of ``singular``/``plural`` translated in ``context``; the
        English form when not translated."""
        found = self._find((context + _CONTEXT + singular).encode())
        if found is None:
            return singular if n == 1 else plural
        forms = found.split(b"\x00")
        return forms[min(self._plural(n), len(forms) - 1)].decode()


def _plural_rule(header: bytes) -> Callable[[int], int]:
    """The header's ``Plural-Forms`` as a function of the count (English's rule without one)."""
    for line in header.decode().splitlines():
        name, _, value = line.partition(":")
        if name.strip().lower() == "plural-forms":
            rule = value.split("plural=", 1)[-1].strip().rstrip(";").strip()
            if rule == "0":
                return lambda n: 0
            if rule.replace(" ", "") in ("(n!=1)", "n!=1"):
                return lambda n: int(n != 1)
            from gettext import c2py

            return c2py(rule)
    return lambda n: int(n != 1)
