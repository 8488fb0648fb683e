"""What every rule family receives: the problem, the CP-SAT model and its variables.

A rule family adds hard constraints through :meth:`ModelContext.hard` (so a
later explanation pass can switch whole rule groups on and off with assumption
literals) and returns its soft rules as :class:`PenaltyTerm` records whose
names survive into the result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ortools.sat.python import cp_model
from ortools.sat.python.cp_model_helper import Literal

__all__ = ["Literal", "ModelContext", "PenaltyTerm", "RuleGroup"]

from scheduler.model.variables import Variables
from scheduler.problem import Problem


@dataclass(frozen=True, order=True)
class RuleGroup:
    """A hard rule as a supervisor names it: its key and its scope.

    ``RuleGroup("coverage.min", ("C", "sun"))`` is "coverage of C on Sundays";
    ``RuleGroup("unavailable", ("a3",))`` is "a3's unavailable dates". The
    explanation switches whole groups on and off with one assumption literal.
    """

    rule: str
    scope: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.rule}[{','.join(self.scope)}]" if self.scope else self.rule


UNRELAXABLE_RULES = frozenset({"overlap"})
"""Rules no explanation may switch off: one agent cannot work two duties at once."""


@dataclass(frozen=True)
class PenaltyTerm:
    """``weight x expression`` in the objective, tagged with where it comes from.

    ``interval`` is the ``HH:MM-HH:MM`` label of the interval of ``day`` that
    an interval-coverage term counts (two such terms can share a day).
    """

    rule: str
    expression: cp_model.LinearExprT
    weight: int
    agent: int | None = None
    day: int | None = None
    shift: int | None = None
    interval: str | None = None


@dataclass
class ModelContext:
    problem: Problem
    model: cp_model.CpModel
    variables: Variables
    # Rule group -> assumption literal; filled only when explaining infeasibility.
    group_literals: dict[RuleGroup, cp_model.IntVar] | None = None

    @property
    def explaining(self) -> bool:
        return self.group_literals is not None

    def hard(self, constraint: cp_model.Constraint, group: RuleGroup) -> cp_model.Constraint:
        """Register a hard constraint under a rule group a supervisor would name."""
        if self.group_literals is not None and group.rule not in UNRELAXABLE_RULES:
            literal = self.group_literals.get(group)
            if literal is None:
                literal = self.model.new_bool_var(f"enforce[{group}]")
                self.group_literals[group] = literal
            constraint.only_enforce_if(literal)
        return constraint

    def date(self, day: int) -> dt.date:
        return self.problem.dates[day % self.problem.num_days]

    def name(
        self,
        rule: str,
        agent: int | None = None,
        day: int | None = None,
        *,
        interval: str | None = None,
    ) -> str:
        """A readable variable name: ``rule[agent,date,interval]``, leaving out what is None."""
        parts = []
        if agent is not None:
            parts.append(self.problem.agents[agent])
        if day is not None:
            parts.append(self.date(day).isoformat())
        if interval is not None:
            parts.append(interval)
        return f"{rule}[{','.join(parts)}]"
