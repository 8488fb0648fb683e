"""Checks that relate one part of an instance to another.

Each problem is reported with the path of the field that holds the bad value,
so a supervisor can find it in the file. Run after pydantic has checked every
value on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from scheduler.instance.clock import format_clock
from scheduler.instance.errors import FieldProblem, PathPart
from scheduler.instance.models import Instance


def find_reference_problems(instance: Instance) -> list[FieldProblem]:
    return [
        *_duplicate_ids(instance),
        *_shift_references(instance),
        *_agent_references(instance),
        *_dates_in_horizon(instance),
        *_same_day_pairs(instance),
        *_duplicate_coverage(instance),
        *_duplicate_interval_coverage(instance),
        *_duplicate_pins(instance),
    ]


def _duplicate_ids(instance: Instance) -> Iterator[FieldProblem]:
    for kind, field, items in (
        ("agent", ("team", "agents"), [agent.id for agent in instance.team.agents]),
        ("shift type", ("shift_types",), [shift.id for shift in instance.shift_types]),
    ):
        first_seen: dict[str, int] = {}
        for index, item_id in enumerate(items):
            if item_id in first_seen:
                yield FieldProblem.of(
                    (*field, index, "id"),
                    "instance.duplicate_id",
                    kind=kind,
                    id=item_id,
                    first=first_seen[item_id],
                )
            first_seen.setdefault(item_id, index)


def _shift_references(instance: Instance) -> Iterator[FieldProblem]:
    known = [shift.id for shift in instance.shift_types]
    rules = instance.rules
    references: list[tuple[tuple[PathPart, ...], str | None]] = []
    references += [(("coverage", i, "shift"), c.shift) for i, c in enumerate(instance.coverage)]
    for i, pair in enumerate(rules.allowed_same_day):
        references += [(("rules", "allowed_same_day", i, j), shift) for j, shift in enumerate(pair)]
    for i, succession in enumerate(rules.forbidden_successions):
        references.append((("rules", "forbidden_successions", i, "first"), succession.first))
        references.append((("rules", "forbidden_successions", i, "then"), succession.then))
    if rules.max_shifts_per_type:
        references += [
            (("rules", "max_shifts_per_type", "max", s), s) for s in rules.max_shifts_per_type.max
        ]
    for i, agent in enumerate(instance.team.agents):
        references += [
            (("team", "agents", i, "limits", "max_shifts", s), s) for s in agent.limits.max_shifts
        ]
    references += [
        (("rules", "fixed_assignments", i, "shift"), pin.shift)
        for i, pin in enumerate(rules.fixed_assignments)
    ]
    references += [
        (("rules", "requests", i, "shift"), r.shift) for i, r in enumerate(rules.requests)
    ]
    for path, shift in references:
        if shift is not None and shift not in known:
            yield FieldProblem.of(path, "instance.unknown_shift", id=shift, known=", ".join(known))


def _agent_references(instance: Instance) -> Iterator[FieldProblem]:
    known = [agent.id for agent in instance.team.agents]
    for path, agent_id in _dated_entries(instance, "agent"):
        if agent_id not in known:
            yield FieldProblem.of(
                path, "instance.unknown_agent", id=agent_id, known=", ".join(known)
            )


def _dated_entries(instance: Instance, field: str) -> Iterator[tuple[tuple[PathPart, ...], Any]]:
    """``field`` of every pin and request, with its path."""
    rules = instance.rules
    entries: list[tuple[str, list[Any]]] = [
        ("fixed_assignments", list(rules.fixed_assignments)),
        ("requests", list(rules.requests)),
    ]
    for section, items in entries:
        for i, item in enumerate(items):
            yield ("rules", section, i, field), getattr(item, field)


def _dates_in_horizon(instance: Instance) -> Iterator[FieldProblem]:
    horizon = instance.horizon
    dated: list[tuple[tuple[PathPart, ...], dt.date]] = []
    for i, agent in enumerate(instance.team.agents):
        dated += [
            (("team", "agents", i, "unavailable", j), d) for j, d in enumerate(agent.unavailable)
        ]
    for i, coverage in enumerate(instance.coverage):
        dated += [(("coverage", i, "dates", j), d) for j, d in enumerate(coverage.dates)]
    for i, entry in enumerate(instance.interval_coverage):
        dated += [(("interval_coverage", i, "dates", j), d) for j, d in enumerate(entry.dates)]
    dated += list(_dated_entries(instance, "date"))
    for path, day in dated:
        if not horizon.contains(day):
            yield FieldProblem.of(
                path,
                "instance.date_outside_horizon",
                date=day,
                start=horizon.start,
                end=horizon.end,
            )


def _same_day_pairs(instance: Instance) -> Iterator[FieldProblem]:
    shifts = {shift.id: shift for shift in instance.shift_types}
    for i, (first, second) in enumerate(instance.rules.allowed_same_day):
        path: tuple[PathPart, ...] = ("rules", "allowed_same_day", i)
        if first == second:
            yield FieldProblem.of(path, "instance.same_day_self", id=first)
        elif first in shifts and second in shifts and shifts[first].overlaps(shifts[second]):
            yield FieldProblem.of(path, "instance.same_day_overlap", first=first, second=second)


def _duplicate_coverage(instance: Instance) -> Iterator[FieldProblem]:
    # Date-specific entries override weekday entries, so only same-kind keys clash.
    first_seen: dict[tuple[str, str], int] = {}
    for i, coverage in enumerate(instance.coverage):
        days = [d.isoformat() for d in coverage.dates] or [w.value for w in coverage.weekdays]
        for day in days:
            key = (coverage.shift, day)
            if key in first_seen:
                yield FieldProblem.of(
                    ("coverage", i),
                    "instance.duplicate_coverage",
                    shift=coverage.shift,
                    day=day,
                    first=first_seen[key],
                )
                break
        for day in days:
            first_seen.setdefault((coverage.shift, day), i)


def _duplicate_interval_coverage(instance: Instance) -> Iterator[FieldProblem]:
    # As for shift coverage, date entries override weekday entries; within one
    # kind, two entries may not both set the same minute of the same day.
    first_seen: dict[tuple[str, int], int] = {}
    for i, entry in enumerate(instance.interval_coverage):
        days = [d.isoformat() for d in entry.dates] or [w.value for w in entry.weekdays]
        clash = next(
            (
                (day, minute)
                for day in days
                for minute in range(entry.start, entry.end)
                if (day, minute) in first_seen
            ),
            None,
        )
        if clash is not None:
            day, minute = clash
            yield FieldProblem.of(
                ("interval_coverage", i),
                "instance.duplicate_interval_coverage",
                day=day,
                time=format_clock(minute),
                first=first_seen[clash],
            )
        for day in days:
            for minute in range(entry.start, entry.end):
                first_seen.setdefault((day, minute), i)


def _duplicate_pins(instance: Instance) -> Iterator[FieldProblem]:
    # Two shifts pinned on one day are legal only when allowed_same_day allows
    # the pair; a day-off pin next to any other pin on that day contradicts it.
    allowed = {frozenset(pair) for pair in instance.rules.allowed_same_day}
    first_seen: dict[tuple[str, dt.date], int] = {}
    for i, pin in enumerate(instance.rules.fixed_assignments):
        key = (pin.agent, pin.date)
        if key in first_seen:
            earlier = instance.rules.fixed_assignments[first_seen[key]]
            if frozenset((pin.shift, earlier.shift)) not in allowed:
                yield FieldProblem.of(
                    ("rules", "fixed_assignments", i),
                    "instance.duplicate_pin",
                    agent=pin.agent,
                    date=pin.date,
                    first=first_seen[key],
                )
        first_seen.setdefault(key, i)
