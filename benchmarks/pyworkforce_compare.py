"""Side by side with pyworkforce: the same call forecast through both libraries.

    python -m benchmarks.pyworkforce_compare [--instances four-agents-demand,large-centre]
        [--time-limit 30] [--workers 2] [--pyworkforce-python PATH]

For every demand instance in ``instances/demand-example/``: the agents each
interval needs by roster's Erlang C and by pyworkforce's ``ErlangC`` (same
calls, AHT and service-level target, no shrinkage), then three plans against
the same per-interval head counts (roster's, which the instance is solved
with): roster's roster of named agents under the instance's rules, and
pyworkforce's ``MinAbsDifference`` and ``MinRequiredResources``, which only
choose how many people start each shift type on each day. Writes
``benchmarks/results/pyworkforce_compare.{csv,md,json}``. pyworkforce runs in
its own venv (see :mod:`benchmarks.pyworkforce_venv`).
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.coverage_measures import (
    PlanMeasures,
    head_count,
    measure_plan,
    plan_of_grid,
    plan_of_roster,
)
from benchmarks.pyworkforce_table import markdown_table, write_results
from benchmarks.pyworkforce_venv import pyworkforce_python, run_side
from scheduler.demand import read_profile, required_agents, required_by_interval
from scheduler.demand.profile import WEEKDAYS
from scheduler.instance import Instance, load_instance
from scheduler.instance.clock import MINUTES_PER_DAY
from scheduler.instance.demand import profile_path
from scheduler.problem import Problem, compile_problem
from scheduler.solve import solve

ROOT = Path(__file__).parent.parent
INSTANCES = ROOT / "instances" / "demand-example"
RESULTS = Path(__file__).parent / "results"
DEFAULT_INSTANCES = "four-agents-demand,large-centre"
PYWORKFORCE_SCHEDULERS = ("MinAbsDifference", "MinRequiredResources")
# The worked example found in Erlang C tutorials, to check both against:
# 100 calls in 30 minutes, AHT 180 s, 80 % in 20 s needs 14 agents, SL 88.8 %.
REFERENCE = {
    "calls": 100,
    "interval_minutes": 30,
    "aht_s": 180,
    "target_sl": 0.8,
    "answer_within_s": 20,
    "published_agents": 14,
    "published_sl": 0.888,
}


@dataclass(frozen=True)
class ErlangRow:
    """One profile row: its calls and the agents roster's Erlang C wants."""

    weekday: str
    start: int  # minutes after midnight
    calls: float
    aht_s: float
    roster_agents: int


@dataclass(frozen=True)
class DemandCase:
    name: str
    instance: Instance
    problem: Problem
    interval_minutes: int
    target_sl: float
    answer_within_s: float
    max_occupancy: float | None
    erlang: tuple[ErlangRow, ...]
    erlang_s: float


def prepare(name: str) -> DemandCase:
    """Load an instance and compute roster's Erlang C on its profile, timed alone."""
    path = INSTANCES / f"{name}.yaml"
    instance = load_instance(path)
    demand = instance.demand
    if demand is None:
        raise SystemExit(f"{path}: no demand section to compare")
    if demand.model != "C" or demand.target_sl is None or demand.answer_within_s is None:
        raise SystemExit(f"{path}: pyworkforce has Erlang C with a service-level target only")
    if demand.target_asa_s is not None:
        raise SystemExit(f"{path}: pyworkforce has no ASA target")
    profile = read_profile(profile_path(demand, path.parent))
    started = time.perf_counter()
    staffed = required_by_interval(
        profile,
        aht_s=demand.aht_s,
        target_sl=demand.target_sl,
        answer_within_s=demand.answer_within_s,
        max_occupancy=demand.max_occupancy,
        shrinkage=0.0,
        model="C",
    )
    erlang_s = time.perf_counter() - started
    rows = []
    for interval, row in zip(profile.intervals, staffed, strict=True):
        aht_s = interval.aht_s if interval.aht_s is not None else demand.aht_s
        assert aht_s is not None  # required_by_interval refused a row without one
        start = interval.start.hour * 60 + interval.start.minute
        rows.append(
            ErlangRow(row.weekday, start, interval.calls, aht_s, row.staffing.agents_on_phone)
        )
    problem = compile_problem(instance)
    _check_same_head_counts(path, problem, rows)
    for shift_type in instance.shift_types:
        if shift_type.end_after_start > MINUTES_PER_DAY:
            raise SystemExit(
                f"{path}: pyworkforce's day grid cannot hold {shift_type.id} past 24:00"
            )
    return DemandCase(
        name=name,
        instance=instance,
        problem=problem,
        interval_minutes=profile.interval_minutes,
        target_sl=demand.target_sl,
        answer_within_s=demand.answer_within_s,
        max_occupancy=demand.max_occupancy,
        erlang=tuple(rows),
        erlang_s=erlang_s,
    )


