"""Write the project's files: standards and catalogues as YAML, any file atomically.

Nothing here reads a file, so renderers may use it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from curriculum.model.standard import Catalogue, Standard

_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _FlowList(list):  # type: ignore[type-arg]
    """A list of codes written on one line: ``knowledge: [K01, K02]``."""


class _StandardDumper(_Dumper):  # type: ignore[misc,valid-type]
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
