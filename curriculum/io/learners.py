"""Member files read for ``plan --batch``: the team file format (CSV, XLSX or YAML).

``name`` and ``department`` are accepted and not used; the columns may have
their zh-TW names (:data:`~curriculum.io.team_file.MEMBER_ALIASES`).
"""

from __future__ import annotations

from pathlib import Path

from curriculum.errors import DataFileError
from curriculum.i18n import Text, run_lang
from curriculum.io.cells import quoted
from curriculum.io.context import ReadContext
from curriculum.io.records import Learner
from curriculum.io.source import is_xlsx
from curriculum.io.tables import Table, csv_table, read_table, split_list
from curriculum.io.team_file import MEMBER_ALIASES, TEAM_COLUMNS, load_team
from curriculum.model.codes import normalize_code

LEARNER_COLUMNS = TEAM_COLUMNS


def parse_learners(text: str, source: str) -> list[Learner]:
    """The learners of a CSV text (see :func:`learners_from_table`)."""
    return learners_from_table(csv_table(text, source))


def learners_from_table(table: Table) -> list[Learner]:
    """The learners of a table; ``targets``, ``held`` and ``done`` list codes separated by
    ``;``, ``,`` (ASCII or full width) or white space.

    Raises
    ------
    DataFileError
        Listing every problem as ``source:line: message`` (an unknown or missing
        column, an empty id or standard, a repeated id).
    """
    table.check_columns(LEARNER_COLUMNS, ("id", "standard"), aliases=MEMBER_ALIASES)
    t = Text(run_lang())
    problems: list[str] = []
    learners: list[Learner] = []
    seen: dict[str, int] = {}
    for row in table.records(problems):
        cells, line = row.cells, row.number
        ident, standard = cells.get("id", ""), normalize_code(cells.get("standard", ""))
        if not ident:
            problems.append(t("learners.empty_id", at=row.at))
            continue
        if not standard:
            problems.append(t("learners.empty_standard", at=row.at, id=quoted(ident)))
            continue
        if ident in seen:
            problems.append(t("learners.id_twice", at=row.at, id=quoted(ident), line=seen[ident]))
            continue
        seen[ident] = line
        targets = split_list(cells.get("targets", ""))
        held = split_list(cells.get("held", ""))
        done = split_list(cells.get("done", ""))
        learners.append(Learner(ident, standard, targets, held, line, done))
    if not learners and not problems:
        problems.append(t("learners.none", path=table.source))
    if problems:
        error = DataFileError("\n".join(problems))
        error.spoken = True  # worded in the run's language
        raise error
    return learners


def read_learners(path: Path, context: ReadContext | None = None) -> list[Learner]:
    """Read a member file: CSV or XLSX (see :func:`learners_from_table`), or a YAML
    team file (each member numbered by its position, from 1)."""
    path = Path(path)
    if path.suffix.lower() in (".csv", ".xlsx") or is_xlsx(path, context):
        return learners_from_table(read_table(path, context=context))
    team = load_team(path, context)
    return [
        Learner(m.id, m.standard, m.targets, m.held, n, m.done)
        for n, m in enumerate(team.members, start=1)
    ]


__all__ = ["LEARNER_COLUMNS", "Learner", "learners_from_table", "parse_learners", "read_learners"]
