"""``plan --batch`` at scale: local pool of 1 and 2 processes against a local Dask cluster.

Usage (from the repository root; the data come from ``benchmarks/national.py``)::

    python benchmarks/national.py generate benchmarks/out/national --learners 100000
    python benchmarks/batch_scale.py benchmarks/out/national --learners 100000
    python benchmarks/batch_scale.py benchmarks/out/national --learners 100000 --readme

Each backend runs the whole command ``curriculum plan --batch FILE --format json
--output OUT`` in a fresh process twice: on the first N learners of the
national learners file, and on its first 16 learners. The difference is the time
spent planning N - 16 learners, without the fixed costs (loading the library,
starting processes or the cluster, shipping the library to the workers), which
are reported apart. The outputs of every backend must be byte-identical. The
estimate for a larger run on more cores takes the cluster path's rate per worker
on every core and adds its fixed cost. ``--figures OUT.json`` rewrites the README
section from an earlier run's printed output.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.readme import markdown_table, write_section  # noqa: E402

SMALL = 16
BACKENDS = {
    "local pool, 1 process": ["--jobs", "1"],
    "local pool, 2 processes": ["--jobs", "2"],
    "Dask local cluster, 2 workers": ["--cluster", "local:2"],
}


def subset(folder: Path, count: int) -> Path:
    """The first ``count`` learners of ``folder/learners.csv``, in a file of their own."""
    lines = (folder / "learners.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    if len(lines) - 1 < count:
        raise SystemExit(f"{folder}/learners.csv has {len(lines) - 1} learners, not {count}")
    path = folder / f"learners-{count}.csv"
    path.write_text("".join(lines[: count + 1]), encoding="utf-8")
    return path


def run(folder: Path, learners: Path, args: list[str], out: Path) -> float:
    """Wall time of one whole ``plan --batch`` command in a fresh process."""
    data = ["--standards", str(folder / "standards"), "--catalogue", str(folder / "courses")]
    cmd = [sys.executable, "-m", "curriculum", "plan", "--batch", str(learners), *data]
    cmd += ["--format", "json", "--output", str(out), *args]
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)}\n{done.stderr}")
    return elapsed


def measure(folder: Path, count: int, cores: int, target: int) -> dict:  # type: ignore[type-arg]
    """Time every backend on ``count`` and on ``SMALL`` learners."""
    folder = folder.resolve()
    big, small = subset(folder, count), subset(folder, SMALL)
    out: dict = {"learners": count, "rows": [], "cpus": os.cpu_count()}  # type: ignore[type-arg]
    digests = set()
    for name, args in BACKENDS.items():
        target_file = folder / "plans-scale.jsonl"
        fixed = run(folder, small, args, folder / "plans-small.jsonl")
        whole = run(folder, big, args, target_file)
        digests.add(hashlib.sha256(target_file.read_bytes()).hexdigest())
        rate = (count - SMALL) / max(whole - fixed, 1e-9)
        out["rows"].append({"backend": name, "whole_s": whole, "fixed_s": fixed, "rate": rate})
        print(json.dumps(out["rows"][-1]), file=sys.stderr)
    out["identical"] = len(digests) == 1
    out["load_average_1min"] = os.getloadavg()[0]
    return with_estimate(out, target, cores)


def with_estimate(out: dict, target: int, cores: int) -> dict:  # type: ignore[type-arg]
    """Add the two-process efficiency, the cluster's overhead and the estimate.

    The estimate takes the cluster path's measured rate per worker (so its
    overhead is included), assumes it holds on every core (no better than one
    process per core, however the two-process efficiency came out on a loaded
    machine), and adds the cluster's measured fixed cost.
    """
    one, two, dask = (row["rate"] for row in out["rows"])
    out["efficiency_2"] = two / (2 * one)
    out["cluster_overhead"] = two / dask - 1
    per_core = min(dask / 2, one)
    out["estimate"] = {
        "learners": target,
        "cores": cores,
        "per_core_rate": per_core,
        "seconds": out["rows"][2]["fixed_s"] + target / (cores * per_core),
    }
    return out


def readme_section(out: dict) -> str:  # type: ignore[type-arg]
    """The ``batch_scale`` section of benchmarks/README.md."""
    rows = [
        (
            row["backend"],
            f"{row['whole_s']:.1f} s",
            f"{row['fixed_s']:.1f} s",
            f"{row['rate']:,.0f}",
        )
        for row in out["rows"]
    ]
    table = markdown_table(
        (
            "backend",
            f"{out['learners']:,} learners, whole command",
            f"fixed cost ({SMALL} learners)",
            "learners/s (planning only)",
        ),
        "lrrr",
        rows,
    )
    est = out["estimate"]
    same = "byte-identical" if out["identical"] else "NOT byte-identical"
    return (
        f"{table}\n"
        f"Outputs of the three backends: {same}. Load average ≈ "
        f"{out['load_average_1min']:.1f} on {out['cpus']} CPUs. Two-process efficiency "
        f"{out['efficiency_2']:.0%}; the Dask cluster plans "
        f"{out['cluster_overhead']:.0%} slower than the local pool of 2 (per learner, "
        f"beyond its fixed cost). Estimate for {est['learners']:,} learners on "
        f"{est['cores']} cores: ≈ {est['seconds'] / 60:.1f} min "
        f"({est['seconds']:.0f} s = the cluster's fixed cost + learners / (cores × "
        f"{est['per_core_rate']:.0f} learners/s, the cluster's rate per worker)).\n"
    )


def main() -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="made by benchmarks/national.py generate")
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--estimate-learners", type=int, default=1_000_000)
    parser.add_argument("--estimate-cores", type=int, default=64)
    parser.add_argument("--readme", action="store_true", help="rewrite the batch_scale section")
    parser.add_argument(
        "--figures", type=Path, help="write the README from this earlier output, not measuring"
    )
    args = parser.parse_args()
    if args.figures:
        saved = json.loads(args.figures.read_text(encoding="utf-8"))
        result = with_estimate(saved, args.estimate_learners, args.estimate_cores)
    else:
        result = measure(args.folder, args.learners, args.estimate_cores, args.estimate_learners)
    print(json.dumps(result, indent=2))
    if args.readme:
        write_section("batch_scale", readme_section(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
