"""The rule families in the order they are added to the model.

Order matters only for readability of the model and for the order of
penalties in a result; every family is independent of the others.
"""

from __future__ import annotations

from collections.abc import Callable

from scheduler.model.context import ModelContext, PenaltyTerm
from scheduler.model.rules import (
    availability,
    consecutive,
    coverage,
    days_off,
    fairness,
    interval_coverage,
    overlap,
    requests,
    rest,
    same_day,
    weekends,
    workload,
)

RuleFamily = Callable[[ModelContext], list[PenaltyTerm]]

RULE_FAMILIES: tuple[tuple[str, RuleFamily], ...] = (
    ("same_day", same_day.add),
    ("overlap", overlap.add),
    ("availability", availability.add),
    ("coverage", coverage.add),
    ("interval_coverage", interval_coverage.add),
    ("rest", rest.add),
    ("days_off", days_off.add),
    ("consecutive", consecutive.add),
    ("weekends", weekends.add),
    ("workload", workload.add),
    ("requests", requests.add),
    ("fairness", fairness.add),
)
