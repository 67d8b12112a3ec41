"""A reviewer's record of a review: who, when, the decision and notes per finding.

The record is an *input* (``review --record FILE``): its file is hashed in the
review's provenance like the programme, and its content is merged into every
format. A note names the finding it is about by ``code`` and, where the finding
has them, ``item`` and ``course``; a note that matches no finding of the review
is kept and reported as unmatched, never dropped.

.. code-block:: yaml

    reviewer: 王審查
    organisation: 範例認證中心
    date: 2025-03-01
    decision: conditional
    notes:
      - {code: GAP, item: S06, note: 補開課程後再審}
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field
from pydantic.dataclasses import dataclass

from curriculum.io.context import ReadContext
from curriculum.io.source import validate
from curriculum.io.tables import read_mapping
from curriculum.model.fields import Code, Frozen
from curriculum.output import CONFIG, Output


def _text(value: Any) -> Any:
    """Dates (YAML reads ``2025-03-01`` as one) and numbers as text."""
    if isinstance(value, dt.date | int | float) and not isinstance(value, bool):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    return value


Text = Annotated[str, BeforeValidator(_text)]


class RecordNote(Frozen):
    """A reviewer's note on one finding."""

    code: str
    item: Code | None = None
    course: Code | None = None
    note: Text


class ReviewRecord(Frozen):
    """A review record file as written by the reviewer."""

    reviewer: Text
    organisation: Text | None = None
    date: Text | None = None
    decision: Text | None = None
    notes: tuple[RecordNote, ...] = ()
    meta: dict[str, Any] = Field(default_factory=dict)


@dataclass(frozen=True, config=CONFIG)
class Note(Output):
    """A note as reported: the finding it names and whether the review has it."""

    code: str
    item: str | None
    course: str | None
    note: str
    matched: bool


@dataclass(frozen=True, config=CONFIG)
class Record(Output):
    """The review record merged into the report."""

    reviewer: str
    organisation: str | None
    date: str | None
    decision: str | None
    notes: tuple[Note, ...]

    def note_for(self, code: str, item: str | None, course: str | None) -> str:
        """The notes on one finding, joined (empty when none)."""
        return "; ".join(
            n.note for n in self.notes if (n.code, n.item, n.course) == (code, item, course)
        )


def load_record(path: Path, context: ReadContext | None = None) -> ReviewRecord:
    """Load a review record (YAML or JSON).

    Raises
    ------
    DataFileError
        When the file cannot be read or does not match the record format.
    """
    data = read_mapping(Path(path), "record.not_mapping", context)
    return validate(ReviewRecord, data, str(path))


def merge_record(record: ReviewRecord, findings: set[tuple[str, str | None, str | None]]) -> Record:
    """The record with each note marked as matching a finding of the review or not."""
    notes = tuple(
        Note(n.code, n.item, n.course, n.note, (n.code, n.item, n.course) in findings)
        for n in record.notes
    )
    return Record(record.reviewer, record.organisation, record.date, record.decision, notes)
