"""A batch: one plan per learner of a learners file, planned in parallel and
streamed in input order (what ``curriculum batch`` calls)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from curriculum.io.library import Library
    from curriculum.io.parallel import Backend
    from curriculum.io.records import Learner
    from curriculum.planning.batch import BatchJob, Render
    from curriculum.request import Request
    from curriculum.solve.params import SolveParams


def batch_job(
    library: Library,
    request: Request,
    params: SolveParams | None,
    source: str,
    render: Render | None = None,
) -> BatchJob:
    """What every worker of a batch needs, shipped to each once: the library, the
    request's shared choices (attitudes, exclusions, required courses, levels; each
    learner's standard, targets, held items and courses taken come from the
    learners file), the solver settings, the file's name for messages, and how a
    learner's plan is rendered in the worker.

    Raises
    ------
    UnknownReferenceError
        For an excluded or required course code no catalogue defines.
    UsageError
        For an argument of the wrong type, or a request naming a standard,
        targets, held items or courses taken.
    """
    from curriculum.api.shared import at_the_door
    from curriculum.planning.batch import BatchJob, check_courses

    library, request, params = at_the_door(library, request, params, "a batch", "require")
    check_courses(library, request)
    return BatchJob(library, request, params, source, render)


def stream(
    job: BatchJob,
    learners: Sequence[Learner],
    backend: Backend,
    *,
    size: int = 0,
    start: int = 0,
) -> Iterator[list[Any]]:
    """The learners' results from ``start`` on, chunk by chunk, in input order
    (:func:`curriculum.planning.batch.stream_batch`)."""
    from curriculum.planning.batch import stream_batch

    return stream_batch(job, learners, backend, size=size, start=start)
