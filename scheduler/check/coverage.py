"""Head count per day and shift type.

``count[d,s] = sum_a x[a,d,s]``; hard ``min <= count <= max``
(``coverage.min`` / ``coverage.max``, amount the agents short or over) and soft
``preferred``: ``coverage.under`` costs ``preferred - count`` at
``under_weight`` and ``coverage.over`` costs ``count - preferred`` at
``over_weight``. Coverage is per day, so neither horizon end nor the wrap of a
cyclic rotation matters.
"""

from __future__ import annotations

from scheduler.check.report import Findings
from scheduler.check.roster import Roster


def check_coverage(roster: Roster) -> Findings:
    problem = roster.problem
    findings = Findings(problem)
    for (day, shift), need in sorted(problem.requirements.items()):
        count = sum(roster.works_shift(agent, day, shift) for agent in range(len(problem.agents)))
        findings.add(
            "coverage.min",
            need.min - count,
            hard=True,
            day=day,
            shift=shift,
            count=count,
            min=need.min,
        )
        if need.max is not None:
            findings.add(
                "coverage.max",
                count - need.max,
                hard=True,
                day=day,
                shift=shift,
                count=count,
                max=need.max,
            )
        if need.preferred is not None:
            under, over = need.preferred - count, count - need.preferred
            findings.add(
                "coverage.under", under, hard=False, weight=need.under_weight, day=day, shift=shift
            )
            findings.add(
                "coverage.over", over, hard=False, weight=need.over_weight, day=day, shift=shift
            )
    return findings


def check_interval_coverage(roster: Roster) -> Findings:
    """Head count per time interval (``interval_coverage.*`` in docs/rules.md).

    An agent counts for an interval when one of their duties spans all of it
    in wall-clock minutes: a duty started that day, or an overnight duty
    started the day before (in a cyclic rotation day 0 looks at the last day;
    otherwise nothing comes before day 0).
    """
    problem = roster.problem
    findings = Findings(problem)
    day_minutes = 24 * 60
    for need in problem.interval_requirements:
        yesterday = need.day - 1
        if yesterday < 0:
            yesterday = roster.num_days - 1 if problem.cyclic else -1
        count = 0
        for agent in range(len(problem.agents)):
            for shift in roster.shifts_on(agent, need.day):
                shift_type = problem.shift_type(shift)
                if shift_type.start <= need.start and need.end <= shift_type.end_after_start:
                    count += 1
            if yesterday < 0:
                continue
            for shift in roster.shifts_on(agent, yesterday):
                shift_type = problem.shift_type(shift)
                if (
                    shift_type.start <= need.start + day_minutes
                    and need.end + day_minutes <= shift_type.end_after_start
                ):
                    count += 1
        interval = need.label
        findings.add(
            "interval_coverage.min",
            need.min - count,
            hard=True,
            day=need.day,
            interval=interval,
            count=count,
            min=need.min,
        )
        if need.preferred is not None:
            findings.add(
                "interval_coverage.under",
                need.preferred - count,
                hard=False,
                weight=need.under_weight,
                day=need.day,
                interval=interval,
            )
            findings.add(
                "interval_coverage.over",
                count - need.preferred,
                hard=False,
                weight=need.over_weight,
                day=need.day,
                interval=interval,
            )
    return findings
