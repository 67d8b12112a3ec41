"""Limits on what is read and asked for (issue 25, point 4): options that make no
sense refused, templates wider than a sheet refused with a clear line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import BAS, COURSES, STANDARDS

import curriculum.io.template as template
from curriculum.cli import main
from curriculum.request import Request

DATA_ARGS = ["--standards", str(STANDARDS), "--catalogue", str(COURSES)]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def one_line_error(result, exit_code: int) -> str:
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("value", ["nan", "inf"])
def test_suggest_min_score_must_be_finite(value):
    catalogue = COURSES / "example-provider.yaml"
    result = run(
        "courses", "suggest", str(catalogue), "--standard", BAS, *DATA_ARGS, "--min-score", value
    )
    assert "not a finite number" in one_line_error(result, 2)


def test_a_template_wider_than_a_sheet_is_refused(tmp_path, monkeypatch):
    """A 20,000-item standard in one-column-per-item XLSX: the limit (16,384 columns)
    lowered to 10 for the test, on the shipped standard."""
    monkeypatch.setattr(template, "XLSX_MAX_COLUMNS", 10)
    out = tmp_path / "t.xlsx"
    args = ["--standard", BAS, "--standards", str(STANDARDS), "--lang", "en"]
    result = run("courses", "template", str(out), *args)
    line = one_line_error(result, 1)
    assert "write a CSV template" in line and not out.exists()
    csv = tmp_path / "t.csv"
    assert (
        run(
            "courses", "template", str(csv), "--standard", BAS, "--standards", str(STANDARDS)
        ).exit_code
        == 0
    )


def test_import_refuses_a_text_longer_than_a_csv_field(tmp_path, monkeypatch):
    """A 500 MB item name: the limit (131,072 characters) lowered to 20 for the test."""
    from conftest import SEED

    import curriculum.io.xlsx_limits as limits

    monkeypatch.setattr(limits, "MAX_CELL_CHARS", 20)
    out = tmp_path / "out.yaml"
    result = run("standards", "import", str(SEED), "-o", str(out))
    assert "characters, more than 20" in one_line_error(result, 1)
    assert not out.exists()


def test_import_refuses_a_file_too_large_before_reading_it(tmp_path, monkeypatch):
    import curriculum.io.importers as importers
    import curriculum.io.source as source

    monkeypatch.setattr(importers, "MAX_IMPORT_BYTES", 1000)
    monkeypatch.setattr(source, "read_bytes", lambda *a, **k: pytest.fail("read"))
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    result = run("standards", "import", str(big))
    assert "not a standard document" in one_line_error(result, 1)


def test_course_covers_reads_the_course_not_every_required_item(library):
    """Items x courses work after (and before) the solve is linear: a course's covers
    come from its own claims, in the requirement's order, never from a walk of
    every required item (50,000 items x 5,000 courses took minutes)."""
    from curriculum.planning.requirement import build_requirement, course_covers

    requirement = build_requirement(library.standards[BAS], Request.of(targets=["T1.2"]))
    course = next(c for c in library.courses_for(BAS) if course_covers(c, requirement))
    expected = course_covers(course, requirement)

    class NoWalk:
        standard = requirement.standard
        levels = requirement.levels
        position = requirement.position

        @property
        def items(self):
            raise AssertionError("walked every required item")

    assert course_covers(course, NoWalk()) == expected
    assert list(expected) == sorted(expected, key=requirement.items.index)
