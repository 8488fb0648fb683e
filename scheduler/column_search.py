"""Rosters and a lower bound from column generation, for :func:`scheduler.parts_solve.solve_by_parts`.

When every agent's rules fit the dynamic programme
(:func:`scheduler.cheapest_schedule.schedule_space`), the search runs:

1. a first roster by best responses (:mod:`scheduler.best_response`): each
   agent in turn takes its cheapest schedule given the others' duties (two
   at once in threads on large programmes, :mod:`scheduler.pricing_threads`). If
   the first pass would be too slow the search gives up at once (``None``);
   if a pass times :data:`PRICING_PASSES` would not fit in the column share,
   that roster is all it returns (Curtois & Qu Instance13 at 60 s);
2. column generation until the relaxation is solved or its share of the time
   is spent; its Lagrangian bound is valid whenever every agent was priced;
3. if the relaxation is solved or nearly so, dives (:func:`scheduler.columns.dive`) that
   fix agents to their columns, coarse first, then one agent a step, then
   with random turns; a dive cut short by the clock keeps its fixed agents
   for step 4;
4. the cheapest roster of pooled columns (CP-SAT), hinted with the best so far.

Measured at 60 s on 2 cores (``benchmarks/README.md``): Instance8 1306
(best known 1300) where the parts and whole-model rounds alone reached 2151.
Costs of the rosters come from the independent checker's rule families, so
they are the same numbers the benchmark confirms.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from scheduler.agent_lns import AgentRoster
from scheduler.best_response import best_responses
from scheduler.cheapest_schedule import schedule_space
from scheduler.check import RULE_FAMILIES
from scheduler.check.roster import Roster
from scheduler.columns import (
    Column,
    ColumnPool,
    Pricing,
    dive,
    generate_columns,
    roster_from_columns,
)
from scheduler.pricing_threads import at_once
from scheduler.problem import Problem
from scheduler.result import Penalty
from scheduler.schedule_pricing import SchedulePricer
from scheduler.subproblem import Schedule

FIRST_PASS_SHARE = 0.35
"""The first pass of best responses must end within this share of the time, or the
search is left to CP-SAT's parts (Curtois & Qu Instance21: about 50 s a pass)."""
FIRST_ROSTER_SHARE = 0.15
"""Best-response passes after the first stop at this share of the time."""
COLUMNS_SHARE = 0.5
"""Share of the time for column generation before the dive."""
PRICING_PASSES = 30
"""Passes over every agent that column generation is taken to need, at the pace of the
first best-response pass. Measured to convergence on Curtois & Qu (one-off scripts):
Instance13 18 passes, 17 18, 14 38, 8 39, 12 44; only where a pass is slow does the
estimate decide, and there 30 keeps 17 (0.8 s a pass at 60 s: proven optimal) and
leaves 14 (1.1 s a pass, 37 s to converge) to the parts, which reach 2071 where a
relaxation cut short at 30 s left 2521."""
DIVE_GAP = 0.05
"""Dives follow a relaxation that is not solved only if its bound is within this share of
its value. A relaxation far from solved is a poor guide: on Curtois & Qu Instance20 at
600 s (before pricing in threads), dives from one held 210 s and found nothing better
than the best responses; its columns still go to the pooled roster."""
STALL_DIVES = 8
"""Dives in a row without a better roster after which the parts and the whole model take
over. On Curtois & Qu at 60 s, Instance1 dived 1536 times after its last gain (the first
dive); Instance6 gained last at its third dive, Instance7 at its fourth and tenth."""
DIVE_SHARE = 0.85
"""The dive ends by this share of the time; the pooled-columns roster follows."""
POOL_ROSTER_MAX_S = 10.0
FIRST_DIVE_SHARE = 0.2
"""Share of the open agents the first dive fixes at each step (see :func:`scheduler.columns.dive`)."""
DIVE_JITTER = 0.2
MIN_DIVE_S = 0.5


@dataclass
class ColumnSearchOutcome:
    roster: AgentRoster
    bound: float


