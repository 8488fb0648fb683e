"""Why the hard rules cannot all hold: a minimal set of conflicting rule groups.

Every hard constraint of the model belongs to a rule group a supervisor would
name ("coverage of C on Sundays", "at least 2 days off in every week", "no A+C
on the same day"). In explain mode each group is switched on by one
assumption literal. CP-SAT returns a sufficient set of assumptions when the
model is infeasible; we then shrink it by deletion: drop one member, and if
the rest is still infeasible keep the smaller core CP-SAT hands back, else the
member is needed. The result is a minimal unsatisfiable core: removing any
member makes the remaining rules feasible (each such check is a real solve).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.instance.models import Instance
from scheduler.model import BuiltModel, build_model
from scheduler.model.context import RuleGroup
from scheduler.problem import Problem, compile_problem
from scheduler.result import Status
from scheduler.solve import STATUS_OF


class UndecidedError(RuntimeError):
    """CP-SAT could not decide feasibility within the time limit."""


@dataclass(frozen=True)
class Conflict:
    """A set of rule groups that cannot all hold together.

    ``minimal`` is true when every member was shown to be needed: without it
    the other members (and every rule outside the set) can hold. ``checks`` is
    the number of solves it took.
    """

    groups: tuple[RuleGroup, ...]
    minimal: bool
    checks: int
    wall_time_s: float


class _Checker:
    """Solves the explain-mode model with some rule groups switched on."""

    def __init__(self, problem: Problem, time_limit: float, seed: int):
        self.built: BuiltModel = build_model(problem, explain=True)
        literals = self.built.context.group_literals or {}
        self.literals = dict(literals)
        self.group_of_index = {literal.index: group for group, literal in literals.items()}
        self.time_limit = time_limit
        self.seed = seed
        self.checks = 0

    def solve(self, groups: Sequence[RuleGroup]) -> tuple[Status, tuple[RuleGroup, ...]]:
        """Status with ``groups`` enforced (the rest free), and a core when infeasible."""
        model = self.built.model
        model.clear_assumptions()
        model.add_assumptions([self.literals[group] for group in groups])
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = self.time_limit
        # Cores from assumptions come from the single-thread core search.
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = self.seed
        status = STATUS_OF[solver.solve(model)]
        self.checks += 1
        if status is not Status.INFEASIBLE:
            return status, ()
        core = tuple(
            self.group_of_index[index]
            for index in solver.sufficient_assumptions_for_infeasibility()
            if index in self.group_of_index
        )
        return status, core or tuple(groups)


def find_conflict(
    instance: Instance, *, time_limit: float = 10.0, seed: int = 0
) -> Conflict | None:
    """A minimal conflicting set of hard rule groups, or None when all hold together.

    ``time_limit`` bounds each feasibility check. Raises UndecidedError when
    even the first check (all rules) cannot be decided in that time.
    """
    started = time.perf_counter()
    checker = _Checker(compile_problem(instance), time_limit, seed)
    everything = sorted(checker.literals)
    status, core = checker.solve(everything)
    if status.has_roster:
        return None
    if status is not Status.INFEASIBLE:
        raise UndecidedError(f"feasibility not decided within {time_limit:g} s")
    members, minimal = _shrink(checker, list(core))
    return Conflict(
        groups=tuple(members),
        minimal=minimal,
        checks=checker.checks,
        wall_time_s=time.perf_counter() - started,
    )


def _shrink(checker: _Checker, core: list[RuleGroup]) -> tuple[list[RuleGroup], bool]:
    """Deletion-based shrinking; ``minimal`` is false if some check was undecided."""
    minimal = True
    position = 0
    while position < len(core):
        without = core[:position] + core[position + 1 :]
        status, smaller = checker.solve(without)
        if status is Status.INFEASIBLE:
            # The member was not needed; CP-SAT's core may drop even more.
            kept = set(smaller)
            core = [group for group in without if group in kept]
            continue
        if not status.has_roster:
            minimal = False
        position += 1
    return core, minimal


def holds_with(
    instance: Instance, groups: Sequence[RuleGroup], *, time_limit: float = 10.0, seed: int = 0
) -> Status:
    """Solve with only ``groups`` of the hard rules enforced (and every unrelaxable rule).

    OPTIMAL/FEASIBLE means these rules can hold together; it is how a caller
    (or a test) confirms that a conflict is minimal.
    """
    status, _ = _Checker(compile_problem(instance), time_limit, seed).solve(groups)
    return status
