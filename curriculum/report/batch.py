"""Renders batch plans (``plan --batch``): one line or record per learner."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence

from curriculum.i18n import Text
from curriculum.io.records import Learner
from curriculum.planning.result import BatchLine, Plan
from curriculum.report.plan import CSV_SECTIONS, csv_sections, write_sections
from curriculum.report.text import demote


def render_batch(
    results: Sequence[tuple[Learner, Plan]],
    fmt: str,
    renderers: dict[str, Callable[..., str]],
    lang: str = "en",
) -> Iterator[str]:
    """The plans as text chunks: JSON Lines for ``json``; for ``csv`` the plan CSV's
    sections with a ``learner`` column first, every learner's rows in each section;
    one titled report per learner otherwise."""
    if fmt == "json":
        for learner, plan in results:
            line = BatchLine.of(learner.id, plan).to_dict()
            yield json.dumps(line, ensure_ascii=False) + "\n"
        return
    if fmt == "csv":
        sections: dict[str, list[list[str]]] = {name: [] for name in CSV_SECTIONS}
        for learner, plan in results:
            for name, rows in csv_sections(plan).items():
                sections[name] += [[learner.id, *row] for row in rows]
        headers = {name: ["learner", *header] for name, header in CSV_SECTIONS.items()}
        yield write_sections(sections, headers)
        return
    t = Text(lang)
    for n, (learner, plan) in enumerate(results):
        title = t("batch.learner", id=learner.id)
        if fmt == "markdown":
            body = demote(renderers[fmt](plan, lang))
            yield ("\n" if n else "") + f"# {title}\n\n" + body
        else:
            yield ("\n" if n else "") + f"=== {title} ===\n\n" + renderers[fmt](plan, lang)
