"""Uploaded files: size-limited by the middleware, stored in a private temporary
folder under a safe name, parsed by the same hardened loaders as the CLI's files,
and copied into the workspace only once they load."""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from starlette.datastructures import FormData, UploadFile

from curriculum.errors import UsageError
from curriculum.web.security import MAX_BODY

MAX_NAME = 60


def safe_name(filename: str, suffixes: tuple[str, ...]) -> str:
    """A plain file name for an upload: its last path part, letters (any script),
    digits, ``.``, ``-`` and ``_`` only, no leading dot, an allowed suffix.

    Raises
    ------
    UsageError
        For a suffix not in ``suffixes``.
    """
    base = unicodedata.normalize("NFKC", filename.replace("\\", "/").rsplit("/", 1)[-1])
    stem, dot, suffix = base.rpartition(".")
    suffix = f".{suffix.lower()}" if dot else ""
    if suffix not in suffixes:
        raise UsageError.keyed(
            "web.err.upload_suffix", suffixes=" ".join(suffixes), suffix=suffix or "-"
        )
    stem = re.sub(r"[^\w.-]+", "_", stem).strip("._")[:MAX_NAME] or "upload"
    return stem + suffix


@contextmanager
def received(form: FormData, name: str, suffixes: tuple[str, ...]) -> Iterator[Path]:
    """The uploaded file of field ``name`` in a private temporary folder (removed after)."""
    upload = form.get(name)
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise UsageError.keyed("web.err.upload_none")
    target = safe_name(upload.filename, suffixes)
    folder = Path(tempfile.mkdtemp(prefix="curriculum-upload-"))
    try:
        path = folder / target
        upload.file.seek(0)
        data = upload.file.read(MAX_BODY + 1)
        if len(data) > MAX_BODY:
            raise UsageError.keyed("web.err.upload_size", size=f"{MAX_BODY:,}")
        path.write_bytes(data)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def shown(text: str, path: Path) -> str:
    """A loader's message with the temporary folder left out (the upload's name stays)."""
    return text.replace(str(path.parent) + "/", "")


def free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name-2``, ``name-3``... when taken (never overwritten)."""
    folder.mkdir(parents=True, exist_ok=True)
    candidate = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = folder / f"{stem}-{n}{suffix}"
        n += 1
    return candidate
