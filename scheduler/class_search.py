"""A roster and a lower bound by column generation over classes of identical agents.

The first step of :func:`scheduler.large_solve.solve_large` on problems whose
agents meet through more than coverage (fairness, hard head counts: the
product's own call centres), when the agents fall into few classes
(:mod:`scheduler.agent_classes`):

1. column generation (:mod:`scheduler.class_columns`) until the relaxation is
   solved or :data:`COLUMNS_SHARE` of the time is spent: its Lagrangian bound
   is the run's bound;
2. a dive that fixes the whole parts of the relaxation and rounds up its
   largest fractions, pricing again after each step, until
   :data:`DIVE_SHARE`;
3. the cheapest rounding of the dive's values (:mod:`scheduler.class_roster`).

On the 200-agent, six-week synthetic centre (one class): the relaxation is
solved in about 3 s, and at 120 s the roster is within 0.1 % of the bound
(``benchmarks/README.md``); the whole model's neighbourhoods had reached
67,383 at 120 s, 14 % above that bound, with no bound of their own.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from scheduler.agent_classes import agent_classes
from scheduler.agent_lns import AgentRoster
from scheduler.class_columns import ClassMaster, dive, generate
from scheduler.class_pricing import ClassPricer
from scheduler.class_roster import roster_from_pool
from scheduler.column_search import roster_of
from scheduler.cover_rows import cover_rows
from scheduler.problem import Problem
from scheduler.whole_model import Reporter

MAX_CLASSES = 20
"""Most classes priced each round; a class's pricing takes 20-50 ms on six weeks."""
COLUMNS_SHARE = 0.35
"""Share of the time for column generation."""
DIVE_SHARE = 0.55
"""The dive ends by this share of the time."""
ROSTER_MAX_S = 10.0
EARLY_ROSTER_EVERY_S = 15.0
EARLY_ROSTER_MAX_S = 2.0


@dataclass(frozen=True)
class ClassSearch:
    roster: AgentRoster
    bound: float


def class_search_applies(problem: Problem) -> bool:
    """Whether the problem has one duty a day and its agents fall into few classes."""
    return not problem.same_day_pairs and len(agent_classes(problem)) <= MAX_CLASSES


def class_search(
    problem: Problem, started: float, deadline: float, workers: int, seed: int, reporter: Reporter
) -> ClassSearch | None:
    """The roster and bound of column search by ``deadline``; ``None`` when it found no roster."""
    span = deadline - started
    classes = agent_classes(problem)
    rows = cover_rows(problem)
    pricers = [ClassPricer(problem, members[0], workers=workers, seed=seed) for members in classes]
    best: AgentRoster | None = None
    last_try = -math.inf

    def round_to_roster(master: ClassMaster, relaxed: list[float], time_limit: float) -> None:
        nonlocal best
        pool = [column for column, _ in master.columns]
        schedule = roster_from_pool(problem, rows, classes, pool, relaxed=relaxed, time_limit=time_limit, workers=workers, seed=seed)  # fmt: skip
        if schedule is None:
            return
        roster = roster_of(problem, schedule)
        if best is None or roster.objective < best.objective:
            best = roster
            reporter.best = roster.objective
            reporter.report(roster.objective, None)

    def early_roster(master: ClassMaster) -> None:
        # A roster from the relaxation as it stands, at the start and now and then:
        # the supervisor sees one within seconds, long before the relaxation is solved.
        nonlocal last_try
        if time.perf_counter() - last_try >= EARLY_ROSTER_EVERY_S:
            round_to_roster(master, [value for _, value in master.values()], EARLY_ROSTER_MAX_S)
            last_try = time.perf_counter()

    generation = generate(rows, classes, pricers, started + COLUMNS_SHARE * span, on_round=early_roster)  # fmt: skip
    if generation is None:
        return None
    relaxed = dive(generation, pricers, started + DIVE_SHARE * span)
    round_to_roster(generation.master, relaxed, min(ROSTER_MAX_S, deadline - time.perf_counter()))
    if best is None:
        return None
    reporter.report(best.objective, generation.bound)
    return ClassSearch(best, generation.bound)
