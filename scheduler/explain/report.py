"""One explanation of an instance: gaps, then either the conflict or the trade-offs.

:func:`explain` is what ``roster explain`` shows: the coverage gaps of the
service window, and then, if the hard rules cannot all hold, a minimal set of
conflicting rules with verified relaxations; if they can, the trade-offs of
the best roster. :func:`explain_infeasibility` is the second half alone, for
``roster solve`` after it has proven a problem infeasible.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from scheduler.explain.conflict import UndecidedError, find_conflict
from scheduler.explain.describe import ConflictItem, describe_groups
from scheduler.explain.gaps import CoverageGap, find_coverage_gaps
from scheduler.explain.relax import Relaxation, propose_relaxations
from scheduler.explain.tradeoffs import Tradeoffs, tradeoffs
from scheduler.instance.models import Instance
from scheduler.problem import Problem, compile_problem
from scheduler.result import Result, Status
from scheduler.solve import solve


@dataclass(frozen=True)
class Infeasibility:
    """Why the hard rules cannot all hold, and verified ways out."""

    conflict: tuple[ConflictItem, ...]
    minimal: bool
    relaxations: tuple[Relaxation, ...]
    undecided: bool = False  # CP-SAT could not even decide which rules conflict

    def to_json(self) -> dict[str, Any]:
        return {
            "conflict": [item.to_json() for item in self.conflict],
            "conflict_minimal": self.minimal,
            "relaxations": [relaxation.to_json() for relaxation in self.relaxations],
        }


@dataclass(frozen=True)
class Explanation:
    language: str
    coverage_gaps: tuple[CoverageGap, ...]
    status: Status
    result: Result
    infeasibility: Infeasibility | None
    tradeoffs: Tradeoffs | None
    wall_time_s: float

    @property
    def feasible(self) -> bool | None:
        """True with a roster, False when proven impossible, None when undecided."""
        if self.status.has_roster:
            return True
        return False if self.status is Status.INFEASIBLE else None

    def to_json(self) -> dict[str, Any]:
        infeasibility = self.infeasibility.to_json() if self.infeasibility else {}
        trade = self.tradeoffs.to_json(self.language) if self.tradeoffs else {}
        return {
            "coverage_gaps": [gap.to_json() for gap in self.coverage_gaps],
            "feasible": self.feasible,
            "status": self.status.value,
            "objective": self.result.objective,
            "conflict": infeasibility.get("conflict", []),
            "conflict_minimal": infeasibility.get("conflict_minimal"),
            "relaxations": infeasibility.get("relaxations", []),
            "penalties": trade.get("penalties", []),
            "tradeoffs": trade,
            "wall_time_s": round(self.wall_time_s, 3),
        }


def explain_infeasibility(
    instance: Instance,
    language: str = "en",
    *,
    problem: Problem | None = None,
    time_limit: float = 10.0,
    verify_time_limit: float = 5.0,
    workers: int = 2,
    seed: int = 0,
) -> Infeasibility:
    """The conflict of an instance known to be infeasible, with verified relaxations."""
    problem = problem or compile_problem(instance)
    try:
        conflict = find_conflict(instance, time_limit=time_limit, seed=seed)
    except UndecidedError:
        return Infeasibility(conflict=(), minimal=False, relaxations=(), undecided=True)
    if conflict is None:  # feasible after all (the caller's solve was cut short)
        return Infeasibility(conflict=(), minimal=True, relaxations=())
    relaxations = propose_relaxations(
        instance,
        conflict.groups,
        language,
        time_limit=verify_time_limit,
        workers=workers,
        seed=seed,
    )
    return Infeasibility(
        conflict=describe_groups(conflict.groups, problem, language),
        minimal=conflict.minimal,
        relaxations=relaxations,
    )


def explain(
    instance: Instance,
    language: str = "en",
    *,
    time_limit: float = 10.0,
    verify_time_limit: float = 5.0,
    workers: int = 2,
    seed: int = 0,
) -> Explanation:
    started = time.perf_counter()
    problem = compile_problem(instance)
    gaps = find_coverage_gaps(instance, problem)
    result = solve(instance, time_limit=time_limit, workers=workers, seed=seed)
    infeasibility = None
    if result.status is Status.INFEASIBLE:
        infeasibility = explain_infeasibility(
            instance,
            language,
            problem=problem,
            time_limit=time_limit,
            verify_time_limit=verify_time_limit,
            workers=workers,
            seed=seed,
        )
    trade = tradeoffs(problem, result) if result.status.has_roster else None
    return Explanation(
        language=language,
        coverage_gaps=gaps,
        status=result.status,
        result=result,
        infeasibility=infeasibility,
        tradeoffs=trade,
        wall_time_s=time.perf_counter() - started,
    )
