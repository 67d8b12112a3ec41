"""Fuzzing every loader and importer with mutated real files (issue 11, "Must hold").

Each case mutates a file shipped with the project (standards, catalogues, team,
learners, programme, weights files, and every importer's sample), writes it under
its usual name and loads it. Whatever the bytes, the loader must return or raise a
:class:`~curriculum.errors.CurriculumError` whose message names the file (the CLI
turns it into one line and exit 1 or 2), never another exception, and within
:data:`CASE_SECONDS` (a hang fails the case). The default run is a few seconds;
``-m slow`` runs a longer profile, and a few cases go through the command line.
"""

from __future__ import annotations

import contextlib
import signal
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import COURSES, DATA, ROOT, STANDARDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curriculum.cli import main
from curriculum.errors import CurriculumError
from curriculum.io.importers import import_standards
from curriculum.io.learners import read_learners
from curriculum.io.loaders import load_catalogue, load_standard
from curriculum.io.team_file import load_team
from curriculum.io.weights import load_weights
from curriculum.reviewing.programme import load_programme

pytestmark = pytest.mark.filterwarnings("ignore::curriculum.errors.CurriculumWarning")

CASE_SECONDS = 10
EXAMPLES = ROOT / "examples"
IMPORT = DATA / "import"

TOKENS = [
    b"&a ",
    b"*a",
    b"<<: *a",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b'=HYPERLINK("x")',
    b"---\n",
    b"!!python/object/apply:os.system ['true']",
    b"\n  ",
    b"[" * 50,
    b"{",
    b": ",
    b"- ",
    b",",
    b";",
    b'"',
    b"1e308",
    b"true",
    b"0012",
    b".nan",
    b"\r",
    b"\t",
    b"\xe9l\xe8ve",
    "林示範".encode(),
    "\u200b".encode(),
    b"../../x",
    b"\x1b]8;;http://x\x07",
    b"PK\x03\x04",
    b"PAR1",
]


def _standard() -> Any:
    return load_standard(STANDARDS / "BAS1499-001v4.yaml")


TARGETS: dict[str, tuple[Path, str, Callable[[Path], Any]]] = {
    "standard-yaml": (STANDARDS / "BAS1499-001v4.yaml", "s.yaml", load_standard),
    "catalogue-yaml": (COURSES / "example-provider.yaml", "c.yaml", load_catalogue),
    "catalogue-sessions": (EXAMPLES / "sessions-catalogue.yaml", "c.yaml", load_catalogue),
    "catalogue-csv": (EXAMPLES / "3d-printing-courses.csv", "c.csv", load_catalogue),
    "team-csv": (EXAMPLES / "team.csv", "team.csv", load_team),
    "learners-csv": (EXAMPLES / "learners.csv", "l.csv", read_learners),
    "programme": (EXAMPLES / "programme-BAS1499-001v4.yaml", "p.yaml", load_programme),
    "weights": (DATA / "weights" / "skills.yaml", "w.yaml", lambda p: load_weights(p, _standard())),
    "import-icap-text": (STANDARDS / "sources" / "BAS1499-001v4.txt", "s.txt", import_standards),
    "import-icap-json": (IMPORT / "icap-dirty.json", "s.json", import_standards),
    "import-table": (EXAMPLES / "nice-sp-rsk-001.csv", "s.csv", import_standards),
    "import-onet": (IMPORT / "onet-skills-sample.xlsx", "s.xlsx", import_standards),
    "import-esco": (IMPORT / "esco-sample.parquet", "s.parquet", import_standards),
}


@st.composite
def mutations(draw: st.DrawFn, original: bytes) -> bytes:
    """A few edits of ``original``: byte flips, inserted tokens or bytes, deleted,
    duplicated or truncated ranges."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        kind = draw(st.sampled_from(["flip", "token", "bytes", "delete", "dup", "truncate"]))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "token":
            data[at:at] = draw(st.sampled_from(TOKENS)) * draw(st.integers(1, 3))
        elif kind == "bytes":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "dup":
            data[at:at] = data[at : at + draw(st.integers(1, 256))]
        else:
            del data[at:]
    return bytes(data)


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail a case that runs longer than ``seconds`` (a hang)."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"case still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_load(name: str, data: bytes) -> None:
    """Load mutated bytes: success or a located CurriculumError, nothing else."""
    _, filename, loader = TARGETS[name]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / filename
        path.write_bytes(data)
        try:
            with time_limit(CASE_SECONDS):
                loader(path)
        except CurriculumError as exc:
            assert str(path) in str(exc) or filename in str(exc), str(exc)[:300]


def fuzz(name: str, examples: int, derandomize: bool = True) -> None:
    source = TARGETS[name][0]
    if name == "import-esco":
        pytest.importorskip("pyarrow")

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=derandomize,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(mutations(source.read_bytes()))
    def case(data: bytes) -> None:
        check_load(name, data)

    case()


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_fuzz_quick(name):
    fuzz(name, 6)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(TARGETS))
def test_fuzz_long(name):
    fuzz(name, 300)


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_unmutated_file_loads(name):
    """The real file itself loads (the fuzz starts from valid input)."""
    source, _, loader = TARGETS[name]
    if name == "import-esco":
        pytest.importorskip("pyarrow")
    loader(source)


@settings(max_examples=5, deadline=None, derandomize=True, database=None)
@given(mutations((COURSES / "example-provider.yaml").read_bytes()))
def test_fuzz_through_the_command_line(data):
    """Through ``validate``: exit 0, or 1/2 with one message naming the file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "c.yaml"
        path.write_bytes(data)
        with time_limit(CASE_SECONDS):
            result = CliRunner().invoke(
                main, ["validate", "--standards", str(STANDARDS), "--catalogue", str(path)]
            )
        assert result.exit_code in (0, 1, 2), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(
            result.exception
        )
        if result.exit_code:
            assert str(path) in result.stderr


