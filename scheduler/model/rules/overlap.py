"""Duties that overlap in real time on different days: an agent cannot be in two places at once.

Hard only, group ``overlap``: for every pair in ``Problem.overlaps`` (a duty
on day ``d`` still running when a duty on a later day starts, e.g. N
22:00-06:00 then E 05:00-13:00), not both. Touching duties (end == start) do
not overlap. On a cyclic horizon the later day wraps to the start of the
cycle; on a plain horizon pairs end at its last day. Same-day pairs are the
``same_day`` rule's business.
"""

from __future__ import annotations

from scheduler.model.context import ModelContext, PenaltyTerm
from scheduler.model.rules.rest import forbid_pairs


def add(ctx: ModelContext) -> list[PenaltyTerm]:
    forbid_pairs(ctx, ctx.problem.overlaps, rule="overlap", hard=True, weight=0)
    return []
