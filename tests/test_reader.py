"""A zh-TW reader meets no English, an English reader no Chinese (issue 23).

Every command of the README and docs runs with ``--lang zh-TW`` and ``--lang en``,
on the shipped data and on one broken input per command; the output may hold the
other language's words only in codes, file names, options, product names and the
user's own data (``tests/reader.py`` says what counts as each). JSON and the
``plan --batch`` CSV feed are machine formats (stable keys and codes) and are left out.
"""

from __future__ import annotations

import functools
import shutil

import pytest
from click.testing import CliRunner
from conftest import ROOT
from reader import WORD, cjk_runs, english_words, user_cjk, user_words
from test_docs_commands import COPY_IGNORE, DOCUMENTS, blocks

from curriculum.cli import main

DATA = [ROOT / "standards", ROOT / "courses", ROOT / "examples", ROOT / "tests" / "data"]


@functools.cache
def data_words() -> tuple[set[str], set[str]]:
    """The user data's Latin words and CJK runs, read once (when first needed: the
    parquet and workbook samples are read with pyarrow and openpyxl)."""
    return user_words(*DATA), user_cjk(*DATA)


BROKEN = [
    "plan BAS1499-001v4 T9.9",
    "plan BAS1499-001v4 --catalogue nope.yaml",
    "frontier BAS1499-001v4 T9.9",
    "schedule BAS1499-001v4 T9.9",
    "team nope.csv",
    "review nope.yaml",
    "review tests/data/review/bad-key.yaml --standards tests/data/tiny/standard.yaml "
    "--catalogue tests/data/tiny/courses.yaml",
    "validate --catalogue nope.yaml",
    "validate --catalogue tests/data/tiny/standard.yaml",
    "standards show BAS1499-001v4 --task T9.9",
    "standards diff BAS1499-001v4 AVA2173-001v4",
    "courses list --catalogue nope.yaml",
    "courses migrate courses/example-provider.yaml --to BAS1499-001v4 --from BAS1499-001v4 "
    "--catalogue nope.yaml",
    # pydantic's own problems (a negative number, a list for a mapping), by their type
    "validate --catalogue tests/data/broken/bad-course.yaml "
    "--standards tests/data/tiny/standard.yaml",
    # click's own usage errors: a bad choice, a bad number, a missing argument, no such option
    "plan BAS1499-001v4 --engine foo",
    "frontier BAS1499-001v4 --time-limit abc",
    "plan",
    "schedule BAS1499-001v4 --no-such-option",
    "courses suggest tests/data/tiny/courses.yaml --standards tests/data/tiny/standard.yaml "
    "--standard NOPE-001v1",
    "courses template nope-template.xlsx --standard NOPE-001v1",
    "standards import tests/data/broken/not-a-standard.txt -o nope-standard.yaml",
    # a prerequisite chain of two courses in one period
    "schedule BAS1499-001v4 --periods 1 --start 2027-01 --period quarter",
    "schedule BAS1499-001v4 --periods 2 --min-hours-per-period 9 --max-hours-per-period 3",
    "team tests/data/broken/team-unknown-standard.csv",
    "plan --batch tests/data/batch/bad.csv",
    "review verify tests/data/broken/not-a-standard.txt",
]


def machine(args: list[str]) -> bool:
    """JSON, and the batch CSV feed: keys and codes, not words."""
    return any(a in ("json", "jsonl") for a in args) or ("--batch" in args and "csv" in args)


def foreign(output: str, lang: str, args: list[str]) -> list[str]:
    """The other language's words in ``output`` (the command's own arguments are data)."""
    if lang == "zh-TW":
        given = {w for a in args for w in WORD.findall(a)}
        return english_words(output, data_words()[0] | given)
    return cjk_runs(output, data_words()[1])


def run(args: list[str], lang: str) -> tuple[str, list[str]] | None:
    """The output of ``args`` in ``lang``; ``None`` for a command without ``--lang``."""
    if "--lang" in args:
        at = args.index("--lang")
        args = args[:at] + args[at + 2 :]
    result = CliRunner().invoke(
        main, [*args, "--lang", lang], prog_name="curriculum", terminal_width=80
    )
    if result.exit_code == 2 and "--lang" in result.output:
        return None
    return result.output, args


def test_the_check_sees_english_and_chinese():
    assert english_words("合計：9 門課程，total 84 小時", set()) == ["total"]
    assert english_words("BAS1499-001v4 T1.2 CS-101 --wide courses/a.yaml GAP", set()) == []
    assert cjk_runs("Total: 9 courses 合計", set()) == ["合計"]


@pytest.mark.parametrize("command", BROKEN)
@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_broken_inputs_speak_the_language(command, lang, monkeypatch):
    monkeypatch.chdir(ROOT)
    args = command.split()
    done = run(args, lang)
    assert done is not None, command
    output, args = done
    assert output.strip(), command
    assert foreign(output, lang, args) == [], (command, output)


@pytest.mark.slow
@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d.name)
@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_documented_commands_speak_the_language(document, lang, tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    shutil.copytree(ROOT, repo, ignore=COPY_IGNORE)
    monkeypatch.chdir(repo)
    problems = []
    for block in blocks(document):
        for step in block.steps:
            args = step.args()
            if step.slow or machine(args) or {"--help", "--version"} & set(args):
                continue
            done = run(args, lang)
            if done is None:
                continue
            output, args = done
            words = foreign(output, lang, args)
            if words:
                problems.append(f"{document.name}:{step.line}: {sorted(set(words))}")
    assert problems == []


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_a_changed_input_speaks_the_language(lang, tmp_path, monkeypatch):
    """``review verify`` of a report whose programme changed since."""
    shutil.copytree(ROOT / "tests" / "data" / "tiny", tmp_path / "tiny")
    shutil.copy(ROOT / "tests" / "data" / "review" / "clean.yaml", tmp_path / "clean.yaml")
    monkeypatch.chdir(tmp_path)
    review = "review clean.yaml --standards tiny/standard.yaml --catalogue tiny/courses.yaml"
    made = CliRunner().invoke(main, [*review.split(), "--format", "json", "-o", "report.json"])
    assert made.exit_code == 0, made.output
    programme = tmp_path / "clean.yaml"
    text = programme.read_text(encoding="utf-8").replace("hours: 4", "hours: 2")
    programme.write_text(text, encoding="utf-8")
    done = run(["review", "verify", "report.json"], lang)
    assert done is not None
    output, args = done
    assert "clean.yaml" in output
    assert foreign(output, lang, args) == [], output
