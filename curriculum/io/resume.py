"""The state of a resumable ``plan --batch --output FILE --resume`` run, in a sidecar.

Beside FILE, ``FILE.resume`` (JSON) holds the SHA-256 of the run's inputs (the
learners file, every standard and catalogue, the options that change the output),
how many learners FILE holds and its length in bytes then. It is rewritten
atomically after each chunk is written and flushed to FILE, so that after an
interruption FILE is cut back to the last recorded length and the run goes on
from the next learner: only the chunks in flight are lost. FILE itself stays a
plain JSON Lines, CSV or text file, byte for byte what the run prints.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from curriculum.errors import CurriculumError
from curriculum.io.writers import write_atomic

SUFFIX = ".resume"
KEPT_ERRORS = 20


class ResumeError(CurriculumError):
    """FILE cannot be resumed: other inputs, or not written by a resumable run."""

    exit_code = 2


@dataclass
class ResumeState:
    """What ``FILE.resume`` records."""

    inputs: str
    learners: int
    done: int = 0
    bytes: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def add_errors(self, messages: Iterable[str]) -> None:
        """Count failed learners, keeping the first ``KEPT_ERRORS`` messages."""
        for message in messages:
            self.failed += 1
            if len(self.errors) < KEPT_ERRORS:
                self.errors.append(message)


def state_path(output: Path) -> Path:
    """``FILE.resume`` beside ``output``."""
    return output.with_name(output.name + SUFFIX)


def inputs_digest(files: Iterable[Path], settings: Mapping[str, object]) -> str:
    """SHA-256 over the files' names and bytes (in the order given) and ``settings``."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(Path(path).name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(Path(path).read_bytes()).digest())
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode("utf-8"))
    return digest.hexdigest()


def start_state(output: Path, inputs: str, learners: int, resume: bool) -> ResumeState:
    """The state to go on from: the recorded one when resuming a matching run
    (``output`` cut back to its recorded length), else a new one (``output``
    emptied).

    Raises
    ------
    ResumeError
        When resuming and ``FILE.resume`` records other inputs or options, or
        ``output`` exists without ``FILE.resume``.
    """
    sidecar = state_path(output)
    if resume and sidecar.exists():
        try:
            state = ResumeState(**json.loads(sidecar.read_text(encoding="utf-8")))
        except (ValueError, TypeError) as exc:
            raise ResumeError(f"{sidecar}: not a resume state ({exc})") from exc
        if state.inputs != inputs or state.learners != learners:
            raise ResumeError(
                f"--resume: {output} was written from other inputs or options "
                f"({sidecar} does not match); remove both or drop --resume"
            )
        if not output.exists() or output.stat().st_size < state.bytes:
            raise ResumeError(f"--resume: {output} is shorter than {sidecar} records")
        with output.open("r+b") as handle:
            handle.truncate(state.bytes)
        return state
    if resume and output.exists() and output.stat().st_size:
        raise ResumeError(
            f"--resume: {output} has no {sidecar.name} beside it: not written by a "
            "resumable run; remove it or drop --resume"
        )
    output.write_bytes(b"")
    state = ResumeState(inputs=inputs, learners=learners)
    save_state(output, state)
    return state


def append_chunk(output: Path, data: bytes, state: ResumeState, learners: int) -> None:
    """Append ``data`` (the next ``learners`` learners) to ``output``, flush it to
    disk, then record the new state."""
    with output.open("ab") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    state.done += learners
    state.bytes += len(data)
    save_state(output, state)


def save_state(output: Path, state: ResumeState) -> None:
    """Write ``FILE.resume`` atomically."""
    write_atomic(state_path(output), json.dumps(asdict(state), ensure_ascii=False) + "\n")
