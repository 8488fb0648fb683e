"""Large instances whose agents meet only through soft coverage, solved by parts and whole.

This is the strategy :func:`scheduler.large_solve.solve_large` takes for the
Curtois & Qu benchmark (issue 8). Measured there on 2 cores, no kind of step
wins everywhere, so three take turns:

- parts: a few agents at a time on a model of their own
  (:mod:`scheduler.agent_lns`); at 60 s, Instance17 7148 against 8220 for the
  whole model from the same start, Instance20 19288 where the whole model
  had none;
- whole: CP-SAT's own portfolio on the whole model, hinted with the best
  roster; at 60 s, Instance8 1827 against 2655 for parts, Instance13 4548
  against 5666;
- neighbourhoods: the whole model with all but a window of days or a few
  agents fixed (:mod:`scheduler.lns`), the one kind that frees every agent
  over some days; at 600 s on Instance20, 7052 where parts and whole
  reached 8597.

The time goes:

1. where every agent's rules fit the dynamic programme of
   :mod:`scheduler.cheapest_schedule`, column search
   (:mod:`scheduler.column_search`): best responses for a first roster, then
   column generation and dives, which give a roster and a lower bound (it
   proves Curtois & Qu 1-4, 10, 12 and 17 optimal at 60 s); otherwise, or when
   the programme is too slow, a first roster agent by agent with CP-SAT
   (:func:`scheduler.agent_lns.construct`), aiming at 30 % of the time and
   at most 20 s;
2. rounds of one kind: each kind once, then the kind whose last round gained
   most per second. Above :data:`WHOLE_MODEL_LIMIT` shift variables the
   whole model is never built (Instance23's took 13 s and 2.6 GB) and only
   parts are solved;
3. on models below :data:`LARGE_MODEL_SHIFT_VARIABLES`, the last quarter goes
   to the whole model with interleaved subsolvers, hinted with the best
   roster: that proves the small instances optimal.

The bound is the best of column generation's and what a whole-model solve
proved (0 when neither ran: every penalty is non-negative).
"""

from __future__ import annotations

import math
import time

from ortools.sat.python import cp_model

from scheduler.agent_lns import AgentRoster, construct, improve
from scheduler.column_search import column_search
from scheduler.lns import Incumbent
from scheduler.lns import improve as improve_neighbourhoods
from scheduler.model import BuiltModel, add_hints, build_model
from scheduler.problem import Problem
from scheduler.result import Result, Status
from scheduler.solve import STATUS_OF, result_from_solver
from scheduler.whole_model import Reporter, whole_model_solver

LARGE_MODEL_SHIFT_VARIABLES = 20_000
"""Below this many shift variables the whole model ends the search, as it proves small instances.
The whole model with its objective found no roster in 15 s on Curtois & Qu
Instance20 (54,600)."""
WHOLE_MODEL_LIMIT = 200_000
"""Above this many shift variables only parts are solved. Curtois & Qu 21
(145,600) still gets whole-model rounds (about 1 GB); 23 (582,400) does not."""
FIRST_ROSTER_SHARE = 0.3
"""Share of the time the first roster aims to be built in (it may take longer)."""
FIRST_ROSTER_MAX_S = 20.0
"""However long the run: at 600 s, 30 % let Instance20's first roster take 147 s."""
COLUMN_SEARCH_MAX_DAYS = 182
"""Longest horizon given to column search (:mod:`scheduler.column_search`); on 364 days
one agent's states pass :data:`scheduler.cheapest_schedule.MAX_STATES` anyway."""
PROOF_SHARE = 0.25
MIN_PROOF_S = 5.0
ROUND_SHARE = 0.2
MIN_ROUND_S = 10.0


def shift_variables(problem: Problem) -> int:
    return len(problem.agents) * problem.num_days * len(problem.shifts)


