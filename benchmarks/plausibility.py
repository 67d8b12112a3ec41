"""Measure the claim-plausibility check (DOUBTFUL) and ``courses suggest``.

Usage (from the repository root)::

    python benchmarks/plausibility.py            # print the figures
    python benchmarks/plausibility.py --json
    python benchmarks/plausibility.py --readme   # also rewrite benchmarks/README.md

The labelled set is built from the shipped data: the example catalogue
(``courses/example-provider.yaml``, standard BAS1499-001v4) and the 3D-printing
example catalogue (``examples/3d-printing-courses.csv``, standards AVA2173-001v4,
APP7322-001v4, MEM3400-001v1). Every claim a course makes is taken as true.

- **DOUBTFUL**: the share of true claims flagged, against the share of corrupted
  claims flagged, where each claim is moved to a course of the same standard that
  does not claim it (chosen at random, seed fixed).
- **suggest**: for each of ``--folds`` random splits, a third of each course's
  claims (at least one, for courses with two or more) is held out; ``suggest``
  sees the remaining claims and proposes items; a proposal is right when it is a
  held-out claim. Precision = right proposals / proposals; recall = held-out
  claims proposed / held-out claims. Figures are pooled over the folds.

Everything is deterministic (fixed seeds, no timings).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.readme import markdown_table, write_section  # noqa: E402
from curriculum.io.library import load_library  # noqa: E402
from curriculum.reviewing.plausibility import (  # noqa: E402
    DOUBT_THRESHOLD,
    build_model,
    course_text,
    doubtful_claims,
    suggest_claims,
)

CATALOGUES = [ROOT / "courses", ROOT / "examples" / "3d-printing-courses.csv"]


def labelled_sets() -> list[tuple[Any, dict[str, str], dict[str, list[str]]]]:
    """(standard, course texts, course → claims) for each standard with courses."""
    library = load_library([ROOT / "standards"], CATALOGUES)
    sets = []
    for code, standard in sorted(library.standards.items()):
        courses = [c for c in library.courses.values() if c.items_for(code)]
        if courses:
            texts = {c.code: course_text(c) for c in courses}
            sets.append((standard, texts, {c.code: list(c.items_for(code)) for c in courses}))
    return sets


def doubtful_rates(sets: list[Any], threshold: float, seed: int = 15) -> dict[str, Any]:
    """Shares of true and of corrupted claims flagged DOUBTFUL."""
    rng = random.Random(seed)
    true_n = true_flag = bad_n = bad_flag = 0
    for standard, texts, claims in sets:
        model = build_model(standard, texts)
        true_n += sum(len(v) for v in claims.values())
        true_flag += len(doubtful_claims(model, claims, threshold))
        for items in claims.values():
            for item in items:
                other = rng.choice(sorted(c for c in claims if item not in claims[c]))
                moved = {other: [*claims[other], item]}
                flagged = doubtful_claims(model, moved, threshold)
                bad_n += 1
                bad_flag += any(s.item == item for s in flagged)
    return {
        "threshold": threshold,
        "true_claims": true_n,
        "true_flagged": true_flag,
        "corrupted_claims": bad_n,
        "corrupted_flagged": bad_flag,
    }


def suggest_scores(sets: list[Any], top: int, context: bool, folds: int = 5) -> dict[str, Any]:
    """Pooled precision and recall of ``suggest`` on held-out claims."""
    proposed = right = held_total = found = 0
    for fold in range(folds):
        rng = random.Random(1000 + fold)
        for standard, texts, claims in sets:
            model = build_model(standard, texts)
            kept: dict[str, list[str]] = {}
            held: dict[str, set[str]] = {}
            for course, items in claims.items():
                items = list(items)
                rng.shuffle(items)
                n = len(items) // 3 or (1 if len(items) > 1 else 0)
                held[course], kept[course] = set(items[:n]), items[n:]
            for s in suggest_claims(model, kept, top=top, context=context):
                proposed += 1
                right += s.item in held[s.course]
            held_total += sum(len(h) for h in held.values())
            found += sum(
                1
                for s in suggest_claims(model, kept, top=top, context=context)
                if s.item in held[s.course]
            )
    return {
        "top": top,
        "context": context,
        "proposed": proposed,
        "right": right,
        "held_out": held_total,
        "precision": round(right / proposed, 3) if proposed else None,
        "recall": round(found / held_total, 3) if held_total else None,
    }


def run() -> dict[str, Any]:
    """Every figure of the benchmark."""
    sets = labelled_sets()
    return {
        "standards": [s.code for s, _, _ in sets],
        "courses": sum(len(t) for _, t, _ in sets),
        "doubtful": [doubtful_rates(sets, t) for t in (0.03, DOUBT_THRESHOLD, 0.1)],
        "suggest": [
            suggest_scores(sets, top, context) for context in (False, True) for top in (1, 3)
        ],
    }


def readme_section(results: dict[str, Any]) -> str:
    """The plausibility section of benchmarks/README.md."""

    def pct(a: int, b: int) -> str:
        return f"{a}/{b} ({a / b:.0%})"

    doubt = markdown_table(
        ["threshold", "true claims flagged", "corrupted claims flagged"],
        "rrr",
        [
            [
                d["threshold"],
                pct(d["true_flagged"], d["true_claims"]),
                pct(d["corrupted_flagged"], d["corrupted_claims"]),
            ]
            for d in results["doubtful"]
        ],
    )
    suggest = markdown_table(
        ["method", "top", "proposals", "precision", "recall"],
        "lrrrr",
        [
            [
                "text + other claims" if s["context"] else "course text only",
                s["top"],
                s["proposed"],
                f"{s['precision']:.0%}",
                f"{s['recall']:.0%}",
            ]
            for s in results["suggest"]
        ],
    )
    return (
        f"Standards {', '.join(results['standards'])}; {results['courses']} courses "
        "(`python benchmarks/plausibility.py`).\n\n"
        f"{doubt}\n{suggest}"
    )


def main() -> None:
    """Measure and print (and with ``--readme`` write) the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--readme", action="store_true", help="rewrite the plausibility section of README.md"
    )
    args = parser.parse_args()
    results = run()
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        print(readme_section(results))
    if args.readme:
        write_section("plausibility", readme_section(results))


if __name__ == "__main__":
    main()
