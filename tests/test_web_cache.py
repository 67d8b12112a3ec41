"""The workspace parses each data file once: an edit of a catalogue re-reads that
catalogue alone, a changed file is always read again (even renamed over the old
one with the same size and modification time)."""

from __future__ import annotations

import os
from collections import Counter

import pytest
from webclient import BAS, CATALOGUE, make_workspace

import curriculum.io.library as io_library
from curriculum.web.workspace import Workspace


@pytest.fixture
def parsed(monkeypatch):
    """Counts of files parsed, by name."""
    counts: Counter[str] = Counter()
    for name in ("load_standard", "read_catalogue"):
        real = getattr(io_library, name)

        def counting(path, context=None, real=real):
            counts[path.name] += 1
            return real(path, context)

        counting.__qualname__ = real.__qualname__
        monkeypatch.setattr(io_library, name, counting)
    return counts


def hours(workspace: Workspace) -> float:
    return sum(float(c.hours) for c in workspace.library().courses.values())


def test_an_edit_reads_the_changed_catalogue_alone(tmp_path, parsed):
    folder = make_workspace(tmp_path / "ws")
    workspace = Workspace(folder)
    workspace.library()
    assert parsed[f"{BAS}.yaml"] == 1 and parsed["example-provider.yaml"] == 1
    path = folder / CATALOGUE
    text = path.read_text("utf-8")
    path.write_text(text.replace("title:", "title: x", 1), "utf-8")
    workspace.library()
    workspace.standards()
    assert parsed[f"{BAS}.yaml"] == 1  # the standards: parsed once
    assert parsed["example-provider.yaml"] == 2


def test_a_file_renamed_over_with_the_same_size_and_time_is_read_again(tmp_path, parsed):
    folder = make_workspace(tmp_path / "ws")
    workspace = Workspace(folder)
    path = folder / CATALOGUE
    before = hours(workspace)
    text = path.read_text("utf-8")
    changed = text.replace("    hours: 6\n", "    hours: 7\n", 1)
    assert changed != text and len(changed) == len(text)
    info = path.stat()
    other = path.with_name("other.tmp")
    other.write_text(changed, "utf-8")
    os.utime(other, ns=(info.st_atime_ns, info.st_mtime_ns))
    os.replace(other, path)
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (info.st_size, info.st_mtime_ns)
    assert hours(workspace) == before + 1
    assert parsed["example-provider.yaml"] == 2
