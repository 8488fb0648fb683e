"""The independent checker: score a roster against an instance in plain Python.

:func:`check` compiles the instance, lays the assignments onto its indices and
runs every rule family of docs/rules.md in the order of :data:`RULE_FAMILIES`.
Hard rules broken become :class:`Violation` records, soft ones the same
:class:`scheduler.result.Penalty` records the solver reports, so the solver's
objective and breakdown can be recomputed from the roster alone. Nothing here
knows about CP-SAT or the model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from scheduler.check.coverage import check_coverage, check_interval_coverage
from scheduler.check.daily import check_daily
from scheduler.check.fairness import check_fairness
from scheduler.check.report import CheckReport, Findings, Violation
from scheduler.check.requests import check_requests
from scheduler.check.rest import check_rest
from scheduler.check.roster import Roster
from scheduler.check.roster_file import RosterFileError, RosterProblem, read_roster_csv
from scheduler.check.runs import check_runs
from scheduler.check.workload import check_workload
from scheduler.instance.models import Instance
from scheduler.problem import compile_problem
from scheduler.result import Assignment, Penalty

RuleFamily = Callable[[Roster], Findings]

RULE_FAMILIES: tuple[tuple[str, RuleFamily], ...] = (
    ("daily", check_daily),
    ("coverage", check_coverage),
    ("interval_coverage", check_interval_coverage),
    ("rest", check_rest),
    ("runs", check_runs),
    ("workload", check_workload),
    ("requests", check_requests),
    ("fairness", check_fairness),
)
"""Every rule family, in the order its findings are reported."""


def check(instance: Instance, assignments: Iterable[Assignment]) -> CheckReport:
    """Every hard rule the roster breaks and every soft penalty it scores.

    Raises ValueError when an assignment names an unknown agent or shift type
    or a date outside the horizon.
    """
    roster = Roster.build(compile_problem(instance), assignments)
    violations: list[Violation] = []
    penalties: list[Penalty] = []
    for _name, family in RULE_FAMILIES:
        findings = family(roster)
        violations += findings.violations
        penalties += findings.penalties
    return CheckReport(tuple(violations), tuple(penalties))


__all__ = [
    "RULE_FAMILIES",
    "CheckReport",
    "RosterFileError",
    "RosterProblem",
    "Violation",
    "check",
    "read_roster_csv",
]
