"""Reading and writing gettext catalogues: ``.po`` text and compiled ``.mo`` bytes.

Only the build (:mod:`curriculum.i18n.build`) and the tests use this module; at run
time the standard library's :class:`gettext.GNUTranslations` reads the ``.mo``.
It reads what translation tools write (Poedit, Weblate, ``msgmerge``): comments,
flags, ``msgctxt``, plural forms, strings continued over several lines, obsolete
``#~`` entries (skipped). The ``.mo`` layout is GNU's (no hash table, which
:mod:`gettext` does not use).
"""

from __future__ import annotations

import ast
import struct
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Message:
    """One catalogue entry: its context, source text(s) and translation(s)."""

    msgid: str
    msgstr: list[str]
    msgctxt: str | None = None
    msgid_plural: str | None = None
    comments: list[str] = field(default_factory=list)
    """Lines kept as they are, with their ``#`` prefix (``#.``, ``#,``, ``#:``)."""

    @property
    def key(self) -> str:
        """The lookup key of :mod:`gettext`: ``context\\x04msgid``."""
        return self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"


def _unquote(text: str) -> str:
    return str(ast.literal_eval(text))


def read_po(path: Path) -> list[Message]:
    """The entries of a ``.po`` file, the header (``msgid ""``) first."""
    messages: list[Message] = []
    fields: dict[str, str] = {}
    strs: dict[int, str] = {}
    comments: list[str] = []
    last: tuple[str, int] | None = None

    def flush() -> None:
        if "msgid" in fields:
            forms = [strs[i] for i in sorted(strs)]
            messages.append(
                Message(
                    fields["msgid"],
                    forms,
                    fields.get("msgctxt"),
                    fields.get("msgid_plural"),
                    list(comments),
                )
            )
        fields.clear()
        strs.clear()
        comments.clear()

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if "msgid" in fields:
                flush()
            comments.append(line)
            continue
        if line.startswith('"'):
            if last is None:
                raise ValueError(f"{path}:{number}: a string continues nothing")
            name, index = last
            if name == "msgstr":
                strs[index] += _unquote(line)
            else:
                fields[name] += _unquote(line)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and ("msgid" in fields and strs):
            flush()
        if keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            strs[index] = _unquote(rest)
            last = ("msgstr", index)
        elif keyword in ("msgctxt", "msgid", "msgid_plural"):
            fields[keyword] = _unquote(rest)
            last = (keyword, 0)
        else:
            raise ValueError(f"{path}:{number}: unknown keyword {keyword!r}")
    flush()
    return messages


def _quote(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    return f'"{escaped}"'


def _field(name: str, text: str) -> list[str]:
    """``name "text"``; a text with line breaks as one string per line, as tools do."""
    if "\n" not in text.rstrip("\n"):
        return [f"{name} {_quote(text)}"]
    parts = text.splitlines(keepends=True)
    return [f'{name} ""', *(_quote(part) for part in parts)]


def format_po(messages: list[Message]) -> str:
    """The ``.po`` text of ``messages`` (entries separated by blank lines)."""
    blocks = []
    for message in messages:
        lines = list(message.comments)
        if message.msgctxt is not None:
            lines += _field("msgctxt", message.msgctxt)
        lines += _field("msgid", message.msgid)
        if message.msgid_plural is not None:
            lines += _field("msgid_plural", message.msgid_plural)
            for index, form in enumerate(message.msgstr):
                lines += _field(f"msgstr[{index}]", form)
        else:
            lines += _field("msgstr", message.msgstr[0] if message.msgstr else "")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def mo_bytes(messages: list[Message]) -> bytes:
    """The compiled ``.mo`` of ``messages``; untranslated and fuzzy entries left out.

    Deterministic: entries sorted by key, no hash table (:mod:`gettext` reads none).
    """
    table: dict[bytes, bytes] = {}
    for message in messages:
        flags = " ".join(c for c in message.comments if c.startswith("#,"))
        if "fuzzy" in flags and message.msgid:  # the header stays even when marked fuzzy
            continue
        if message.msgid and not any(message.msgstr):
            continue
        key = message.key
        if message.msgid_plural is not None:
            key += "\0" + message.msgid_plural
        table[key.encode()] = "\0".join(message.msgstr).encode()
    keys = sorted(table)
    count = len(keys)
    start = 7 * 4 + 16 * count
    ids = b"".join(k + b"\0" for k in keys)
    strs = b"".join(table[k] + b"\0" for k in keys)
    index, offset = [], start
    for k in keys:
        index.append((len(k), offset))
        offset += len(k) + 1
    values = []
    for k in keys:
        values.append((len(table[k]), offset))
        offset += len(table[k]) + 1
    head = struct.pack("<7I", 0x950412DE, 0, count, 7 * 4, 7 * 4 + 8 * count, 0, start)
    body = b"".join(struct.pack("<2I", *pair) for pair in index + values)
    return head + body + ids + strs
