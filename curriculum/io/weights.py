"""Item weights for budgets and frontiers: ``kinds: {K: 1, S: 2}`` and ``items: {K01: 3}``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from curriculum.errors import DataFileError
from curriculum.i18n import Text, run_lang
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
        raise DataFileError.keyed("weights.mapping", path=path)
    t = Text(run_lang())
    problems = [
        t("weights.key", path=path, key=repr(k)) for k in data if k not in ("kinds", "items")
    ]
    parsed: dict[str, dict[str, float]] = {"kinds": {}, "items": {}}
    for section in ("kinds", "items"):
        entries = data.get(section) or {}
        if not isinstance(entries, Mapping):
            problems.append(t("weights.section", path=path, section=section))
            continue
        for raw, value in entries.items():
            code = normalize_code(str(raw))
            if section == "kinds" and code not in ("K", "S", "A"):
                problems.append(t("weights.kind", path=path, kind=repr(code)))
                continue
            if section == "items" and code not in standard.item_index:
                problems.append(t("weights.item", path=path, standard=standard.code, code=code))
                continue
            ok = isinstance(value, int | float) and not isinstance(value, bool) and value > 0
            if not ok or abs(value * WEIGHT_SCALE - round(value * WEIGHT_SCALE)) > 1e-6:
                problems.append(
                    t("weights.value", path=path, section=section, code=code, value=repr(value))
                )
                continue
            parsed[section][code] = float(value)
    if problems:
        error = DataFileError("\n".join(problems))
        error.spoken = True  # worded in the run's language
        raise error
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
