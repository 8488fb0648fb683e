"""Agents' wishes to work or not to work a shift (or any shift) on a date; always soft.

An unmet ``on`` request or a violated ``off`` request costs its weight once.
A request without a shift means any duty (``on``) or the whole day off (``off``).
"""

from __future__ import annotations

from scheduler.instance.rules import Want
from scheduler.model.context import ModelContext, PenaltyTerm


def add(ctx: ModelContext) -> list[PenaltyTerm]:
    variables = ctx.variables
    terms: list[PenaltyTerm] = []
    for request in ctx.problem.requests:
        if request.weight == 0:
            continue
        if request.shift is None:
            worked = variables.works[request.agent, request.day]
        else:
            worked = variables.shift[request.agent, request.day, request.shift]
        unmet = worked.Not() if request.want is Want.ON else worked
        rule = f"request.{request.want.value}"
        terms.append(
            PenaltyTerm(rule, unmet, request.weight, request.agent, request.day, request.shift)
        )
    return terms
