"""Shared fixtures: the shipped standard and example catalogue, and a tiny library."""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculum.io.library import Library, load_library

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
STANDARDS = ROOT / "standards"
COURSES = ROOT / "courses"
SEED = STANDARDS / "sources" / "BAS1499-001v4.txt"
BAS = "BAS1499-001v4"


@pytest.fixture(scope="session")
def library() -> Library:
    """The shipped standard with the example catalogue."""
    return load_library([STANDARDS], [COURSES])


@pytest.fixture(scope="session")
def tiny() -> Library:
    """A hand-checkable standard and catalogue (see tests/data/tiny)."""
    return load_library([DATA / "tiny" / "standard.yaml"], [DATA / "tiny" / "courses.yaml"])


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the Dask cluster tests last: Dask leaves daemon threads behind (its IO
    loop, its offload pool), and a process with threads no longer forks a pool
    (curriculum.io.parallel.can_fork), which the tests of the local pool need."""
    dask = ("tests/test_batch_cluster.py", "tests/test_security_cluster.py")
    items.sort(key=lambda item: item.nodeid.startswith(dask))


@pytest.fixture(autouse=True)
def _no_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports fit 100 columns in every test, whatever ``COLUMNS`` the shell exports."""
    monkeypatch.delenv("COLUMNS", raising=False)
