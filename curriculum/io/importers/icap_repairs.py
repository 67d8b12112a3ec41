"""Repairs of iCAP parser text: PDF line wraps, footnote markers, truncated names, split codes.

Pure functions on strings, and :class:`ImportLog`, the key checks and the log of repairs and
defects, used by :mod:`curriculum.io.importers.icap_json`.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from curriculum.errors import DataFileError, DefectWarning, Names, Phrase, RepairWarning

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "、，。：；（）「」『』《》〈〉！？"
_FOOTNOTE = re.compile(r"【\s*註\s*(\d+)\s*】")
_WRAP_NL = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT}])[ \t]*\n\s*|[ \t]*\n\s*(?=[{_CJK}{_CJK_PUNCT}])")
_OTHER_NL = re.compile(r"\s*\n\s*")
_WRAP_SPACE = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT}])[ \t\u3000]+(?=[{_CJK}])")
_TRUNCATED_END = tuple("與及和或、之的並")
_OUTPUT_CODE = re.compile(r"^O(\d+)\.(\d+)\.(\d+)$")
_LOST_START = re.compile(rf"^[A-Z][{_CJK}]{{2}}")
_PREFIXED = re.compile(r"^[POK](\d+(?:\.\d+)+?)\.\d+$")


def fix_wraps(text: str) -> str:
    """Undo PDF line wraps: line breaks and spaces inside CJK text.

    A line break next to a CJK character disappears; any other line break becomes
    one space; spaces between two CJK characters disappear. Spaces between Latin
    words, or between Latin and CJK text, are kept.
    """
    text = _WRAP_NL.sub("", text)
    text = _OTHER_NL.sub(" ", text)
    return _WRAP_SPACE.sub("", text).strip()


def strip_footnotes(text: str) -> tuple[str, list[str]]:
    """Remove footnote markers (``【註1】``) and return the text and the note numbers."""
    numbers = [m.group(1) for m in _FOOTNOTE.finditer(text)]
    return _FOOTNOTE.sub("", text).strip(), numbers


def looks_truncated(name: str) -> bool:
    """Whether a name looks cut short: one CJK character, or ending on a connective."""
    return (len(name) == 1 and bool(re.match(f"[{_CJK}]", name))) or name.endswith(_TRUNCATED_END)


def split_output_code(code: str, name: str, task: str, count: int) -> tuple[str, str] | None:
    """Repair an output code that swallowed the first digit of its name.

    ``O2.3.13`` named ``D設計初稿`` in task T2.3 with one output becomes ``O2.3.1``
    named ``3D設計初稿``. The repair is made only when it is proven: the code
    belongs to the task, its last number exceeds the task's number of outputs
    while the number without its last digit does not, and the name starts with
    a Latin letter (so that the digit and the letter form a word such as 3D).
    """
    match = _OUTPUT_CODE.match(code)
    if not match or not name[:1].isascii() or not name[:1].isalpha():
        return None
    duty, num, seq = match.groups()
    if f"T{duty}.{num}" != task or len(seq) < 2 or int(seq) <= count:
        return None
    head, digit = seq[:-1], seq[-1]
    if not 1 <= int(head) <= count:
        return None
    return f"O{duty}.{num}.{head}", digit + name


_KEYS: dict[str, set[str]] = {
    "root": {"notes", "ocs_attitude", "ocs_content", "ocs_profile", "version_info"},
    "profile": {
        "category",
        "field_pending",
        "job_description",
        "ocs_code",
        "ocs_level",
        "ocs_name",
    },
    "category": {"industries", "job_categories", "occupations"},
    "ocs_name": {"job_category_name", "occupation_name"},
    "content": {"ocu_units"},
    "unit": {"field_pending", "ocu_code", "ocu_name", "tasks"},
    "task": {"competency_blocks", "details", "field_pending", "task_codes"},
    "block": {"competency_level", "field_pending", "indicators", "knowledge", "outputs", "skills"},
    "entry": {"code", "field_pending", "name", "text"},
    "attitudes": {"attitudes"},
    "notes": {"prerequisites", "supplements"},
    "versions": {"versions"},
    "version": {"ocs_code", "ocs_name", "status", "update_date", "update_note", "version"},
}


@dataclass
class ImportLog:
    """Key checks and the log of repairs and defects shared by the iCAP JSON importer."""

    source: str
    repairs: list[dict[str, Any]] = field(default_factory=list)
    defects: list[dict[str, Any]] = field(default_factory=list)
    _seen: set[tuple[str, str, str]] = field(default_factory=set)

    # ------------------------------------------------------------ reporting

    def fail(self, key: str, **values: Any) -> DataFileError:
        """The error ``key`` of the catalogue (filled with ``values``) in this file."""
        return DataFileError.keyed("import.at", at=self.source, problem=Phrase(key, **values))

    def repair(self, where: str, what: str, original: Any, repaired: Any, reason: str) -> None:
        key = (where, repr(original), repr(repaired))
        if key in self._seen:
            return
        self._seen.add(key)
        self.repairs.append(
            {
                "at": where,
                "field": what,
                "original": original,
                "repaired": repaired,
                "reason": reason,
            }
        )
        warnings.warn(
            RepairWarning.keyed(
                "import.repaired",
                source=str(self.source),
                where=where,
                reason=_reason(reason),
                original=repr(original),
                repaired=repr(repaired),
            ),
            stacklevel=2,
        )

    def defect(self, where: str, what: str, text: Any, problem: str) -> None:
        key = (where, repr(text), problem)
        if key in self._seen:
            return
        self._seen.add(key)
        self.defects.append({"at": where, "field": what, "text": text, "problem": problem})
        warnings.warn(
            DefectWarning.keyed(
                "import.defect",
                source=str(self.source),
                where=where,
                what=what,
                text=repr(text),
                problem=_reason(problem),
            ),
            stacklevel=2,
        )

    def check_keys(self, node: Any, kind: str, where: str) -> Mapping[str, Any]:
        if not isinstance(node, Mapping):
            raise self.fail("icap.object", where=where, found=type(node).__name__)
        unknown = sorted(set(node) - _KEYS[kind])
        if unknown:
            raise self.fail("icap.unknown_key", where=where, keys=Names(map(repr, unknown)))
        if node.get("field_pending") is not None:
            self.defect(where, "field_pending", node["field_pending"], "the parser left it pending")
        return node

    # ------------------------------------------------------------ text

    def name(self, where: str, what: str, raw: Any, *, footnotes: list[str] | None = None) -> str:
        """A repaired name or text: wraps undone, footnote markers removed."""
        if not isinstance(raw, str):
            raise self.fail("icap.text", where=where, what=what, found=repr(raw))
        text = raw.strip()
        if footnotes is not None:
            stripped, numbers = strip_footnotes(text)
            if numbers:
                self.repair(where, what, text, stripped, "removed footnote marker")
                footnotes += numbers
                text = stripped
        fixed = fix_wraps(text)
        if fixed != text:
            self.repair(where, what, text, fixed, "joined text broken by PDF line wraps")
        return fixed

    # ------------------------------------------------------------ parts

    def entries(self, node: Any, where: str) -> list[Mapping[str, Any]]:
        if node is None:
            return []
        if not isinstance(node, list):
            raise self.fail("icap.list", where=where)
        return [self.check_keys(e, "entry", f"{where}[{i}]") for i, e in enumerate(node)]


REASONS = {
    "removed footnote marker": "import.reason.footnote",
    "joined text broken by PDF line wraps": "import.reason.wraps",
    "joined a footnote broken across two lines": "import.reason.footnote_wrap",
    "dropped an output repeated in the task": "import.reason.repeated_output",
    "output code split one digit too late": "import.reason.output_split",
    "looks truncated": "import.reason.truncated",
    "the parser found no code": "import.reason.no_code",
    "the parser left it pending": "import.reason.pending",
}
"""The repairs and defects the importer names, each worded in the run's language on the
command line (the standard file records the English)."""


def _reason(text: str) -> Phrase | str:
    """``text`` as a phrase of the catalogue when it is one of :data:`REASONS`."""
    key = REASONS.get(text)
    return Phrase(key) if key else text
