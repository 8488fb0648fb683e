"""Rosters and a lower bound from column generation, for :func:`scheduler.parts_solve.solve_by_parts`.

When every agent's rules fit the dynamic programme
(:func:`scheduler.cheapest_schedule.schedule_space`), the search runs:

1. a first roster at once: each agent's own cheapest schedule (coverage is
   soft here, so any such roster keeps the hard rules);
2. column generation until the relaxation is solved or its share of the time
   is spent; its Lagrangian bound is valid whenever every agent was priced;
3. a dive (:func:`scheduler.columns.dive`) that fixes agents to their
   columns one step at a time: on Curtois & Qu Instance8 it reached 1556
   where whole-model and part neighbourhoods reached 2151 at 60 s;
4. the cheapest roster of pooled columns (CP-SAT), hinted with the best so far.

Costs of the rosters come from the independent checker's rule families, so
they are the same numbers the benchmark confirms.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from scheduler.agent_lns import AgentRoster
from scheduler.cheapest_schedule import schedule_space
from scheduler.check import RULE_FAMILIES
from scheduler.check.roster import Roster
from scheduler.columns import ColumnPool, Pricing, dive, generate_columns, roster_from_columns
from scheduler.problem import Problem
from scheduler.result import Penalty
from scheduler.schedule_pricing import SchedulePricer
from scheduler.subproblem import Schedule

COLUMNS_SHARE = 0.35
"""Share of the time for column generation before the dive."""
DIVE_SHARE = 0.75
"""The dive ends by this share of the time; the pooled-columns roster follows."""
POOL_ROSTER_MAX_S = 10.0


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
    """The best roster and bound by column generation, or ``None`` where it does not apply."""
    spaces = [schedule_space(problem, agent) for agent in range(len(problem.agents))]
    if any(space is None for space in spaces):
        return None
    pricing = Pricing(problem, [SchedulePricer(space) for space in spaces if space is not None])
    pool = ColumnPool.empty(len(problem.agents))
    first: Schedule = []
    for agent, pricer in enumerate(pricing.pricers):
        priced = pricer()
        if priced is None:
            return None  # an agent with no schedule at all: CP-SAT will say why
        first.append(priced.schedule)
        pool.add(pricing.column(agent, priced.schedule))
    best = roster_of(problem, first)
    bound = 0.0
    on_roster(best, bound)
    time_limit = deadline - started
    outcome = generate_columns(pricing, pool, deadline=started + COLUMNS_SHARE * time_limit)
    bound = outcome.bound
    dived = dive(pricing, pool, deadline=started + DIVE_SHARE * time_limit)
    if dived is not None:
        candidate = roster_of(problem, dived)
        if candidate.objective < best.objective:
            best = candidate
            on_roster(best, bound)
    left = deadline - time.perf_counter()
    if left > 1:
        found = roster_from_columns(
            problem, pool, hint=best.schedule, time_limit=min(POOL_ROSTER_MAX_S, left / 2),
            workers=workers, seed=seed,
        )  # fmt: skip
        if found is not None:
            candidate = roster_of(problem, found[0])
            if candidate.objective < best.objective:
                best = candidate
                on_roster(best, bound)
    return ColumnSearchOutcome(best, bound)


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
