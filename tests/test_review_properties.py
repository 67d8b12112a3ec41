"""Review invariants on random programmes over the tiny fixture (hypothesis).

Each property is checked against a direct recomputation written without the
review's code: an item is covered when some chosen course claims it at a level
at least the highest level of the targeted tasks that list it.
"""

from __future__ import annotations

from conftest import DATA
from helpers import programme_choices
from hypothesis import given, settings

from curriculum.io.library import load_library
from curriculum.reviewing.programme import Programme
from curriculum.reviewing.result import ReviewOptions
from curriculum.reviewing.review import review_programme

LIBRARY = load_library([DATA / "tiny" / "standard.yaml"], [DATA / "tiny" / "courses.yaml"])
STANDARD = LIBRARY.standards["TINY-001v2"]
CODES = sorted(LIBRARY.courses)
TARGETS = ["T1", "T2", "T1.1", "T1.2", "T2.1"]


@settings(max_examples=60, deadline=None)
@given(**programme_choices(CODES, TARGETS))
def test_review_matches_a_direct_recomputation(courses, targets, min_courses, min_hours):
    programme = Programme(name="p", standard="TINY-001v2", targets=targets, courses=courses)
    review = review_programme(
        LIBRARY,
        programme,
        options=ReviewOptions(min_courses=min_courses, min_hours=min_hours),
        lang="en",
    )
    tasks = STANDARD.expand_targets(targets)
    need: dict[str, float] = {}
    for task in tasks:
        for item in task.items:
            need[item] = max(need.get(item, 0), task.level)
    assert [r.code for r in review.rows] == [i.code for i in STANDARD.items if i.code in need]
    chosen = [LIBRARY.courses[c] for c in courses]
    for row in review.rows:
        claim = [c for c in chosen if row.code in c.items_for("TINY-001v2")]
        ok = [c for c in claim if c.level is None or c.level >= need[row.code]]
        assert set(row.courses) == {c.code for c in ok}
        assert row.hours == sum(c.hours for c in ok)
        if not claim:
            expected = "GAP"
        elif not ok:
            expected = "LEVEL"
        elif len(ok) < min_courses or row.hours < min_hours:
            expected = "THIN"
        else:
            expected = "OK"
        assert row.status == expected
        assert any(f.item == row.code for f in review.findings) == (expected != "OK")
    used = {c for r in review.rows for c in r.courses}
    unused = {f.course for f in review.findings if f.code == "UNUSED"}
    assert unused == set(courses) - used
    covered = sum(r.status in ("OK", "THIN") for r in review.rows if r.kind == "K")
    assert review.overall["K"].covered == covered
    assert review.failed == any(r.status in ("GAP", "LEVEL") for r in review.rows)
