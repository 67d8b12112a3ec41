"""The state of a resumable ``plan --batch --output FILE --resume`` run, in a sidecar.

Beside FILE, ``FILE.resume`` (JSON) holds the SHA-256 of the run's inputs (the
learners file, every standard and catalogue, the options that change the output),
how many learners FILE holds, its length in bytes then and the SHA-256 of those
bytes. It is rewritten atomically after each chunk is written and flushed to FILE,
so that after an interruption FILE is cut back to the last recorded length and
the run goes on from the next learner: only the chunks in flight are lost. FILE
itself stays a plain JSON Lines, CSV or text file, byte for byte what the run prints.

Nothing in either file is trusted: the sidecar must be a small regular file whose
every field has its type and range, and FILE's first bytes must have the digest
it records. Anything else (an edited byte, a sidecar changed, damaged, replaced
by a folder or a link) is refused rather than resumed. FILE is locked for the
run (:class:`~curriculum.io.outputs.OutputLock`): a second run on it is refused.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curriculum.errors import CurriculumError
from curriculum.io.cells import quoted
from curriculum.io.outputs import OutputLock
from curriculum.io.writers import write_atomic

SUFFIX = ".resume"
KEPT_ERRORS = 20
MAX_STATE_BYTES = 1 << 20
"""The largest sidecar read (20 kept messages of a few hundred characters fit easily)."""

_HEX64 = re.compile(r"[0-9a-f]{64}")
_HASH_CHUNK = 1 << 20


class ResumeError(CurriculumError):
    """FILE cannot be resumed: other inputs, or not written by a resumable run."""

    exit_code = 2


@dataclass
class ResumeState:
    """What ``FILE.resume`` records; ``digest`` hashes FILE's first ``bytes`` bytes."""

    inputs: str
    learners: int
    done: int = 0
    bytes: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    digest: Any = field(default_factory=hashlib.sha256, repr=False)

    def add_errors(self, messages: Iterable[str]) -> None:
        """Count failed learners, keeping the first ``KEPT_ERRORS`` messages."""
        for message in messages:
            self.failed += 1
            if len(self.errors) < KEPT_ERRORS:
                self.errors.append(message)

    def to_json(self) -> str:
        """The sidecar's text."""
        record = {
            "inputs": self.inputs,
            "learners": self.learners,
            "done": self.done,
            "bytes": self.bytes,
            "sha256": self.digest.hexdigest(),
            "failed": self.failed,
            "errors": self.errors,
        }
        return json.dumps(record, ensure_ascii=False) + "\n"


def state_path(output: Path) -> Path:
    """``FILE.resume`` beside ``output``."""
    return output.with_name(output.name + SUFFIX)


def _file_digest(path: Path) -> bytes:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.digest()


def inputs_digest(files: Iterable[Path], settings: Mapping[str, object]) -> str:
    """SHA-256 over the files' names and bytes (in the order given) and ``settings``."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(Path(path).name.encode("utf-8") + b"\0")
        digest.update(_file_digest(path))
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode("utf-8"))
    return digest.hexdigest()


def _is_count(value: object, top: int) -> bool:
    return type(value) is int and 0 <= value <= top


def _read_sidecar(sidecar: Path, max_bytes: int) -> dict[str, Any]:
    """The sidecar's JSON object: a regular file of at most ``max_bytes``."""
    shown = quoted(str(sidecar))
    try:
        st = os.lstat(sidecar)
        if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes:
            raise ResumeError.keyed("resume.not_state", path=shown)
        with sidecar.open("rb") as handle:
            text = handle.read(max_bytes + 1).decode("utf-8")
        data = json.loads(text)
    except (OSError, ValueError, RecursionError):
        raise ResumeError.keyed("resume.unreadable", path=shown) from None
    if not isinstance(data, dict):
        raise ResumeError.keyed("resume.damaged", path=shown)
    return data


def parse_state(sidecar: Path, max_bytes: int = MAX_STATE_BYTES) -> tuple[ResumeState, str]:
    """The state a sidecar records and the digest of the file's bytes it records.

    Raises
    ------
    ResumeError
        When it is not a regular file, too large, not JSON, or a field is missing,
        of the wrong type or out of range.
    """
    data = _read_sidecar(sidecar, max_bytes)
    learners = data.get("learners")
    errors = data.get("errors")
    valid = (
        set(data) == {"inputs", "learners", "done", "bytes", "sha256", "failed", "errors"}
        and isinstance(data["inputs"], str)
        and isinstance(data["sha256"], str)
        and bool(_HEX64.fullmatch(data["sha256"]))
        and _is_count(learners, 1 << 62)
        and _is_count(data["done"], learners)  # type: ignore[arg-type]
        and _is_count(data["bytes"], 1 << 62)
        and _is_count(data["failed"], data["done"])
        and isinstance(errors, list)
        and len(errors) <= KEPT_ERRORS
        and all(isinstance(e, str) for e in errors)
    )
    if not valid:
        raise ResumeError.keyed("resume.damaged", path=quoted(str(sidecar)))
    state = ResumeState(
        inputs=data["inputs"],
        learners=data["learners"],
        done=data["done"],
        bytes=data["bytes"],
        failed=data["failed"],
        errors=list(errors),  # type: ignore[arg-type]
    )
    return state, data["sha256"]


def _hash_prefix(lock: OutputLock, length: int) -> Any:
    digest = hashlib.sha256()
    offset = 0
    while offset < length:
        part = os.pread(lock.fd, min(_HASH_CHUNK, length - offset), offset)
        if not part:
            break
        digest.update(part)
        offset += len(part)
    return digest


def start_state(lock: OutputLock, inputs: str, learners: int) -> ResumeState:
    """The state to go on from: the recorded one when the locked output and its
    sidecar match (the output cut back to its recorded length), else a new one
    (the output emptied) when the output is empty or new.

    Raises
    ------
    ResumeError
        When ``FILE.resume`` records other inputs or options, is damaged, or does
        not match the output's bytes; or the output is not empty and has no
        ``FILE.resume``.
    """
    output = lock.path
    sidecar = state_path(output)
    shown, shown_state = quoted(str(output)), quoted(str(sidecar))
    if os.path.lexists(sidecar):
        state, recorded = parse_state(sidecar)
        if state.inputs != inputs or state.learners != learners:
            raise ResumeError.keyed("resume.other_inputs", path=shown, state=shown_state)
        if lock.size() < state.bytes:
            raise ResumeError.keyed("resume.shorter", path=shown, state=shown_state)
        state.digest = _hash_prefix(lock, state.bytes)
        if state.digest.hexdigest() != recorded:
            raise ResumeError.keyed("resume.changed", path=shown, state=shown_state)
        lock.truncate(state.bytes)
        return state
    if lock.size():
        raise ResumeError.keyed("resume.no_state", path=shown, state=quoted(sidecar.name))
    lock.truncate(0)
    state = ResumeState(inputs=inputs, learners=learners)
    save_state(output, state)
    return state


def append_chunk(lock: OutputLock, data: bytes, state: ResumeState, learners: int) -> None:
    """Append ``data`` (the next ``learners`` learners) to the output, flush it to
    disk, then record the new state."""
    lock.append(data)
    state.done += learners
    state.bytes += len(data)
    state.digest.update(data)
    save_state(lock.path, state)


def save_state(output: Path, state: ResumeState) -> None:
    """Write ``FILE.resume`` atomically (a link there is replaced, not followed)."""
    write_atomic(state_path(output), state.to_json())
