"""Import an iCAP 職能基準 from the structured JSON of open-source PDF parsers.

The JSON has five parts: ``ocs_profile`` (code, level, classifications),
``ocs_content.ocu_units`` (duties, each with tasks; a task has one or more
``task_codes`` and one or more ``competency_blocks`` holding the level,
indicators, knowledge, skills and outputs), ``ocs_attitude``, ``notes`` and
``version_info``.

Parser output carries the PDF's scars. What can be repaired safely is repaired,
with one :class:`~curriculum.errors.RepairWarning` per repair and the original
text kept in the standard's ``meta.repairs``:

- footnote markers such as ``【註1】`` are removed from names (the footnote
  number goes to the item's ``meta.footnotes``);
- line breaks, and spaces between two CJK characters, left by PDF line wraps;
- output codes split one digit too late (``O2.3.13`` named ``D設計初稿`` is
  ``O2.3.1`` named ``3D設計初稿``) when the task's own numbering proves it;
- footnote lines of the supplements broken across two lines;
- an output repeated word for word inside one task.

Defects that cannot be repaired (a truncated name, an output code used by two
tasks, one item named differently in two places) are kept as they are and
reported with a :class:`~curriculum.errors.DefectWarning`, and listed in
``meta.defects``. Keys the importer does not know are errors: nothing of the
source is dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from curriculum.errors import DataFileError
from curriculum.io.importers.icap_notes import NotesImporter
from curriculum.io.importers.icap_repairs import (
    _PREFIXED,
    looks_truncated,
    split_output_code,
)
from curriculum.io.source import validate
from curriculum.model.codes import normalize_code
from curriculum.model.standard import Standard

FORMAT = "icap-json"
ATTRIBUTION = (
    "Occupational competency standard published by the Workforce Development Agency "
    "(勞動部勞動力發展署), Ministry of Labor, Taiwan, on iCAP (icap.wda.gov.tw)."
)

_CLASSIFICATIONS = (
    ("job_categories", "職類別"),
    ("occupations", "職業別"),
    ("industries", "行業別"),
)


def looks_like_icap_json(data: Any) -> bool:
    """Whether parsed JSON has the shape of iCAP parser output."""
    return isinstance(data, Mapping) and "ocs_profile" in data and "ocs_content" in data


@dataclass
class _Importer(NotesImporter):
    """Builds the standard's data from the parsed JSON, part by part."""

    def run(self, data: Mapping[str, Any]) -> dict[str, Any]:
        self.check_keys(data, "root", "document")
        profile = self.check_keys(data["ocs_profile"], "profile", "ocs_profile")
        code = profile.get("ocs_code")
        if not isinstance(code, str) or not code.strip():
            raise self.fail("icap.no_ocs_code")
        code = normalize_code(code)
        names = self.check_keys(profile.get("ocs_name") or {}, "ocs_name", "ocs_profile.ocs_name")
        names = {
            key: self.name("ocs_name", key, value) if isinstance(value, str) else value
            for key, value in names.items()
        }
        name = names.get("occupation_name") or names.get("job_category_name")
        if not name:
            raise self.fail("icap.no_ocs_name")
        category = self.check_keys(profile.get("category") or {}, "category", "category")
        classifications = []
        for key, kind in _CLASSIFICATIONS:
            for entry in self.entries(category.get(key), f"category.{key}"):
                if entry.get("code") == "Unknown":
                    self.defect(f"category.{key}", "code", "Unknown", "the parser found no code")
                classifications.append(
                    {"kind": kind, "name": entry.get("name"), "code": entry.get("code")}
                )
        versions = self.versions(data.get("version_info"))
        current = next((v for v in versions if v["code"] == code), None)
        description = profile.get("job_description")
        if description is not None:
            description = self.name("profile", "job_description", description)
        duties, items = self.content(data["ocs_content"])
        items += self.attitudes(data.get("ocs_attitude"))
        notes = self.notes(data.get("notes"))
        self.check_note_starts(notes, duties, items)
        meta: dict[str, Any] = {}
        if self.repairs:
            meta["repairs"] = self.repairs
        if self.defects:
            meta["defects"] = self.defects
        return {
            "code": code,
            "name": name,
            "framework": "icap",
            "language": "zh-TW",
            "version": current["version"] if current else None,
            "level": profile.get("ocs_level"),
            "versions": versions,
            "names": {
                "職類": names.get("job_category_name"),
                "職業": names.get("occupation_name"),
            },
            "classifications": classifications,
            "description": description,
            "duties": duties,
            "items": items,
            "notes": notes,
            "meta": meta,
        }

    def versions(self, node: Any) -> list[dict[str, Any]]:
        if node is None:
            return []
        node = self.check_keys(node, "versions", "version_info")
        out = []
        for i, entry in enumerate(node.get("versions") or []):
            entry = self.check_keys(entry, "version", f"version_info.versions[{i}]")
            out.append(
                {
                    "version": entry.get("version"),
                    "code": entry.get("ocs_code"),
                    "name": entry.get("ocs_name"),
                    "status": entry.get("status"),
                    "note": entry.get("update_note"),
                    "date": entry.get("update_date"),
                }
            )
        return out

    def content(self, node: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        node = self.check_keys(node, "content", "ocs_content")
        duties: list[dict[str, Any]] = []
        items: dict[str, dict[str, Any]] = {}
        output_owner: dict[str, str] = {}
        for u, unit in enumerate(node.get("ocu_units") or []):
            unit = self.check_keys(unit, "unit", f"ocu_units[{u}]")
            duty_code = normalize_code(str(unit.get("ocu_code")))
            duty_name = self.name(duty_code, "name", unit.get("ocu_name"))
            if looks_truncated(duty_name):
                self.defect(duty_code, "name", duty_name, "looks truncated")
            tasks: list[dict[str, Any]] = []
            for t, task in enumerate(unit.get("tasks") or []):
                where = f"{duty_code}.tasks[{t}]"
                tasks += self.task(self.check_keys(task, "task", where), where, items)
            for task in tasks:
                for output in task["outputs"]:
                    if output.get("code") is None:
                        continue
                    owner = output_owner.setdefault(output["code"], task["code"])
                    if owner != task["code"]:
                        self.defect(
                            task["code"],
                            "output code",
                            output["code"],
                            f"also used by task {owner}",
                        )
            duties.append({"code": duty_code, "name": duty_name, "tasks": tasks})
        order = {"K": 0, "S": 1}
        ordered = sorted(items.values(), key=lambda i: (order[i["kind"]], _natural(i["code"])))
        return duties, ordered

    def task(
        self, node: Mapping[str, Any], where: str, items: dict[str, dict[str, Any]]
    ) -> list[dict[str, Any]]:
        codes = self.entries(node.get("task_codes"), f"{where}.task_codes")
        if not codes:
            raise self.fail("icap.task_codes", where=where)
        blocks = node.get("competency_blocks") or []
        if not blocks:
            raise self.fail("icap.blocks", where=where, code=codes[0].get("code"))
        task_codes = [normalize_code(str(c.get("code"))) for c in codes]
        label = "/".join(task_codes)
        levels, indicators, outputs, knowledge, skills = self.blocks(blocks, label, items)
        known_levels = [lv for lv in levels if lv is not None]
        level = max(known_levels) if known_levels else None
        if len(set(known_levels)) > 1:
            self.defect(
                label,
                "competency_level",
                levels,
                f"blocks differ; the highest, {level}, is the task's level",
            )
        result = []
        for entry in codes:
            tcode = normalize_code(str(entry.get("code")))
            tname = self.name(tcode, "name", entry.get("name"))
            if looks_truncated(tname):
                self.defect(tcode, "name", tname, "looks truncated")
            mine = self.own(tcode, task_codes, indicators, outputs)
            meta: dict[str, Any] = {}
            if len(blocks) > 1:
                meta["block_levels"] = levels
            if len(task_codes) > 1:
                meta["shares_block_with"] = [c for c in task_codes if c != tcode]
            if node.get("details") is not None:
                meta["details"] = node["details"]
            task: dict[str, Any] = {
                "code": tcode,
                "name": tname,
                "level": level,
                "outputs": self.outputs(tcode, mine[1]),
                "indicators": mine[0],
                "knowledge": knowledge,
                "skills": skills,
            }
            if meta:
                task["meta"] = meta
            result.append(task)
        return result

    def blocks(
        self, blocks: list[Any], label: str, items: dict[str, dict[str, Any]]
    ) -> tuple[list[Any], list[dict[str, str]], list[dict[str, Any]], list[str], list[str]]:
        """What the competency blocks of a task (``label``) hold: their levels,
        indicators, outputs, knowledge and skills (items defined in ``items``)."""
        levels: list[Any] = []
        indicators: list[dict[str, str]] = []
        outputs: list[dict[str, Any]] = []
        knowledge: list[str] = []
        skills: list[str] = []
        for b, block in enumerate(blocks):
            block = self.check_keys(block, "block", f"{label}.competency_blocks[{b}]")
            levels.append(block.get("competency_level"))
            for entry in self.entries(block.get("indicators"), f"{label}.indicators"):
                pcode = normalize_code(str(entry.get("code")))
                indicators.append({"code": pcode, "text": self.name(pcode, "text", entry["text"])})
            for entry in self.entries(block.get("outputs"), f"{label}.outputs"):
                raw_code = entry.get("code")
                oname = self.name(raw_code or label, "output name", entry.get("name"))
                outputs.append(
                    {"code": normalize_code(raw_code) if raw_code else None, "name": oname}
                )
            for key, kind, target in (("knowledge", "K", knowledge), ("skills", "S", skills)):
                for entry in self.entries(block.get(key), f"{label}.{key}"):
                    icode = normalize_code(str(entry.get("code")))
                    self.define(items, icode, kind, entry.get("name"), label)
                    if icode not in target:
                        target.append(icode)
        return levels, indicators, outputs, knowledge, skills

    def own(
        self,
        task: str,
        shared: list[str],
        indicators: list[dict[str, str]],
        outputs: list[dict[str, Any]],
    ) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
        """The indicators and outputs of one of several tasks sharing a block.

        Each goes to the task its code's prefix names (P1.2.3 to T1.2); one whose
        prefix names none of the tasks, and outputs without codes, go to the first.
        """
        if len(shared) == 1:
            return indicators, outputs

        def owner(code: str | None) -> str:
            match = _PREFIXED.match(code or "")
            prefix = f"T{match.group(1)}" if match else None
            return prefix if prefix in shared else shared[0]

        return (
            [p for p in indicators if owner(p["code"]) == task],
            [o for o in outputs if owner(o["code"]) == task],
        )

    def outputs(self, task: str, outputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        count = len(outputs)
        fixed: list[dict[str, Any]] = []
        for output in outputs:
            if output["code"]:
                split = split_output_code(output["code"], output["name"], task, count)
                if split is not None:
                    self.repair(
                        task,
                        "output",
                        f"{output['code']} {output['name']}",
                        f"{split[0]} {split[1]}",
                        "output code split one digit too late",
                    )
                    output = {"code": split[0], "name": split[1]}
            if output in fixed:
                shown = f"{output['code'] or ''} {output['name']}".strip()
                self.repair(task, "output", shown, None, "dropped an output repeated in the task")
                continue
            if looks_truncated(output["name"]):
                self.defect(
                    task,
                    f"output {output['code'] or ''}".strip(),
                    output["name"],
                    "looks truncated",
                )
            fixed.append(output)
        return fixed

    def define(
        self, items: dict[str, dict[str, Any]], code: str, kind: str, raw: Any, task: str
    ) -> None:
        footnotes: list[str] = []
        name = self.name(code, "name", raw, footnotes=footnotes)
        known = items.get(code)
        if known is None:
            known = items[code] = {"code": code, "kind": kind, "name": name}
            if looks_truncated(name):
                self.defect(code, "name", name, "looks truncated")
        elif known["kind"] != kind:
            raise self.fail("icap.k_and_s", code=code)
        elif known["name"] != name:
            others = known.setdefault("meta", {}).setdefault("other_names", [])
            if name not in others:
                others.append(name)
                self.defect(
                    code,
                    "name",
                    name,
                    f"differs from {known['name']!r} (task {task}); the first name is kept",
                )
        if footnotes:
            notes = known.setdefault("meta", {}).setdefault("footnotes", [])
            notes += [n for n in footnotes if n not in notes]

    def attitudes(self, node: Any) -> list[dict[str, Any]]:
        if node is None:
            return []
        node = self.check_keys(node, "attitudes", "ocs_attitude")
        out = []
        for entry in self.entries(node.get("attitudes"), "ocs_attitude.attitudes"):
            code = normalize_code(str(entry.get("code")))
            text = self.name(code, "name", entry.get("name"))
            cut = min((i for i in (text.find("："), text.find(":")) if i >= 0), default=-1)
            item: dict[str, Any] = {"code": code, "kind": "A", "name": text}
            if cut > 0:
                item["name"], item["description"] = text[:cut].strip(), text[cut + 1 :].strip()
            out.append(item)
        return sorted(out, key=lambda i: _natural(i["code"]))


def _natural(code: str) -> tuple[Any, ...]:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", code))


def import_icap_json(data: Any, source: str = "<json>") -> Standard:
    """Import iCAP parser JSON as a :class:`Standard`, repairing what is safe.

    Warns once per repair (:class:`RepairWarning`) and per defect kept
    (:class:`DefectWarning`); both are also listed in the standard's ``meta``.

    Raises
    ------
    DataFileError
        When the JSON has an unknown key, misses a required part, or the result
        does not validate (an undefined or duplicate code).
    """
    if not looks_like_icap_json(data):
        raise DataFileError.keyed("icap.not_json", path=source)
    importer = _Importer(source)
    document = importer.run(data)
    document["source"] = {
        "format": FORMAT,
        "file": source.replace("\\", "/").rsplit("/", 1)[-1],
        "attribution": ATTRIBUTION,
    }
    return validate(Standard, document, source)
