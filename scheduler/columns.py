"""Column generation: a lower bound on the roster's cost, and rosters built from whole schedules.

Where agents meet only through head counts and every agent's rules fit the
dynamic programme of :mod:`scheduler.cheapest_schedule`, the roster problem
is: pick one schedule (a *column*) per agent, paying each schedule's own
request penalties and the head counts' under- and over-cover. Its linear
relaxation over the columns found so far (the *master*, solved with GLOP)
prices every duty: the dual value of its head count row. The cheapest
schedule of each agent at those prices is a new column when its reduced cost
is negative. Two things come out:

- a lower bound from every round that priced every agent, ``master + sum of
  each agent's most negative reduced cost`` (Lagrangian), which on the
  Curtois & Qu instances is close to the optimum where CP-SAT's own bound
  stays near 0 (Instance12: 4040, the optimum; CP-SAT's 22);
- the columns, from which CP-SAT picks a roster (:func:`roster_from_columns`):
  one exactly-one per agent and the head counts, a small model however long
  the horizon.

Hard head counts (min, max) are rows with a costly slack in the master, so
the relaxation always has a solution; the roster model keeps them hard.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from scheduler.cheapest_schedule import Costs
from scheduler.pricing_threads import price_together
from scheduler.problem import Problem
from scheduler.schedule_pricing import Priced, SchedulePricer
from scheduler.subproblem import OFF, Schedule

HARD_SLACK_COST = 1e6
"""Cost of a unit of slack on a hard head count in the master (never in a roster)."""
NEGATIVE = -1e-6
"""A reduced cost below this is an improving column."""
SMOOTHING = 0.5
"""Weight of the last round's prices in the next (0: the master's alone)."""
PARTIAL_PRICING = 0.25
"""A round ends once this share of the open agents gave a new column."""
MIN_PARTIAL_COLUMNS = 8
DIVE_ROUNDS = 30
"""Most master and pricing rounds between two fixing steps of a dive."""
DIVE_FIX_SHARE = 0.2
"""Share of the agents still open that a dive step fixes when none is whole. On Curtois &
Qu Instance12 (60 agents) 0.2 took 20 s to 4148, 0.1 took 32 s to 4040; on Instance6
(18 agents) one agent a step took 1.5 s to 1953, 0.2 took 1.5 s to 2159."""


@dataclass(frozen=True)
class Column:
    agent: int
    schedule: tuple[int, ...]
    cost: int
    """The agent's own penalties (requests) for this schedule."""


@dataclass
class ColumnPool:
    """The columns found so far, per agent, without repeats."""

    columns: list[dict[tuple[int, ...], Column]]

    @classmethod
    def empty(cls, agents: int) -> ColumnPool:
        return cls([{} for _ in range(agents)])

    def add(self, column: Column) -> bool:
        """Whether the column is new."""
        known = self.columns[column.agent]
        if column.schedule in known:
            return False
        known[column.schedule] = column
        return True

    def __len__(self) -> int:
        return sum(len(known) for known in self.columns)


@dataclass
class Pricing:
    """The cheapest schedule of every agent, at given duty prices."""

    problem: Problem
    pricers: list[SchedulePricer]
    at_once: int = 1
    """Agents priced together in threads (:func:`scheduler.pricing_threads.at_once`)."""

    def price(self, agents: Sequence[int], prices: Costs, *, exact: bool = False) -> list[Priced | None]:  # fmt: skip
        return price_together([self.pricers[agent] for agent in agents], prices, exact=exact)

    def own_cost(self, agent: int, schedule: Sequence[int]) -> int:
        own = self.pricers[agent].space.own_costs
        num_shifts = len(self.problem.shifts)
        return round(
            float(sum(own[day, num_shifts if s == OFF else s] for day, s in enumerate(schedule)))
        )

    def column(self, agent: int, schedule: Sequence[int]) -> Column:
        return Column(agent, tuple(schedule), self.own_cost(agent, schedule))


