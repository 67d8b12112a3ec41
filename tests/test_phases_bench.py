"""benchmarks/phases.py: every phase is timed, and the solve is left as it was."""

from __future__ import annotations

from benchmarks import phases
from curriculum.solve import cover, cpsat


def test_every_phase_is_timed_and_restored():
    before = {name: getattr(owner, name) for owner, name, _ in phases.PHASES}
    solve_model = cpsat.solve_model
    total, spent = phases.measure("orlib-6", [1])  # a wide gap: the dual-guided start runs
    assert {label for _, _, label in phases.PHASES} <= set(spent)
    assert "CP-SAT's own wall time" in spent
    assert 0 < spent["reductions"] < total
    assert all(getattr(owner, name) is before[name] for owner, name, _ in phases.PHASES)
    assert cpsat.solve_model is solve_model and cover.solve_cover is phases.solve_cover
