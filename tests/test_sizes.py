"""No module over 400 lines and no function over 60 (docstrings aside).

The offenders of today are listed by name: the list may only shrink. A module or
function that grows past the limit fails, and so does one listed here that no
longer needs to be (remove it from the list).
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "curriculum"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

# Today's offenders: none left (the lists may only shrink).
KNOWN_LONG_MODULES: frozenset[str] = frozenset()
KNOWN_LONG_FUNCTIONS: frozenset[str] = frozenset()


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE.parent).as_posix()


def _docstring_lines(node: ast.AST) -> int:
    """Lines of the docstring that opens ``node`` (0 without one)."""
    body = getattr(node, "body", [])
    if (
        body
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        return (body[0].end_lineno or body[0].lineno) - body[0].lineno + 1
    return 0


def function_lengths(path: Path, label: str | None = None) -> dict[str, int]:
    """``module:Class.function`` -> its lines from ``def``, signature included,
    its own docstring and those of the functions nested in it left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: dict[str, int] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                first = child.lineno  # decorators (click options) are not the body
                lines = (child.end_lineno or child.lineno) - first + 1
                docs = sum(
                    _docstring_lines(n)
                    for n in ast.walk(child)
                    if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
                )
                found[f"{label or _name(path)}:{prefix}{child.name}"] = lines - docs
                visit(child, f"{prefix}{child.name}.")
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")

    visit(tree, "")
    return found


@functools.cache  # the package does not change during the run: read it once
def long_modules() -> frozenset[str]:
    return frozenset(
        _name(p)
        for p in _modules()
        if len(p.read_text(encoding="utf-8").splitlines()) > MAX_MODULE_LINES
    )


@functools.cache
def long_functions() -> frozenset[str]:
    return frozenset(
        name
        for p in _modules()
        for name, lines in function_lengths(p).items()
        if lines > MAX_FUNCTION_LINES
    )


def test_no_module_grows_past_400_lines():
    assert long_modules() <= KNOWN_LONG_MODULES, sorted(long_modules() - KNOWN_LONG_MODULES)


def test_no_function_grows_past_60_lines():
    assert long_functions() <= KNOWN_LONG_FUNCTIONS, sorted(long_functions() - KNOWN_LONG_FUNCTIONS)


def test_the_known_offender_lists_only_shrink():
    """A listed module or function now within the limit (or gone) must leave the list."""
    assert long_modules() >= KNOWN_LONG_MODULES, sorted(KNOWN_LONG_MODULES - long_modules())
    assert long_functions() >= KNOWN_LONG_FUNCTIONS, sorted(KNOWN_LONG_FUNCTIONS - long_functions())


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def f():\n    '''One.\n\n    Two.\n    '''\n    return 1\n", 2),
        ("@d\ndef f():\n    def g():\n        '''Doc.'''\n        pass\n    return g\n", 4),
    ],
)
def test_function_lengths_leave_docstrings_out(tmp_path, source, expected):
    path = tmp_path / "probe.py"
    path.write_text(source, encoding="utf-8")
    nested = {"probe:f.g": 2} if "g()" in source else {}
    assert function_lengths(path, "probe") == {"probe:f": expected, **nested}
