"""The web workspace in process: a copy of the shipped data as a workspace folder and
an HTTP client (Starlette's TestClient) speaking to the app as a browser on loopback."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed")

import warnings

from conftest import ROOT

with warnings.catch_warnings():  # Starlette 1.x prefers httpx2; httpx works the same
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from curriculum.web.app import create_app

PROGRAMME = "examples/programme-BAS1499-001v4.yaml"
CATALOGUE = "courses/example-provider.yaml"
BAS = "BAS1499-001v4"


def make_workspace(folder: Path) -> Path:
    """A workspace folder: the shipped standards, the example catalogue and programme."""
    shutil.copytree(
        ROOT / "standards", folder / "standards", ignore=shutil.ignore_patterns("sources")
    )
    shutil.copytree(ROOT / "courses", folder / "courses")
    (folder / "examples").mkdir()
    shutil.copy(ROOT / PROGRAMME, folder / PROGRAMME)
    return folder


def client(folder: Path, **options: Any) -> TestClient:
    """A client of a new app over ``folder``, as a browser at http://127.0.0.1."""
    return TestClient(create_app(folder, **options), base_url="http://127.0.0.1")


def csrf(page: str) -> str:
    """The CSRF token a page carries."""
    found = re.search(r'data-csrf="([0-9a-f]+)"', page)
    assert found, page[:500]
    return found.group(1)


def token_of(http: TestClient, path: str = "/") -> str:
    """The CSRF token of the client's session (read from a page)."""
    return csrf(http.get(path).text)


def wait(http: TestClient, job: str, timeout: float = 120) -> dict[str, Any]:
    """Poll a plan job until it has finished; its last status."""
    deadline = time.monotonic() + timeout
    while True:
        status = http.get(f"{job}/status").json()
        if status["state"] not in ("queued", "running") or time.monotonic() > deadline:
            return status
        time.sleep(0.1)
