"""Item weights for budgets and frontiers: ``kinds: {K: 1, S: 2}`` and ``items: {K01: 3}``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from curriculum.errors import DataFileError
from curriculum.io.context import ReadContext
from curriculum.io.tables import read_yaml
from curriculum.model.codes import normalize_code
from curriculum.model.standard import Standard

WEIGHT_SCALE = 1000  # weights are kept as whole thousandths


@dataclass(frozen=True)
class Weights:
    """Item weights: per kind (K, S, A) and per item, an item's own weight winning."""

    kinds: Mapping[str, float]
    items: Mapping[str, float]

    def of(self, standard: Standard, code: str) -> float:
        """The weight of one item of ``standard`` (1 unless given)."""
        if code in self.items:
            return self.items[code]
        return self.kinds.get(standard.item_index[code].kind, 1)


UNIT_WEIGHTS = Weights({}, {})


def load_weights(path: Path, standard: Standard, context: ReadContext | None = None) -> Weights:
    """Read a weights file: ``kinds: {K: 1, S: 2}`` and ``items: {K01: 3}``.

    Raises
    ------
    DataFileError
        For a file that is not such a mapping, an unknown kind or item code, or a
        weight that is not a positive number with at most three decimals.
    """
    path = Path(path)
    data = read_yaml(path, context)
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise DataFileError(f"{path}: a weights file is a mapping with 'kinds' and/or 'items'")
    problems = [
        f"{path}: unknown key {k!r} (expected 'kinds' or 'items')"
        for k in data
        if k not in ("kinds", "items")
    ]
    parsed: dict[str, dict[str, float]] = {"kinds": {}, "items": {}}
    for section in ("kinds", "items"):
        entries = data.get(section) or {}
        if not isinstance(entries, Mapping):
            problems.append(f"{path}: {section}: must be a mapping of code to weight")
            continue
        for raw, value in entries.items():
            code = normalize_code(str(raw))
            if section == "kinds" and code not in ("K", "S", "A"):
                problems.append(f"{path}: kinds: unknown kind {code!r} (valid: K, S, A)")
                continue
            if section == "items" and code not in standard.item_index:
                problems.append(f"{path}: items: {standard.code} defines no item {code}")
                continue
            ok = isinstance(value, int | float) and not isinstance(value, bool) and value > 0
            if not ok or abs(value * WEIGHT_SCALE - round(value * WEIGHT_SCALE)) > 1e-6:
                problems.append(
                    f"{path}: {section}: {code}: weight {value!r} is not a positive number "
                    "with at most 3 decimals"
                )
                continue
            parsed[section][code] = float(value)
    if problems:
        raise DataFileError("\n".join(problems))
    return Weights(parsed["kinds"], parsed["items"])


def resolve_weights(
    weights: Weights | Path | None, standard: Standard, context: ReadContext | None = None
) -> Weights | None:
    """``weights`` as given, or read from a weights file for ``standard`` (at the edge:
    planning takes loaded weights and reads no file).

    Raises
    ------
    DataFileError
        For a bad weights file (see :func:`load_weights`).
    """
    return load_weights(weights, standard, context) if isinstance(weights, Path) else weights
