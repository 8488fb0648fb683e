"""Runs of consecutive working days and of consecutive days off.

``.max``: 1 per window of ``max + 1`` consecutive days all worked (all off),
at the window's first day, so a run of length ``L`` costs ``L - max``.
Non-cyclic: windows inside the horizon. Cyclic: a window starts on every day
and wraps; when ``max >= n`` the only window is the whole cycle, at day 0.
``.min``: ``min - L`` for each maximal run of length ``L < min``, at the run's
first day. Non-cyclic: a run touching day 0 or day ``n - 1`` is exempt (the
days outside may continue it). Cyclic: runs continue across the wrap; a cycle
with no day of the other kind has no run end and so no violation.
"""

from __future__ import annotations

from collections.abc import Sequence

from scheduler.check.report import Findings
from scheduler.check.roster import Roster
from scheduler.problem import Bound


def check_runs(roster: Roster) -> Findings:
    problem = roster.problem
    findings = Findings(problem)
    for agent, rules in enumerate(problem.agent_rules):
        worked = roster.worked_days(agent)
        off = tuple(not day for day in worked)
        for key, flags, bound in (
            ("consecutive_working_days", worked, rules.consecutive_working_days),
            ("consecutive_days_off", off, rules.consecutive_days_off),
        ):
            if bound is not None:
                _check_bound(findings, key, agent, flags, bound, problem.cyclic)
    return findings


def _check_bound(
    findings: Findings, key: str, agent: int, flags: Sequence[bool], bound: Bound, cyclic: bool
) -> None:
    num_days = len(flags)
    if bound.max is not None:
        for start, days in too_long_windows(flags, bound.max, cyclic):
            whole_cycle = cyclic and days == num_days and bound.max >= num_days
            findings.add(
                f"{key}.max",
                1,
                hard=bound.hard,
                weight=bound.weight,
                agent=agent,
                day=start,
                message=f"check.{key}.max_cycle" if whole_cycle else "",
                days=days,
                max=bound.max,
            )
    if bound.min is not None:
        for start, length in runs(flags, cyclic):
            findings.add(
                f"{key}.min",
                bound.min - length,
                hard=bound.hard,
                weight=bound.weight,
                agent=agent,
                day=start,
                days=length,
                min=bound.min,
            )


def too_long_windows(flags: Sequence[bool], longest: int, cyclic: bool) -> list[tuple[int, int]]:
    """(first day, length) of every window of ``longest + 1`` days that are all set."""
    num_days = len(flags)
    if cyclic and longest >= num_days:
        return [(0, num_days)] if all(flags) else []
    width = longest + 1
    starts = range(num_days) if cyclic else range(num_days - width + 1)
    return [
        (start, width)
        for start in starts
        if all(flags[(start + offset) % num_days] for offset in range(width))
    ]


def runs(flags: Sequence[bool], cyclic: bool) -> list[tuple[int, int]]:
    """(first day, length) of every maximal run of set days that has a known start and end.

    Non-cyclic: runs touching either end of the horizon are left out. Cyclic:
    a run may cross from the last day to day 0; with no unset day there is no
    run at all.
    """
    num_days = len(flags)
    if cyclic:
        if all(flags):
            return []
        # Start reading just after an unset day so that no run is cut by the wrap.
        origin = flags.index(False) + 1
        order = [(origin + offset) % num_days for offset in range(num_days)]
    else:
        order = list(range(num_days))
    found: list[tuple[int, int]] = []
    start: int | None = None
    for position, day in enumerate(order):
        if flags[day] and start is None:
            start = position
        if start is not None and (not flags[day] or position == num_days - 1):
            end = position if not flags[day] else position + 1
            exempt = not cyclic and (start == 0 or end == num_days)
            if not exempt:
                found.append((order[start], end - start))
            start = None
    return found
