"""Hypothesis strategies for small, valid instance files and rosters.

:func:`instance_data` draws the plain mapping of an instance file (what
``parse_instance`` reads), so a failing example prints as a dict that can be
pasted into a test or a YAML file. Instances stay small (1-2 weeks, 1-5
agents, 1-3 shift types) so that CP-SAT proves most of them in milliseconds,
and every value is valid by construction: ids are referenced only when they
exist, dates lie inside the horizon, ``min <= max`` inside each rule, pins
never clash, and same-day pairs never overlap.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from scheduler.instance.clock import MINUTES_PER_DAY, parse_clock
from scheduler.result import Assignment

SHIFT_WINDOWS: tuple[dict[str, Any], ...] = (
    {"id": "E", "start": "06:00", "end": "14:00"},
    {"id": "D", "start": "09:00", "end": "17:30"},
    {"id": "L", "start": "14:00", "end": "22:00"},
    {"id": "M", "start": "16:00", "end": "24:00"},  # ends at midnight
    {"id": "N", "start": "22:00", "end": "06:00"},  # runs past midnight
    {"id": "X", "start": "01:00", "end": "09:00"},  # spans the 02:00-03:00 DST hour
)
"""Realistic windows; the two nights make a DST Sunday an hour shorter or longer."""

TIMEZONES = ("UTC", "Asia/Shanghai", "Europe/Berlin")

STARTS = (
    dt.date(2026, 3, 23),  # Berlin springs forward on Sunday 2026-03-29
    dt.date(2026, 10, 19),  # Berlin falls back on Sunday 2026-10-25
    dt.date(2026, 3, 16),  # two weeks: the DST Sunday is in the second week
    dt.date(2026, 10, 12),
    dt.date(2026, 11, 30),
)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_weights = st.integers(0, 6)


def _span(shift: dict[str, Any]) -> tuple[int, int]:
    start = parse_clock(shift["start"], allow_midnight_end=False)
    end = parse_clock(shift["end"], allow_midnight_end=True)
    return start, end if end > start else end + MINUTES_PER_DAY


def non_overlapping_pairs(shift_types: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Pairs of shift types that one agent can work on the same start day."""
    pairs = []
    for i, first in enumerate(shift_types):
        for second in shift_types[i + 1 :]:
            (a_start, a_end), (b_start, b_end) = _span(first), _span(second)
            if not (a_start < b_end and b_start < a_end):
                pairs.append((first["id"], second["id"]))
    return pairs


@st.composite
def _hardness(draw: st.DrawFn) -> dict[str, Any]:
    # Soft twice as often as hard, so that most instances stay feasible.
    return {"hard": draw(st.sampled_from([True, False, False])), "weight": draw(_weights)}