def _check_same_head_counts(path: Path, problem: Problem, rows: list[ErlangRow]) -> None:
    """The solver's head counts must be the Erlang numbers computed here, else the
    comparison would feed pyworkforce a different demand (a scaled profile, say)."""
    wanted = {(row.weekday, row.start): row.roster_agents for row in rows}
    for requirement in problem.interval_requirements:
        weekday = WEEKDAYS[problem.dates[requirement.day].weekday()]
        if wanted.get((weekday, requirement.start)) != head_count(requirement):
            raise SystemExit(
                f"{path}: the interval coverage on {weekday} {requirement.label} is not the "
                "profile's Erlang C head count; only plain demand instances compare"
            )


def pyworkforce_request(case: DemandCase, time_limit: float, workers: int) -> dict[str, Any]:
    """The same calls for ErlangC; the same head counts and shifts on a day x period grid."""
    length = case.interval_minutes
    periods = MINUTES_PER_DAY // length
    erlang = [
        {
            "calls": row.calls,
            "aht_s": row.aht_s,
            "interval_minutes": length,
            "target_sl": case.target_sl,
            "answer_within_s": case.answer_within_s,
            "max_occupancy": case.max_occupancy or 1.0,
        }
        for row in case.erlang
    ]
    shifts_coverage = {
        shift_type.id: [
            # roster's rule: the shift must cover the whole period to count for it.
            int(
                shift_type.start <= period * length
                and (period + 1) * length <= shift_type.end_after_start
            )
            for period in range(periods)
        ]
        for shift_type in case.instance.shift_types
    }
    required = [[0] * periods for _ in case.problem.dates]
    for requirement in case.problem.interval_requirements:
        if requirement.end - requirement.start != length:
            raise SystemExit(f"{case.name}: interval {requirement.label} is off the profile grid")
        required[requirement.day][requirement.start // length] = head_count(requirement)
    team_size = len(case.problem.agents)
    return {
        "erlang": erlang,
        "scheduling": {
            "num_days": len(case.problem.dates),
            "periods": periods,
            "shifts_coverage": shifts_coverage,
            "required_resources": required,
            # pyworkforce knows no agents; the team's size is the one limit it can share.
            "max_period_concurrency": team_size,
            "max_shift_concurrency": team_size,
            "time_limit": time_limit,
            "workers": workers,
            "seed": 0,
        },
    }


def compare(case: DemandCase, python: Path, time_limit: float, workers: int) -> dict[str, Any]:
    """Run both sides on one instance; its three table rows and the raw numbers."""
    answer = run_side(python, pyworkforce_request(case, time_limit, workers))
    started = time.perf_counter()
    # Timed around the whole call, compiling and building included, as pyworkforce's
    # solve() builds its model too.
    result = solve(case.instance, time_limit=time_limit, workers=workers, seed=0)
    roster_s = time.perf_counter() - started

    common = {"instance": case.name, "intervals": len(case.problem.interval_requirements)}
    roster_erlang, pyworkforce_erlang = _erlang_columns(case, answer["erlang"])
    roster_row: dict[str, Any] = {
        **common,
        "planner": "roster (named agents, rules)",
        **roster_erlang,
        "status": result.status.value,
        "solve_s": roster_s,
    }
    roster_measures = None
    if result.status.has_roster:
        roster_measures = measure_plan(
            case.problem, plan_of_roster(case.problem, result.assignments)
        )
        _check_coverage_cost(case.name, roster_measures, result.cost_by_rule())
        assert result.objective is not None
        roster_row |= _plan_columns(roster_measures) | {
            "other_rules_cost": result.objective - roster_measures.coverage_cost,
            "agents_used": len({assignment.agent for assignment in result.assignments}),
        }
    rows = [roster_row]
    plans = {}
    for name in PYWORKFORCE_SCHEDULERS:
        solution = answer["scheduling"][name]
        row: dict[str, Any] = {
            **common,
            "planner": f"pyworkforce {name} (shift counts)",
            **pyworkforce_erlang,
            "status": solution["status"],
            "solve_s": solution["seconds"],
        }
        if solution["status"] in ("OPTIMAL", "FEASIBLE"):
            plans[name] = measure_plan(case.problem, plan_of_grid(solution["resources"]))
            row |= _plan_columns(plans[name])
        rows.append(row)

    raw = {
        "instance": case.name,
        "interval_minutes": case.interval_minutes,
        "horizon_days": len(case.problem.dates),
        "shifts": list(case.problem.shifts),  # the column order of resources_by_day_and_shift
        "pyworkforce_version": answer["pyworkforce_version"],
        "pyworkforce_process_s": round(answer["process_s"], 3),
        "roster": {
            "status": result.status.value,
            "objective": result.objective,
            "best_bound": result.best_bound,
            "cp_sat_wall_s": round(result.wall_time_s, 3),
            "cost_by_rule": result.cost_by_rule(),
        },
        "pyworkforce": {
            name: {key: answer["scheduling"][name][key] for key in ("status", "cost", "best_bound")}
            | {"resources_by_day_and_shift": answer["scheduling"][name]["resources"]}
            for name in PYWORKFORCE_SCHEDULERS
        },
        "erlang": _erlang_by_interval(case, answer["erlang"]),
        "coverage": _coverage_by_interval(case.problem, roster_measures, plans),
    }
    return {"rows": rows, "raw": raw}


def _erlang_columns(
    case: DemandCase, pyworkforce: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Each side's Erlang C columns; pyworkforce's say where it departs from roster's."""
    differences = [
        abs(theirs - row.roster_agents)
        for row, theirs in zip(case.erlang, pyworkforce["positions"], strict=True)
    ]
    roster = {
        "erlang_agent_intervals": sum(row.roster_agents for row in case.erlang),
        "erlang_ms": case.erlang_s * 1000,
    }
    theirs = {
        "erlang_agent_intervals": sum(pyworkforce["positions"]),
        "erlang_ms": pyworkforce["seconds"] * 1000,
        "erlang_intervals_differ": sum(difference > 0 for difference in differences),
        "erlang_max_diff": max(differences, default=0),
    }
    return roster, theirs


def _erlang_by_interval(case: DemandCase, pyworkforce: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "weekday": row.weekday,
            "start": f"{row.start // 60:02d}:{row.start % 60:02d}",
            "calls": row.calls,
            "aht_s": row.aht_s,
            "roster_agents": row.roster_agents,
            "pyworkforce_agents": theirs,
            "pyworkforce_service_level": round(level, 4),
        }
        for row, theirs, level in zip(
            case.erlang, pyworkforce["positions"], pyworkforce["service_levels"], strict=True
        )
    ]


def _plan_columns(measures: PlanMeasures) -> dict[str, Any]:
    return {
        "duties": measures.duties,
        "paid_hours": measures.paid_hours,
        "busiest_day": measures.busiest_day,
        "short": measures.short,
        "over": measures.over,
        "intervals_short": measures.intervals_short,
        "coverage_cost": measures.coverage_cost,
        "fewest_agents": measures.fewest_agents,
    }


def _check_coverage_cost(name: str, measures: PlanMeasures, cost_by_rule: dict[str, int]) -> None:
    """Counting coverage here must agree with the solver's own breakdown."""
    solver_cost = cost_by_rule.get("interval_coverage.under", 0) + cost_by_rule.get(
        "interval_coverage.over", 0
    )
    if solver_cost != measures.coverage_cost:
        raise RuntimeError(
            f"{name}: coverage cost counted here {measures.coverage_cost}, "
            f"the solver's breakdown says {solver_cost}"
        )


def _coverage_by_interval(
    problem: Problem, roster: PlanMeasures | None, plans: dict[str, PlanMeasures]
) -> list[dict[str, Any]]:
    columns = ({"roster": roster} if roster else {}) | plans
    return [
        {
            "date": problem.dates[requirement.day].isoformat(),
            "interval": requirement.label,
            "required": head_count(requirement),
        }
        | {name: measures.coverage[index] for name, measures in columns.items()}
        for index, requirement in enumerate(problem.interval_requirements)
    ]


def reference_check(python: Path) -> dict[str, Any]:
    """Both Erlang C implementations on the published textbook example."""
    staffing = required_agents(
        REFERENCE["calls"],
        REFERENCE["interval_minutes"] * 60,
        REFERENCE["aht_s"],
        target_sl=REFERENCE["target_sl"],
        answer_within_s=REFERENCE["answer_within_s"],
    )
    request = {key: REFERENCE[key] for key in ("calls", "aht_s", "interval_minutes")}
    request |= {
        "target_sl": REFERENCE["target_sl"],
        "answer_within_s": REFERENCE["answer_within_s"],
    }
    answer = run_side(python, {"erlang": [request]})
    return REFERENCE | {
        "roster_agents": staffing.agents_on_phone,
        "roster_sl": staffing.service_level,
        "pyworkforce_agents": answer["erlang"]["positions"][0],
        "pyworkforce_sl": answer["erlang"]["service_levels"][0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", default=DEFAULT_INSTANCES, help="comma-separated names")
    parser.add_argument("--time-limit", type=float, default=30.0, help="seconds per solve")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pyworkforce-python", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()

    python = pyworkforce_python(args.pyworkforce_python)
    rows: list[dict[str, Any]] = []
    raw: dict[str, Any] = {
        "time_limit_s": args.time_limit,
        "workers": args.workers,
        "reference": reference_check(python),
        "instances": [],
    }
    for name in args.instances.split(","):
        case = prepare(name.strip())
        print(f"{case.name}: solving both sides ({args.time_limit:g} s limit each) ...")
        compared = compare(case, python, args.time_limit, args.workers)
        rows += compared["rows"]
        raw["instances"].append(compared["raw"])
    write_results(rows, raw, args.out)
    print(markdown_table(rows, raw))
    print(f"written {args.out}/pyworkforce_compare.{{csv,md,json}}")


if __name__ == "__main__":
    main()
