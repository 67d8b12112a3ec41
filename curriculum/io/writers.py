"""Write the project's files: standards and catalogues as YAML, any file atomically.

Nothing here reads a file, so renderers may use it.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import yaml

from curriculum.errors import OsReason, OutputFileError
from curriculum.model.standard import Catalogue, Standard

_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def current_umask() -> int:
    """The process's umask (set and restored at once: the only portable way to read it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def is_read_only(path: Path) -> bool:
    """Whether an existing file forbids writing: no write permission bit at all, or
    none for this user (root ignores permissions; a read-only bit still counts)."""
    mode = path.stat().st_mode
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK)


def output_error(path: Path, exc: OSError) -> OutputFileError:
    """A one-line error naming the user's path (never the temporary file)."""
    return OutputFileError.keyed("output.cannot_write", path=path, reason=OsReason(exc))


def write_atomic(path: Path, data: str | bytes, *, shown: Path | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A file replaced keeps its permissions; a new file gets those the umask allows
    (``0666 & ~umask``). A read-only target is refused. On any failure (full disk,
    unwritable folder, interrupt) the target is untouched and no temporary file is
    left.

    Raises
    ------
    OutputFileError
        One line naming ``shown`` (default ``path``): read-only target or an OS error.
    """
    path = Path(path)
    name = shown if shown is not None else path
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else None
        if mode is not None and is_read_only(path):
            raise OutputFileError.keyed("output.read_only", path=name)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    except OSError as exc:
        raise output_error(name, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fchmod(handle.fileno(), mode if mode is not None else 0o666 & ~current_umask())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise output_error(name, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _FlowList(list):  # type: ignore[type-arg]
    """A list of codes written on one line: ``knowledge: [K01, K02]``."""


class _StandardDumper(_Dumper):  # type: ignore[misc]
    pass


_StandardDumper.add_representer(
    _FlowList,
    lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True),
)


def dump_standard(standard: Standard) -> str:
    """The standard as YAML in the project's format (stable key order)."""
    data = standard.model_dump(mode="json", exclude_defaults=True)
    data = {"framework": standard.framework, "language": standard.language, **data}
    for duty in data.get("duties", []):
        for task in duty.get("tasks", []):
            for key in ("knowledge", "skills"):
                if key in task:
                    task[key] = _FlowList(task[key])
    return yaml.dump(data, Dumper=_StandardDumper, allow_unicode=True, sort_keys=False, width=100)


def catalogue_to_yaml(catalogue: Catalogue) -> str:
    """The catalogue as YAML (used to convert CSV catalogues)."""
    data = catalogue.model_dump(mode="json", exclude_defaults=True)
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