# ---- workbooks: mutate the XML inside the zip, not only the zip's bytes (issue 25)


def _xlsx_catalogue() -> bytes:
    """The example CSV catalogue as a workbook (built once, in memory)."""
    import csv
    import io

    from curriculum.io.xlsx_writer import new_workbook, workbook_bytes

    book = new_workbook()
    text = (EXAMPLES / "3d-printing-courses.csv").read_text(encoding="utf-8-sig")
    for row in csv.reader(io.StringIO(text)):
        book.active.append(row)
    return workbook_bytes(book)


XML_TOKENS = [
    b'<row r="1048576">',
    b"<v>-1</v>",
    b't="s"',
    b'<c r="XFD1"><v>1</v></c>',
    b"&amp;",
    b'<!DOCTYPE x [<!ENTITY a "aaaa">]>',
    b"&a;",
    b"</row>",
    b'<dimension ref="A1:XFD1048576"/>',
    b"\x00",
]


@st.composite
def xlsx_mutations(draw: st.DrawFn, original: bytes) -> bytes:
    """The workbook with one of its XML parts edited (tokens, flips, cuts)."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(original)) as book:
        parts = {info.filename: book.read(info.filename) for info in book.infolist()}
    name = draw(st.sampled_from(sorted(n for n in parts if n.endswith(".xml"))))
    data = bytearray(parts[name])
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        kind = draw(st.sampled_from(["token", "flip", "delete"]))
        if kind == "token":
            data[at:at] = draw(st.sampled_from(XML_TOKENS))
        elif kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        else:
            del data[at : at + draw(st.integers(1, 64))]
    parts[name] = bytes(data)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for part, content in parts.items():
            book.writestr(part, content)
    return out.getvalue()


def fuzz_xlsx(examples: int) -> None:
    original = _xlsx_catalogue()

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(xlsx_mutations(original))
    def case(data: bytes) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "c.xlsx"
            path.write_bytes(data)
            try:
                with time_limit(CASE_SECONDS):
                    load_catalogue(path)
            except CurriculumError as exc:
                assert str(path) in str(exc) or "c.xlsx" in str(exc), str(exc)[:300]

    case()


def test_fuzz_xlsx_quick():
    fuzz_xlsx(8)


@pytest.mark.slow
def test_fuzz_xlsx_long():
    fuzz_xlsx(300)


def test_the_xlsx_catalogue_loads():
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "c.xlsx"
        path.write_bytes(_xlsx_catalogue())
        assert load_catalogue(path).courses


# ---- resume sidecars (issue 25)


def _sidecar() -> tuple[bytes, bytes]:
    """A resumable output of two chunks and its sidecar, as written."""
    from curriculum.io.outputs import OutputLock
    from curriculum.io.resume import append_chunk, start_state, state_path

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "o.jsonl"
        lock = OutputLock(out)
        try:
            state = start_state(lock, "0" * 64, 5)
            append_chunk(lock, b'{"id": 1}\n{"id": 2}\n', state, 2)
            state.add_errors(["l.csv:3: learner q: no such task"])
            append_chunk(lock, b'{"id": 3}\n', state, 1)
        finally:
            lock.close()
        return out.read_bytes(), state_path(out).read_bytes()


def fuzz_resume(examples: int) -> None:
    from curriculum.io.outputs import OutputLock
    from curriculum.io.resume import start_state, state_path

    output, sidecar = _sidecar()

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(mutations(sidecar), st.booleans())
    def case(data: bytes, edit_output: bool) -> None:
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "o.jsonl"
            out.write_bytes(output[:-3] + b"}\n" if edit_output else output)
            state_path(out).write_bytes(data)
            lock = OutputLock(out)
            try:
                with time_limit(CASE_SECONDS):
                    state = start_state(lock, "0" * 64, 5)
                # a state accepted is one the output's bytes prove
                assert 0 <= state.done <= 5 and out.read_bytes() == output[: state.bytes]
            except CurriculumError as exc:
                assert "o.jsonl" in str(exc), str(exc)[:300]
            finally:
                lock.close()

    case()


def test_fuzz_resume_quick():
    fuzz_resume(30)


@pytest.mark.slow
def test_fuzz_resume_long():
    fuzz_resume(500)
