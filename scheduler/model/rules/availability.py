"""Unavailable dates and fixed assignments (pins), both hard.

An agent does no duty on an ``unavailable`` date (group ``unavailable[agent]``).
A pin with a shift forces that shift; a pin with no shift forces a day off
(group ``fixed_assignment[agent,date]``).
"""

from __future__ import annotations

from scheduler.model.context import ModelContext, PenaltyTerm, RuleGroup


def add(ctx: ModelContext) -> list[PenaltyTerm]:
    problem, model, variables = ctx.problem, ctx.model, ctx.variables
    for agent, day in sorted(problem.unavailable):
        group = RuleGroup("unavailable", (problem.agents[agent],))
        ctx.hard(model.add(variables.works[agent, day] == 0), group)
    for pin in problem.pins:
        scope = (problem.agents[pin.agent], problem.dates[pin.day].isoformat())
        group = RuleGroup("fixed_assignment", scope)
        if pin.shift is None:
            ctx.hard(model.add(variables.works[pin.agent, pin.day] == 0), group)
        else:
            ctx.hard(model.add(variables.shift[pin.agent, pin.day, pin.shift] == 1), group)
    return []
