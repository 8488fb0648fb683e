"""Runs of consecutive working days and of consecutive days off.

Max ``m``: no window of ``m + 1`` consecutive days all on (worked, or off);
soft: 1 per such window, so a run of length ``L`` costs ``L - m``. Min ``k``:
no maximal run shorter than ``k``, written as forbidden patterns
"not on, on x l, not on" for ``l < k``; soft: ``k - l`` per short run.
Plain horizon: windows stay inside it, and a run touching the first or last
day is exempt from the min (the unknown days outside may continue it).
Cyclic: windows and patterns wrap; with ``m >= n`` the one window is the whole
cycle.
"""

from __future__ import annotations

from scheduler.model.bounds import Where, forbid_together
from scheduler.model.context import Literal, ModelContext, PenaltyTerm
from scheduler.problem import Bound


def add(ctx: ModelContext) -> list[PenaltyTerm]:
    problem, works = ctx.problem, ctx.variables.works
    terms: list[PenaltyTerm] = []
    for agent, rules in enumerate(problem.agent_rules):
        worked: list[Literal] = [works[agent, day] for day in range(problem.num_days)]
        off: list[Literal] = [literal.Not() for literal in worked]
        for rule, on, bound in (
            ("consecutive_working_days", worked, rules.consecutive_working_days),
            ("consecutive_days_off", off, rules.consecutive_days_off),
        ):
            if bound is None:
                continue
            terms += _max_run(ctx, rule, on, bound, agent)
            terms += _min_run(ctx, rule, on, bound, agent)
    return terms


def max_run_windows(num_days: int, longest: int, cyclic: bool) -> list[list[int]]:
    """The day windows that must not be all on for runs of at most ``longest`` days."""
    size = longest + 1
    if cyclic:
        if size > num_days:
            return [list(range(num_days))]
        return [[(start + i) % num_days for i in range(size)] for start in range(num_days)]
    return [list(range(start, start + size)) for start in range(num_days - size + 1)]


def short_run_patterns(num_days: int, shortest: int, cyclic: bool) -> list[tuple[int, int]]:
    """``(first_day, length)`` of every run that would be too short if bounded by off days."""
    patterns = []
    for length in range(1, min(shortest, num_days)):
        if cyclic:
            patterns += [(start, length) for start in range(num_days)]
        else:
            # Both bounding days must lie inside the horizon.
            patterns += [(start, length) for start in range(1, num_days - length)]
    return patterns


def _max_run(
    ctx: ModelContext, rule: str, on: list[Literal], bound: Bound, agent: int
) -> list[PenaltyTerm]:
    if bound.max is None:
        return []
    terms: list[PenaltyTerm] = []
    for window in max_run_windows(ctx.problem.num_days, bound.max, ctx.problem.cyclic):
        terms += forbid_together(
            ctx, [on[day] for day in window], rule=f"{rule}.max", hard=bound.hard,
            weight=bound.weight, where=Where(agent, window[0]),
        )  # fmt: skip
    return terms


def _min_run(
    ctx: ModelContext, rule: str, on: list[Literal], bound: Bound, agent: int
) -> list[PenaltyTerm]:
    if bound.min is None:
        return []
    num_days = ctx.problem.num_days
    terms: list[PenaltyTerm] = []
    for start, length in short_run_patterns(num_days, bound.min, ctx.problem.cyclic):
        before, after = (start - 1) % num_days, (start + length) % num_days
        pattern = [on[before].Not(), *(on[(start + i) % num_days] for i in range(length))]
        if after != before:
            pattern.append(on[after].Not())
        terms += forbid_together(
            ctx, pattern, rule=f"{rule}.min", hard=bound.hard, weight=bound.weight,
            where=Where(agent, start), amount=bound.min - length,
        )  # fmt: skip
    return terms
