"""Where model building spends its time: seconds, variables and constraints per rule family.

    .venv/bin/python -m benchmarks.model_profile INSTANCE_FILE [--curtois-qu] [--out JSON]

Measured before optimising the builder for the Curtois & Qu instances (issue 8);
the JSON goes to ``benchmarks/results/`` when ``--out`` is given.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from ortools.sat.python import cp_model

from scheduler.instance import load_instance
from scheduler.model.context import ModelContext
from scheduler.model.registry import RULE_FAMILIES
from scheduler.model.variables import create_variables
from scheduler.problem import compile_problem


def profile(path: Path, curtois_qu: bool) -> dict[str, object]:
    if curtois_qu:
        from scheduler.formats.curtois_qu import read_benchmark

        instance = read_benchmark(path)
    else:
        instance = load_instance(path)
    started = time.perf_counter()
    problem = compile_problem(instance)
    compiled = time.perf_counter() - started
    model = cp_model.CpModel()
    started = time.perf_counter()
    variables = create_variables(problem, model)
    rows = [_row("variables", time.perf_counter() - started, model, 0, 0)]
    context = ModelContext(problem, model, variables, group_literals=None)
    for name, add in RULE_FAMILIES:
        proto = model.proto
        before_vars, before_cons = len(proto.variables), len(proto.constraints)
        started = time.perf_counter()
        add(context)
        rows.append(_row(name, time.perf_counter() - started, model, before_vars, before_cons))
    return {
        "instance": str(path),
        "agents": len(problem.agents),
        "days": problem.num_days,
        "shift_types": len(problem.shifts),
        "compile_s": round(compiled, 3),
        "families": rows,
    }


def _row(
    name: str, seconds: float, model: cp_model.CpModel, vars0: int, cons0: int
) -> dict[str, object]:
    proto = model.proto
    return {
        "family": name,
        "seconds": round(seconds, 3),
        "variables": len(proto.variables) - vars0,
        "constraints": len(proto.constraints) - cons0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instance", type=Path)
    parser.add_argument("--curtois-qu", action="store_true", help="Read the benchmark text format.")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    report = profile(args.instance, args.curtois_qu)
    for row in report["families"]:  # type: ignore[attr-defined]
        print(
            f"{row['family']:>18} {row['seconds']:8.2f} s {row['variables']:>9} vars {row['constraints']:>9} constraints"
        )
    if args.out:
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
