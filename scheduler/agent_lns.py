"""Rosters built and improved a few agents at a time, on models of those agents only.

For problems where agents meet only through coverage
(:func:`scheduler.subproblem.decomposes`), each step here solves a model of a
handful of agents whose coverage targets are lowered by what the rest of the
roster already covers (:func:`scheduler.subproblem.subproblem`). On the
large public benchmarks this is what makes the search move: the whole-model
search of :mod:`scheduler.lns` presolves every variable of the roster at each
step, while a part of 2-8 agents builds and solves in a fraction of a second.

- :func:`construct` gives a first roster: agents in batches, each batch
  solved against the duties of the batches before it, so each takes the
  duties still missing (no hard minimum head count may exist, or a lone agent
  could not meet it);
- :func:`improve` frees random agents, over the whole horizon or a window of
  days, and keeps the part's new roster when it costs no more (equal moves
  walk the plateaus of the objective).

The cost is tracked exactly without a model of the whole roster: each agent's
own penalties, plus the coverage penalties that every part's model prices in
full.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.lns import AdaptiveSize
from scheduler.model import add_hints, build_model
from scheduler.problem import Problem
from scheduler.result import Assignment, Penalty, Result, Status
from scheduler.solve import STATUS_OF, result_from_solver
from scheduler.subproblem import OFF, Schedule, duty_counts, subproblem

PART_VARIABLES = 3_000
"""Starting size of a part, in shift variables (agents x days x shift types)."""
FIRST_PART_VARIABLES = 1_000
"""Size of a batch of the first roster: one agent when an agent's horizon is
larger (on Curtois & Qu Instance20, 182 days, two agents at a time often had
no roster in 2 s where one agent had one in 0.6 s)."""
FIRST_BATCH_MAX_S = 1.0
"""Longest a batch of the first roster is optimised: the first roster should come early."""
FIRST_ONLY_BELOW_S = 1.0
"""A batch of the first roster with less time than this stops at its first roster."""
SUB_SOLVE_SECONDS = (0.2, 3.0)
"""Bounds of the time one part may take."""


@dataclass
class AgentRoster:
    """A whole roster kept as a schedule, with its cost split by who pays it."""

    schedule: Schedule
    own_penalties: list[tuple[Penalty, ...]]
    """Per agent: the penalties of its own rules and requests."""
    cover_penalties: tuple[Penalty, ...]
    """Coverage penalties of the whole roster (they have no agent)."""

    @property
    def objective(self) -> int:
        own = sum(penalty.cost for penalties in self.own_penalties for penalty in penalties)
        return own + sum(penalty.cost for penalty in self.cover_penalties)

    def own_cost(self, agents: Collection[int]) -> int:
        return sum(penalty.cost for agent in agents for penalty in self.own_penalties[agent])

    def assignments(self, problem: Problem, agents: Collection[int] | None = None) -> list[Assignment]:  # fmt: skip
        chosen = range(len(self.schedule)) if agents is None else agents
        return [
            Assignment(problem.agents[agent], problem.dates[day], problem.shifts[shift])
            for agent in chosen
            for day, shift in enumerate(self.schedule[agent])
            if shift != OFF
        ]

    @classmethod
    def from_result(cls, problem: Problem, result: Result) -> AgentRoster:
        """The roster of a whole-model solve, to carry on from."""
        agent_index = {agent: i for i, agent in enumerate(problem.agents)}
        day_index = {date: i for i, date in enumerate(problem.dates)}
        shift_index = {shift: i for i, shift in enumerate(problem.shifts)}
        schedule = [[OFF] * problem.num_days for _ in problem.agents]
        for assignment in result.assignments:
            schedule[agent_index[assignment.agent]][day_index[assignment.date]] = shift_index[
                assignment.shift
            ]
        own: list[list[Penalty]] = [[] for _ in problem.agents]
        for penalty in result.penalties:
            if penalty.agent is not None:
                own[agent_index[penalty.agent]].append(penalty)
        cover = tuple(penalty for penalty in result.penalties if penalty.agent is None)
        return cls(schedule, [tuple(penalties) for penalties in own], cover)

    def to_result(self, problem: Problem, status: Status, bound: float | None, wall_time: float) -> Result:  # fmt: skip
        penalties = (*(p for penalties in self.own_penalties for p in penalties), *self.cover_penalties)  # fmt: skip
        return Result(
            status=status,
            objective=self.objective,
            best_bound=bound,
            wall_time_s=wall_time,
            assignments=tuple(sorted(self.assignments(problem))),
            penalties=penalties,
            agents=problem.agents,
            dates=problem.dates,
        )


@dataclass(frozen=True)
class _Part:
    """The outcome of one part's solve: its status and roster (local agent order)."""

    status: Status
    result: Result | None


def _solve_part(
    problem: Problem,
    roster: AgentRoster,
    agents: Sequence[int],
    *,
    free_days: Collection[int] | None,
    hint: bool,
    time_limit: float,
    workers: int,
    seed: int,
    first_only: bool = False,
) -> _Part:
    others = set(range(len(problem.agents))) - set(agents)
    part = subproblem(
        problem, agents, duty_counts(roster.schedule, others),
        schedule=roster.schedule, free_days=free_days,
    )  # fmt: skip
    built = build_model(part)
    if hint:
        add_hints(built, part, roster.assignments(problem, agents))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.stop_after_first_solution = first_only
    status = STATUS_OF[solver.solve(built.model)]
    if not status.has_roster:
        return _Part(status, None)
    return _Part(status, result_from_solver(part, built, solver, status, 0))


