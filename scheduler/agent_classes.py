"""Agents the rules cannot tell apart, grouped so that one schedule search serves them all.

Synthetic and real call-centre teams have many agents on the same contract
with no dated wishes: any schedule one of them may work, each of the others
may work at the same own cost. Column generation (:mod:`scheduler.class_columns`)
then prices one agent per class instead of every agent, and its master counts
how many of a class work each schedule.
"""

from __future__ import annotations

from collections.abc import Hashable

from scheduler.problem import AgentRules, Problem


def agent_classes(problem: Problem) -> list[tuple[int, ...]]:
    """The agents grouped by everything that is their own, in order of first appearance."""
    classes: dict[Hashable, list[int]] = {}
    for agent in range(len(problem.agents)):
        classes.setdefault(_signature(problem, agent), []).append(agent)
    return [tuple(members) for members in classes.values()]


def _signature(problem: Problem, agent: int) -> Hashable:
    return (
        _rules_key(problem.agent_rules[agent]),
        frozenset(day for who, day in problem.unavailable if who == agent),
        frozenset((pin.day, pin.shift) for pin in problem.pins if pin.agent == agent),
        tuple(
            sorted(
                (str(request.day), str(request.shift), str(request.want), str(request.weight))
                for request in problem.requests
                if request.agent == agent
            )
        ),
    )


def _rules_key(rules: AgentRules) -> Hashable:
    return (
        rules.consecutive_working_days,
        rules.consecutive_days_off,
        rules.minutes_per_week,
        rules.minutes_per_horizon,
        rules.max_weekends,
        tuple(sorted(rules.max_shifts.items())),
    )
