"""Lower and upper limits on a linear quantity, hard or soft.

Most rule families come down to "this sum is at least / at most that": the
helpers here add the hard constraint, or the named shortfall / excess variable
and its penalty term, so that every family states the limit the same way.

Penalty variables are defined exactly (shortfall = max(0, ...), violated <=>
all literals), not only bounded from below: a roster found before the search
ends then reports its true cost, the one the checker recomputes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.model.context import Literal, ModelContext, PenaltyTerm, RuleGroup


@dataclass(frozen=True)
class Where:
    """The place a penalty term is reported at (``interval``: ``HH:MM-HH:MM`` of ``day``)."""

    agent: int | None = None
    day: int | None = None
    shift: int | None = None
    interval: str | None = None

    def name(self, ctx: ModelContext, rule: str) -> str:
        return ctx.name(rule, self.agent, self.day, interval=self.interval)

    def term(self, rule: str, expression: cp_model.LinearExprT, weight: int) -> PenaltyTerm:
        return PenaltyTerm(
            rule, expression, weight, self.agent, self.day, self.shift, self.interval
        )


def at_least(
    ctx: ModelContext,
    expression: cp_model.LinearExprT,
    value: int,
    *,
    rule: str,
    hard: bool,
    weight: int,
    where: Where,
    group: RuleGroup | None = None,
    upper: int | None = None,
) -> list[PenaltyTerm]:
    """``expression >= value``; soft: penalty on the shortfall (at most ``value``).

    With ``upper`` (``expression`` never exceeds it) and ``value >= upper``,
    the shortfall is never negative, so it is the plain difference: no
    variable and no max constraint (the parts of :mod:`scheduler.subproblem`
    have many head counts that few agents cannot reach).
    """
    if hard:
        ctx.hard(ctx.model.add(expression >= value), group or RuleGroup(rule))
        return []
    if weight == 0 or value <= 0:
        return []
    if upper is not None and value >= upper:
        return [where.term(rule, value - expression, weight)]
    shortfall = ctx.model.new_int_var(0, value, where.name(ctx, rule))
    ctx.model.add_max_equality(shortfall, [0, value - expression])
    return [where.term(rule, shortfall, weight)]


def at_most(
    ctx: ModelContext,
    expression: cp_model.LinearExprT,
    value: int,
    *,
    upper: int,
    rule: str,
    hard: bool,
    weight: int,
    where: Where,
    group: RuleGroup | None = None,
) -> list[PenaltyTerm]:
    """``expression <= value`` where ``0 <= expression <= upper``; soft: penalty on the excess.

    With ``value <= 0`` the excess is never negative: the plain difference.
    """
    if value >= upper:
        return []
    if hard:
        ctx.hard(ctx.model.add(expression <= value), group or RuleGroup(rule))
        return []
    if weight == 0:
        return []
    if value <= 0:
        return [where.term(rule, expression - value, weight)]
    excess = ctx.model.new_int_var(0, upper - value, where.name(ctx, rule))
    ctx.model.add_max_equality(excess, [0, expression - value])
    return [where.term(rule, excess, weight)]


def forbid_together(
    ctx: ModelContext,
    literals: Sequence[Literal],
    *,
    rule: str,
    hard: bool,
    weight: int,
    where: Where,
    group: RuleGroup | None = None,
    amount: int = 1,
) -> list[PenaltyTerm]:
    """Not all of ``literals`` true; soft: ``amount`` units when they all are."""
    if hard:
        ctx.hard(
            ctx.model.add_bool_or([literal.Not() for literal in literals]), group or RuleGroup(rule)
        )
        return []
    if weight == 0:
        return []
    violated = ctx.model.new_bool_var(where.name(ctx, rule))
    ctx.model.add_bool_or([*(literal.Not() for literal in literals), violated])
    for literal in literals:
        ctx.model.add_implication(violated, literal)
    return [where.term(rule, amount * violated, weight)]
