"""One Curtois & Qu instance read, solved and checked, alone in a fresh process.

:func:`run_instance` does the work in the calling process; :func:`run_isolated`
runs it in a spawned child so that the peak memory it reports is that
instance's own, and turns an exception or the child's death into an
``error`` record instead of stopping the benchmark.
"""

from __future__ import annotations

import multiprocessing
import resource
import signal
import time
import traceback
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

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
        # ru_maxrss is in KiB on Linux.
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _child(connection: Connection, path: Path, options: dict[str, Any]) -> None:
    try:
        record = run_instance(path, **options)
    except BaseException as error:  # the parent records it and goes on
        record = {
            "error": f"{type(error).__name__}: {error}".splitlines()[0],
            "traceback": traceback.format_exc(),
        }
    connection.send(record)
    connection.close()


def run_isolated(path: Path, *, time_limit: float, workers: int, seed: int) -> dict[str, Any]:
    """:func:`run_instance` in a fresh spawned process; an ``error`` record if it fails."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    options = {"time_limit": time_limit, "workers": workers, "seed": seed}
    process = context.Process(target=_child, args=(sender, path, options), daemon=True)
    process.start()
    sender.close()  # so that the child's death reads as end of file here
    record: dict[str, Any]
    try:
        if receiver.poll(time_limit + STUCK_AFTER_S):
            record = receiver.recv()
        else:
            process.kill()
            record = {"error": f"no answer after {time_limit + STUCK_AFTER_S:.0f} s, killed"}
    except EOFError:
        record = {}
    process.join()
    if not record:
        code = process.exitcode
        cause = f"signal {signal.Signals(-code).name}" if code and code < 0 else f"exit code {code}"
        record = {"error": f"child process died ({cause})"}
    return record