@dataclass
class _Master:
    """The linear relaxation over the pool, in GLOP, grown column by column."""

    problem: Problem
    solver: pywraplp.Solver
    cover_rows: dict[tuple[int, int], list[pywraplp.Constraint]]
    agent_rows: list[pywraplp.Constraint]
    variables: list[tuple[Column, pywraplp.Variable]] = field(default_factory=list)
    fixed_column: dict[int, Column] = field(default_factory=dict)

    @classmethod
    def build(cls, problem: Problem) -> _Master:
        solver = pywraplp.Solver.CreateSolver("GLOP")
        cover_rows: dict[tuple[int, int], list[pywraplp.Constraint]] = {}
        infinity = solver.infinity()
        objective = solver.Objective()
        for (day, shift), need in sorted(problem.requirements.items()):
            rows = []
            if need.preferred is not None:
                # count + short - over = preferred
                row = solver.Constraint(need.preferred, need.preferred, f"cover_{day}_{shift}")
                short = solver.NumVar(0, infinity, f"short_{day}_{shift}")
                over = solver.NumVar(0, infinity, f"over_{day}_{shift}")
                row.SetCoefficient(short, 1)
                row.SetCoefficient(over, -1)
                objective.SetCoefficient(short, need.under_weight)
                objective.SetCoefficient(over, need.over_weight)
                rows.append(row)
            if need.min > 0:
                row = solver.Constraint(need.min, infinity, f"min_{day}_{shift}")
                slack = solver.NumVar(0, infinity, f"min_slack_{day}_{shift}")
                row.SetCoefficient(slack, 1)
                objective.SetCoefficient(slack, HARD_SLACK_COST)
                rows.append(row)
            if need.max is not None:
                row = solver.Constraint(-infinity, need.max, f"max_{day}_{shift}")
                slack = solver.NumVar(0, infinity, f"max_slack_{day}_{shift}")
                row.SetCoefficient(slack, -1)
                objective.SetCoefficient(slack, HARD_SLACK_COST)
                rows.append(row)
            if rows:
                cover_rows[day, shift] = rows
        agent_rows = [solver.Constraint(1, 1, f"agent_{a}") for a in range(len(problem.agents))]
        objective.SetMinimization()
        return cls(problem, solver, cover_rows, agent_rows)

    def shares(self) -> list[list[tuple[Column, float]]]:
        """Per agent, its columns with their value in the last relaxation."""
        shares: list[list[tuple[Column, float]]] = [[] for _ in self.agent_rows]
        for column, variable in self.variables:
            shares[column.agent].append((column, variable.solution_value()))
        return shares

    def fix(self, agent: int, chosen: Column) -> None:
        """Only ``chosen`` is left to ``agent``, whole."""
        for column, variable in self.variables:
            if column.agent == agent:
                variable.SetBounds(*((1, 1) if column is chosen else (0, 0)))
        self.fixed_column[agent] = chosen

    def add(self, column: Column) -> None:
        variable = self.solver.NumVar(0, self.solver.infinity(), f"column_{len(self.variables)}")
        self.solver.Objective().SetCoefficient(variable, column.cost)
        self.agent_rows[column.agent].SetCoefficient(variable, 1)
        for day, shift in enumerate(column.schedule):
            for row in self.cover_rows.get((day, shift), ()) if shift != OFF else ():
                row.SetCoefficient(variable, 1)
        self.variables.append((column, variable))

    def solve(self) -> tuple[float, Costs, list[float]]:
        """The relaxation's value, each duty's price (``-dual``) and each agent's dual."""
        status = self.solver.Solve()
        if status != pywraplp.Solver.OPTIMAL:  # pragma: no cover - slacks keep it feasible
            raise RuntimeError(f"the column master ended with status {status}")
        problem = self.problem
        prices = np.zeros((problem.num_days, len(problem.shifts) + 1))
        for (day, shift), rows in self.cover_rows.items():
            prices[day, shift] = -sum(row.dual_value() for row in rows)
        return (
            self.solver.Objective().Value(),
            prices,
            [row.dual_value() for row in self.agent_rows],
        )


@dataclass
class ColumnsOutcome:
    pool: ColumnPool
    bound: float
    """The best Lagrangian lower bound of all rounds (rounded up: costs are integers)."""
    relaxation: float
    """The master's value in the last round."""
    rounds: int
    converged: bool
    """No column with a negative reduced cost was left: ``relaxation`` is the LP optimum."""


def generate_columns(
    pricing: Pricing, pool: ColumnPool, *, deadline: float, bound: float = 0.0
) -> ColumnsOutcome:
    """Rounds of master and pricing until no column improves or ``deadline`` passes."""
    rounds = _Rounds.on(pricing, pool)
    converged = rounds.until_converged(deadline)
    bound = max(bound, rounds.bound)
    return ColumnsOutcome(pool, bound, rounds.relaxation, rounds.count, converged)


