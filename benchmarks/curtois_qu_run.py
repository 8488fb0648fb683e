"""One Curtois & Qu instance read, solved and checked, alone in a fresh process.

:func:`run_instance` does the work in the calling process; :func:`run_isolated`
runs it in a spawned child so that the peak memory it reports is that
instance's own, and turns an exception or the child's death into an
``error`` record instead of stopping the benchmark.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks import isolated
from scheduler.check import check
from scheduler.formats.curtois_qu import read_benchmark
from scheduler.large_solve import solve_large
from scheduler.solve import Progress

# A child that overruns its time limit this much is stuck (model building included).
STUCK_AFTER_S = 600.0


def run_instance(path: Path, *, time_limit: float, workers: int, seed: int) -> dict[str, Any]:
    """Read, solve and check one instance in this process; the raw record of the run."""
    started = time.perf_counter()
    instance = read_benchmark(path)
    read_s = time.perf_counter() - started
    points: list[list[float | None]] = []

    def record(progress: Progress) -> None:
        points.append([round(progress.wall_time_s, 4), progress.objective, progress.best_bound])

    started = time.perf_counter()
    result = solve_large(
        instance, time_limit=time_limit, workers=workers, seed=seed, on_progress=record
    )
    call_s = time.perf_counter() - started
    checked: dict[str, Any] | None = None
    if result.status.has_roster:
        try:
            report = check(instance, result.assignments)
        except ValueError as error:  # a roster naming what the instance lacks
            checked = {"error": str(error)}
        else:
            violations = report.violations
            checked = {
                "feasible": report.feasible,
                "objective": report.objective,
                "violations": len(violations),
                "violated_rules": dict(Counter(violation.rule for violation in violations)),
                "first_violation": violations[0].describe() if violations else None,
            }
    return {
        "days": instance.horizon.days,
        "staff": len(instance.team.agents),
        "shift_types": len(instance.shift_types),
        "status": result.status.value,
        "objective": result.objective,
        "best_bound": result.best_bound,
        "read_s": round(read_s, 4),
        "solve_call_s": round(call_s, 4),
        "solver_wall_s": round(result.wall_time_s, 4),
        "progress": points,
        "check": checked,
        "peak_rss_mib": isolated.peak_rss_mib(),
    }


def run_isolated(path: Path, *, time_limit: float, workers: int, seed: int) -> dict[str, Any]:
    """:func:`run_instance` in a fresh spawned process; an ``error`` record if it fails."""
    return isolated.run_isolated(
        run_instance, path, stuck_after_s=time_limit + STUCK_AFTER_S,
        time_limit=time_limit, workers=workers, seed=seed,
    )  # fmt: skip
