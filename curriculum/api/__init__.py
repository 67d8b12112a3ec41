"""The public API: one call per question a user asks, one module per question.

Each question has its public function (``plan``, ``plan_budget``, ``frontier``,
``schedule``, ``plan_team``, ``team_frontier``, ``review``), which takes the
familiar keywords, builds a :class:`~curriculum.request.Request` once with
:meth:`Request.of <curriculum.request.Request.of>` and calls the question's
``run_*`` function. The ``run_*`` functions take ``(library, request, params,
<what is particular to the question>)``; the command line calls them too, so the
two accept the same spellings and give the same answers.

Re-exported by :mod:`curriculum`; every heavy import happens inside the functions,
so importing this package stays cheap.
"""

from __future__ import annotations

# Eager on purpose: importing a question's module (``curriculum.api.plan``) binds the
# package attribute of that name to the module; these imports bind it back to the
# function. ``import curriculum`` does not import this package (see its PEP 562
# ``__getattr__``), so ``curriculum --help`` does not load it.
from curriculum.api.budget import plan_budget, run_budget
from curriculum.api.frontier import frontier, run_frontier
from curriculum.api.library import load_library
from curriculum.api.plan import plan, run_plan
from curriculum.api.review import review, run_review
from curriculum.api.schedule import make_calendar, run_schedule, schedule
from curriculum.api.shared import Codes, PathArg, Paths
from curriculum.api.team import plan_team, run_team, run_team_frontier, team_frontier

__all__ = [
    "Codes",
    "PathArg",
    "Paths",
    "frontier",
    "load_library",
    "make_calendar",
    "plan",
    "plan_budget",
    "plan_team",
    "review",
    "run_budget",
    "run_frontier",
    "run_plan",
    "run_review",
    "run_schedule",
    "run_team",
    "run_team_frontier",
    "schedule",
    "team_frontier",
]
