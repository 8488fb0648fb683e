"""Time to proven optimality on the default four-agent instance.

Solves the instance ``--runs`` times, each in a fresh process so that peak
memory is that solve's own, and writes the median and every run to
``benchmarks/results/default_instance.json``.

    python -m benchmarks.default_instance [--runs 10] [--workers 2] [--instance PATH]
        [--time-limit 60] [--parallel] [--out FILE]

``--parallel`` runs CP-SAT's workers as a racing portfolio instead of the
default reproducible interleaved order, to compare the two.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import resource
import statistics
import time
from pathlib import Path
from typing import Any

import ortools

from scheduler.instance import load_instance
from scheduler.model import build_model
from scheduler.problem import compile_problem
from scheduler.solve import solve

RESULTS = Path(__file__).parent / "results"
DEFAULT_INSTANCE = Path(__file__).parent.parent / "instances" / "four-agents.yaml"


def _one_run(
    path: str, workers: int, seed: int, time_limit: float, parallel: bool
) -> dict[str, Any]:
    started = time.perf_counter()
    instance = load_instance(path)
    result = solve(
        instance, time_limit=time_limit, workers=workers, seed=seed, deterministic=not parallel
    )
    return {
        "seed": seed,
        "status": result.status.value,
        "objective": result.objective,
        "best_bound": result.best_bound,
        "solve_s": round(result.wall_time_s, 4),
        "load_and_solve_s": round(time.perf_counter() - started, 4),
        # ru_maxrss is in KiB on Linux.
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _model_size(path: str) -> dict[str, int]:
    built = build_model(compile_problem(load_instance(path)))
    proto = built.model.proto
    return {"variables": len(proto.variables), "constraints": len(proto.constraints)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--instance", default=str(DEFAULT_INSTANCE))
    parser.add_argument("--parallel", action="store_true")
    parser.add_argument("--out", type=Path, default=RESULTS / "default_instance.json")
    args = parser.parse_args()

    context = multiprocessing.get_context("spawn")
    runs = []
    for seed in range(args.runs):
        with context.Pool(1) as pool:
            task = (args.instance, args.workers, seed, args.time_limit, args.parallel)
            runs.append(pool.apply(_one_run, task))
    optimal = [run["solve_s"] for run in runs if run["status"] == "OPTIMAL"]
    summary = {
        "instance": Path(args.instance).name,
        "runs": args.runs,
        "workers": args.workers,
        "mode": "parallel portfolio" if args.parallel else "deterministic (interleaved)",
        "time_limit_s": args.time_limit,
        "proven_optimal_runs": len(optimal),
        "objectives": sorted({run["objective"] for run in runs}),
        "median_time_to_optimal_s": round(statistics.median(optimal), 4) if optimal else None,
        "max_time_to_optimal_s": max(optimal) if optimal else None,
        "median_peak_rss_mib": statistics.median(run["peak_rss_mib"] for run in runs),
        "model": _model_size(args.instance),
        "machine": {
            "python": platform.python_version(),
            "ortools": ortools.__version__,
            "cpus": multiprocessing.cpu_count(),
            "processor": platform.machine(),
        },
        "per_run": runs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"{'seed':>4} {'status':<9} {'objective':>9} {'solve s':>8} {'peak MiB':>9}")
    for run in runs:
        print(
            f"{run['seed']:>4} {run['status']:<9} {run['objective']!s:>9} "
            f"{run['solve_s']:>8.3f} {run['peak_rss_mib']:>9.1f}"
        )
    print(
        f"median time to proven optimality: {summary['median_time_to_optimal_s']} s "
        f"({len(optimal)}/{args.runs} optimal); model {summary['model']}; written {args.out}"
    )


if __name__ == "__main__":
    main()
