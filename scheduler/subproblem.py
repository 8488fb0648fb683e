"""A part of a problem: some agents, with the rest of the roster held fixed around them.

Where agents meet only through coverage (no fairness rule), the cost of a
roster splits into each agent's own penalties plus the coverage penalties of
the head counts. Freeing a few agents then needs no model of the others: their
duties only shift the coverage targets. :func:`subproblem` writes that part as
an ordinary :class:`~scheduler.problem.Problem`, so the usual model and rule
families solve it:

- every head count (per shift and per interval) is lowered by the duties the
  fixed agents already work; a preferred count may go below zero, which the
  rules price as over-cover from the first agent on, exactly the full cost;
- the freed agents keep their own rules, requests, unavailable days and pins;
- days outside an optional window are pinned to the agent's current duty, so
  runs of days, weekends and totals see the whole horizon.

The sub-model's cost is the full roster's coverage cost plus the freed agents'
own penalties; what the fixed agents pay on their own does not change.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Collection, Sequence
from typing import TypeVar

from scheduler.problem import IntervalRequirement, Pin, Problem, Requirement

OFF = -1
"""A day with no duty in a :data:`Schedule`."""

_Need = TypeVar("_Need", Requirement, IntervalRequirement)

Schedule = list[list[int]]
"""``schedule[agent][day]``: the shift index worked that day, or :data:`OFF`."""


def decomposes(problem: Problem) -> bool:
    """Whether agents meet only through coverage, so that parts of the roster can be re-solved alone."""
    return not problem.instance.rules.fairness


def cover_needs_team(problem: Problem) -> bool:
    """Whether a hard minimum head count exists: then one agent alone cannot always keep the rules."""
    return any(need.min > 0 for need in problem.requirements.values()) or any(
        need.min > 0 for need in problem.interval_requirements
    )


def duty_counts(schedule: Schedule, agents: Collection[int]) -> Counter[tuple[int, int]]:
    """How many of ``agents`` work each (day, shift)."""
    counts: Counter[tuple[int, int]] = Counter()
    for agent in agents:
        for day, shift in enumerate(schedule[agent]):
            if shift != OFF:
                counts[day, shift] += 1
    return counts


def subproblem(
    problem: Problem,
    agents: Sequence[int],
    fixed_counts: Counter[tuple[int, int]],
    *,
    schedule: Schedule | None = None,
    free_days: Collection[int] | None = None,
) -> Problem:
    """``problem`` restricted to ``agents`` (in that order), the others working ``fixed_counts``.

    With ``free_days``, each chosen agent keeps its duty from ``schedule`` on
    every other day (as a pin).
    """
    local = {agent: position for position, agent in enumerate(agents)}
    pins = [
        dataclasses.replace(pin, agent=local[pin.agent])
        for pin in problem.pins
        if pin.agent in local
    ]
    if free_days is not None:
        if schedule is None:
            raise ValueError("free_days needs the schedule the other days are pinned to")
        pinned = {(pin.agent, pin.day) for pin in pins}
        for agent, position in local.items():
            for day, shift in enumerate(schedule[agent]):
                if day not in free_days and (position, day) not in pinned:
                    pins.append(Pin(position, day, None if shift == OFF else shift))
    return dataclasses.replace(
        problem,
        agents=tuple(problem.agents[agent] for agent in agents),
        agent_rules=tuple(problem.agent_rules[agent] for agent in agents),
        unavailable=frozenset(
            (local[agent], day) for agent, day in problem.unavailable if agent in local
        ),
        pins=tuple(pins),
        requests=tuple(
            dataclasses.replace(request, agent=local[request.agent])
            for request in problem.requests
            if request.agent in local
        ),
        requirements={
            key: _lowered(requirement, fixed_counts[key])
            for key, requirement in problem.requirements.items()
        },
        interval_requirements=tuple(
            _lowered(need, sum(fixed_counts[duty] for duty in need.covering))
            for need in problem.interval_requirements
        ),
    )


def _lowered(need: _Need, fixed: int) -> _Need:
    """``need`` for the agents left once ``fixed`` agents already count towards it."""
    if not fixed:
        return need
    changes: dict[str, int | None] = {
        "min": max(0, need.min - fixed),
        "preferred": None if need.preferred is None else need.preferred - fixed,
    }
    if isinstance(need, Requirement) and need.max is not None:
        changes["max"] = need.max - fixed
    return dataclasses.replace(need, **changes)  # type: ignore[arg-type]
