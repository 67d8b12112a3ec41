"""The team plan's explanation is linear (issue 25): why each left-out item was left
out comes from an index of the courses teaching it, not from every course of the
member's cover per item (items x courses work after the solve, outside the limit).

Counted, not timed: how many times the explanation walks a member's courses."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import ROOT

import curriculum.planning.team.explain as team_explain
from curriculum.io.library import load_library
from curriculum.io.team_file import load_team
from curriculum.planning.team.plan import plan_team
from curriculum.request import Request
from curriculum.solve.params import SolveParams


class CountedCovers(tuple):  # type: ignore[type-arg]
    """A member cover's ``covers`` that counts the walks over it."""

    walks = 0

    def __iter__(self) -> Any:
        CountedCovers.walks += 1
        return super().__iter__()


@pytest.mark.slow
def test_left_out_items_do_not_walk_the_courses_each(monkeypatch) -> None:
    library = load_library([ROOT / "standards"], [ROOT / "courses"])
    team = load_team(ROOT / "examples" / "team.csv")
    original = team_explain.explain
    seen: dict[str, int] = {}

    def counted(layout: Any, team: Any, chosen: Any, limits: Any = (None, None)) -> Any:
        for need in layout.needs:
            cover = need.problem.cover
            object.__setattr__(cover, "covers", CountedCovers(cover.covers))
        CountedCovers.walks = 0
        result = original(layout, team, chosen, limits)
        seen["walks"] = CountedCovers.walks
        seen["left_out"] = sum(len(m.budget_gaps) for m in result["members"])
        seen["members"] = len(layout.needs)
        return result

    monkeypatch.setattr(team_explain, "explain", counted)
    plan_team(library, Request(), SolveParams(workers=1, time_limit=10), team, max_cost=20_000)
    assert seen["left_out"] > 2 * seen["members"]  # many items left out per member
    assert seen["walks"] <= 3 * seen["members"]  # a few walks per member, none per item
