"""The fewest agents that meet the service level of a call forecast.

The ``demand:`` section turns every forecast interval into the head count
Erlang C (or A) says meets its target. :func:`demand_headcount_table` makes
that head count a hard minimum (``demand.hard``), so that "the hard rules
hold" means every interval has at least its Erlang head count, and runs the
head-count search of :mod:`scheduler.explain.staffing` on it. Each row then
also gets the service level its roster really reaches
(:func:`scheduler.explain.service_level.service_report`). A quick lower bound,
:func:`agent_minutes_bound`, skips head counts that cannot give the forecast
its agent-minutes.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from pathlib import Path

from scheduler.explain.service_level import service_report
from scheduler.explain.staffing import HeadcountReport, headcount_table
from scheduler.instance import DemandCoverage, Instance, with_demand
from scheduler.problem import Problem, compile_problem


@dataclass(frozen=True)
class AgentMinutesBound:
    """Fewer than ``agents`` agents cannot be on the phone for as many minutes as
    the forecast's head counts add up to."""

    agents: int
    needed_minutes_per_week: float
    """Sum over the forecast intervals of head count x interval length, a week on average."""
    most_minutes_per_week: float
    """The most any one agent (of the team, or a copy of the template) can be on duty."""

    def to_json(self) -> dict[str, object]:
        return {
            "agents": self.agents,
            "needed_minutes_per_week": round(self.needed_minutes_per_week, 1),
            "most_minutes_per_week": round(self.most_minutes_per_week, 1),
        }


@dataclass(frozen=True)
class DemandHeadcountReport:
    """The head-count search against a call forecast, and the forecast's target."""

    headcount: HeadcountReport
    demand: DemandCoverage
    """The section searched with (its ``hard`` is True)."""
    lower_bound: AgentMinutesBound | None
    skipped_below: int | None
    """The search started at the bound, above the current head count: the
    head counts below it were not solved."""

    def to_json(self) -> dict[str, object]:
        demand = self.demand
        return {
            **self.headcount.to_json(),
            "rows": [row.to_json(with_service=True) for row in self.headcount.rows],
            "target": {
                "target_sl": demand.target_sl,
                "answer_within_s": demand.answer_within_s,
                "target_asa_s": demand.target_asa_s,
                "max_occupancy": demand.max_occupancy,
            },
            "lower_bound": self.lower_bound.to_json() if self.lower_bound else None,
            "skipped_below": self.skipped_below,
        }


def hard_demand(
    instance: Instance,
    base_dir: str | Path,
    demand: DemandCoverage | None = None,
    source: str = "instance",
) -> Instance:
    """``instance`` with ``demand`` (default: its own section) expanded as hard minimums.

    The profile is found from ``base_dir``; raises InstanceError naming the
    ``demand.<field>`` at fault, and ValueError when there is no demand at all.
    """
    demand = demand or instance.demand
    if demand is None:
        raise ValueError("the instance has no demand section and none was given")
    return with_demand(instance, demand.model_copy(update={"hard": True}), base_dir, source)


def agent_minutes_bound(instance: Instance) -> AgentMinutesBound | None:
    """At least ``needed / most`` agents, in agent-minutes; None when no hard rule caps an agent.

    A duty counts for an interval only when it spans all of it, and the
    forecast intervals of a date do not overlap, so a duty gives at most its
    wall-clock length to the head counts. An agent works at most
    ``minutes_per_week.max`` x weeks or ``minutes_per_horizon.max`` (hard, own
    limits first) or, with a hard ``days_off_per_week.min`` and one shift a
    day, (7 - min) x weeks x the longest shift. The minute caps count real
    minutes: they are used only when no duty is shorter in real time than on
    the clock (a spring-forward night), where they would undercount. Copies
    of an agent keep its limits, so the team's agents stand for them too.
    """
    problem = compile_problem(instance)
    needed = sum(
        need.min * (need.end - need.start)
        for need in problem.interval_requirements
        if need.forecast is not None
    )
    if needed == 0:
        return None
    spans = [shift.end_after_start - shift.start for shift in instance.shift_types]
    minute_caps_hold = all(
        minutes >= span for day in problem.minutes for minutes, span in zip(day, spans, strict=True)
    )
    capacities = [
        _capacity(problem, agent, max(spans), minute_caps_hold)
        for agent in range(len(problem.agents))
    ]
    if any(capacity is None for capacity in capacities):
        return None
    most = max(capacity for capacity in capacities if capacity is not None)
    if most == 0:
        return None
    weeks = problem.num_weeks
    return AgentMinutesBound(
        agents=math.ceil(needed / most),
        needed_minutes_per_week=needed / weeks,
        most_minutes_per_week=most / weeks,
    )


def _capacity(
    problem: Problem, agent: int, longest_shift: int, minute_caps_hold: bool
) -> int | None:
    """The most wall-clock duty minutes ``agent`` can work over the horizon (None: no cap)."""
    rules = problem.agent_rules[agent]
    caps: list[int] = []
    if minute_caps_hold:
        weekly, horizon = rules.minutes_per_week, rules.minutes_per_horizon
        if weekly is not None and weekly.hard and weekly.max is not None:
            caps.append(weekly.max * problem.num_weeks)
        if horizon is not None and horizon.hard and horizon.max is not None:
            caps.append(horizon.max)
    days_off = problem.instance.rules.days_off_per_week
    if days_off is not None and days_off.hard and not problem.same_day_pairs:
        caps.append((7 - days_off.min) * problem.num_weeks * longest_shift)
    return min(caps) if caps else None


def demand_headcount_table(
    instance: Instance,
    base_dir: str | Path,
    *,
    demand: DemandCoverage | None = None,
    source: str = "instance",
    template_agent_id: str | None = None,
    max_agents: int | None = None,
    time_limit: float = 10.0,
    workers: int = 2,
    seed: int = 0,
    warm_start: bool = False,
    use_lower_bound: bool = True,
) -> DemandHeadcountReport:
    """The fewest agents with which every forecast interval has its Erlang head count.

    ``demand`` (default: the instance's own section, its profile found from
    ``base_dir``) is made hard and the search of
    :func:`~scheduler.explain.staffing.headcount_table` runs on it, with the
    same keyword arguments; with ``use_lower_bound`` it starts at
    :func:`agent_minutes_bound` when that is above the current head count.
    Every row with a roster gets the service summary of that roster.
    """
    hard = hard_demand(instance, base_dir, demand, source)
    assert hard.demand is not None
    bound = agent_minutes_bound(hard)
    current = len(hard.team.agents)
    skipped_below = None
    if use_lower_bound and bound is not None and bound.agents > current:
        skipped_below = bound.agents
    report = headcount_table(
        hard,
        template_agent_id=template_agent_id,
        max_agents=max_agents,
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        warm_start=warm_start,
        start_agents=skipped_below,
    )
    rows = []
    for row in report.rows:
        service = None
        if row.status.has_roster:
            # The extra agents change no interval: the base instance counts their duties too.
            served = service_report(hard, row.result.assignments)
            service = served.summary() if served else None
        rows.append(dataclasses.replace(row, service=service))
    return DemandHeadcountReport(
        headcount=dataclasses.replace(report, rows=rows),
        demand=hard.demand,
        lower_bound=bound,
        skipped_below=skipped_below,
    )
