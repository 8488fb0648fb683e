"""Agents' wishes (always soft, each at its own weight).

``request.on``: wants ``shift`` on ``date`` (no shift: any duty), amount 1 when
not granted. ``request.off``: does not want ``shift`` on ``date`` (no shift:
the whole day off), amount 1 when not granted. At (agent, date, shift or -).
A request names one day, so horizon ends and the cyclic wrap do not matter.
"""

from __future__ import annotations

from scheduler.check.report import Findings
from scheduler.check.roster import Roster
from scheduler.instance.rules import Want


def check_requests(roster: Roster) -> Findings:
    findings = Findings(roster.problem)
    for request in roster.problem.requests:
        if request.shift is None:
            works = roster.works(request.agent, request.day)
        else:
            works = roster.works_shift(request.agent, request.day, request.shift)
        granted = works if request.want is Want.ON else not works
        findings.add(
            f"request.{request.want.value}",
            0 if granted else 1,
            hard=False,
            weight=request.weight,
            agent=request.agent,
            day=request.day,
            shift=request.shift,
        )
    return findings
