"""Rest between duties on different days, overlapping duties and forbidden successions.

``overlap`` (hard only): for each pair of duties of one agent listed in
``Problem.overlaps`` (the later duty starts before the earlier one ends, in
real time), amount 1 at (agent, day of the earlier duty, its shift).
``min_rest``: for each pair of duties of one agent listed in
``Problem.rest_conflicts`` (real elapsed time from the end of the earlier duty
to the start of the later one below ``hours``), amount 1 at (agent, day of the
earlier duty, its shift). ``forbidden_succession``: ``x[a,d,first] = 1`` and
``x[a,d+1,then] = 1``, amount 1 at (agent, d, first). Non-cyclic horizons
check pairs inside the horizon only; cyclic ones also pair the last days with
the first (the later day taken modulo the horizon).
"""

from __future__ import annotations

from scheduler.check.report import Findings
from scheduler.check.roster import Roster
from scheduler.instance.clock import format_clock


def check_rest(roster: Roster) -> Findings:
    problem = roster.problem
    findings = Findings(problem)
    for agent in range(len(problem.agents)):
        for overlap in problem.overlaps:
            if roster.works_shift(agent, overlap.day, overlap.shift) and roster.works_shift(
                agent, overlap.later_day, overlap.later_shift
            ):
                findings.add(
                    "overlap",
                    1,
                    hard=True,
                    agent=agent,
                    day=overlap.day,
                    shift=overlap.shift,
                    end=format_clock(problem.shift_type(overlap.shift).end),
                    later_shift=problem.shifts[overlap.later_shift],
                    later_date=problem.dates[overlap.later_day % problem.num_days],
                    start=format_clock(problem.shift_type(overlap.later_shift).start),
                )
    rule = problem.instance.rules.min_rest
    if rule is not None:
        for agent in range(len(problem.agents)):
            for conflict in problem.rest_conflicts:
                if roster.works_shift(agent, conflict.day, conflict.shift) and roster.works_shift(
                    agent, conflict.later_day, conflict.later_shift
                ):
                    findings.add(
                        "min_rest",
                        1,
                        hard=rule.hard,
                        weight=rule.weight,
                        agent=agent,
                        day=conflict.day,
                        shift=conflict.shift,
                        later_shift=problem.shifts[conflict.later_shift],
                        later_date=problem.dates[conflict.later_day % problem.num_days],
                        rest=_hours(conflict.rest_minutes),
                        required=f"{rule.hours:g}",
                    )
    shift_index = {shift: s for s, shift in enumerate(problem.shifts)}
    last_day = problem.num_days if problem.cyclic else problem.num_days - 1
    for succession in problem.instance.rules.forbidden_successions:
        first, then = shift_index[succession.first], shift_index[succession.then]
        for agent in range(len(problem.agents)):
            for day in range(last_day):
                if roster.works_shift(agent, day, first) and roster.works_shift(
                    agent, day + 1, then
                ):
                    findings.add(
                        "forbidden_succession",
                        1,
                        hard=succession.hard,
                        weight=succession.weight,
                        agent=agent,
                        day=day,
                        shift=first,
                        then=succession.then,
                        next_date=problem.dates[(day + 1) % problem.num_days],
                    )
    return findings


def _hours(minutes: int) -> str:
    return f"{round(minutes / 60, 2):g}"
