"""The minimum head count: how many agents the hard rules need, and what more would buy.

:func:`headcount_table` adds copies of one agent (a new hire with the same
limits, no unavailable dates, no pins and no requests) one at a time until the
hard rules hold, then solves a few more head counts so that the penalties can
be compared. The answer is data: a :class:`HeadcountReport` whose rows the
command line prints as a table. Feasibility need not grow with the team (a
hard minimum of hours per agent and a hard maximum per shift can make one more
agent too many), so rows above the minimum may still be infeasible; the
minimum is the first head count at which the hard rules hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from scheduler.instance.models import Agent, Instance
from scheduler.messages import text
from scheduler.result import Assignment, Result, Status
from scheduler.solve import solve

EXTRA_ID_PREFIX = "extra"
DEFAULT_SEARCH_SPAN = 10
"""Agents added at most when no ``max_agents`` is given."""
DEFAULT_TABLE_SPAN = 2
"""Head counts shown above the minimum when no ``max_agents`` is given."""
MAIN_PENALTIES = 3


class UnknownAgentError(ValueError):
    """The template agent id names no agent of the instance."""

    def __init__(self, agent_id: str, known: Sequence[str]):
        super().__init__(f"unknown agent {agent_id!r}; known: {', '.join(known)}")
        self.agent_id = agent_id
        self.known = tuple(known)


class Outcome(StrEnum):
    FOUND = "found"
    """The hard rules hold from ``minimum`` agents on."""
    INFEASIBLE = "infeasible"
    """Proven infeasible at every head count up to ``max_agents``."""
    UNDECIDED = "undecided"
    """A solve ran out of time with neither a roster nor a proof; the search stopped there."""


def _template(instance: Instance, template_agent_id: str | None) -> Agent:
    agents = instance.team.agents
    if template_agent_id is None:
        return agents[0]
    for agent in agents:
        if agent.id == template_agent_id:
            return agent
    raise UnknownAgentError(template_agent_id, [agent.id for agent in agents])


def with_extra_agents(
    instance: Instance,
    template_agent_id: str | None,
    count: int,
    *,
    language: str | None = None,
) -> Instance:
    """``instance`` with ``count`` new agents like the template (default: the first agent).

    A new agent keeps the template's ``limits`` but has no unavailable dates,
    and the template's pins and requests stay the template's: they are
    personal, and the new id is named by none of them. Ids are ``extra1``,
    ``extra2`` ... skipping any already taken; names are "extra 1" ... in
    ``language`` (default: the team's).
    """
    if count < 0:
        raise ValueError(f"count must be >= 0, got {count}")
    template = _template(instance, template_agent_id)
    language = language or instance.team.language.value
    taken = {agent.id for agent in instance.team.agents}
    extra: list[Agent] = []
    number = 0
    while len(extra) < count:
        number += 1
        agent_id = f"{EXTRA_ID_PREFIX}{number}"
        if agent_id in taken:
            continue
        name = text("staffing.extra_agent_name", language, number=number)
        extra.append(Agent(id=agent_id, name=name, limits=template.limits, unavailable=[]))
    team = instance.team.model_copy(update={"agents": [*instance.team.agents, *extra]})
    return instance.model_copy(update={"team": team})


@dataclass(frozen=True)
class HeadcountRow:
    """One head count and what the solver made of it."""

    agents: int
    status: Status
    objective: int | None
    best_bound: float | None
    wall_time_s: float
    main_penalties: list[tuple[str, int]]
    """The costliest rules, (rule key, cost), most expensive first."""
    result: Result = field(repr=False, compare=False)
    service: dict[str, object] | None = None
    """For a search against a call forecast: what this row's roster answers
    (:meth:`ServiceReport.summary <scheduler.explain.service_level.ServiceReport.summary>`);
    None without a roster or without a forecast."""

    @classmethod
    def of(cls, agents: int, result: Result) -> HeadcountRow:
        by_cost = sorted(result.cost_by_rule().items(), key=lambda item: (-item[1], item[0]))
        return cls(
            agents=agents,
            status=result.status,
            objective=result.objective,
            best_bound=result.best_bound,
            wall_time_s=result.wall_time_s,
            main_penalties=by_cost[:MAIN_PENALTIES],
            result=result,
        )

    def to_json(self, *, with_service: bool = False) -> dict[str, object]:
        """``with_service`` adds the ``service`` key (None on rows without a roster)."""
        data: dict[str, object] = {
            "agents": self.agents,
            "status": self.status.value,
            "objective": self.objective,
            "best_bound": self.best_bound,
            "wall_time_s": round(self.wall_time_s, 3),
            "main_penalties": [{"rule": rule, "cost": cost} for rule, cost in self.main_penalties],
        }
        if with_service:
            data["service"] = self.service
        return data


@dataclass(frozen=True)
class HeadcountReport:
    outcome: Outcome
    minimum: int | None
    """The fewest agents with which the hard rules hold; None unless ``outcome`` is FOUND."""
    rows: list[HeadcountRow]
    template_agent: str
    current_agents: int
    max_agents: int
    """The last head count tried (or, when undecided, that would have been tried)."""
    time_limit: float

    def to_json(self) -> dict[str, object]:
        return {
            "outcome": self.outcome.value,
            "minimum": self.minimum,
            "template_agent": self.template_agent,
            "current_agents": self.current_agents,
            "max_agents": self.max_agents,
            "time_limit_s": self.time_limit,
            "rows": [row.to_json() for row in self.rows],
        }


def headcount_table(
    instance: Instance,
    *,
    template_agent_id: str | None = None,
    max_agents: int | None = None,
    time_limit: float = 10.0,
    workers: int = 2,
    seed: int = 0,
    warm_start: bool = False,
    start_agents: int | None = None,
) -> HeadcountReport:
    """Find the minimum head count and solve each head count from it to ``max_agents``.

    The search starts at the current head count and adds one copy of the
    template agent at a time, up to ``max_agents`` (default: current + 10); a
    solve that ends UNKNOWN stops it. Once the minimum is found the table goes
    on to ``max_agents`` (default: minimum + 2). Each solve gets ``time_limit``
    seconds. ``warm_start`` hints each solve with the previous roster, in which
    the new agent simply has no duty; it is off by default because on the
    default instance with two days off it made the 6- and 7-agent solves three
    to four times slower (0.45-0.7 s instead of 0.11-0.16 s, seeds 0-2).
    ``start_agents``, a head count proven too small below (such as
    :func:`scheduler.explain.demand_staffing.agent_minutes_bound`), starts the
    search there when it is above the current head count; the default search
    limit then counts from it.
    """
    template = _template(instance, template_agent_id)
    current = len(instance.team.agents)
    if max_agents is not None and max_agents < current:
        raise ValueError(f"max_agents ({max_agents}) is below the current head count ({current})")
    first = max(current, start_agents or current)
    search_limit = max_agents if max_agents is not None else first + DEFAULT_SEARCH_SPAN

    rows: list[HeadcountRow] = []
    hint: tuple[Assignment, ...] | None = None

    def run(agents: int) -> HeadcountRow:
        nonlocal hint
        extended = with_extra_agents(instance, template.id, agents - current)
        result = solve(extended, time_limit=time_limit, workers=workers, seed=seed, hint=hint)
        if warm_start and result.status.has_roster:
            hint = result.assignments
        row = HeadcountRow.of(agents, result)
        rows.append(row)
        return row

    def report(outcome: Outcome, minimum: int | None, last: int) -> HeadcountReport:
        return HeadcountReport(
            outcome=outcome,
            minimum=minimum,
            rows=rows,
            template_agent=template.id,
            current_agents=current,
            max_agents=last,
            time_limit=time_limit,
        )

    minimum: int | None = None
    for agents in range(first, search_limit + 1):
        row = run(agents)
        if row.status.has_roster:
            minimum = agents
            break
        if row.status is not Status.INFEASIBLE:
            return report(Outcome.UNDECIDED, None, search_limit)
    if minimum is None:
        return report(Outcome.INFEASIBLE, None, search_limit)

    table_end = max_agents if max_agents is not None else minimum + DEFAULT_TABLE_SPAN
    for agents in range(minimum + 1, table_end + 1):
        run(agents)
    return report(Outcome.FOUND, minimum, table_end)
