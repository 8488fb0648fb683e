"""Rules about one agent on one day: same-day duties, unavailability and pins (all hard).

``same_day``: two shifts on one day must be a pair listed in
``rules.allowed_same_day``; amount the number of unlisted pairs worked, at
(agent, day). ``unavailable``: each duty on an unavailable date, at (agent,
day, shift). ``fixed_assignment``: a pin to a shift that is not worked, or a
day-off pin (``shift: null``) with any duty, amount 1 at (agent, day, pinned
shift). Each day stands alone, so horizon ends and the cyclic wrap do not
matter.
"""

from __future__ import annotations

from itertools import combinations

from scheduler.check.report import Findings
from scheduler.check.roster import Roster


def check_daily(roster: Roster) -> Findings:
    problem = roster.problem
    findings = Findings(problem)
    for agent in range(len(problem.agents)):
        for day in range(problem.num_days):
            shifts = sorted(roster.shifts_on(agent, day))
            unlisted = [
                pair for pair in combinations(shifts, 2) if pair not in problem.same_day_pairs
            ]
            findings.add(
                "same_day",
                len(unlisted),
                hard=True,
                agent=agent,
                day=day,
                shifts=_names(roster, shifts),
            )
            if (agent, day) in problem.unavailable:
                for shift in shifts:
                    findings.add("unavailable", 1, hard=True, agent=agent, day=day, shift=shift)
    for pin in problem.pins:
        shifts = sorted(roster.shifts_on(pin.agent, pin.day))
        if pin.shift is None:
            findings.add(
                "fixed_assignment",
                1 if shifts else 0,
                hard=True,
                agent=pin.agent,
                day=pin.day,
                message="check.fixed_assignment.off",
                worked=_names(roster, shifts),
            )
        else:
            findings.add(
                "fixed_assignment",
                0 if pin.shift in shifts else 1,
                hard=True,
                agent=pin.agent,
                day=pin.day,
                shift=pin.shift,
                message="check.fixed_assignment.shift",
            )
    return findings


def _names(roster: Roster, shifts: list[int]) -> str:
    return "+".join(roster.problem.shifts[shift] for shift in shifts)
