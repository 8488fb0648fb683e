"""The pyworkforce half of the comparison, run by pyworkforce's own interpreter.

    benchmarks/.venv-pyworkforce/bin/python benchmarks/pyworkforce_side.py < request.json

It imports nothing from roster (that venv does not have it): it reads one JSON
request on stdin, runs pyworkforce's ``ErlangC`` on every interval and, if
asked, ``MinAbsDifference`` and ``MinRequiredResources`` on one day-by-period
grid, and prints one JSON answer on stdout. Times are measured here, around
pyworkforce's own calls, so the interpreter start and the imports (about a
second with pandas and OR-Tools) are not charged to either model.

Request::

    {"erlang": [{"calls": 7, "aht_s": 300, "interval_minutes": 15,
                 "target_sl": 0.8, "answer_within_s": 20, "max_occupancy": 1.0}, ...],
     "scheduling": {"num_days": 7, "periods": 96, "shifts_coverage": {"E1": [0, 1, ...]},
                    "required_resources": [[...], ...], "max_period_concurrency": 40,
                    "max_shift_concurrency": 40, "time_limit": 30, "workers": 2, "seed": 0}}
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import pyworkforce
from pyworkforce.queuing import ErlangC
from pyworkforce.scheduling import MinAbsDifference, MinRequiredResources

SCHEDULERS = {"MinAbsDifference": MinAbsDifference, "MinRequiredResources": MinRequiredResources}


def required_positions(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Positions per interval; pyworkforce's time units are free, we pass minutes."""
    positions = []
    service_levels = []
    started = time.perf_counter()
    for row in rows:
        if row["calls"] == 0:
            # ErlangC refuses 0 transactions (ValueError); no calls need no one.
            positions.append(0)
            service_levels.append(1.0)
            continue
        erlang = ErlangC(
            transactions=row["calls"],
            aht=row["aht_s"] / 60,
            # pyworkforce calls it ``asa`` but uses it as the service-level threshold T.
            asa=row["answer_within_s"] / 60,
            interval=row["interval_minutes"],
            shrinkage=0.0,
        )
        answer = erlang.required_positions(
            service_level=row["target_sl"], max_occupancy=row.get("max_occupancy", 1.0)
        )
        positions.append(answer["raw_positions"])
        service_levels.append(answer["service_level"])
    return {
        "positions": positions,
        "service_levels": service_levels,
        "seconds": time.perf_counter() - started,
    }


def schedule(request: dict[str, Any], name: str) -> dict[str, Any]:
    """One pyworkforce shift scheduler on the grid: shifts per day, no agents."""
    scheduler = SCHEDULERS[name](
        num_days=request["num_days"],
        periods=request["periods"],
        shifts_coverage=request["shifts_coverage"],
        required_resources=request["required_resources"],
        max_period_concurrency=request["max_period_concurrency"],
        max_shift_concurrency=request["max_shift_concurrency"],
        max_search_time=float(request["time_limit"]),  # it insists on a float
        num_search_workers=request["workers"],
    )
    # pyworkforce stores num_search_workers as a plain attribute of the CpSolver,
    # which CP-SAT ignores (it would use every core); set the real parameters.
    scheduler.solver.parameters.num_workers = request["workers"]
    scheduler.solver.parameters.random_seed = request.get("seed", 0)
    started = time.perf_counter()
    solution = scheduler.solve()
    seconds = time.perf_counter() - started
    shifts = list(request["shifts_coverage"])
    resources = [[0] * len(shifts) for _ in range(request["num_days"])]
    for entry in solution["resources_shifts"]:
        if entry["day"] >= 0:
            resources[entry["day"]][shifts.index(entry["shift"])] = entry["resources"]
    return {
        "status": solution["status"],
        "cost": solution["cost"],
        "best_bound": scheduler.solver.BestObjectiveBound(),
        "resources": resources,
        "seconds": seconds,
    }


def main() -> None:
    request = json.load(sys.stdin)
    answer: dict[str, Any] = {
        "pyworkforce_version": pyworkforce.__version__,
        "erlang": required_positions(request["erlang"]),
    }
    if request.get("scheduling"):
        answer["scheduling"] = {name: schedule(request["scheduling"], name) for name in SCHEDULERS}
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
