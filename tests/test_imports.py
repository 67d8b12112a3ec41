"""The package's import graph, read from the source: no cycles, renderers import no reader.

Every ``import`` statement counts, at module level or inside a function (a lazy
import still ties the two modules together). An import names the deepest module
it reaches: ``from curriculum.io import loaders`` imports ``curriculum.io.loaders``,
``from curriculum.cli import main`` imports the package ``curriculum.cli``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "curriculum"
ROOT = "curriculum"

# I/O modules that never read a file: renderers may import them.
NOT_READERS = {
    "curriculum.io",
    "curriculum.io.cells",
    "curriculum.io.records",
    "curriculum.io.writers",
    "curriculum.io.xlsx_writer",
}


def module_names(package: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package by dotted name (``__init__`` named as its package)."""
    names = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The deepest module of the package that ``name`` names (``pkg.mod.func`` -> ``pkg.mod``)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that ``module`` imports anywhere in its source."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module if is_package else module.rpartition(".")[0]
                for _ in range(node.level - 1):
                    anchor = anchor.rpartition(".")[0]
                base = f"{anchor}.{base}" if base else anchor
            # ``from pkg import mod`` imports the module ``pkg.mod``
            targets = [f"{base}.{alias.name}" for alias in node.names] or [base]
        for target in targets:
            if target.split(".")[0] != ROOT:
                continue
            resolved = _resolve(target, modules)
            if resolved is not None:
                found.add(resolved)
    found.discard(module)
    return found


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module name -> the package's modules it imports."""
    modules = module_names(package)
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as ``[a, b, ..., a]``, or ``None`` when the graph is acyclic."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            cycle = visit(start)
            if cycle:
                return cycle
    return None


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    """The package's import graph, read once for the tests of this module."""
    return import_graph()


def test_the_package_has_no_import_cycle(graph):
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or ())


def test_renderers_import_no_reader(graph):
    readers = {m for m in graph if m.startswith("curriculum.io.") and m not in NOT_READERS}
    bad = sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        if module.startswith("curriculum.report")
        for target in targets & readers
    )
    assert not bad, "renderers must not import readers:\n" + "\n".join(bad)


def test_io_imports_no_renderer(graph):
    """Readers and writers sit below the renderers: nothing under ``io/`` imports ``report/``."""
    bad = sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        if module.startswith("curriculum.io")
        for target in targets
        if target.startswith("curriculum.report")
    )
    assert not bad, "io/ must not import report/:\n" + "\n".join(bad)


def test_the_cli_calls_the_public_api(graph):
    """The command line goes through ``curriculum.api`` (as sqlite-utils' CLI goes through
    its library): nothing under ``cli/`` imports ``planning/`` or ``reviewing/``."""
    bad = sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        if module.startswith("curriculum.cli")
        for target in targets
        if target.startswith(("curriculum.planning", "curriculum.reviewing"))
    )
    assert not bad, "cli/ must call the API:\n" + "\n".join(bad)


def test_not_readers_read_no_file():
    """The modules renderers may import open no file for reading."""
    names = module_names()
    calls = {"read_text", "read_bytes", "load_workbook", "read_table", "open"}
    for module in NOT_READERS & set(names):
        tree = ast.parse(names[module].read_text(encoding="utf-8"))
        used = {
            getattr(node.func, "attr", getattr(node.func, "id", ""))
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
        }
        assert not used & calls, f"{module} reads files ({sorted(used & calls)})"


READER_CALLS = {
    "open",
    "read_text",
    "read_bytes",
    "read_yaml",
    "read_mapping",
    "read_table",
    "load_workbook",
    "load_weights",
    "resolve_weights",
    "load_team",
    "load_library",
    "load_standard",
    "load_catalogue",
    "load_programme",
    "read_learners",
}


def test_planning_reads_no_file():
    """Planning takes loaded data (weights, teams, libraries): the edge reads the files."""
    names = module_names()
    for module in sorted(m for m in names if m.startswith("curriculum.planning")):
        tree = ast.parse(names[module].read_text(encoding="utf-8"))
        used = {
            getattr(node.func, "attr", getattr(node.func, "id", ""))
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
        }
        assert not used & READER_CALLS, f"{module} reads files ({sorted(used & READER_CALLS)})"


@pytest.mark.parametrize(
    ("sources", "cycle"),
    [
        ({"a": "import curriculum.b", "b": "def f():\n    from curriculum import a\n"}, "a b a"),
        (
            {
                "a": "from curriculum.b import x",
                "b": "from .c import y",
                "c": "import curriculum.a",
            },
            "a b c a",
        ),
        ({"a": "import curriculum.b", "b": "import os"}, None),
    ],
)
def test_cycles_are_found_and_named(tmp_path, sources, cycle):
    package = tmp_path / ROOT
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name, text in sources.items():
        (package / f"{name}.py").write_text(text + "\n")
    found = find_cycle(import_graph(package))
    expected = [f"{ROOT}.{n}" for n in cycle.split()] if cycle else None
    assert found == expected
