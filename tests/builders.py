"""Tiny hand-built instances and rosters for the checker tests.

``build_instance`` starts from a one-week, two-agent team in UTC with three
eight-hour shift types: E 06:00-14:00, L 14:00-22:00 and N 22:00-06:00 (480
minutes each). ``build_roster`` reads one string per agent, one token per day
from the horizon start: a shift id, ``E+L`` for two shifts, ``-`` for a day off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from scheduler.instance import Instance, parse_instance
from scheduler.result import Assignment

SHIFT_TYPES = [
    {"id": "E", "start": "06:00", "end": "14:00"},
    {"id": "L", "start": "14:00", "end": "22:00"},
    {"id": "N", "start": "22:00", "end": "06:00"},
]


def build_instance(
    rules: dict[str, Any] | None = None,
    *,
    agents: Sequence[str | dict[str, Any]] = ("a1", "a2"),
    coverage: Sequence[dict[str, Any]] = (),
    interval_coverage: Sequence[dict[str, Any]] = (),
    shift_types: Sequence[dict[str, Any]] = SHIFT_TYPES,
    start: str = "2026-11-30",
    weeks: int = 1,
    cyclic: bool = False,
    timezone: str = "UTC",
) -> Instance:
    return parse_instance(
        {
            "team": {
                "timezone": timezone,
                "agents": [{"id": a} if isinstance(a, str) else a for a in agents],
            },
            "shift_types": list(shift_types),
            "horizon": {"start": start, "weeks": weeks, "cyclic": cyclic},
            "coverage": list(coverage),
            "interval_coverage": list(interval_coverage),
            "rules": rules or {},
        }
    )


def build_roster(instance: Instance, **rows: str) -> list[Assignment]:
    start = instance.horizon.start
    assignments = []
    for agent, row in rows.items():
        for offset, token in enumerate(row.split()):
            if token == "-":
                continue
            day = start + dt.timedelta(days=offset)
            assignments += [Assignment(agent, day, shift) for shift in token.split("+")]
    return assignments
