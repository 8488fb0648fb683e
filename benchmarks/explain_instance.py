"""Time to explain an infeasible instance: the minimal conflict and verified relaxations.

    python -m benchmarks.explain_instance [--runs 5] [--instance PATH] [--out FILE]

Each run is a fresh process. Writes ``benchmarks/results/explain_two_days_off.json``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import statistics
import time
from pathlib import Path
from typing import Any

from scheduler.explain.conflict import find_conflict
from scheduler.explain.relax import propose_relaxations
from scheduler.instance import load_instance

RESULTS = Path(__file__).parent / "results"
DEFAULT_INSTANCE = Path(__file__).parent.parent / "instances" / "four-agents-two-days-off.yaml"


def _one_run(path: str, seed: int) -> dict[str, Any]:
    instance = load_instance(path)
    started = time.perf_counter()
    conflict = find_conflict(instance, seed=seed)
    found = time.perf_counter()
    assert conflict is not None, "the instance is feasible: nothing to explain"
    relaxations = propose_relaxations(instance, conflict.groups, "en", seed=seed)
    done = time.perf_counter()
    return {
        "seed": seed,
        "conflict_groups": len(conflict.groups),
        "conflict_minimal": conflict.minimal,
        "feasibility_checks": conflict.checks,
        "conflict_s": round(found - started, 3),
        "relaxations": len(relaxations),
        "verified": sum(r.verified for r in relaxations),
        "relaxations_s": round(done - found, 3),
        "total_s": round(done - started, 3),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--instance", default=str(DEFAULT_INSTANCE))
    parser.add_argument("--out", type=Path, default=RESULTS / "explain_two_days_off.json")
    args = parser.parse_args()
    context = multiprocessing.get_context("spawn")
    runs = []
    for seed in range(args.runs):
        with context.Pool(1) as pool:
            runs.append(pool.apply(_one_run, (args.instance, seed)))
    summary = {
        "instance": Path(args.instance).name,
        "runs": args.runs,
        "median_total_s": statistics.median(run["total_s"] for run in runs),
        "median_conflict_s": statistics.median(run["conflict_s"] for run in runs),
        "median_relaxations_s": statistics.median(run["relaxations_s"] for run in runs),
        "target_s": 5.0,
        "per_run": runs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(
        f"{'seed':>4} {'groups':>6} {'checks':>6} {'conflict s':>10} {'relax s':>8} {'total s':>8}"
    )
    for run in runs:
        print(
            f"{run['seed']:>4} {run['conflict_groups']:>6} {run['feasibility_checks']:>6} "
            f"{run['conflict_s']:>10.2f} {run['relaxations_s']:>8.2f} {run['total_s']:>8.2f}"
        )
    print(f"median time to explain: {summary['median_total_s']} s (target 5 s); written {args.out}")


if __name__ == "__main__":
    main()