def column_search(
    problem: Problem,
    *,
    started: float,
    deadline: float,
    workers: int,
    seed: int,
    on_roster: Callable[[AgentRoster, float], None],
) -> ColumnSearchOutcome | None:
    """The best roster and bound by column generation, or ``None`` where it does not apply.

    ``on_roster`` hears of every better roster and of the bound once the
    relaxation is done; the search stops as soon as a roster meets the bound.
    """
    spaces = [schedule_space(problem, agent) for agent in range(len(problem.agents))]
    if any(space is None for space in spaces):
        return None
    known = [space for space in spaces if space is not None]
    pricing = Pricing(problem, [SchedulePricer(space) for space in known], at_once(known, workers))
    pool = ColumnPool.empty(len(problem.agents))
    time_limit = deadline - started
    responses = best_responses(
        problem, pricing.pricers, deadline=started + FIRST_ROSTER_SHARE * time_limit,
        give_up=started + FIRST_PASS_SHARE * time_limit, at_once=pricing.at_once,
    )  # fmt: skip
    if responses is None:
        # An agent with no schedule at all (CP-SAT will say why), or the
        # programme is too slow here (Curtois & Qu Instance21 at 60 s).
        return None
    for agent, days in enumerate(responses.schedule):
        pool.add(pricing.column(agent, days))
    best = roster_of(problem, responses.schedule)
    bound = 0.0
    on_roster(best, bound)
    if responses.first_pass_s * PRICING_PASSES > COLUMNS_SHARE * time_limit:
        # Too slow to solve the relaxation in time (Curtois & Qu Instance13,
        # 120 agents: 3 s a pass at 60 s): the parts take it from here.
        return ColumnSearchOutcome(best, bound)
    outcome = generate_columns(pricing, pool, deadline=started + COLUMNS_SHARE * time_limit)
    bound = outcome.bound
    on_roster(best, bound)
    # Dives, each finer than the last (half the share of agents fixed a
    # step), then with random turns once one agent a step: a fine dive is
    # slower but better, and a dive is cheap once the relaxation is solved.
    nearly_solved = outcome.converged or outcome.relaxation - bound <= DIVE_GAP * outcome.relaxation
    dive_until = started + DIVE_SHARE * time_limit if nearly_solved else started
    share, dives, last_gain = FIRST_DIVE_SHARE, 0, 0
    rng = random.Random(seed)
    fixed: dict[int, Column] = {}
    while time.perf_counter() < dive_until - MIN_DIVE_S and best.objective > bound and dives - last_gain < STALL_DIVES:  # fmt: skip
        one_a_step = share * len(problem.agents) < 1
        dive_started = time.perf_counter()
        fixed = dive(
            pricing, pool, deadline=dive_until, fix_share=share,
            jitter=DIVE_JITTER if one_a_step and dives else 0.0, rng=rng,
        )  # fmt: skip
        dives += 1
        if len(fixed) < len(problem.agents):
            break
        before = best.objective
        best = _better(problem, best, [list(fixed[agent].schedule) for agent in sorted(fixed)], bound, on_roster)  # fmt: skip
        last_gain = dives if best.objective < before else last_gain
        share /= 2
        # A dive that would not end in time at the pace of the last leaves the
        # time to the parts. Finer dives fix fewer agents a step but settle
        # faster: on Instance12 the dive fixing 10 % a step took 14 s after
        # one of 20 % took 18 s (and reached the optimum, 4040, where a rule
        # expecting twice the time stopped at 4555).
        now = time.perf_counter()
        if now + (now - dive_started) > dive_until:
            break
    left = deadline - time.perf_counter()
    if left > 1 and best.objective > bound:
        # The pooled columns, the best roster's among them: with the dive
        # unfinished, its fixed agents stay and the others are chosen here.
        for agent, days in enumerate(best.schedule):
            pool.add(pricing.column(agent, days))
        partial = fixed if fixed and len(fixed) < len(problem.agents) else None
        found = roster_from_columns(
            problem, pool, hint=None if partial else best.schedule, fixed=partial,
            time_limit=min(POOL_ROSTER_MAX_S, left / 2), workers=workers, seed=seed,
        )  # fmt: skip
        if found is not None:
            best = _better(problem, best, found[0], bound, on_roster)
    return ColumnSearchOutcome(best, bound)


def _better(
    problem: Problem,
    best: AgentRoster,
    schedule: Schedule,
    bound: float,
    on_roster: Callable[[AgentRoster, float], None],
) -> AgentRoster:
    candidate = roster_of(problem, schedule)
    if candidate.objective < best.objective:
        on_roster(candidate, bound)
        return candidate
    return best


def roster_of(problem: Problem, schedule: Schedule) -> AgentRoster:
    """``schedule`` with its penalties, priced by the checker's rule families."""
    empty = AgentRoster([list(days) for days in schedule], [() for _ in problem.agents], ())
    roster = Roster.build(problem, empty.assignments(problem))
    penalties: list[Penalty] = []
    for _name, family in RULE_FAMILIES:
        findings = family(roster)
        if findings.violations:  # pragma: no cover - the programme keeps every hard rule
            raise AssertionError(f"a column roster breaks {findings.violations[0]}")
        penalties += findings.penalties
    agent_index = {agent: i for i, agent in enumerate(problem.agents)}
    own: list[list[Penalty]] = [[] for _ in problem.agents]
    for penalty in penalties:
        if penalty.agent is not None:
            own[agent_index[penalty.agent]].append(penalty)
    cover = tuple(penalty for penalty in penalties if penalty.agent is None)
    return AgentRoster(empty.schedule, [tuple(p) for p in own], cover)
