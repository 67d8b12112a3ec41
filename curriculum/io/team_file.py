"""Member files (CSV, XLSX or YAML): members with a standard, targets, held items and
the courses they have done (which meet prerequisites).

The one member file format, read by ``team`` and by ``plan --batch``.

Names are kept for reports but never appear in error messages, which name members by id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from curriculum.errors import DataFileError
from curriculum.i18n import Text, run_lang
from curriculum.io.cells import quoted
from curriculum.io.context import ReadContext
from curriculum.io.source import is_xlsx
from curriculum.io.tables import read_table, read_yaml, split_list
from curriculum.io.validation_words import plain
from curriculum.model.fields import Code, Frozen

TEAM_COLUMNS = ("id", "name", "department", "standard", "targets", "held", "done", "team")
MEMBER_ALIASES = {
    "編號": "id",
    "員工編號": "id",
    "學員編號": "id",
    "姓名": "name",
    "部門": "department",
    "職能基準": "standard",
    "目標": "targets",
    "已具備": "held",
    "已修課程": "done",
    "employee id": "id",
    "learner": "id",
    "團隊": "team",
    "團隊名稱": "team",
    "team name": "team",
}
"""Other names of the member file's columns (zh-TW and English), in docs/formats.md."""


class Member(Frozen):
    """A team member: what they must learn, what they already hold, and the
    courses they have done (meeting prerequisites; never planned for them)."""

    id: Code
    name: str | None = None
    department: str = ""
    standard: Code
    targets: tuple[Code, ...] = ()
    held: tuple[Code, ...] = ()
    done: tuple[Code, ...] = ()


@dataclass(frozen=True)
class Team:
    """The members of a team file, in file order, with where each was read."""

    members: tuple[Member, ...]
    source: str = ""
    places: tuple[str, ...] = ()
    name: str | None = None

    def place(self, index: int) -> str:
        """``file:line`` (CSV) or ``file: members[i]`` (YAML) of a member."""
        return self.places[index] if index < len(self.places) else self.source


def _validate(record: Mapping[str, Any], where: str, problems: list[str]) -> Member | None:
    """One member, or ``None`` with the problems added (ids only, never names)."""
    data = {
        k: split_list(v) if k in ("targets", "held", "done") and isinstance(v, str) else v
        for k, v in record.items()
    }
    data = {k: v for k, v in data.items() if v not in (None, "")}
    ident = data.get("id")
    shown = quoted(str(ident)) if isinstance(ident, str | int) else ""
    t = Text(run_lang())
    who = t("team_file.member", id=shown) if shown.strip() else t("team_file.a_member")
    try:
        return Member.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error["loc"])
            loc = loc.removeprefix(".")  # targets[0], sessions[1].start
            if error["type"] == "extra_forbidden":
                message = t("source.unknown_key", key=repr(loc))
            elif error["type"] == "missing":
                message = t("team_file.missing", key=repr(loc))
            else:  # the value itself never: it may be a member's name
                found = plain({**error, "input": None}, loc, lang=t.lang)
                message = found if found.startswith(loc) else f"{loc}{t.colon}{found}"
            problems.append(t.colon.join((where, who, message)))
        return None


def load_team(path: Path, context: ReadContext | None = None) -> Team:
    """Read a team file: CSV or XLSX (``id,name,department,standard,targets,held``) or YAML.

    In CSV and XLSX, ``targets``, ``held`` and ``done`` are lists (:func:`split_list`); the
    columns may have their zh-TW names (:data:`MEMBER_ALIASES`). YAML gives a list
    of members, or a mapping with ``members:``. The team's name, for report titles,
    is the ``team`` column (the same on every row that gives it) or the YAML
    mapping's ``name:``.

    Raises
    ------
    DataFileError
        With one line per problem, naming the file, the line (CSV), row (XLSX) or position
        (YAML) and the member id; never a member's name.
    UsageError
        When ``path`` is not text or a path object.
    """
    from curriculum.arguments import check_path

    path = check_path(path, "path")
    t = Text(run_lang())
    problems: list[str] = []
    members: list[Member] = []
    places: list[str] = []
    names: set[str] = set()
    spoken: set[str] = set()  # the lines worded in the run's language
    if path.suffix.lower() in (".csv", ".xlsx") or is_xlsx(path, context):
        table = read_table(path, context=context)
        table.check_columns(TEAM_COLUMNS, ("id", "standard"), aliases=MEMBER_ALIASES)
        for row in table.records(problems):
            cells = dict(row.cells)
            if cells.pop("team", ""):
                names.add(row.cells["team"].strip())
            member = _validate(cells, row.at, problems)
            if member is not None:
                members.append(member)
                places.append(row.at)
        if len(names) > 1:
            problems.append(t("team_file.teams", path=path, n=len(names)))
        spoken.update(problems)  # the rows' problems, worded in the run's language
    else:
        data = read_yaml(path, context)
        keys = {"members", "description", "meta", "name"}
        if isinstance(data, Mapping) and set(data) <= keys:
            if isinstance(data.get("name"), str) and data["name"].strip():
                names.add(data["name"].strip())
            data = data.get("members")
        if not isinstance(data, list):
            raise DataFileError.keyed("team_file.not_a_list", path=path)
        for n, record in enumerate(data):
            where = t("team_file.member_at", path=path, n=n)
            if not isinstance(record, Mapping):
                problems.append(t("team_file.not_a_mapping", where=where))
                continue
            member = _validate(record, where, problems)
            if member is not None:
                members.append(member)
                places.append(where)
        spoken.update(problems)
    counts = Counter(m.id for m in members)
    twice = [
        t("team_file.id_twice", path=path, id=i, n=n) for i, n in sorted(counts.items()) if n > 1
    ]
    if not members and not problems:
        twice.append(t("team_file.empty", path=path))
    problems += twice
    spoken.update(twice)
    if problems:
        error = DataFileError("\n".join(problems))
        error.spoken = set(problems) <= spoken
        raise error
    return Team(tuple(members), str(path), tuple(places), min(names) if names else None)
