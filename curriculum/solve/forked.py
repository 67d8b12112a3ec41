"""A MIP engine in a forked process: stopped by killing it, its bound streamed as it rises.

No MIP engine of the OR-Tools wheel stops reliably when asked (see
:func:`curriculum.solve.mip.solve_integer_mip`), so a search that may have to
stop (a race's loser, Ctrl-C, the deadline) runs in a forked process that is
killed. Its plan and final bound come back when it ends in time. HiGHS leaves
more: the bound it reports in its log comes back at once, and each better plan
it finds is written to a file (its ``mip_improving_solution_file``) read once it
is killed, so that a child stopped by Ctrl-C or killed at the deadline still
leaves its best plan and bound (the 1,000-member team's HiGHS overran its 115 s
limit by 4.6 s, and both were lost with it). CBC and SCIP leave nothing when
killed. No OR-Tools import here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from curriculum.solve.params import Deadline
from curriculum.solve.stop import Stopper

BoundSink = Callable[[float], None]
"""Called with each better bound an engine reports while it runs (HiGHS's log)."""


@dataclass(frozen=True)
class Better:
    """A better plan a forked search found on its way (its columns), sent at once so
    that it outlives a kill."""

    chosen: tuple[int, ...]


KILL_GRACE = 0.2
"""Seconds a forked engine may run past the deadline before it is killed."""
CHILD_SHARE = {"CBC": 0.9, "SCIP": 0.99, "HIGHS": 0.99, "WALK": 0.99}
"""The share of the time left that a forked engine is told it has: it usually stops
in time to send its plan and bound back, which a kill at the deadline would lose.
CBC overran a 60 s limit by 8 s on a 100-member team model, SCIP and HiGHS by
0.14 s; HiGHS's bound and plans outlive a kill (see the module docstring), as do the
row-weighting walk's (:func:`curriculum.solve.weighting.walk_rival`)."""

_HIGHS_ROW = re.compile(
    r"\s*[A-Z]?\s+\d+\s+\d+\s+\d+\s+[\d.]+%\s+"
    r"(?P<bound>-?(?:\d+(?:\.\d*)?(?:e[-+]?\d+)?|inf))\s+"
    r"(?P<best>-?(?:\d+(?:\.\d*)?(?:e[-+]?\d+)?|inf))\s"
)


def highs_log_bound(line: str) -> float | None:
    """The dual bound of one of HiGHS's branch-and-bound progress lines, lowered by one
    unit of its last printed digit (the log rounds it); ``None`` for any other line,
    a bound that is not finite, or one above the line's own best solution."""
    match = _HIGHS_ROW.match(line)
    if match is None:
        return None
    bound, best = float(match["bound"]), float(match["best"])
    if not math.isfinite(bound) or bound > best:
        return None
    return bound - _last_digit(match["bound"])


def _last_digit(text: str) -> float:
    """The value of one unit in the last digit of a printed number (``2.08215e+06``: 10)."""
    mantissa, _, exponent = text.lower().partition("e")
    decimals = len(mantissa.partition(".")[2])
    return 10.0 ** (int(exponent or 0) - decimals)


def log_watcher(on_bound: BoundSink) -> Callable[[list[str]], None]:
    """A MathOpt message callback that reports each higher dual bound of HiGHS's log."""
    best = [-math.inf]

    def watch(lines: list[str]) -> None:
        for line in lines:
            bound = highs_log_bound(line)
            if bound is not None and bound > best[0]:
                best[0] = bound
                on_bound(bound)

    return watch


def last_plan(path: str, size: int) -> tuple[int, ...] | None:
    """The last complete plan of a HiGHS improving-solution file (``size`` values,
    rounded; the caller checks them), or ``None`` when there is none or it cannot be read.

    The file holds one block per better plan: ``Objective V``, ``# Columns N``, then
    N values, one per line; the last block may be cut short by the kill.
    """
    try:
        with open(path, encoding="ascii") as handle:
            text = handle.read()
    except (OSError, ValueError):
        return None
    header = f"\n# Columns {size}\n"
    end = len(text)
    while (at := text.rfind(header, 0, end)) >= 0:
        pieces = text[at + len(header) :].split("\n", size)
        if len(pieces) > size:  # every value ends its line: the block is whole
            try:
                return tuple(round(float(v)) for v in pieces[:size])
            except (ValueError, OverflowError):
                return None
        end = at
    return None


Solve = Callable[[Deadline, Any], Any]
"""The engine's search: (deadline, where to report a rising bound or a
:class:`Better` plan) to its outcome."""


def run_forked(
    solve: Solve,
    engine: str,
    deadline: Deadline,
    stopper: Stopper,
    grace: float = KILL_GRACE,
    on_better: Callable[[Better], object] | None = None,
) -> tuple[Any, float]:
    """``solve`` in a forked process: (its outcome, the best bound it streamed); the
    outcome is ``None`` when it is stopped or past the deadline.

    The child inherits the model (copy-on-write), ignores Ctrl-C (the parent's
    stopper decides), is told :data:`CHILD_SHARE` of the time left, and sends its
    rising bounds (minimisation) and better plans (to ``on_better``), then its
    outcome; it is killed ``grace`` seconds past the deadline when it has not answered.
    """
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    until = deadline.part(CHILD_SHARE[engine])
    child = context.Process(target=_child, args=(solve, until, send), daemon=True)
    streamed = -math.inf
    if stopper.stopped:
        return None, streamed
    child.start()
    send.close()
    stopper.add(child.kill)
    try:
        while not stopper.stopped:
            left = deadline.remaining()
            if left is not None and left <= 0 and not receive.poll(grace):
                break
            if receive.poll(0.02):
                message = receive.recv()
                if isinstance(message, float):
                    streamed = max(streamed, message)
                    continue
                if isinstance(message, Better):
                    if on_better is not None:
                        on_better(message)
                    continue
                return message, streamed
            if not child.is_alive() and not receive.poll(0):
                break
    except (EOFError, OSError):  # the child died without an answer
        pass
    finally:
        child.kill()
        child.join()
        receive.close()
    return None, streamed


def _child(solve: Solve, deadline: Deadline, send: Any) -> None:
    """The forked process: the search, its bounds and outcome sent to the parent.

    Its standard output and error go nowhere: an engine may print even when told
    not to (CBC's LP writes "1 slacks added" on railway-like covers), and a report
    on the terminal must not carry it.
    """
    import os
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    os.dup2(quiet, 2)
    send.send(solve(deadline, lambda news: send.send(_news(news))))
    send.close()


def _news(news: Any) -> Better | float:
    """What a child sends of a report: a plan as it is, a bound as a float."""
    return news if isinstance(news, Better) else float(news)