@st.composite
def _bounds(draw: st.DrawFn, low: int, high: int, step: int = 1) -> dict[str, Any]:
    """A hard-or-soft rule with an optional ``min`` and ``max``, ``min <= max``, one at least."""
    values = st.none() | st.integers(low // step, high // step).map(lambda v: v * step)
    smallest, largest = draw(values), draw(values)
    if smallest is None and largest is None:
        largest = high
    if smallest is not None and largest is not None and largest < smallest:
        smallest, largest = largest, smallest
    bounds = {k: v for k, v in (("min", smallest), ("max", largest)) if v is not None}
    return {**draw(_hardness()), **bounds}


def _dates(start: dt.date, days: int) -> st.SearchStrategy[dt.date]:
    return st.integers(0, days - 1).map(lambda d: start + dt.timedelta(days=d))


@st.composite
def _agent(
    draw: st.DrawFn, agent_id: str, shift_ids: list[str], dates: st.SearchStrategy[dt.date]
) -> dict[str, Any]:
    agent: dict[str, Any] = {"id": agent_id}
    unavailable = draw(st.lists(dates, max_size=3, unique=True))
    if unavailable:
        agent["unavailable"] = [day.isoformat() for day in unavailable]
    # Limits are drawn on their own, so an agent's min may exceed the team's max:
    # the file allows it and both sides must still agree on what it costs.
    limit_values: dict[str, st.SearchStrategy[Any]] = {
        "max_shifts": st.dictionaries(st.sampled_from(shift_ids), st.integers(0, 6), min_size=1),
        "min_minutes_per_horizon": st.integers(0, 2400),
        "max_minutes_per_horizon": st.integers(0, 6000),
        "min_minutes_per_week": st.integers(0, 1500),
        "max_minutes_per_week": st.integers(0, 2880),
        "min_consecutive_working_days": st.integers(1, 3),
        "max_consecutive_working_days": st.integers(1, 6),
        "min_consecutive_days_off": st.integers(1, 3),
        "max_weekends": st.integers(0, 2),
    }
    chosen = draw(st.lists(st.sampled_from(sorted(limit_values)), max_size=2, unique=True))
    limits = {key: draw(limit_values[key]) for key in chosen}
    if limits:
        agent["limits"] = limits
    return agent


@st.composite
def _coverage(
    draw: st.DrawFn, shift_ids: list[str], dates: st.SearchStrategy[dt.date], agents: int
) -> list[dict[str, Any]]:
    entries = []
    for shift in shift_ids:
        kinds = draw(st.sampled_from([(), (False,), (False,), (True,), (False, True)]))
        for by_date in kinds:
            # Mostly no hard minimum, and never more than the team could staff every shift with.
            low = min(draw(st.sampled_from([0, 0, 0, 1, 2])), agents // len(shift_ids))
            entry: dict[str, Any] = {"shift": shift, "min": low}
            if by_date:
                entry["dates"] = [
                    d.isoformat()
                    for d in draw(st.lists(dates, min_size=1, max_size=3, unique=True))
                ]
            else:
                entry["weekdays"] = draw(
                    st.lists(st.sampled_from(WEEKDAYS), min_size=1, unique=True)
                )
            if draw(st.booleans()):
                entry["max"] = low + draw(st.integers(0, 2))
            if draw(st.booleans()):
                entry["preferred"] = draw(st.integers(0, 3))
                entry["under_weight"] = draw(_weights)
                entry["over_weight"] = draw(_weights)
            entries.append(entry)
    return entries


@st.composite
def _pins(
    draw: st.DrawFn,
    agents: list[dict[str, Any]],
    shift_ids: list[str],
    dates: st.SearchStrategy[dt.date],
) -> list[dict[str, Any]]:
    pins: dict[tuple[str, dt.date], str | None] = {}
    for _ in range(draw(st.integers(0, 3))):
        agent = draw(st.sampled_from(agents))
        day = draw(dates)
        shift = draw(st.none() | st.sampled_from(shift_ids))
        if shift is not None and day.isoformat() in agent.get("unavailable", []):
            shift = None  # a pin on an unavailable day would only make the instance infeasible
        pins.setdefault((agent["id"], day), shift)
    return [
        {"agent": agent, "date": day.isoformat(), "shift": shift}
        for (agent, day), shift in pins.items()
    ]


@st.composite
def _rules(
    draw: st.DrawFn,
    shift_types: list[dict[str, Any]],
    agents: list[dict[str, Any]],
    dates: st.SearchStrategy[dt.date],
) -> dict[str, Any]:
    shift_ids = [shift["id"] for shift in shift_types]
    agent_ids = [agent["id"] for agent in agents]
    shift_or_none = st.none() | st.sampled_from(shift_ids)
    optional: dict[str, st.SearchStrategy[Any]] = {
        "min_rest": st.builds(
            lambda hardness, hours: {**hardness, "hours": hours},
            _hardness(),
            st.sampled_from([8, 9.5, 11, 12, 16]),
        ),
        "forbidden_successions": st.lists(
            st.builds(
                lambda hardness, first, then: {**hardness, "first": first, "then": then},
                _hardness(),
                st.sampled_from(shift_ids),
                st.sampled_from(shift_ids),
            ),
            min_size=1,
            max_size=2,
        ),
        "days_off_per_week": st.builds(
            lambda hardness, low, preferred, weight: {
                **hardness,
                "min": low,
                **({} if preferred is None else {"preferred": preferred}),
                "preferred_weight": weight,
            },
            _hardness(),
            st.integers(0, 3),
            st.none() | st.integers(0, 5),
            _weights,
        ),
        "consecutive_working_days": _bounds(1, 6),
        "consecutive_days_off": _bounds(1, 4),
        "max_weekends": st.builds(
            lambda hardness, most: {**hardness, "max": most}, _hardness(), st.integers(0, 2)
        ),
        "minutes_per_week": _bounds(0, 2880, step=30),
        "minutes_per_horizon": _bounds(0, 5760, step=60),
        "max_shifts_per_type": st.builds(
            lambda hardness, most: {**hardness, "max": most},
            _hardness(),
            st.dictionaries(st.sampled_from(shift_ids), st.integers(0, 6), min_size=1),
        ),
        "fixed_assignments": _pins(agents, shift_ids, dates),
        "requests": st.lists(
            st.builds(
                lambda agent, day, shift, want, weight: {
                    "agent": agent,
                    "date": day.isoformat(),
                    "shift": shift,
                    "want": want,
                    "weight": weight,
                },
                st.sampled_from(agent_ids),
                dates,
                shift_or_none,
                st.sampled_from(["on", "off"]),
                _weights,
            ),
            min_size=1,
            max_size=4,
        ),
        "fairness": st.lists(
            st.builds(
                lambda measure, method, weight: {
                    "measure": measure,
                    "method": method,
                    "weight": weight,
                },
                st.sampled_from(["on_call", "weekend_duties", "minutes"]),
                st.sampled_from(["spread", "deviation"]),
                _weights,
            ),
            min_size=1,
            max_size=3,
            unique_by=lambda measure: measure["measure"],
        ),
    }
    pairs = non_overlapping_pairs(shift_types)
    if pairs:
        optional["allowed_same_day"] = st.lists(
            st.sampled_from(pairs), min_size=1, unique=True
        ).map(lambda chosen: [list(pair) for pair in chosen])
    # Each rule on its own coin: a random subset, about half of them.
    return {key: draw(rule) for key, rule in optional.items() if draw(st.booleans())}


@st.composite
def instance_data(draw: st.DrawFn) -> dict[str, Any]:
    """The mapping of a small valid instance file."""
    start = draw(st.sampled_from(STARTS))
    weeks = draw(st.integers(1, 2))
    dates = _dates(start, 7 * weeks)
    shift_types = [
        {**shift, "on_call": draw(st.booleans())}
        for shift in draw(st.permutations(SHIFT_WINDOWS))[: draw(st.integers(1, 3))]
    ]
    shift_ids = [shift["id"] for shift in shift_types]
    num_agents = draw(st.integers(1, 5))
    agents = [draw(_agent(f"a{i + 1}", shift_ids, dates)) for i in range(num_agents)]
    return {
        "team": {"timezone": draw(st.sampled_from(TIMEZONES)), "agents": agents},
        "shift_types": shift_types,
        "horizon": {"start": start.isoformat(), "weeks": weeks, "cyclic": draw(st.booleans())},
        "coverage": draw(_coverage(shift_ids, dates, num_agents)),
        "rules": draw(_rules(shift_types, agents, dates)),
    }


@st.composite
def roster_for(draw: st.DrawFn, data: dict[str, Any], max_size: int = 40) -> list[Assignment]:
    """Any set of assignments on the instance's agents, dates and shift types."""
    start = dt.date.fromisoformat(data["horizon"]["start"])
    days = 7 * data["horizon"]["weeks"]
    cells = st.tuples(
        st.sampled_from([agent["id"] for agent in data["team"]["agents"]]),
        _dates(start, days),
        st.sampled_from([shift["id"] for shift in data["shift_types"]]),
    )
    return sorted({Assignment(*cell) for cell in draw(st.lists(cells, max_size=max_size))})
