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
