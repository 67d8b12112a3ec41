"""``curriculum plan --batch``: the thin CLI side of :mod:`curriculum.planning.batch`.

The plans are streamed in input order: printed chunk by chunk, written
atomically at the end with ``--output FILE``, or appended chunk by chunk with
``--output FILE --resume`` (see :mod:`curriculum.io.resume`). Learners whose plan
fails get an error line; the run goes on and exits 1 at the end.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from curriculum.cli.common import emit, read_context, report_lang

if TYPE_CHECKING:
    from collections.abc import Sequence

    from curriculum.io.parallel import Backend
    from curriculum.io.records import Learner
    from curriculum.planning.batch import BatchJob
    from curriculum.solve.cover import SolveParams

SHOWN_ERRORS = 20


@dataclass(frozen=True)
class BatchRun:
    """How the batch runs, beside what it plans (none of it changes the output)."""

    jobs: int = 0
    cluster: str | None = None
    chunk_size: int = 0
    resume: bool = False


class Progress:
    """``done/total learners, rate/s, time left`` on one rewritten stderr line,
    at most twice a second, only when ``stream`` is a terminal."""

    def __init__(self, total: int, start: int = 0, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.total, self.start, self.done = total, start, start
        self.began = self.shown = time.monotonic()

    def line(self, now: float) -> str:
        """The progress line at time ``now``."""
        rate = (self.done - self.start) / max(now - self.began, 1e-9)
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        minutes, seconds = divmod(int(left + 0.5), 60)
        return (
            f"{self.done:,}/{self.total:,} learners, {rate:,.1f}/s, "
            f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d} left"
        )

    def update(self, learners: int) -> None:
        """Count ``learners`` more done; redraw if due."""
        self.done += learners
        now = time.monotonic()
        if self.enabled and (now - self.shown >= 0.5 or self.done == self.total):
            self.shown = now
            self.stream.write("\r" + self.line(now) + "\x1b[K")
            self.stream.flush()

    def close(self) -> None:
        """End the progress line."""
        if self.enabled and self.done > self.start:
            self.stream.write("\n")
            self.stream.flush()


def open_backend(run: BatchRun) -> Backend:
    """The local pool, or the cluster of ``--cluster`` (Dask imported only then)."""
    from curriculum.io.parallel import LocalPool

    if run.cluster is None:
        return LocalPool(run.jobs)
    from curriculum.io.cluster import connect

    return connect(run.cluster)


def run_batch(
    learners_file: Path,
    standards: tuple[Path, ...],
    catalogues: tuple[Path, ...],
    *,
    attitudes: bool,
    exclude: list[str],
    require: list[str],
    ignore_levels: bool,
    params: SolveParams,
    fmt: str,
    lang: str | None,
    output: Path | None,
    no_bom: bool,
    run: BatchRun,
) -> None:
    """Plan every learner of ``learners_file`` and print or write the plans.

    Raises
    ------
    DataFileError
        After the run, listing the learners whose plan failed (exit 1).
    """
    from curriculum.io.learners import read_learners
    from curriculum.io.library import load_library
    from curriculum.planning.batch import BatchJob, BatchOptions
    from curriculum.report.plan.batch import render_learner

    library = load_library(standards, catalogues, context=read_context())
    learners = read_learners(learners_file, context=read_context())
    options = BatchOptions(
        attitudes=attitudes,
        exclude=tuple(exclude),
        require=tuple(require),
        ignore_levels=ignore_levels,
    )
    language = report_lang(lang, library, [learner.standard for learner in learners])
    render = partial(render_learner, fmt, lang=language)
    job = BatchJob(library, options, params, str(learners_file), render)
    job.check_options()
    bom = fmt == "csv" and not no_bom
    inputs = [learners_file, *library.input_files]
    if run.resume:
        assert output is not None
        settings = {
            "options": options,
            "params": params,
            "format": fmt,
            "bom": bom,
            "lang": language,
        }
        _run_resumable(job, learners, inputs, settings, fmt, bom, output, run)
        return
    texts: list[str] = []

    def write(text: str, _count: int, _errors: list[str]) -> None:
        if output is None:
            click.echo(text, nl=False)
        else:
            texts.append(text)

    errors = _stream(job, learners, 0, fmt, bom, run, write)
    if output is not None:
        emit("".join(texts), output, inputs)
    _fail(errors)


Sink = Callable[[str, int, list[str]], None]
"""Takes a chunk's text, its number of learners and its failed learners' messages."""


def _stream(
    job: BatchJob,
    learners: Sequence[Learner],
    start: int,
    fmt: str,
    bom: bool,
    run: BatchRun,
    write: Sink,
) -> tuple[int, list[str]]:
    """Plan ``learners[start:]``, passing each chunk to ``write``, in order; the
    failures (how many, the first messages)."""
    from curriculum.planning.batch import stream_batch
    from curriculum.report.plan.batch import batch_prefix

    failed, messages = 0, list[str]()
    progress = Progress(len(learners), start)
    backend = open_backend(run)
    index = start
    try:
        for chunk in stream_batch(job, learners, backend, size=run.chunk_size, start=start):
            parts, chunk_errors = [], []
            for text, error in chunk:
                parts.append(batch_prefix(fmt, index, bom) + text)
                index += 1
                if error:
                    chunk_errors.append(error)
            failed += len(chunk_errors)
            messages.extend(chunk_errors[: max(0, SHOWN_ERRORS - len(messages))])
            write("".join(parts), len(chunk), chunk_errors)
            progress.update(len(chunk))
    finally:
        progress.close()
        backend.close()
    return failed, messages


def _run_resumable(
    job: BatchJob,
    learners: Sequence[Learner],
    inputs: list[Path],
    settings: dict[str, object],
    fmt: str,
    bom: bool,
    output: Path,
    run: BatchRun,
) -> None:
    """``--output FILE --resume``: go on from the learners FILE already holds (FILE
    locked for the run, checked against its sidecar)."""
    from curriculum.io.outputs import OutputLock
    from curriculum.io.resume import append_chunk, inputs_digest, start_state

    _refuse_input(output, inputs)
    lock = OutputLock(output)
    try:
        state = start_state(lock, inputs_digest(inputs, settings), len(learners))
        if state.done:
            click.echo(f"Resuming {output} after {state.done:,} learners", err=True)

        def write(text: str, count: int, errors: list[str]) -> None:
            state.add_errors(errors)
            append_chunk(lock, text.encode("utf-8"), state, count)

        try:
            _stream(job, learners, state.done, fmt, bom, run, write)
        except KeyboardInterrupt:
            click.echo(
                f"Interrupted: {output} holds {state.done:,} of {len(learners):,} learners; "
                "run the same command again to resume",
                err=True,
            )
            raise SystemExit(130) from None
    finally:
        lock.close()
    click.echo(f"Wrote {output}", err=True)
    _fail((state.failed, state.errors))


def _refuse_input(output: Path, inputs: list[Path]) -> None:
    from curriculum.io.outputs import destination

    where = destination(output)
    if where.kind != "file":
        raise click.UsageError(f"--output {output} is not a regular file; --resume needs one")
    if any(Path(path).resolve() == where.path for path in inputs):
        raise click.UsageError(f"--output {output} is an input file; refusing to overwrite it")


def _fail(errors: tuple[int, list[str]]) -> None:
    """Exit 1 with the first failed learners' messages when any failed."""
    from curriculum.errors import DataFileError

    failed, messages = errors
    if failed:
        more = failed - len(messages)
        tail = [f"... and {more:,} more learners failed (see their lines)"] if more > 0 else []
        raise DataFileError("\n".join([*messages, *tail]))
