"""Renders batch plans (``plan --batch``): one line or record per learner."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence

from curriculum.io.records import Learner
from curriculum.planning.result import BatchLine, Plan
from curriculum.report.safe import csv_writer


def render_batch(
    results: Sequence[tuple[Learner, Plan]],
    fmt: str,
    renderers: dict[str, Callable[[Plan], str]],
) -> Iterator[str]:
    """The plans as text chunks: JSON Lines for ``json``, one CSV with a
    ``learner`` column for ``csv``, and one titled report per learner otherwise."""
    if fmt == "json":
        for learner, plan in results:
            line = BatchLine.of(learner.id, plan).to_dict()
            yield json.dumps(line, ensure_ascii=False) + "\n"
        return
    if fmt == "csv":
        out = io.StringIO()
        writer = csv_writer(out)
        for n, (learner, plan) in enumerate(results):
            rows = list(csv.reader(io.StringIO(renderers["csv"](plan))))
            if n == 0:
                writer.writerow(["learner", *rows[0]])
            writer.writerows([learner.id, *row] for row in rows[1:])
            yield out.getvalue()
            out.seek(0)
            out.truncate()
        return
    for n, (learner, plan) in enumerate(results):
        title = f"# Learner {learner.id}" if fmt == "markdown" else f"=== Learner {learner.id} ==="
        yield ("\n" if n else "") + title + "\n\n" + renderers[fmt](plan)