@dataclass
class _Rounds:
    """Master and pricing rounds on one master; agents in ``fixed`` keep their column."""

    master: _Master
    pricing: Pricing
    pool: ColumnPool
    fixed: set[int] = field(default_factory=set)
    count: int = 0
    next_agent: int = 0
    center: tuple[Costs, list[float]] | None = None
    """The prices the last round used; ``None`` after a smoothed round found no column,
    so that the next round prices at the master's own (and may prove it optimal)."""
    relaxation: float = math.inf
    bound: float = 0.0
    """The best Lagrangian bound seen (only while no agent is fixed)."""

    @classmethod
    def on(cls, pricing: Pricing, pool: ColumnPool) -> _Rounds:
        """Rounds on a new master that holds every pooled column."""
        master = _Master.build(pricing.problem)
        for known in pool.columns:
            for column in known.values():
                master.add(column)
        return cls(master, pricing, pool)

    def until_converged(self, deadline: float, most: int | None = None) -> bool:
        """Rounds until no column improves (``True``), ``deadline`` or ``most`` rounds."""
        done = 0
        while time.perf_counter() < deadline and (most is None or done < most):
            done += 1
            if not self.once(deadline):
                return True
        return False

    def once(self, deadline: float) -> int:
        """One round: the number of columns added (0: the relaxation is optimal).

        Agents are priced in turn from where the last round stopped, and the
        round ends early once :data:`PARTIAL_PRICING` of them gave a column:
        the master's new prices are worth more than the rest of the old round
        (Curtois & Qu Instance13 has 120 agents at 15-80 ms each). Pricing
        relaxes the shift-type limits (:class:`SchedulePricer`); only a round
        that finds no column prices the agents it left open exactly (with the
        limits, Instance14 spent 73 % of its time there). Only a round that
        priced every agent gives a bound.
        """
        self.count += 1
        self.relaxation, true_prices, true_duals = self.master.solve()
        prices, agent_duals = true_prices, true_duals
        smoothed = self.center is not None
        if self.center is not None:
            # Prices between the last round's and the master's: the master's
            # own jump from one extreme to another (Wentges smoothing).
            prices = SMOOTHING * self.center[0] + (1 - SMOOTHING) * true_prices
            agent_duals = [SMOOTHING * c + (1 - SMOOTHING) * d for c, d in zip(self.center[1], true_duals, strict=True)]  # fmt: skip
        self.center = (prices, agent_duals)
        agents = [a for a in range(len(self.pricing.pricers)) if a not in self.fixed]
        enough = max(MIN_PARTIAL_COLUMNS, math.ceil(PARTIAL_PRICING * len(agents)))
        start = self.next_agent % len(agents) if agents else 0
        in_turn = agents[start:] + agents[:start]
        found: dict[int, Priced | None] = {}
        added = 0
        for position in range(0, len(in_turn), self.pricing.at_once):
            if time.perf_counter() >= deadline:
                return max(added, 1)  # cut short: not known to be optimal
            if added >= enough:
                self.next_agent = (start + position) % len(agents)
                return added
            batch = in_turn[position : position + self.pricing.at_once]
            added += self._price(batch, prices, true_prices, true_duals, found)
        if smoothed:
            if not added:
                self.center = None  # a mispricing: the next round prices at the master's prices
                return 1
            return added
        if not added:
            unsettled = [
                agent
                for agent, priced in found.items()
                if priced is not None and not priced.exact and priced.bound - agent_duals[agent] < NEGATIVE
            ]  # fmt: skip
            for position in range(0, len(unsettled), self.pricing.at_once):
                if time.perf_counter() >= deadline:
                    return 1
                batch = unsettled[position : position + self.pricing.at_once]
                added += self._price(batch, prices, true_prices, true_duals, found, exact=True)
        if not self.fixed and all(priced is not None for priced in found.values()):
            lagrangian = self.relaxation + sum(
                min(0.0, priced.bound - agent_duals[agent])
                for agent, priced in found.items()
                if priced is not None
            )
            self.bound = max(self.bound, math.ceil(lagrangian - 1e-6))
        return added

    def _price(
        self,
        batch: Sequence[int],
        prices: Costs,
        true_prices: Costs,
        true_duals: list[float],
        found: dict[int, Priced | None],
        *,
        exact: bool = False,
    ) -> int:
        """Prices ``batch`` at ``prices`` (into ``found``); the new columns, judged at the true prices."""
        added = 0
        for agent, priced in zip(
            batch, self.pricing.price(batch, prices, exact=exact), strict=True
        ):
            found[agent] = priced
            added += self._add(agent, priced, true_prices, true_duals[agent])
        return added

    def _add(self, agent: int, priced: Priced | None, prices: Costs, dual: float) -> int:
        """1 if ``priced`` is a new column of negative reduced cost at ``prices``, now in the master."""
        if priced is None:
            return 0
        column = self.pricing.column(agent, priced.schedule)
        reduced = (
            column.cost
            - dual
            + sum(prices[day, shift] for day, shift in enumerate(column.schedule) if shift != OFF)
        )
        if reduced >= NEGATIVE or not self.pool.add(column):
            return 0
        self.master.add(column)
        return 1


