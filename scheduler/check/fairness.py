"""Even sharing of on-call duties, weekend duties and minutes across agents (soft).

Per agent value ``v_a``: ``on_call`` counts duties on on-call shift types,
``weekend_duties`` duties starting on a Saturday or Sunday, ``minutes`` real
elapsed minutes worked. ``spread``: ``max_a v_a - min_a v_a``. ``deviation``:
``sum_a |N * v_a - sum_b v_b|`` with ``N`` agents, which is ``N`` times the
absolute deviation from the mean and stays integral. The penalty
``fairness.<measure>`` has no place; whole-horizon sums never wrap.
"""

from __future__ import annotations

from scheduler.check.report import Findings
from scheduler.check.roster import Roster
from scheduler.instance.rules import FairnessMeasure, FairnessMethod


def check_fairness(roster: Roster) -> Findings:
    findings = Findings(roster.problem)
    for rule in roster.problem.instance.rules.fairness:
        values = measure(roster, rule.measure)
        if rule.method is FairnessMethod.SPREAD:
            amount = max(values) - min(values)
        else:
            total = sum(values)
            amount = sum(abs(len(values) * value - total) for value in values)
        findings.add(f"fairness.{rule.measure.value}", amount, hard=False, weight=rule.weight)
    return findings


def measure(roster: Roster, kind: FairnessMeasure) -> list[int]:
    """``v_a`` for every agent, in agent order."""
    problem = roster.problem
    agents, days = range(len(problem.agents)), range(problem.num_days)
    if kind is FairnessMeasure.MINUTES:
        return [roster.minutes(agent, days) for agent in agents]
    if kind is FairnessMeasure.ON_CALL:
        return [
            sum(len(roster.shifts_on(agent, day) & problem.on_call_shifts) for day in days)
            for agent in agents
        ]
    return [
        sum(len(roster.shifts_on(agent, day)) for day in days if problem.is_weekend(day))
        for agent in agents
    ]
