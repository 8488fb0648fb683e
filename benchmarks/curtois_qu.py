"""The public Curtois & Qu (2014) benchmark: each instance solved by ``solve_large`` and re-checked.

    python -m benchmarks.curtois_qu --data-dir DIR [--instances 1,2,...] [--time-limit 60]
        [--workers 2] [--seed 0] [--out benchmarks/results/curtois_qu]

The instance files (``Instance1.txt`` ... ``Instance24.txt``) are never part of
the repository: they are read from ``--data-dir`` or, without it, from the
directory named by the environment variable ``ROSTER_CURTOIS_QU_DIR``.
Defaults: every instance present in that directory, 60 s and 2 workers per
instance, seed 0, results in ``benchmarks/results/curtois_qu/``.

Each instance runs alone in a fresh spawned process, so that its peak memory
is its own: read the file, solve, record each improving roster and bound, and
score the roster with the independent checker. A child that raises or dies is
recorded as an error and the next instance runs. The output directory gets
``results.csv``, ``results.md``, ``results.json`` (with the progress points)
and ``objective_vs_time.png``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import isolated
from benchmarks.curtois_qu_run import run_isolated
from benchmarks.curtois_qu_table import format_progress_line, write_results
from benchmarks.result_files import run_header

ENV_VAR = "ROSTER_CURTOIS_QU_DIR"
RESULTS = Path(__file__).parent / "results" / "curtois_qu"
FILE_NAME = re.compile(r"Instance(\d+)\.txt")

BEST_KNOWN: dict[int, tuple[int, str]] = {
    1: (607, "optimal"),
    2: (828, "optimal"),
    3: (1001, "optimal"),
    4: (1716, "optimal"),
    5: (1143, "lower bound 1141"),
    6: (1950, "lower bound 1949"),
    7: (1056, "lower bound 1055"),
    8: (1300, "optimal"),
    9: (439, "optimal"),
    10: (4631, "reported optimal"),
    11: (3443, "reported optimal"),
    12: (4040, "reported optimal"),
    13: (1348, "optimal"),
    14: (1278, "optimal"),
    15: (3829, "lower bound 3823"),
    16: (3225, "optimal"),
    17: (5746, "optimal"),
    18: (4459, "optimal"),
    19: (3149, "lower bound 3148"),
    20: (4769, "reported optimal"),
    21: (21133, "reported optimal"),
    22: (30241, "reported optimal"),
    23: (17428, "open"),
    24: (42463, "open"),
}
"""Best known objective and its status per instance (schedulingbenchmarks.org/nrp)."""

GUROBI_10_MIN: dict[int, int] = {
    **{number: BEST_KNOWN[number][0] for number in (1, 2, 3, 4, 5, 6, 7, 9, 10, 11)},
    8: 8995,
    13: 500410,
}
"""What Gurobi reached in 10 minutes in the 2014 paper (no figure for the others)."""


class DataError(Exception):
    """The data directory or an instance file is missing; the message is one line."""


def available_instances(data_dir: Path) -> dict[int, Path]:
    """Instance number -> file for every ``InstanceN.txt`` in ``data_dir``."""
    found = {}
    for path in data_dir.iterdir():
        match = FILE_NAME.fullmatch(path.name)
        if match:
            found[int(match.group(1))] = path
    return dict(sorted(found.items()))


def select_instances(data_dir: Path, wanted: list[int] | None) -> dict[int, Path]:
    if not data_dir.is_dir():
        raise DataError(f"data directory {data_dir} does not exist or is not a directory")
    try:
        available = available_instances(data_dir)
    except OSError as error:
        raise DataError(f"cannot list {data_dir}: {error.strerror}") from None
    if wanted is None:
        if not available:
            raise DataError(f"no InstanceN.txt file in {data_dir}")
        return available
    missing = [number for number in wanted if number not in available]
    if missing:
        names = ", ".join(f"Instance{number}.txt" for number in missing)
        raise DataError(f"{names} not found in {data_dir}")
    return {number: available[number] for number in wanted}


def summarize(number: int, record: dict[str, Any]) -> dict[str, Any]:
    """The raw record with the instance number, reference values and derived columns."""
    best_known, best_known_status = BEST_KNOWN.get(number, (None, None))
    objective = record.get("objective")
    points = record.get("progress", [])
    improving = _improving_points(points)
    # A final roster better than any reported one has no known time.
    reported_best = improving and objective is not None and improving[-1][1] <= objective
    gurobi = GUROBI_10_MIN.get(number)
    return {
        "instance": number,
        **record,
        "best_known": best_known,
        "best_known_status": best_known_status,
        "gap_to_best_known_pct": (
            None
            if objective is None or not best_known
            else round(100 * (objective - best_known) / best_known, 2)
        ),
        "time_to_first_s": improving[0][0] if improving else None,
        "time_to_best_s": improving[-1][0] if reported_best else None,
        "check_confirmed": _confirmed(objective, record.get("check")),
        "gurobi_10_min": gurobi,
        "vs_gurobi_10_min": None if record.get("error") else _versus(objective, gurobi),
    }


def _improving_points(points: list[list[Any]]) -> list[list[Any]]:
    improving: list[list[Any]] = []
    for point in points:
        if point[1] is not None and (not improving or point[1] < improving[-1][1]):
            improving.append(point)
    return improving


def _confirmed(objective: int | None, checked: dict[str, Any] | None) -> str | None:
    if checked is None:
        return None
    if "error" in checked:
        return f"no: the checker rejected the roster: {checked['error']}"
    problems = []
    if not checked["feasible"]:
        rules = ", ".join(f"{rule} x{count}" for rule, count in checked["violated_rules"].items())
        problems.append(f"{checked['violations']} hard violations ({rules})")
    if checked["objective"] != objective:
        problems.append(f"check objective {checked['objective']} vs solver {objective}")
    return "yes" if not problems else "no: " + "; ".join(problems)


def _versus(objective: int | None, reference: int | None) -> str | None:
    if reference is None:
        return None
    if objective is None:
        return "behind (no roster)"
    return "ahead" if objective < reference else "level" if objective == reference else "behind"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.curtois_qu", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--data-dir", type=Path, default=None, help=f"default: ${ENV_VAR}")
    parser.add_argument("--instances", type=isolated.positive_list, default=None, help="e.g. 1,2,3")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    data_dir = args.data_dir or (Path(os.environ[ENV_VAR]) if os.environ.get(ENV_VAR) else None)
    try:
        if data_dir is None:
            raise DataError(f"no data directory: give --data-dir or set {ENV_VAR}")
        selected = select_instances(data_dir, args.instances)
    except DataError as error:
        print(f"curtois_qu: error: {error}", file=sys.stderr)
        return 2

    records = []
    for number, path in selected.items():
        started = time.perf_counter()
        raw = run_isolated(path, time_limit=args.time_limit, workers=args.workers, seed=args.seed)
        records.append(summarize(number, raw))
        print(format_progress_line(records[-1], time.perf_counter() - started), flush=True)

    run = {
        **run_header("benchmarks.curtois_qu", argv),
        "data_dir": str(data_dir),
        "time_limit_s": args.time_limit,
        "workers": args.workers,
        "seed": args.seed,
    }
    table = write_results(records, run, args.out)
    print(table, end="")
    print(f"written to {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
