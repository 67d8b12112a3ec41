"""Read weighted set-cover instances in Beasley's OR-Library ``scp`` format.

The format is whitespace-separated integers (line breaks carry no meaning)::

    m n                 rows (items) and columns
    c_1 ... c_n         column costs
    for each row: k  j_1 ... j_k   (the 1-based columns covering the row)

Used by the benchmarks and the tests; rows become items, columns courses and
costs the single objective.
"""

from __future__ import annotations

from pathlib import Path

from curriculum.errors import DataFileError
from curriculum.solve.problem import CoverProblem


def parse_scp(text: str, source: str = "<scp>") -> CoverProblem:
    """Parse the text of an OR-Library ``scp`` file into a :class:`CoverProblem`.

    Raises
    ------
    DataFileError
        When the token count or a column index does not fit the format.
    """
    try:
        tokens = [int(t) for t in text.split()]
    except ValueError:
        raise DataFileError(f"{source}: not an OR-Library scp file (non-integer token)") from None
    if len(tokens) < 2:
        raise DataFileError(f"{source}: not an OR-Library scp file (no header)")
    m, n = tokens[0], tokens[1]
    pos = 2
    costs = tokens[pos : pos + n]
    pos += n
    covers: list[list[int]] = [[] for _ in range(n)]
    for i in range(m):
        if pos >= len(tokens):
            raise DataFileError(f"{source}: row {i + 1} of {m} is missing")
        k = tokens[pos]
        cols = tokens[pos + 1 : pos + 1 + k]
        pos += 1 + k
        if len(cols) != k:
            raise DataFileError(f"{source}: row {i + 1} is cut short")
        for j in cols:
            if not 1 <= j <= n:
                raise DataFileError(f"{source}: row {i + 1} names column {j} outside 1..{n}")
            covers[j - 1].append(i)
    if pos != len(tokens) or len(costs) != n:
        raise DataFileError(f"{source}: {len(tokens) - pos} tokens left after the last row")
    return CoverProblem(
        items=tuple(f"r{i + 1}" for i in range(m)),
        columns=tuple(f"c{j + 1}" for j in range(n)),
        covers=tuple(tuple(sorted(set(c))) for c in covers),
        objectives=(tuple(costs),),
    )


def read_scp(path: Path) -> CoverProblem:
    """Read an OR-Library ``scp`` file (see :func:`parse_scp`)."""
    path = Path(path)
    return parse_scp(path.read_text(encoding="ascii"), str(path))