def dive(
    pricing: Pricing,
    pool: ColumnPool,
    *,
    deadline: float,
    fix_share: float = DIVE_FIX_SHARE,
    jitter: float = 0.0,
    rng: random.Random | None = None,
) -> dict[int, Column]:
    """Columns fixed by diving: fix the agents the relaxation is surest of, re-price, repeat.

    Each step fixes every agent whose relaxed choice is already whole, or
    else the ``fix_share`` of open agents closest to it (at least one), then
    lets the others' columns adapt to them. ``jitter`` adds a random amount
    up to it to each agent's share before the choice, so that dives repeated
    on the same pool take other paths. Returns the agents fixed by
    ``deadline`` (all of them if it did not come first), each with its column.
    """
    rng = rng or random.Random(0)
    rounds = _Rounds.on(pricing, pool)
    master = rounds.master
    num_agents = len(pricing.problem.agents)
    while len(rounds.fixed) < num_agents:
        rounds.until_converged(deadline, DIVE_ROUNDS)
        if time.perf_counter() >= deadline:
            break
        master.solve()  # the last round may have added columns since its solve
        shares = master.shares()
        open_agents = [agent for agent in range(num_agents) if agent not in rounds.fixed]
        best = {agent: max(shares[agent], key=lambda pair: pair[1]) for agent in open_agents}
        whole = [agent for agent in open_agents if best[agent][1] > 1 - 1e-6]
        noise = {agent: jitter * rng.random() for agent in open_agents}
        surest = sorted(open_agents, key=lambda agent: -best[agent][1] - noise[agent])
        for agent in whole or surest[: max(1, math.ceil(fix_share * len(open_agents)))]:
            master.fix(agent, best[agent][0])
            rounds.fixed.add(agent)
    return dict(master.fixed_column)


def roster_from_columns(
    problem: Problem,
    pool: ColumnPool,
    *,
    hint: Schedule | None,
    fixed: dict[int, Column] | None = None,
    time_limit: float,
    workers: int,
    seed: int,
) -> tuple[Schedule, float] | None:
    """The cheapest roster made of pooled columns (CP-SAT), and the solver's bound over them.

    Agents in ``fixed`` keep the column given there.
    """
    model = cp_model.CpModel()
    chosen: list[list[tuple[Column, cp_model.IntVar]]] = []
    for agent, known in enumerate(pool.columns):
        if fixed is not None and agent in fixed:
            known = {fixed[agent].schedule: fixed[agent]}
        if not known:
            return None
        options = [(column, model.new_bool_var(f"a{agent}_c{i}")) for i, column in enumerate(known.values())]  # fmt: skip
        model.add_exactly_one(variable for _, variable in options)
        chosen.append(options)
    working: dict[tuple[int, int], list[cp_model.IntVar]] = {}
    for options in chosen:
        for column, variable in options:
            for day, shift in enumerate(column.schedule):
                if shift != OFF:
                    working.setdefault((day, shift), []).append(variable)
    objective: list[cp_model.LinearExprT] = [
        column.cost * variable for options in chosen for column, variable in options if column.cost
    ]
    num_agents = len(problem.agents)
    for (day, shift), need in problem.requirements.items():
        count = cp_model.LinearExpr.sum(working.get((day, shift), []))
        if need.min > 0:
            model.add(count >= need.min)
        if need.max is not None:
            model.add(count <= need.max)
        if need.preferred is not None:
            short = model.new_int_var(0, max(0, need.preferred), f"short_{day}_{shift}")
            over = model.new_int_var(0, num_agents, f"over_{day}_{shift}")
            model.add(count + short - over == need.preferred)
            objective += [need.under_weight * short, need.over_weight * over]
    model.minimize(sum(objective))
    if hint is not None:
        for agent, options in enumerate(chosen):
            for column, variable in options:
                model.add_hint(variable, column.schedule == tuple(hint[agent]))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    schedule = [
        list(next(column.schedule for column, var in options if solver.boolean_value(var)))
        for options in chosen
    ]
    return schedule, solver.best_objective_bound
