"""Synthetic call-centre teams of any size and horizon, grown from the large-centre example.

:func:`synthetic_team` takes ``instances/demand-example/large-centre.yaml`` (40
agents, six staggered shift types, one week, 15-minute demand from Erlang C)
and gives it ``agents`` agents and ``weeks`` weeks. The call volume grows with
the team (the forecast's ``scale`` is agents / 40, then Erlang C again), so
every size asks for about the same head count per agent. Rules that count over
the whole horizon grow with the weeks, so that a longer horizon asks per week
what the example asks: the example's "at most 1 weekend" in one week becomes
"at most W weekends" in W weeks, not a cap that 11 of 12 weekends break.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

from scheduler.instance import Instance, load_instance, parse_instance, with_demand

LARGE_CENTRE = (
    Path(__file__).resolve().parents[1] / "instances" / "demand-example" / "large-centre.yaml"
)

_HORIZON_LIMITS = ("max_weekends", "min_minutes_per_horizon", "max_minutes_per_horizon")
"""Agent limits that count over the whole horizon (``max_shifts`` too, per shift type)."""


@functools.cache
def _base() -> Instance:
    return load_instance(LARGE_CENTRE)


def synthetic_team(agents: int, weeks: int) -> Instance:
    """The large centre with agents ``a1``..``a<agents>`` over ``weeks`` weeks.

    Agent ``a<i>`` takes the limits of the example's agent ``i`` (round-robin
    past the 40th). The first 40 are the example's agents renamed, so they also
    keep its person-specific dates (unavailability, pins, requests) that fall in
    the new horizon; copies beyond them get none, since a copy is not that person.
    """
    if agents < 1 or weeks < 1:
        raise ValueError(f"agents and weeks must be at least 1, got {agents} and {weeks}")
    base = _base()
    assert base.demand is not None, "the large centre is staffed from a demand profile"
    factor = weeks / base.horizon.weeks
    data = base.model_dump(mode="json")
    data["name"] = f"synthetic-{agents}x{weeks}w"
    data["description"] = (
        f"{agents} agents over {weeks} weeks, grown from {LARGE_CENTRE.name} "
        f"({len(base.team.agents)} agents, {base.horizon.weeks} week)."
    )
    data["horizon"]["weeks"] = weeks
    last_day = base.horizon.start + dt.timedelta(days=7 * weeks - 1)

    def in_horizon(date: str) -> bool:
        return dt.date.fromisoformat(date) <= last_day

    originals = data["team"]["agents"]
    renamed = {agent["id"]: f"a{index + 1}" for index, agent in enumerate(originals[:agents])}
    team = []
    for index in range(agents):
        original = originals[index % len(originals)]
        limits = _scaled_limits(original["limits"], factor)
        own = index < len(originals)
        unavailable = [date for date in original["unavailable"] if in_horizon(date)] if own else []
        team.append({"id": f"a{index + 1}", "limits": limits, "unavailable": unavailable})
    data["team"]["agents"] = team

    rules = data["rules"]
    for key in ("fixed_assignments", "requests"):
        rules[key] = [
            {**entry, "agent": renamed[entry["agent"]]}
            for entry in rules[key]
            if entry["agent"] in renamed and in_horizon(entry["date"])
        ]
    if rules["max_weekends"] is not None:
        rules["max_weekends"]["max"] = _scaled(rules["max_weekends"]["max"], factor)
    if rules["minutes_per_horizon"] is not None:
        for side in ("min", "max"):
            rules["minutes_per_horizon"][side] = _scaled(rules["minutes_per_horizon"][side], factor)
    if rules["max_shifts_per_type"] is not None:
        caps = rules["max_shifts_per_type"]["max"]
        rules["max_shifts_per_type"]["max"] = _scaled_caps(caps, factor)
    for key in ("coverage", "interval_coverage"):
        kept = []
        for entry in data[key]:
            if not entry["dates"]:
                kept.append(entry)
                continue
            # A dated entry drops its dumped default weekdays (giving both is an
            # error) and goes when no date is left: it would apply every day.
            dates = [date for date in entry["dates"] if in_horizon(date)]
            if dates:
                kept.append({**{k: v for k, v in entry.items() if k != "weekdays"}, "dates": dates})
        data[key] = kept

    # demand_expanded is still set: this parses the example's own interval
    # coverage as is, and with_demand then replaces it with the scaled forecast.
    resized = parse_instance(data, data["name"])
    demand = base.demand.model_copy(update={"scale": agents / len(base.team.agents)})
    return with_demand(resized, demand, base_dir=LARGE_CENTRE.parent, source=data["name"])


def _scaled_limits(limits: dict[str, Any], factor: float) -> dict[str, Any]:
    scaled = {key: _scaled(limits[key], factor) for key in _HORIZON_LIMITS}
    scaled["max_shifts"] = _scaled_caps(limits["max_shifts"], factor)
    return {**limits, **scaled}


def _scaled_caps(caps: dict[str, int], factor: float) -> dict[str, int]:
    return {shift: round(cap * factor) for shift, cap in caps.items()}


def _scaled(value: int | None, factor: float) -> int | None:
    return None if value is None else round(value * factor)