def _take(problem: Problem, roster: AgentRoster, agents: Sequence[int], result: Result) -> None:
    """Write a part's roster and penalties into ``roster``."""
    day_index = {date: i for i, date in enumerate(problem.dates)}
    shift_index = {shift: i for i, shift in enumerate(problem.shifts)}
    local = {problem.agents[agent]: agent for agent in agents}
    for agent in agents:
        roster.schedule[agent] = [OFF] * problem.num_days
        roster.own_penalties[agent] = ()
    for assignment in result.assignments:
        agent = local[assignment.agent]
        roster.schedule[agent][day_index[assignment.date]] = shift_index[assignment.shift]
    own: dict[int, list[Penalty]] = {agent: [] for agent in agents}
    for penalty in result.penalties:
        if penalty.agent is not None:
            own[local[penalty.agent]].append(penalty)
    for agent, penalties in own.items():
        roster.own_penalties[agent] = tuple(penalties)
    roster.cover_penalties = tuple(p for p in result.penalties if p.agent is None)


def _agents_per_part(problem: Problem, variables: int) -> int:
    per_agent = max(1, problem.num_days * len(problem.shifts))
    return max(1, min(len(problem.agents), variables // per_agent))


def construct(
    problem: Problem, *, deadline: float, give_up: float, workers: int, seed: int
) -> AgentRoster | None:
    """A first roster, batch by batch, aiming to finish by ``deadline``.

    A batch with no roster in its share of the time gets twice as long, and
    so on until ``give_up``; then ``None``.
    """
    empty = [[OFF] * problem.num_days for _ in problem.agents]
    roster = AgentRoster(empty, [() for _ in problem.agents], ())
    size = _agents_per_part(problem, FIRST_PART_VARIABLES)
    batches = [list(range(i, min(i + size, len(problem.agents)))) for i in range(0, len(problem.agents), size)]  # fmt: skip
    for position, batch in enumerate(batches):
        # Later batches see the duties of earlier ones, not the reverse, so
        # the share of the time is even: the improvement steps fix the order.
        share = (deadline - time.perf_counter()) / (len(batches) - position)
        limit = max(SUB_SOLVE_SECONDS[0], min(share, FIRST_BATCH_MAX_S))
        # Short of time, the first roster of a batch will do: on Curtois & Qu
        # Instance23 (364 days) one agent's first roster took 0.3-0.6 s and
        # one 5 s later cost 0.2 % less.
        first_only = share < FIRST_ONLY_BELOW_S
        if first_only:
            limit = give_up - time.perf_counter()  # it stops at the first roster anyway
        part = _Part(Status.UNKNOWN, None)
        while part.result is None and part.status is Status.UNKNOWN:
            limit = min(limit, give_up - time.perf_counter())
            if limit <= 0:
                return None
            part = _solve_part(
                problem, roster, batch, free_days=None, hint=False,
                time_limit=limit, workers=workers, seed=seed, first_only=first_only,
            )  # fmt: skip
            limit *= 2
        if part.result is None:
            return None
        _take(problem, roster, batch, part.result)
    return roster


def improve(
    problem: Problem,
    roster: AgentRoster,
    *,
    deadline: float,
    workers: int,
    seed: int,
    on_improvement: Callable[[AgentRoster], None] | None = None,
) -> AgentRoster:
    """Re-solve random parts until ``deadline`` (a ``time.perf_counter`` value); the best roster."""
    rng = random.Random(seed)
    size = AdaptiveSize(PART_VARIABLES, low=200, high=60_000, grow_by=1.25, shrink_by=0.8)
    num_agents, num_days = len(problem.agents), problem.num_days
    per_day = max(1, len(problem.shifts))
    step = 0
    while (remaining := deadline - time.perf_counter()) > SUB_SOLVE_SECONDS[0] / 2:
        step += 1
        # Whole horizons for a few agents, or a window of days for more of
        # them: long horizons make one agent's whole year a large part.
        if step % 2 or num_days <= 28:
            count = _agents_per_part(problem, int(size.value))
            free_days = None
        else:
            count = min(num_agents, max(2, int(size.value**0.5 / per_day**0.5)))
            length = max(7, min(num_days, int(size.value / (count * per_day))))
            first = rng.randrange(0, max(1, num_days - length + 1))
            free_days = set(range(first, min(num_days, first + length)))
        agents = sorted(rng.sample(range(num_agents), max(min(2, num_agents), count)))
        before = roster.own_cost(agents) + sum(p.cost for p in roster.cover_penalties)
        limit = min(remaining, max(SUB_SOLVE_SECONDS[0], min(SUB_SOLVE_SECONDS[1], size.value / 5_000)))  # fmt: skip
        part = _solve_part(
            problem, roster, agents, free_days=free_days, hint=True,
            time_limit=limit, workers=workers, seed=seed + step,
        )  # fmt: skip
        if part.status is Status.OPTIMAL:
            size.grow()
        else:
            size.shrink()
        if part.result is None or part.result.objective is None:
            continue
        if part.result.objective <= before:
            improved = part.result.objective < before
            _take(problem, roster, agents, part.result)
            if improved and on_improvement is not None:
                on_improvement(roster)
    return roster