def solve_by_parts(
    problem: Problem,
    started: float,
    deadline: float,
    workers: int,
    seed: int,
    reporter: Reporter,
) -> Result:
    """The best roster by ``deadline``; progress goes to ``reporter``."""
    time_limit = deadline - started
    size = shift_variables(problem)
    small = size < LARGE_MODEL_SHIFT_VARIABLES
    proof = max(MIN_PROOF_S, PROOF_SHARE * time_limit) if small else 0.0
    built: BuiltModel | None = None
    bound = 0.0
    roster: AgentRoster | None = None

    def whole(hint: AgentRoster | None, limit: float, interleave: bool, seed: int) -> Result:
        nonlocal built, bound
        if built is None:
            built = build_model(problem)
        if hint is not None:
            add_hints(built, problem, hint.assignments(problem))
        solver = whole_model_solver(limit, workers, seed, interleave=interleave)
        try:
            status = STATUS_OF[solver.solve(built.model, reporter)]
        finally:
            built.model.clear_hints()  # type: ignore[no-untyped-call]
        if math.isfinite(solver.best_objective_bound):
            bound = max(bound, solver.best_objective_bound)
        return result_from_solver(problem, built, solver, status, 0)

    def keep_better(result: Result) -> None:
        nonlocal roster
        if result.objective is not None and (roster is None or result.objective < roster.objective):  # fmt: skip
            roster = AgentRoster.from_result(problem, result)
            # CP-SAT may end on a roster its callback never saw.
            _report(reporter, roster.objective, bound)

    first_roster_s = min(FIRST_ROSTER_SHARE * time_limit, FIRST_ROSTER_MAX_S)

    def neighbourhoods(start: AgentRoster, until: float, seed: int) -> None:
        """Whole-model neighbourhoods (:mod:`scheduler.lns`), which free every agent in a window
        of days: at 600 s on Instance20 they reached 7052 where parts alone reached 8597."""
        nonlocal built
        if built is None:
            built = build_model(problem)
        values = [0] * len(built.model.proto.variables)
        for (agent, day, shift), variable in built.variables.shift.items():
            values[variable.index] = int(start.schedule[agent][day] == shift)
        best = improve_neighbourhoods(
            problem, built, Incumbent(values, start.objective, cp_model.CpSolver()),
            deadline=until, workers=workers, seed=seed,
            on_improvement=lambda better: _report(reporter, better.objective, bound),
        )  # fmt: skip
        if best.objective < start.objective:
            keep_better(result_from_solver(problem, built, best.solver, Status.FEASIBLE, 0))

    searched = None
    if problem.num_days <= COLUMN_SEARCH_MAX_DAYS:
        searched = column_search(
            problem, started=started, deadline=deadline, workers=workers, seed=seed,
            on_roster=lambda better, found_bound: _report(reporter, better.objective, found_bound or None, bound_too=True),
        )  # fmt: skip
    if searched is not None:
        roster, bound = searched.roster, max(bound, searched.bound)
    else:
        roster = construct(
            problem, deadline=started + first_roster_s, give_up=deadline,
            workers=workers, seed=seed,
        )  # fmt: skip
    if roster is None:
        return _no_roster(problem, started)
    _report(reporter, roster.objective, None)

    round_s = max(MIN_ROUND_S, ROUND_SHARE * time_limit)
    kinds = ["whole", "parts", "neighbourhoods"] if size <= WHOLE_MODEL_LIMIT else ["parts"]
    gain_per_s: dict[str, float] = {}
    turn = 0
    while (left := deadline - proof - time.perf_counter()) > 1 and roster.objective > bound:
        turn += 1
        # Each kind is tried once; then the one that gained faster in its
        # last round goes on (gains slow down, so the other gets its turn back).
        untried = [kind for kind in kinds if kind not in gain_per_s]
        kind = untried[0] if untried else max(kinds, key=lambda k: gain_per_s[k])
        before, round_started = roster.objective, time.perf_counter()
        if kind == "whole":
            # The first whole-model round of a small model interleaves, as the
            # proof at the end does: Curtois & Qu 2 and 3 are proven there.
            interleave = small and turn == 1
            keep_better(whole(roster, min(left, round_s), interleave, seed + turn))
        elif kind == "parts":
            roster = improve(
                problem, roster, deadline=round_started + min(left, round_s),
                workers=workers, seed=seed + turn,
                on_improvement=lambda better: _report(reporter, better.objective, bound),
            )  # fmt: skip
        else:
            neighbourhoods(roster, round_started + min(left, round_s), seed + turn)
        gain_per_s[kind] = (before - roster.objective) / (time.perf_counter() - round_started)
    if small and deadline - time.perf_counter() > 1 and roster.objective > bound:
        # Interleaved subsolvers, hinted: how Curtois & Qu 2 and 3 get proven.
        keep_better(whole(roster, deadline - time.perf_counter(), True, seed + turn + 1))
    status = Status.OPTIMAL if roster.objective <= bound else Status.FEASIBLE
    return roster.to_result(problem, status, bound, time.perf_counter() - started)


def _report(reporter: Reporter, objective: int, bound: float | None, *, bound_too: bool = False) -> None:  # fmt: skip
    """Report a better roster; with ``bound_too``, also the same roster with a new bound."""
    if reporter.best is None or objective < reporter.best or bound_too:
        reporter.best = objective
        reporter.report(objective, bound)


def _no_roster(problem: Problem, started: float) -> Result:
    return Result(
        status=Status.UNKNOWN, objective=None, best_bound=None,
        wall_time_s=time.perf_counter() - started, assignments=(), penalties=(),
        agents=problem.agents, dates=problem.dates,
    )  # fmt: skip
