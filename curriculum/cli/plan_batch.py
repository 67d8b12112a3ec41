"""``curriculum batch`` (and ``plan --batch``): one plan per learner, through
:mod:`curriculum.api.batch`.

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
from typing import TYPE_CHECKING, Any, TextIO

import click

from curriculum.cli.common import (
    Data,
    InputPath,
    data_options,
    inject,
    main,
    read_context,
    write_output,
)
from curriculum.cli.emit import Out, output_options, report_lang
from curriculum.cli.localized import say
from curriculum.cli.options import request_options, solve_options
from curriculum.formats import PLAN_FORMATS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from curriculum.io.parallel import Backend
    from curriculum.io.records import Learner
    from curriculum.request import Request
    from curriculum.solve.params import SolveParams


SHOWN_ERRORS = 20


@dataclass(frozen=True)
class BatchRun:
    """The learners file, and how the batch runs (none of it changes the output)."""

    learners: Path | None = None
    jobs: int = 0
    cluster: str | None = None
    chunk_size: int = 0
    resume: bool = False


def _run(
    learners: Path | None = None,
    batch: Path | None = None,
    jobs: int = 0,
    cluster: str | None = None,
    chunk_size: int = 0,
    resume: bool = False,
) -> BatchRun:
    return BatchRun(learners or batch, jobs, cluster, chunk_size, resume)


BATCH_OPTION = click.option(
    "--batch",
    type=InputPath(),
    metavar="MEMBERS",
    help="Plan every member of a member file (the team file: CSV, XLSX or YAML) "
    "instead of STANDARD (as `curriculum batch MEMBERS` does).",
)
"""``plan --batch MEMBERS``: the earlier spelling of ``curriculum batch MEMBERS``."""


def batch_options(*, plan: bool = False) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """``--jobs``, ``--cluster``, ``--chunk-size``, ``--resume`` (and, for ``plan``,
    ``--batch MEMBERS``): one :class:`BatchRun` named ``run``."""

    def lead(text: str) -> str:
        return f"With --batch: {text}" if plan else text[0].upper() + text[1:]

    options = [
        click.option(
            "--jobs",
            type=click.IntRange(min=0),
            default=0,
            show_default=True,
            help=lead("solver processes (0: one per core)."),
        ),
        click.option(
            "--cluster",
            metavar="ADDRESS",
            help=lead(
                "plan on the Dask cluster whose scheduler is at ADDRESS "
                "(tcp://host:8786), or on local:N, N worker processes started for the run. "
                "Dask comes with the extra: pip install 'curriculum[cluster]'. The output does "
                "not depend on it."
            ),
        ),
        click.option(
            "--chunk-size",
            type=click.IntRange(min=0),
            default=0,
            show_default=True,
            help=lead(
                "learners per task (0: about 16 tasks per worker, 4 to 200). "
                "The output does not depend on it."
            ),
        ),
        click.option(
            "--resume",
            is_flag=True,
            help=lead(
                "with --output FILE: write FILE chunk by chunk, recording its "
                "inputs' hashes in FILE.resume, and skip the learners FILE already holds."
            ),
        ),
    ]
    if plan:
        options.insert(0, BATCH_OPTION)

    def decorate(func: Callable[..., None]) -> Callable[..., None]:
        keys = ("learners", "batch", "jobs", "cluster", "chunk_size", "resume")
        func = inject("run", _run, keys)(func)
        for option in reversed(options):
            func = option(func)
        return func

    return decorate


@main.command()
@click.argument("learners", type=InputPath())
@data_options
@request_options(standard=None, learner=False)
@solve_options(
    time_limit_help="Stop each learner's search after SECONDS; plans are then marked if "
    "not proven.",
)
@output_options(sorted(f for f in PLAN_FORMATS if f != "programme"))
@batch_options()
def batch(request: Request, data: Data, params: SolveParams, out: Out, run: BatchRun) -> None:
    """Plan every learner of LEARNERS (a member file: CSV, XLSX or YAML), one plan
    each, as `curriculum plan` would (JSON Lines for --format json).

    Each learner's standard, targets, held items and done courses come from the
    file; learners needing the same courses are solved once. The plans are
    streamed in input order; a learner whose plan fails gets an error line, the
    others go on, and the run exits 1 at the end.
    """
    run_batch(run, request, data, params, out)


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


def run_batch(run: BatchRun, request: Request, data: Data, params: SolveParams, out: Out) -> None:
    """Plan every learner of ``run.learners`` and print or write the plans.

    Raises
    ------
    click.UsageError
        For options that do not combine (``--jobs`` with ``--cluster``, ``--resume``
        without ``--output``).
    DataFileError
        After the run, listing the learners whose plan failed (exit 1).
    """
    from curriculum.api.batch import batch_job
    from curriculum.io.learners import read_learners
    from curriculum.report.plan.batch import render_learner

    assert run.learners is not None
    if run.jobs and run.cluster:
        raise click.UsageError(say("usage.jobs_cluster"))
    if run.cluster is not None:
        from curriculum.io.cluster import check_address

        check_address(run.cluster)  # before any data is loaded or anything connects
    if run.resume and out.output is None:
        raise click.UsageError(say("usage.resume_output"))
    library = data.load()
    learners = read_learners(run.learners, context=read_context())
    language = report_lang(out.lang, library.standards, [learner.standard for learner in learners])
    render = partial(render_learner, out.fmt, lang=language)
    job = batch_job(library, request, params, str(run.learners), render)
    fmt, bom, output = out.fmt, out.fmt == "csv" and out.bom, out.output
    inputs = [run.learners, *library.input_files]
    if run.resume:
        assert output is not None
        settings = {
            "request": job.request,
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
        write_output("".join(texts), output, inputs)
    _fail(errors)


Sink = Callable[[str, int, list[str]], None]
"""Takes a chunk's text, its number of learners and its failed learners' messages."""


def _stream(
    job: Any,
    learners: Sequence[Learner],
    start: int,
    fmt: str,
    bom: bool,
    run: BatchRun,
    write: Sink,
) -> tuple[int, list[str]]:
    """Plan ``learners[start:]``, passing each chunk to ``write``, in order; the
    failures (how many, the first messages)."""
    from curriculum.api.batch import stream
    from curriculum.report.plan.batch import batch_prefix

    failed, messages = 0, list[str]()
    progress = Progress(len(learners), start)
    backend = open_backend(run)
    index = start
    try:
        for chunk in stream(job, learners, backend, size=run.chunk_size, start=start):
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
    job: Any,
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
            from curriculum.i18n import Text, run_lang

            click.echo(Text(run_lang())("batch.resuming", path=output, n=state.done), err=True)

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
    from curriculum.i18n import Text, run_lang

    click.echo(Text(run_lang())("wrote", path=output), err=True)
    _fail((state.failed, state.errors))


def _refuse_input(output: Path, inputs: list[Path]) -> None:
    from curriculum.io.outputs import destination

    where = destination(output)
    if where.kind != "file":
        raise click.UsageError(say("usage.resume_regular", path=output))
    if any(Path(path).resolve() == where.path for path in inputs):
        raise click.UsageError(say("usage.input_file", option="--output", path=output))


def _fail(errors: tuple[int, list[str]]) -> None:
    """Exit 1 with the first failed learners' messages when any failed."""
    from curriculum.errors import DataFileError

    failed, messages = errors
    if failed:
        more = failed - len(messages)
        tail = [say("batch.more_failed", n=more, count=f"{more:,}")] if more > 0 else []
        error = DataFileError("\n".join([*messages, *tail]))
        error.spoken = True  # the learners' lines are worded in the run's language
        raise error
