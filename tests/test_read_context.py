"""How a run reads its inputs is an object passed to the loaders, not process state."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BAS, STANDARDS

from curriculum.cli import main
from curriculum.errors import DataFileError
from curriculum.io.context import ReadContext
from curriculum.io.library import load_library
from curriculum.io.loaders import load_catalogue

LATIN = "code,title,hours,covers\nX-1,Caf\u00e9 r\u00e9sum\u00e9 na\u00efve,3,BAS1499-001v4:K01\n"


@pytest.fixture
def latin_catalogue(tmp_path: Path) -> Path:
    path = tmp_path / "courses.csv"
    path.write_bytes(LATIN.encode("latin-1"))
    return path


def test_the_encoding_is_the_contexts_own(latin_catalogue):
    assert load_catalogue(latin_catalogue, ReadContext("latin-1")).courses[0].title == (
        "Caf\u00e9 r\u00e9sum\u00e9 na\u00efve"
    )
    with pytest.raises(DataFileError, match="--encoding"):  # another context: Big5, refused
        load_catalogue(latin_catalogue)
    with pytest.raises(LookupError):
        ReadContext("no-such-encoding")


def test_a_context_notes_every_file_it_read(latin_catalogue):
    context = ReadContext("latin-1")
    library = load_library([STANDARDS], [latin_catalogue], context=context)
    assert latin_catalogue.resolve() in context.files
    assert {p.resolve() for p in library.input_files} <= context.files
    assert ReadContext().files == set()  # nothing kept between contexts


def test_two_runs_in_one_process_share_nothing(latin_catalogue):
    """``--encoding`` and the inputs read belong to one run: the next run has its own."""
    args = ["validate", "--standards", str(STANDARDS), "--catalogue", str(latin_catalogue)]
    first = CliRunner().invoke(main, ["--encoding", "latin-1", *args])
    assert first.exit_code == 0, first.stderr
    second = CliRunner().invoke(main, args)
    assert second.exit_code == 1 and "--encoding" in second.stderr
    # a file the earlier runs read is no input of a run that does not read it
    plan = [
        "plan",
        BAS,
        "T1.2",
        "--standards",
        str(STANDARDS),
        "-o",
        str(latin_catalogue),
        "--lang",
        "en",
    ]
    third = CliRunner().invoke(main, plan)
    assert third.exit_code == 0, third.stderr
    latin_catalogue.write_bytes(LATIN.encode("latin-1"))
    reads = ["--encoding", "latin-1", *plan, "--catalogue", str(latin_catalogue)]
    refused = CliRunner().invoke(main, reads)  # read in this run: never overwritten
    assert refused.exit_code == 2 and "is an input file" in refused.stderr
