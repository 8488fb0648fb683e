"""Solve a tiny instance and confirm the roster with the independent checker."""

from __future__ import annotations

from collections import Counter

from scheduler.check import check
from scheduler.instance import Instance
from scheduler.result import Result, Status
from scheduler.solve import solve


def solve_and_check(instance: Instance) -> Result:
    """Solve to proven optimality (tiny cases take milliseconds) and cross-check.

    Every roster must pass every hard rule in the checker, and the checker's
    recomputed cost must equal the solver's objective rule by rule, penalty
    by penalty at the same place (agent, date, shift, interval).
    """
    result = solve(instance, time_limit=20, workers=2, seed=0)
    assert result.status in (Status.OPTIMAL, Status.INFEASIBLE), result.status
    if result.status is Status.OPTIMAL:
        report = check(instance, result.assignments)
        assert report.violations == ()
        assert report.cost_by_rule() == result.cost_by_rule()
        assert report.objective == result.objective
        assert Counter(report.penalties) == Counter(result.penalties)  # place by place
    return result


def places(result: Result, rule: str) -> list[tuple[str | None, str | None, str | None, int]]:
    """(agent, ISO date, shift, amount) of every penalty under ``rule``, sorted."""
    return sorted(
        (p.agent, p.date.isoformat() if p.date else None, p.shift, p.amount)
        for p in result.penalties
        if p.rule == rule
    )
