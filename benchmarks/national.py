"""National-scale synthetic data and timings: load, one plan, a 10,000-learner batch.

Usage (from the repository root)::

    python benchmarks/national.py generate benchmarks/out/national   # writes the data
    python benchmarks/national.py measure benchmarks/out/national    # prints the timings
    python benchmarks/national.py measure benchmarks/out/national --readme   # and writes them

The data are the size of Taiwan's whole iCAP library: 1,000 standards of about 30
items (K, S and A) in 2–4 duties of 2–3 tasks, 50,000 courses in 50 catalogues,
each course covering 2–12 items of one to three standards, and a learners file
of 10,000 rows (``id,standard,targets,held``). Everything is drawn from a seeded
random generator, so the same seed gives the same files.

``measure`` times, in separate fresh processes: loading and validating everything
(``curriculum validate``), one whole-standard plan after the load (in-process,
load excluded), and ``curriculum plan --batch`` for every learner with
``--format json`` (JSON Lines), wall time of the whole command.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.readme import markdown_table, write_section  # noqa: E402

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def standard_code(n: int) -> str:
    """``SYN0001-001v1`` ... (synthetic, never a real iCAP code)."""
    return f"SYN{n:04d}-001v1"


def make_standard(rng: random.Random, n: int) -> dict:  # type: ignore[type-arg]
    """One synthetic standard of about 30 items."""
    n_k, n_s, n_a = rng.randint(11, 15), rng.randint(10, 14), rng.randint(3, 5)
    ks = [f"K{i:02d}" for i in range(1, n_k + 1)]
    ss = [f"S{i:02d}" for i in range(1, n_s + 1)]
    items = [{"code": c, "kind": "K", "name": f"知識{c}"} for c in ks]
    items += [{"code": c, "kind": "S", "name": f"技能{c}"} for c in ss]
    items += [{"code": f"A{i:02d}", "kind": "A", "name": f"態度{i}"} for i in range(1, n_a + 1)]
    duties = []
    for d in range(1, rng.randint(2, 4) + 1):
        tasks = []
        for t in range(1, rng.randint(2, 3) + 1):
            tasks.append(
                {
                    "code": f"T{d}.{t}",
                    "name": f"任務{d}.{t}",
                    "level": rng.randint(2, 5),
                    "knowledge": sorted(rng.sample(ks, rng.randint(3, 6))),
                    "skills": sorted(rng.sample(ss, rng.randint(2, 5))),
                }
            )
        duties.append({"code": f"T{d}", "name": f"職責{d}", "tasks": tasks})
    return {
        "code": standard_code(n),
        "name": f"合成職能{n}",
        "framework": "icap",
        "level": 3,
        "duties": duties,
        "items": items,
        "source": {"synthetic": True},
    }


def generate(folder: Path, seed: int, standards: int, courses: int, learners: int) -> None:
    """Write standards/, courses/ and learners.csv under ``folder``."""
    rng = random.Random(seed)
    (folder / "standards").mkdir(parents=True, exist_ok=True)
    (folder / "courses").mkdir(parents=True, exist_ok=True)
    stds = [make_standard(rng, n) for n in range(1, standards + 1)]
    for std in stds:
        text = yaml.dump(std, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
        (folder / "standards" / f"{std['code']}.yaml").write_text(text, encoding="utf-8")
    item_codes = {s["code"]: [i["code"] for i in s["items"] if i["kind"] != "A"] for s in stds}
    codes = list(item_codes)
    per_file = 1000
    for f in range(0, courses, per_file):
        batch = []
        for c in range(f, min(courses, f + per_file)):
            picked = rng.sample(codes, rng.choice((1, 1, 1, 2, 2, 3)))
            total = rng.randint(2, 12)
            covers: dict[str, list[str]] = {}
            for k, code in enumerate(picked):
                share = max(1, total // len(picked) + (1 if k < total % len(picked) else 0))
                pool = item_codes[code]
                covers[code] = sorted(rng.sample(pool, min(share, len(pool))))
            batch.append(
                {
                    "code": f"C{c + 1:06d}",
                    "title": f"合成課程{c + 1}",
                    "hours": rng.randint(4, 80) / 2,
                    "cost": rng.randint(10, 300) * 100,
                    "level": rng.randint(2, 5),
                    "covers": covers,
                }
            )
        data = {"provider": f"合成訓練單位{f // per_file + 1}", "courses": batch}
        text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
        (folder / "courses" / f"provider-{f // per_file + 1:03d}.yaml").write_text(
            text, encoding="utf-8"
        )
    with (folder / "learners.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "standard", "targets", "held"])
        for n in range(1, learners + 1):
            std = rng.choice(stds)
            tasks = [t["code"] for d in std["duties"] for t in d["tasks"]]
            duties = [d["code"] for d in std["duties"]]
            kind = rng.random()
            if kind < 0.15:
                targets: list[str] = []
            elif kind < 0.45:
                targets = rng.sample(duties, 1)
            else:
                targets = rng.sample(tasks, rng.randint(1, 2))
            items = item_codes[std["code"]]
            held = rng.sample(items, rng.choice((0, 0, 1, 2, 3)))
            writer.writerow([f"L{n:05d}", std["code"], ";".join(targets), ";".join(held)])


def timed(cmd: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Wall time of a command in a fresh process."""
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, done


