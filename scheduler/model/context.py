"""What every rule family receives: the problem, the CP-SAT model and its variables.

A rule family adds hard constraints through :meth:`ModelContext.hard` (so a
later explanation pass can switch whole rule groups on and off with assumption
literals) and returns its soft rules as :class:`PenaltyTerm` records whose
names survive into the result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ortools.sat.python import cp_model
from ortools.sat.python.cp_model_helper import Literal

__all__ = ["Literal", "ModelContext", "PenaltyTerm"]

from scheduler.model.variables import Variables
from scheduler.problem import Problem


@dataclass(frozen=True)
class PenaltyTerm:
    """``weight x expression`` in the objective, tagged with where it comes from."""

    rule: str
    expression: cp_model.LinearExprT
    weight: int
    agent: int | None = None
    day: int | None = None
    shift: int | None = None


@dataclass
class ModelContext:
    problem: Problem
    model: cp_model.CpModel
    variables: Variables
    # Rule group name -> assumption literal; filled only when explaining infeasibility.
    group_literals: dict[str, cp_model.IntVar] | None = None
    groups_seen: list[str] = field(default_factory=list)

    def hard(self, constraint: cp_model.Constraint, group: str) -> cp_model.Constraint:
        """Register a hard constraint under a rule group a supervisor would name."""
        if group not in self.groups_seen:
            self.groups_seen.append(group)
        if self.group_literals is not None:
            literal = self.group_literals.get(group)
            if literal is None:
                literal = self.model.new_bool_var(f"enforce[{group}]")
                self.group_literals[group] = literal
            constraint.only_enforce_if(literal)
        return constraint

    def date(self, day: int) -> dt.date:
        return self.problem.dates[day % self.problem.num_days]

    def name(self, rule: str, agent: int | None = None, day: int | None = None) -> str:
        """A readable variable name: ``rule[agent,date]``."""
        parts = []
        if agent is not None:
            parts.append(self.problem.agents[agent])
        if day is not None:
            parts.append(self.date(day).isoformat())
        return f"{rule}[{','.join(parts)}]"
