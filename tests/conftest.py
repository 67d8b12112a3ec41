"""Shared fixtures: the shipped standard and example catalogue, and a tiny library."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

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
    (curriculum.io.parallel.can_fork), which the tests of the local pool need.
    Under pytest-xdist each process takes whole files in this order (``--dist
    loadfile --no-loadscope-reorder``, pyproject.toml), so it holds in each."""
    dask = ("tests/test_batch_cluster.py", "tests/test_security_cluster.py")
    items.sort(key=lambda item: item.nodeid.startswith(dask))


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto`` (pyproject.toml): no worker for the tests of one file, run here
    (starting workers that each collect would cost more than it saves); otherwise
    pytest-xdist's count, one per core."""
    files = {Path(str(arg).split("::")[0]) for arg in config.args}
    if len(files) == 1 and next(iter(files)).is_file():
        return 0
    return None


@pytest.fixture
def hypothesis_examples(request: pytest.FixtureRequest) -> Iterator[None]:
    """The number of examples of a test marked ``helpers.fast_and_full``: its
    parameter (the fast run), or its own settings' (``None``: the full run)."""
    test = request.function
    full = test._hypothesis_internal_use_settings  # where @settings and @given keep them
    assert full.max_examples > (request.param or 0), "the fast run must be the smaller"
    if request.param is not None:
        test._hypothesis_internal_use_settings = settings(full, max_examples=request.param)
    try:
        yield
    finally:
        test._hypothesis_internal_use_settings = full


@pytest.fixture(autouse=True)
def _no_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports fit 100 columns in every test, whatever ``COLUMNS`` the shell exports."""
    monkeypatch.delenv("COLUMNS", raising=False)