def measure(folder: Path, repeat: int) -> dict:  # type: ignore[type-arg]
    """Time validate, one whole-standard plan after the load, and the batch."""
    folder = folder.resolve()
    data = ["--standards", str(folder / "standards"), "--catalogue", str(folder / "courses")]
    py = [sys.executable, "-m", "curriculum"]
    out: dict = {}  # type: ignore[type-arg]
    times = []
    for _ in range(repeat):
        elapsed, done = timed([*py, "validate", *data], ROOT)
        if done.returncode != 0:
            raise SystemExit(done.stderr)
        times.append(elapsed)
    out["validate_wall_s"] = sorted(times)
    out["validate_median_s"] = sorted(times)[len(times) // 2]
    out["validate_stdout"] = done.stdout.strip()[:60] + " ... " + done.stdout.strip()[-45:]

    code = (
        "import sys, time, json\n"
        "from curriculum.io.library import load_library\n"
        "from curriculum.planning.plan import plan_courses\n"
        "from curriculum.request import Request\n"
        "import ortools.sat.python.cp_model\n"
        "t = time.perf_counter()\n"
        f"lib = load_library([{str(folder / 'standards')!r}], [{str(folder / 'courses')!r}])\n"
        "load = time.perf_counter() - t\n"
        "t = time.perf_counter()\n"
        "plan = plan_courses(lib, Request.of('SYN0001-001v1'))\n"
        "first = time.perf_counter() - t\n"
        "t = time.perf_counter()\n"
        "for code in sorted(lib.standards)[1:21]:\n"
        "    plan_courses(lib, Request.of(code))\n"
        "more = (time.perf_counter() - t) / 20\n"
        "print(json.dumps({'load_in_process_s': load, 'plan_first_s': first,\n"
        "    'plan_mean_next_20_s': more, 'plan_status': plan.status,\n"
        "    'plan_courses': len(plan.courses), 'plan_hours': plan.total_hours}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    out.update(json.loads(done.stdout))

    target = folder / "plans.jsonl"
    elapsed, done = timed(
        [
            *py,
            "plan",
            "--batch",
            str(folder / "learners.csv"),
            *data,
            "--format",
            "json",
            "-o",
            str(target),
        ],
        ROOT,
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    lines = target.read_text(encoding="utf-8").splitlines()
    out["batch_wall_s"] = elapsed
    out["batch_plans"] = len(lines)
    statuses = [json.loads(line)["status"] for line in lines]
    out["batch_all_optimal"] = all(s == "optimal" for s in statuses)
    out["batch_stderr"] = done.stderr.strip()
    out["load_average_1min"] = os.getloadavg()[0]
    out["cpus"] = os.cpu_count()
    return out


def readme_section(out: dict) -> str:  # type: ignore[type-arg]
    """The ``national`` section of benchmarks/README.md, from :func:`measure`'s result."""
    load = out["load_average_1min"]
    plan = f"{out['plan_courses']} courses, {out['plan_hours']:g} h, {out['plan_status']}"
    table = markdown_table(
        ("measurement", f"load avg ≈ {load:.1f}", "target"),
        "lrr",
        [
            (
                f"`curriculum validate` (load and check everything), median of "
                f"{len(out['validate_wall_s'])}",
                f"{out['validate_median_s']:.1f} s",
                "< 10 s",
            ),
            ("loading in-process (`load_library`)", f"{out['load_in_process_s']:.1f} s", ""),
            (
                f"first whole-standard plan after the load (SYN0001-001v1: {plan})",
                f"{out['plan_first_s']:.2f} s",
                "< 1 s",
            ),
            (
                "mean of the next 20 whole-standard plans",
                f"{out['plan_mean_next_20_s'] * 1000:.1f} ms",
                "",
            ),
            (
                f"`plan --batch` for {out['batch_plans']:,} learners, JSON Lines, whole command",
                f"{out['batch_wall_s']:.1f} s",
                "< 60 s",
            ),
        ],
    )
    optimal = "all proven optimal" if out["batch_all_optimal"] else "NOT all proven optimal"
    return f"{table}\nBatch plans: {optimal}; {out['cpus']} CPUs.\n"


def main() -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="write the synthetic data")
    gen.add_argument("folder", type=Path)
    gen.add_argument("--seed", type=int, default=2026)
    gen.add_argument("--standards", type=int, default=1000)
    gen.add_argument("--courses", type=int, default=50_000)
    gen.add_argument("--learners", type=int, default=10_000)
    mes = sub.add_parser("measure", help="time validate, a plan and the batch")
    mes.add_argument("folder", type=Path)
    mes.add_argument("--repeat", type=int, default=3, help="validate runs")
    mes.add_argument(
        "--readme", action="store_true", help="rewrite the national section of benchmarks/README.md"
    )
    args = parser.parse_args()
    if args.command == "generate":
        generate(args.folder, args.seed, args.standards, args.courses, args.learners)
        return 0
    result = measure(args.folder, args.repeat)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.readme:
        write_section("national", readme_section(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
