"""The iCAP text importer reads what the JSON importer reads (issue 12, point 7).

Each shipped standard imported from iCAP parser JSON is written back in the text
layout of a published PDF (the layout of ``standards/sources/BAS1499-001v4.txt``)
and imported with ``standards import``: the same standard comes back, footnote
markers and note sections included; only the record of the import (``source``,
``meta``) differs.
"""

from __future__ import annotations

import warnings

import pytest
from click.testing import CliRunner
from conftest import SEED, STANDARDS

from curriculum.cli import main
from curriculum.errors import RepairWarning
from curriculum.io.importers import detect_format
from curriculum.io.importers.icap_json import import_icap_json
from curriculum.io.importers.icap_text import parse_icap_text
from curriculum.io.importers.icap_text_render import TASK_HEADER, render_icap_text
from curriculum.io.loaders import load_standard
from curriculum.io.tables import read_yaml
from curriculum.model.standard import Standard

FROM_JSON = ["APP7322-001v4", "AVA2173-001v4", "MEM3400-001v1"]


def content(standard: Standard) -> dict:
    """The standard without the record of its import."""
    return standard.model_dump(exclude={"source", "meta"})


@pytest.mark.parametrize("code", FROM_JSON)
def test_json_standards_come_back_from_their_text_layout(tmp_path, code):
    shipped = load_standard(STANDARDS / f"{code}.yaml")
    assert shipped.source["format"] == "icap-json"
    text = render_icap_text(shipped)
    source = tmp_path / f"{code}.txt"
    source.write_text(text, encoding="utf-8")
    assert detect_format(source) == "icap-text"
    out = tmp_path / f"{code}.yaml"
    result = CliRunner().invoke(main, ["standards", "import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    back = load_standard(out)
    assert back.source["format"] == "icap-text"
    assert content(back) == content(shipped)
    assert [n.section for n in back.notes] == [n.section for n in shipped.notes]


def test_footnotes_are_repaired_alike_with_the_same_warnings():
    json_source = STANDARDS / "sources" / "AVA2173-001v4.json"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        from_json = import_icap_json(read_yaml(json_source), str(json_source))
    json_marks = [str(w.message) for w in caught if "footnote marker" in str(w.message)]
    text = render_icap_text(from_json)
    assert "K01 珠寶屬性相關知識【註1】" in text
    table = text.split("職能內涵 (A=attitude 態度)")[0]
    assert table.count("【註1】") == 1  # in the first task listing K01 only, as published
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        from_text = parse_icap_text(text, "AVA2173-001v4.txt")
    repairs = [w for w in caught if issubclass(w.category, RepairWarning)]
    assert [str(w.message).split(": ")[1:3] for w in repairs] == [
        m.split(": ")[1:3] for m in json_marks
    ]
    assert len(repairs) == 4
    assert [i.meta for i in from_text.items] == [i.meta for i in from_json.items]
    json_repairs = {(r["at"], r["repaired"]) for r in from_json.meta["repairs"]}
    assert {(r["at"], r["repaired"]) for r in from_text.meta["repairs"]} <= json_repairs


def test_the_rendered_layout_is_the_published_one():
    seed = SEED.read_text(encoding="utf-8")
    standard = parse_icap_text(seed, "standards/sources/BAS1499-001v4.txt")
    rendered = render_icap_text(standard)
    assert content(parse_icap_text(rendered, "again.txt")) == content(standard)
    ours = [line for line in rendered.splitlines() if line.strip()]
    theirs = [line for line in seed.splitlines() if line.strip()]
    table = "\t".join(TASK_HEADER)
    assert table == theirs[theirs.index(table)]  # the first task header, as published
    head = theirs[: theirs.index(table)]
    assert ours[: len(head)] == head  # title, versions and fields line for line
    tail = theirs[theirs.index("職能內涵 (A=attitude 態度)") :]
    assert ours[-len(tail) :] == tail  # attitudes and notes (with the section heading)


def test_a_note_section_heading_starts_a_section_and_other_notes_keep_none():
    seed = SEED.read_text(encoding="utf-8")
    extra = "\n- 補充說明：\n - 【註1】說明一。\n  - 細項。\n- 其他事項。\n"
    standard = parse_icap_text(seed + extra, "seed.txt")
    assert [(n.section, n.depth, n.text) for n in standard.notes] == [
        ("prerequisites", 0, "大專以上畢業，且具2年以上客戶服務相關工作經驗。"),
        ("supplements", 0, "【註1】說明一。"),
        ("supplements", 1, "細項。"),
        (None, 0, "其他事項。"),
    ]
    again = parse_icap_text(render_icap_text(standard), "again.txt")
    assert again.notes == standard.notes
