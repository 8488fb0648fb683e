"""The CP-SAT model: variables, one module per rule family, and the objective.

:func:`build_model` composes them in one place; the result keeps the penalty
terms so that a solution can be broken down by rule, agent and day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.model.context import ModelContext, PenaltyTerm
from scheduler.model.registry import RULE_FAMILIES
from scheduler.model.variables import Variables, create_variables
from scheduler.problem import Problem
from scheduler.result import Assignment


@dataclass(frozen=True)
class BuiltModel:
    model: cp_model.CpModel
    variables: Variables
    terms: tuple[PenaltyTerm, ...]
    context: ModelContext

    def objective(self) -> cp_model.LinearExprT:
        """The cost of a roster: every penalty term times its weight."""
        return sum(term.weight * term.expression for term in self.terms)


def build_model(problem: Problem, *, explain: bool = False) -> BuiltModel:
    """The full model of ``problem``.

    With ``explain``, hard rule groups get assumption literals and there is no
    objective: the model only asks whether the hard rules can hold together."""
    model = cp_model.CpModel()
    model.name = problem.instance.name or "roster"
    variables = create_variables(problem, model)
    context = ModelContext(problem, model, variables, group_literals={} if explain else None)
    terms: list[PenaltyTerm] = []
    for _, add_family in RULE_FAMILIES:
        terms += add_family(context)
    if not explain:
        # Explaining asks only whether the hard rules can hold together.
        built = BuiltModel(model, variables, tuple(terms), context)
        model.minimize(built.objective())
        return built
    return BuiltModel(model, variables, tuple(terms), context)


def add_hints(built: BuiltModel, problem: Problem, roster: Iterable[Assignment]) -> None:
    """Warm start: hint every shift variable with its value in ``roster``."""
    agent_index = {agent: i for i, agent in enumerate(problem.agents)}
    day_index = {day: i for i, day in enumerate(problem.dates)}
    shift_index = {shift: i for i, shift in enumerate(problem.shifts)}
    worked = {
        (agent_index[a.agent], day_index[a.date], shift_index[a.shift])
        for a in roster
        if a.agent in agent_index and a.date in day_index and a.shift in shift_index
    }
    for key, variable in built.variables.shift.items():
        built.model.add_hint(variable, key in worked)
    for (agent, day), variable in built.variables.works.items():
        any_shift = any((agent, day, s) in worked for s in range(len(problem.shifts)))
        built.model.add_hint(variable, any_shift)
