"""The notes of an iCAP standard (prerequisites and supplements): footnotes broken
across two lines joined, notes that seem to have lost their first character reported."""

from __future__ import annotations

import re
from typing import Any

from curriculum.io.importers.icap_repairs import _FOOTNOTE, _LOST_START, ImportLog


class NotesImporter(ImportLog):
    """The part of the iCAP importer that reads and checks the notes."""

    def notes(self, node: Any) -> list[dict[str, Any]]:
        if node is None:
            return []
        node = self.check_keys(node, "notes", "notes")
        out: list[dict[str, Any]] = []
        for section in ("prerequisites", "supplements"):
            lines = [str(x).strip() for x in node.get(section) or []]
            for i, line in enumerate(lines):
                previous = out[-1] if out and out[-1]["section"] == section else None
                if (
                    previous is not None
                    and _FOOTNOTE.match(previous["text"])
                    and not _FOOTNOTE.match(line)
                    and not previous["text"].endswith(("。", ".", "：", ":"))
                ):
                    joined = previous["text"] + line
                    self.repair(
                        f"notes.{section}[{i}]",
                        "text",
                        [previous["text"], line],
                        joined,
                        "joined a footnote broken across two lines",
                    )
                    previous["text"] = joined
                    continue
                out.append({"text": line, "section": section})
        return out

    def check_note_starts(
        self,
        notes: list[dict[str, Any]],
        duties: list[dict[str, Any]],
        items: list[dict[str, Any]],
    ) -> None:
        """Report notes whose first character seems lost (``D列印`` where ``3D列印`` is meant).

        A note starting with a Latin letter and two CJK characters is reported when
        the standard's names only ever write those three characters after a digit.
        The note is kept as it is: which digit was lost cannot be known for sure.
        """
        names = [i["name"] for i in items]
        for duty in duties:
            names += [duty["name"]]
            for task in duty["tasks"]:
                names += [task["name"], *(o["name"] for o in task["outputs"])]
        corpus = "\n".join(names)
        for note in notes:
            i = [n for n in notes if n["section"] == note["section"]].index(note)
            match = _LOST_START.match(note["text"])
            if not match:
                continue
            head = re.escape(match.group(0))
            elsewhere = re.search(rf"\d{head}", corpus)
            if elsewhere and not re.search(rf"(?<!\d){head}", corpus):
                self.defect(
                    f"notes.{note['section']}[{i}]",
                    "text",
                    note["text"][:20] + "…",
                    "may have lost its first character "
                    f"(the standard writes {elsewhere.group(0)!r} elsewhere)",
                )
