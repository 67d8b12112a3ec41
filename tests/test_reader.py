"""A zh-TW reader meets no English, an English reader no Chinese (issue 23).

Every command of the README and docs runs with ``--lang zh-TW`` and ``--lang en``,
on the shipped data and on one broken input per command; the output may hold the
other language's words only in codes, file names, options, product names and the
user's own data (``tests/reader.py`` says what counts as each). JSON and the
``plan --batch`` CSV feed are machine formats (stable keys and codes) and are left out.
"""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from conftest import ROOT
from reader import CJK, WORD, cjk_runs, english_words, user_cjk, user_words
from test_docs_commands import COPY_IGNORE, DOCUMENTS, blocks

from curriculum.cli import main

DATA = [ROOT / "standards", ROOT / "courses", ROOT / "examples", ROOT / "tests" / "data"]
LATIN = user_words(*DATA)
CHINESE = user_cjk(*DATA)
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
    # the output's folder, a cluster's address, a period label, a request, course codes
    "plan BAS1499-001v4 T1.2 -o nowhere/plan.txt",
    "plan --batch tests/data/batch/learners.csv --cluster ftp://host:1",
    "schedule BAS1499-001v4 T1.2 --start 2027-13",
    "schedule BAS1499-001v4 T1.2 --all-courses",
    "plan BAS1499-001v4 T1.2 --require CS-101 --exclude CS-101",
    "plan BAS1499-001v4 T1.2 --exclude ZZ-1",
    "standards list --level 5-3",
    "--encoding rot13 courses list",
    # a team calendar that cannot exist, the O*NET importer's warnings
    "team examples/team.csv --schedule --max-hours-per-period 1",
    "standards import tests/data/import/onet-skills-sample.xlsx --occupation 11-1011.00 "
    "-o {TMP}/onet.yaml",
]

TINY = (
    "--standards {ROOT}/tests/data/tiny/standard.yaml "
    "--catalogue {ROOT}/tests/data/tiny/courses.yaml"
)
COURSE = "{code: X-1, title: 課程, hours: 3, covers: {TINY-001v2: [K01]}%s}"
FILE_CASES = {
    # name: ({file: text}, command); a file text "-> TARGET" is a symbolic link to TARGET
    "output-link": (
        {"target.txt": "keep\n", "link.txt": "-> target.txt"},
        "plan BAS1499-001v4 T1.2 -o link.txt",
    ),
    "resume": (
        {"plans.jsonl": "{}\n"},
        "plan --batch {ROOT}/tests/data/batch/learners.csv --format json -o plans.jsonl --resume",
    ),
    "code": (
        {"c.yaml": "courses:\n  - " + COURSE.replace("X-1", "'X;1'") % ""},
        f"validate {TINY.split(' --catalogue')[0]} --catalogue c.yaml",
    ),
    "requisite": (
        {"c.yaml": "courses:\n  - " + COURSE % ", prerequisites: ['|']"},
        f"validate {TINY.split(' --catalogue')[0]} --catalogue c.yaml",
    ),
    "table": (
        {"c.csv": "code,title,hours,hourz\nX-1,課程,3,4\n"},
        f"validate {TINY.split(' --catalogue')[0]} --catalogue c.csv",
    ),
    "programme": (
        {
            "p.yaml": "name: 方案\nstandard: TINY-001v2\ncourses:\n  - {code: A1, "
            "period: 1}\n  - {code: B1, period: 2027-Q1}\n"
        },
        f"review p.yaml {TINY}",
    ),
    "weights": (
        {"w.yaml": "kinds: {Q: 1}\n"},
        "plan BAS1499-001v4 T1.2 --max-hours 10 --weights w.yaml",
    ),
    "learners": ({"l.csv": "id,standard\n,BAS1499-001v4\n"}, "plan --batch l.csv"),
    "standard-table": (
        {"s.csv": "standard,item,kind,item_name\nS-1,K01,Q,名稱\n"},
        "standards import s.csv -o s.yaml",
    ),
    "xlsx-rows": (
        {},
        "standards import {ROOT}/tests/data/import/onet-skills-sample.xlsx -o o.yaml",
    ),
}


def _files(folder, files):
    for name, text in files.items():
        if text.startswith("-> "):
            (folder / name).symlink_to(folder / text[3:])
        else:
            (folder / name).write_text(text, encoding="utf-8")


def machine(args: list[str]) -> bool:
    """JSON, and the batch CSV feed: keys and codes, not words."""
    return any(a in ("json", "jsonl") for a in args) or ("--batch" in args and "csv" in args)


def foreign(output: str, lang: str, args: list[str]) -> list[str]:
    """The other language's words in ``output`` (the command's own arguments are data)."""
    if lang == "zh-TW":
        given = {w for a in args for w in WORD.findall(a)}
        return english_words(output, LATIN | given)
    return cjk_runs(output, CHINESE)


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
def test_broken_inputs_speak_the_language(command, lang, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)  # the repository is never written: an output goes to {TMP}
    args = command.replace("{TMP}", str(tmp_path)).split()
    done = run(args, lang)
    assert done is not None, command
    output, args = done
    assert output.strip(), command
    assert foreign(output, lang, args) == [], (command, output)


@pytest.mark.parametrize("case", FILE_CASES)
@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_broken_files_speak_the_language(case, lang, tmp_path, monkeypatch):
    """An input file with one defect of each kind of error worded by the catalogue."""
    from curriculum.io import xlsx_limits

    files, command = FILE_CASES[case]
    _files(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    if case == "xlsx-rows":
        monkeypatch.setattr(xlsx_limits, "MAX_ROWS", 3)
    done = run(command.replace("{ROOT}", str(ROOT)).split(), lang)
    assert done is not None, command
    output, args = done
    assert output.strip(), command
    data = {w for text in files.values() for w in WORD.findall(text)}
    if lang == "zh-TW":
        assert (
            english_words(output, LATIN | data | {w for a in args for w in WORD.findall(a)}) == []
        )
    else:
        assert cjk_runs(output, CHINESE | set(CJK.findall(" ".join(files.values())))) == []


def _commands(group, path=()):
    """Every command path of the command line (``("standards", "show")``)."""
    import click

    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        sub = group.get_command(ctx, name)
        yield (*path, name)
        if isinstance(sub, click.Group):
            yield from _commands(sub, (*path, name))
    if not path:
        yield ("review", "verify")


@pytest.mark.parametrize("command", list(_commands(main)), ids=" ".join)
def test_help_speaks_zh_tw(command):
    """``curriculum --lang zh-TW COMMAND --help``: every help text translated (its
    English nowhere), click's headings too; the English help unchanged by it."""
    from curriculum.cli.help_words import help_texts

    runner = CliRunner()
    zh = runner.invoke(main, ["--lang", "zh-TW", *command, "--help"], terminal_width=80)
    assert zh.exit_code == 0, zh.output
    assert "選項：" in zh.output and "Options:" not in zh.output
    own = {t for t, place in help_texts(main).items() if place.startswith(" ".join(command))}
    flat = " ".join(zh.output.split())
    for english in own:
        assert " ".join(english.split())[:40] not in flat, english
    en = runner.invoke(main, [*command, "--help"], terminal_width=80)
    assert "Options:" in en.output and not CJK.search(en.output.replace("職能基準", ""))


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
