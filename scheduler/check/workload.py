"""How much each agent works: days off per week, minutes, shifts per type, weekends.

Per calendar week ``w`` (days ``7w .. 7w+6``; weeks never wrap):
``days_off_per_week.min`` costs ``min - off_w`` and ``.preferred`` (always
soft) ``preferred - off_w``, with ``off_w`` the days without a duty;
``minutes_per_week.min`` / ``.max`` cost the minutes short or over, all at
(agent, the week's Monday). Over the horizon: ``minutes_per_horizon.min`` /
``.max`` (minutes short or over), ``max_weekends`` (weekends with a duty on
Saturday or Sunday, over the limit) at (agent), and ``max_shifts_per_type``
(shifts of the type over the limit) at (agent, shift). Minutes are real elapsed
minutes of the duties that start in the period.
"""

from __future__ import annotations

from scheduler.check.report import Findings
from scheduler.check.roster import Roster
from scheduler.problem import Bound


def check_workload(roster: Roster) -> Findings:
    problem = roster.problem
    findings = Findings(problem)
    days_off = problem.instance.rules.days_off_per_week
    for agent, rules in enumerate(problem.agent_rules):
        for week in range(problem.num_weeks):
            days = problem.week_days(week)
            monday = days[0]
            if days_off is not None:
                off = sum(not roster.works(agent, day) for day in days)
                findings.add(
                    "days_off_per_week.min",
                    days_off.min - off,
                    hard=days_off.hard,
                    weight=days_off.weight,
                    agent=agent,
                    day=monday,
                    off=off,
                    min=days_off.min,
                )
                if days_off.preferred is not None:
                    findings.add(
                        "days_off_per_week.preferred",
                        days_off.preferred - off,
                        hard=False,
                        weight=days_off.preferred_weight,
                        agent=agent,
                        day=monday,
                    )
            _check_minutes(
                findings,
                "minutes_per_week",
                rules.minutes_per_week,
                agent,
                monday,
                roster.minutes(agent, days),
            )
        _check_minutes(
            findings,
            "minutes_per_horizon",
            rules.minutes_per_horizon,
            agent,
            None,
            roster.minutes(agent, range(problem.num_days)),
        )
        bound = rules.max_weekends
        if bound is not None and bound.max is not None:
            weekends = sum(
                any(roster.works(agent, day) for day in problem.weekend_days(week))
                for week in range(problem.num_weeks)
            )
            findings.add(
                "max_weekends",
                weekends - bound.max,
                hard=bound.hard,
                weight=bound.weight,
                agent=agent,
                weekends=weekends,
                max=bound.max,
            )
        for shift, bound in sorted(rules.max_shifts.items()):
            if bound.max is None:
                continue
            count = sum(roster.works_shift(agent, day, shift) for day in range(problem.num_days))
            findings.add(
                "max_shifts_per_type",
                count - bound.max,
                hard=bound.hard,
                weight=bound.weight,
                agent=agent,
                shift=shift,
                count=count,
                max=bound.max,
            )
    return findings


def _check_minutes(
    findings: Findings, key: str, bound: Bound | None, agent: int, day: int | None, minutes: int
) -> None:
    if bound is None:
        return
    if bound.min is not None:
        findings.add(
            f"{key}.min",
            bound.min - minutes,
            hard=bound.hard,
            weight=bound.weight,
            agent=agent,
            day=day,
            minutes=minutes,
            min=bound.min,
        )
    if bound.max is not None:
        findings.add(
            f"{key}.max",
            minutes - bound.max,
            hard=bound.hard,
            weight=bound.weight,
            agent=agent,
            day=day,
            minutes=minutes,
            max=bound.max,
        )
