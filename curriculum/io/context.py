"""How one run reads its inputs: the encoding named for them, and the files read.

A :class:`ReadContext` is made at the edge (one per command run, or per call of
the Python API) and passed to the readers; nothing about reading is kept at
module level, so two runs in one process (tests, a server) never see each
other's encoding or inputs.
"""

from __future__ import annotations

import codecs
import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curriculum.errors import DataFileError, Phrase

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from curriculum.io.file_cache import FileCache


@dataclass
class ReadContext:
    """The encoding of non-UTF-8 inputs and the files read so far.

    Attributes
    ----------
    encoding
        The encoding the user named (``--encoding``) for inputs that are not
        UTF-8; ``None`` tries Big5/CP950.
    files
        Every file opened for reading (resolved): the command line never writes
        an output over one of them.
    cache
        Files already parsed (a long-running reader, the web workspace): the
        library loaders read again only the files changed since.
    on_standards
        Called with the standards by code once they are read, before the
        catalogues: the command line then speaks their language in the
        catalogues' errors when no ``--lang`` was given.
    """

    encoding: str | None = None
    files: set[Path] = field(default_factory=set)
    cache: FileCache | None = None
    on_standards: Callable[[Mapping[str, Any]], None] | None = None

    def __post_init__(self) -> None:
        """Check the encoding's name.

        Raises
        ------
        LookupError
            When Python knows no such encoding.
        ValueError
            When it is not a text encoding (``rot13``, ``zlib``, ``base64``, ``uu``).
        """
        if self.encoding:
            info = codecs.lookup(self.encoding)
            if not getattr(info, "_is_text_encoding", True):
                raise ValueError(f"{self.encoding!r} is not a text encoding")
        else:
            self.encoding = None

    def note(self, path: Path) -> None:
        """Remember ``path`` as an input (see :attr:`files`)."""
        with contextlib.suppress(OSError, RuntimeError):
            self.files.add(Path(path).resolve())

    def decode(self, data: bytes, source: str) -> str:
        """Decode UTF-8 (with or without BOM), falling back to Big5/CP950, or to
        :attr:`encoding` instead.

        Raises
        ------
        DataFileError
            Naming the encoding tried when the bytes do not decode, or decode as
            Big5 into characters that suggest another encoding (Latin-1 read as CP950).
        """
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        if self.encoding:
            try:
                return data.decode(self.encoding)
            except UnicodeDecodeError as exc:
                raise DataFileError.keyed(
                    "source.not_encoding",
                    path=source,
                    encoding=self.encoding,
                    byte=exc.start,
                    reason=exc.reason,
                ) from None
        hint = Phrase("source.encoding_hint")
        try:
            text = data.decode("cp950")
        except UnicodeDecodeError:
            raise DataFileError.keyed("source.not_text", path=source, hint=hint) from None
        if _unlikely_big5(text):
            raise DataFileError.keyed("source.unlikely_big5", path=source, hint=hint)
        return text


def _unlikely_big5(text: str) -> bool:
    """Whether text decoded as CP950 looks like another 8-bit encoding (Latin-1,
    CP1252) misread: most of its characters are Big5's rarely used level 2 ones,
    which accented Latin letters (0xC9-0xFF lead bytes) turn into."""
    wide = [c for c in text if not c.isascii()]
    if not wide:
        return False
    rare = sum(1 for c in wide if c.encode("cp950", "replace")[0] >= 0xC9)
    return rare * 2 > len(wide)


def context_or_new(context: ReadContext | None) -> ReadContext:
    """``context``, or a fresh default one (UTF-8, then Big5/CP950; reads not kept)."""
    return ReadContext() if context is None else context
