"""Plans solved in the background: one process per solve, a queue, progress, cancel.

A solve runs in a process of its own (started by a fork server that has the
package imported), so the pages stay responsive while CP-SAT works and a cancel
ends the process at once. At most ``solvers`` processes run; later requests wait
in order. The child calls the public API (:func:`curriculum.plan`,
:func:`curriculum.plan_budget`, :func:`curriculum.frontier`) on the workspace's
files, exactly as ``curriculum plan`` and ``curriculum frontier`` do. A request
asked again on unchanged files gets the finished job back (results are
deterministic), not a second solve.
"""

from __future__ import annotations

import multiprocessing
import secrets
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from curriculum.errors import CurriculumError

if TYPE_CHECKING:
    from curriculum.web.workspace import Workspace

PRELOAD = [
    "curriculum.web.jobs",
    "curriculum.api",
    "curriculum.io.library",
    "curriculum.planning.plan",
    "curriculum.planning.budget",
    "curriculum.planning.frontier",
    "curriculum.solve.cpsat",
]
"""Imported once by the fork server, so that each solver process starts with them
(OR-Tools alone takes about 0.85 s to import)."""

MAX_JOBS = 200
"""Finished jobs kept (the oldest are forgotten first)."""

DEFAULT_TIME_LIMIT = 30.0
MAX_TIME_LIMIT = 3600.0


class UnknownJob(CurriculumError):
    """A job id this server does not know (404)."""

    exit_code = 2


@dataclass(frozen=True)
class PlanArgs:
    """What the plan form asks: the keywords of :func:`curriculum.plan`."""

    standard: str
    targets: tuple[str, ...] = ()
    have: tuple[str, ...] = ()
    max_hours: float | None = None
    max_cost: float | None = None
    objective: Literal["hours", "cost"] = "hours"
    time_limit: float = DEFAULT_TIME_LIMIT
    lang: str = "en"  # the language of the job's errors: the request's

    @property
    def budgeted(self) -> bool:
        return self.max_hours is not None or self.max_cost is not None


@dataclass
class Job:
    """One plan request and what became of it."""

    id: str
    args: PlanArgs
    key: tuple[Any, ...]
    state: str = "queued"  # queued, running, done, failed, cancelled
    created: float = field(default_factory=time.monotonic)
    started: float | None = None
    finished: float | None = None
    plan: Any = None
    frontier: Any = None
    error: str = ""
    cancelled: threading.Event = field(default_factory=threading.Event)
    process: Any = None

    def progress(self) -> dict[str, Any]:
        """State, seconds elapsed and the time limit (what the page's bar shows)."""
        end = self.finished or time.monotonic()
        elapsed = end - self.started if self.started else 0.0
        return {
            "id": self.id,
            "state": self.state,
            "elapsed": round(elapsed, 1),
            "time_limit": self.args.time_limit,
            "error": self.error,
        }


def solve(conn: Any, standards: list[Path], catalogues: list[Path], args: PlanArgs) -> None:
    """In the child: the plan and the frontier through the public API (one request
    for both), sent back."""
    import curriculum
    from curriculum.api import run_budget, run_frontier, run_plan
    from curriculum.i18n import speaking

    try:
        with warnings.catch_warnings(), speaking(args.lang):
            warnings.simplefilter("ignore")
            library = curriculum.load_library(standards, catalogues)
            params = curriculum.SolveParams(time_limit=args.time_limit)
            request = curriculum.Request.of(args.standard, args.targets, have=args.have)
            if args.budgeted:
                plan = run_budget(
                    library, request, params, max_hours=args.max_hours, max_cost=args.max_cost
                )
            else:
                plan = run_plan(library, request, params, objective=args.objective)
            front = run_frontier(library, request, params, by=args.objective)
        conn.send(("done", plan, front))
    except CurriculumError as exc:
        conn.send(("failed", exc.localized(args.lang), None))
    finally:
        conn.close()


class Jobs:
    """The plan jobs of one server."""

    def __init__(self, workspace: Workspace, solvers: int = 1) -> None:
        self.workspace = workspace
        self._slots = threading.BoundedSemaphore(max(1, solvers))
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}
        self._context: Any = None

    def _mp(self) -> Any:
        if self._context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(PRELOAD)
            self._context = context
        return self._context

    def submit(self, args: PlanArgs) -> Job:
        """A job for ``args``: a finished one for the same request on the same files,
        else a new one, queued."""
        key = (args, self.workspace.signature())
        with self._lock:
            for job in self._jobs.values():
                if job.key == key and job.state in ("queued", "running", "done"):
                    return job
            job = Job(secrets.token_urlsafe(12), args, key)
            self._jobs[job.id] = job
            while len(self._jobs) > MAX_JOBS:
                del self._jobs[next(iter(self._jobs))]
        threading.Thread(target=self._run, args=(job,), daemon=True).start()
        return job

    def get(self, job_id: str) -> Job:
        """The job with this id, or :class:`UnknownJob`."""
        job = self._jobs.get(job_id)
        if job is None:
            raise UnknownJob(f"no plan {job_id[:40]} on this server")
        return job

    def cancel(self, job_id: str) -> Job:
        """Stop a queued or running job (its process is terminated)."""
        job = self.get(job_id)
        job.cancelled.set()
        process = job.process
        if process is not None and process.is_alive():
            process.terminate()
        return job

    def shutdown(self) -> None:
        """Cancel every job (the server stops)."""
        for job_id in list(self._jobs):
            self.cancel(job_id)

    def _run(self, job: Job) -> None:
        with self._slots:
            if job.cancelled.is_set():
                self._finish(job, "cancelled")
                return
            try:
                self._solve(job)
            except Exception as exc:  # the solver process could not start or answer
                job.error = f"the solver process failed: {exc}".splitlines()[0]
                self._finish(job, "failed")

    def _solve(self, job: Job) -> None:
        context = self._mp()
        parent, child = context.Pipe(duplex=False)
        paths = (self.workspace.paths("standards"), self.workspace.paths("courses"))
        process = context.Process(target=solve, args=(child, *paths, job.args), daemon=True)
        job.started = time.monotonic()
        job.state = "running"
        process.start()
        job.process = process
        child.close()
        message = None
        try:
            while message is None and not job.cancelled.is_set():
                if parent.poll(0.1):
                    message = parent.recv()
                elif not process.is_alive():
                    break
        except (EOFError, OSError):
            message = None
        finally:
            parent.close()
        if job.cancelled.is_set():
            process.terminate()
        process.join(5)
        if job.cancelled.is_set():
            self._finish(job, "cancelled")
        elif message is None:
            job.error = "the solver process stopped without a result"
            self._finish(job, "failed")
        elif message[0] == "done":
            job.plan, job.frontier = message[1], message[2]
            self._finish(job, "done")
        else:
            job.error = self.workspace.shown(message[1])
            self._finish(job, "failed")

    @staticmethod
    def _finish(job: Job, state: str) -> None:
        job.finished = time.monotonic()
        job.state = state
