"""How solving grows with the team and the horizon: synthetic call centres of each size (issue 8).

    python -m benchmarks.scale [--agents 20,50,200,500] [--weeks 3,6,12] [--time-limit 60]
        [--workers 2] [--seed 0] [--max-variables 3000000] [--out benchmarks/results/scale]

Every (agents, weeks) pair of the grid is a team from
:func:`benchmarks.scale_instances.synthetic_team`, run alone in a fresh spawned
process so that its peak memory is its own: the model is built once on its own
to measure its size and build time, then ``solve_large`` runs with the time
limit, recording each improving roster. A case whose estimated variable count
exceeds ``--max-variables`` is skipped (the estimate is linear in agents and
days, fitted on two one-week builds); a child that raises or dies is recorded
as an error and the next case runs. The output directory gets
``results.csv``, ``results.md`` (with the growth exponents and whether the
target below was met), ``results.json`` (with the progress points) and
``scale.png``.

Target, reported and never asserted: 200 agents x 6 weeks has a first roster
within 10 s and is within 2 % of the bound at 120 s.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import isolated
from benchmarks.result_files import run_header
from benchmarks.scale_instances import synthetic_team
from benchmarks.scale_table import TARGET, format_progress_line, write_results
from scheduler.large_solve import solve_large
from scheduler.model import build_model
from scheduler.problem import compile_problem
from scheduler.solve import Progress

RESULTS = Path(__file__).parent / "results" / "scale"
CHECKPOINT_S = 10.0
"""The early look at objective and bound (and the target's time to a first roster)."""
STUCK_AFTER_S = 900.0
"""A child this far past its time limit is stuck (building a big model takes a while)."""
CALIBRATION_AGENTS = (10, 20)


def run_case(
    agents: int, weeks: int, *, time_limit: float, workers: int, seed: int
) -> dict[str, Any]:
    """Generate, measure and solve one synthetic team in this process; the raw record."""
    rss_start = isolated.peak_rss_mib()
    started = time.perf_counter()
    instance = synthetic_team(agents, weeks)
    generate_s = time.perf_counter() - started

    started = time.perf_counter()
    problem = compile_problem(instance)
    built = build_model(problem)
    build_s = time.perf_counter() - started
    variables, constraints = len(built.model.proto.variables), len(built.model.proto.constraints)
    rss_built = isolated.peak_rss_mib()
    # solve_large builds its own model: let this one go first.
    del built, problem
    gc.collect()

    points: list[list[float | None]] = []

    def record(progress: Progress) -> None:
        points.append([round(progress.wall_time_s, 3), progress.objective, progress.best_bound])

    started = time.perf_counter()
    result = solve_large(
        instance, time_limit=time_limit, workers=workers, seed=seed, on_progress=record
    )
    solve_call_s = time.perf_counter() - started
    return {
        "days": instance.horizon.days,
        "shift_types": len(instance.shift_types),
        "wanted_agent_intervals": sum(
            (entry.preferred or entry.min) * (len(entry.dates) or len(entry.weekdays) * weeks)
            for entry in instance.interval_coverage
        ),
        "generate_s": round(generate_s, 3),
        "build_s": round(build_s, 3),
        "variables": variables,
        "constraints": constraints,
        "status": result.status.value,
        "objective": result.objective,
        "best_bound": result.best_bound,
        "solve_call_s": round(solve_call_s, 3),
        "progress": points,
        "rss_start_mib": rss_start,
        "rss_after_build_mib": rss_built,
        "peak_rss_mib": isolated.peak_rss_mib(),
    }


def run_isolated(
    agents: int, weeks: int, *, time_limit: float, workers: int, seed: int
) -> dict[str, Any]:
    """:func:`run_case` in a fresh spawned process; an ``error`` record if it fails."""
    return isolated.run_isolated(
        run_case, agents, weeks, stuck_after_s=time_limit + STUCK_AFTER_S,
        time_limit=time_limit, workers=workers, seed=seed,
    )  # fmt: skip


class VariableEstimate:
    """Variables as ``days x (per_agent_day x agents + per_day)``, before building a model.

    Fitted on two one-week builds: the large centre's rule families add
    variables per agent and day (shifts, runs, rest, weekly sums) or per day
    (interval coverage), and models of 20 to 80 agents over 1 to 6 weeks
    follow this to within a few variables.
    """

    def __init__(self) -> None:
        small, large = CALIBRATION_AGENTS
        small_count, large_count = _variables(small), _variables(large)
        self.per_agent_day = (large_count - small_count) / 7 / (large - small)
        self.per_day = small_count / 7 - self.per_agent_day * small

    def __call__(self, agents: int, weeks: int) -> int:
        return round(7 * weeks * (self.per_agent_day * agents + self.per_day))


def _variables(agents: int) -> int:
    return len(build_model(compile_problem(synthetic_team(agents, 1))).model.proto.variables)


def summarize(agents: int, weeks: int, record: dict[str, Any]) -> dict[str, Any]:
    """The raw record with the case and derived columns (per agent-day, first roster, gaps)."""
    days = 7 * weeks
    summary: dict[str, Any] = {"agents": agents, "weeks": weeks, "days": days}
    summary["agent_days"] = agents * days
    summary |= record
    if record.get("error") or record.get("skipped"):
        return summary
    points = record["progress"]
    early = _at(record, CHECKPOINT_S)
    summary |= {
        "variables_per_agent_day": round(record["variables"] / (agents * days), 1),
        "constraints_per_agent_day": round(record["constraints"] / (agents * days), 1),
        "first_roster_s": points[0][0] if points else None,
        "objective_10s": early[0],
        "bound_10s": early[1],
        "gap_10s_pct": gap_pct(*early),
        "gap_pct": gap_pct(record["objective"], record["best_bound"]),
        "gap_120s_pct": gap_pct(*_at(record, TARGET["at_s"])),
    }
    return summary


def _at(record: dict[str, Any], seconds: float) -> tuple[float | None, float | None]:
    """Objective and bound at ``seconds``: the final ones if the call had ended by then."""
    if record["solve_call_s"] <= seconds:
        return record["objective"], record["best_bound"]
    return value_at(record["progress"], seconds)


def value_at(points: list[list[Any]], seconds: float) -> tuple[float | None, float | None]:
    """Objective and bound of the last progress point at or before ``seconds``.

    ``solve_large`` reports the bound only with a roster, so this is the bound
    as of that roster: the true bound at ``seconds`` may be higher, the gap smaller.
    """
    reached = [point for point in points if point[0] <= seconds]
    return (reached[-1][1], reached[-1][2]) if reached else (None, None)


def gap_pct(objective: float | None, bound: float | None) -> float | None:
    """``100 (objective - bound) / objective``, CP-SAT's relative gap in percent."""
    if objective is None or bound is None:
        return None
    return round(100 * (objective - bound) / max(1.0, abs(objective)), 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.scale", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--agents", type=isolated.positive_list, default=[20, 50, 200, 500])
    parser.add_argument("--weeks", type=isolated.positive_list, default=[3, 6, 12])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-variables", type=int, default=3_000_000)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.weeks[-1] > 104:
        parser.error("--weeks: a horizon has at most 104 weeks")
    if args.time_limit <= 0 or args.workers < 1:
        parser.error("--time-limit must be positive and --workers at least 1")

    estimate = VariableEstimate()
    records = []
    for weeks in args.weeks:
        for agents in args.agents:
            started = time.perf_counter()
            estimated = estimate(agents, weeks)
            if estimated > args.max_variables:
                skipped = (
                    f"estimated {estimated:,} variables > --max-variables {args.max_variables:,}"
                )
                raw: dict[str, Any] = {"skipped": skipped}
            else:
                raw = run_isolated(
                    agents, weeks, time_limit=args.time_limit, workers=args.workers, seed=args.seed
                )
            records.append(summarize(agents, weeks, {"estimated_variables": estimated, **raw}))
            print(format_progress_line(records[-1], time.perf_counter() - started), flush=True)

    run = {
        **run_header("benchmarks.scale", argv),
        "time_limit_s": args.time_limit,
        "workers": args.workers,
        "seed": args.seed,
        "max_variables": args.max_variables,
    }
    table = write_results(records, run, args.out)
    print(table, end="")
    print(f"written to {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
