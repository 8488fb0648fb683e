"""Re-rostering after an absence: the fewest changes, then the lowest penalty.

The default instance has four agents and exactly one A, one B and one C every
day, with no two shifts a day: each day three agents work and one is off, so a
roster is one choice per day of which agent holds A, B and C. That makes an
independent brute force possible: enumerate every roster that changes at most
``k`` duties from the absence on and score it with the checker.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from scheduler.check import check
from scheduler.instance import Instance, load_instance, parse_instance
from scheduler.reroster import (
    Absence,
    Change,
    Reroster,
    changes_between,
    derived_instance,
    penalty_upper_bound,
    reroster,
)
from scheduler.result import Assignment, Result, Status
from scheduler.solve import solve
from tests.builders import build_instance, build_roster

INSTANCE = Path(__file__).parent.parent / "instances" / "four-agents.yaml"
AGENTS = ("a1", "a2", "a3", "a4")
SHIFTS = ("A", "B", "C")


@pytest.fixture(scope="module")
def instance() -> Instance:
    return load_instance(INSTANCE)


@pytest.fixture(scope="module")
def published(instance: Instance) -> Result:
    result = solve(instance, time_limit=10)
    assert result.status is Status.OPTIMAL
    return result


def _absent(instance: Instance, agent: str, days: list[dt.date]) -> Instance:
    # Built by hand, not with the module under test.
    data = instance.model_dump(mode="json")
    for entry in data["team"]["agents"]:
        if entry["id"] == agent:
            entry["unavailable"] += [day.isoformat() for day in days]
    return parse_instance(data)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def _assert_sound(instance: Instance, published: Result, absence: Absence, new: Reroster) -> None:
    """Full coverage, every hard rule, nothing before the absence moved, the absent agent off."""
    absent_days = _days(absence.first, absence.last)
    report = check(_absent(instance, absence.agent, absent_days), new.assignments)
    assert report.feasible, [v.describe() for v in report.violations]
    assert new.objective == report.objective
    held = {(a.date, a.shift) for a in new.assignments}
    assert held == {(day, shift) for day in published.dates for shift in SHIFTS}
    assert not [a for a in new.assignments if a.agent == absence.agent and a.date in absent_days]
    assert all(change.date >= absence.first for change in new.changes)
    before = {a for a in published.assignments if a.date < absence.first}
    assert before == {a for a in new.assignments if a.date < absence.first}
    assert new.changes == changes_between(published.assignments, new.assignments)
    assert new.changed_duties == len(new.changes)


def _rosters_within(
    published: Result, absence_day: dt.date, agent: str, budget: int
) -> Iterator[tuple[int, list[Assignment]]]:
    """Every roster that differs on ``absence_day`` (``agent`` off) and later by at most ``budget`` slots."""
    held = {(a.date, a.shift): a.agent for a in published.assignments}
    later = [day for day in published.dates if day >= absence_day]

    def choices(day: dt.date) -> list[tuple[int, dict[str, str]]]:
        out = []
        for holders in itertools.permutations(AGENTS, 3):
            if day == absence_day and agent in holders:
                continue
            changed = sum(h != held[day, s] for h, s in zip(holders, SHIFTS, strict=True))
            out.append((changed, dict(zip(SHIFTS, holders, strict=True))))
        return out

    options = {day: choices(day) for day in later}

    def walk(i: int, left: int, chosen: dict[dt.date, dict[str, str]]) -> Iterator[dict]:
        if i == len(later):
            yield chosen
            return
        day = later[i]
        if day != absence_day:
            yield from walk(i + 1, left, chosen)
        for changed, holders in options[day]:
            if 0 < changed <= left:
                yield from walk(i + 1, left - changed, {**chosen, day: holders})

    for chosen in walk(0, budget, {}):
        roster = [
            Assignment(chosen[day][shift] if day in chosen else holder, day, shift)
            for (day, shift), holder in held.items()
        ]
        changed = sum(
            holder != held[day, shift]
            for day, holders in chosen.items()
            for shift, holder in holders.items()
        )
        yield changed, roster


# Each day exactly one agent is off, so on the absence day that agent must
# take a duty: at least a3's own duty changes hands (1 change). It is never that
# cheap here. 2026-12-12 (Saturday of week 2): a4, off that day, takes a3's B
# but would then work 7 days in a row (at most 6), so a4 hands its B of Monday
# 12-14 to a2: 2 changes. 2026-12-09 (Wednesday): a2, off that day, takes a3's
# A but would then have no day off in week 2, 2880 minutes (at most 2400) and
# a 7-day run, so a2 hands on its Saturday A to a4, who hands on its Monday B:
# a chain of 3. The brute force proves that no roster with fewer changes keeps
# the hard rules and that none with as few has a lower penalty.
@pytest.mark.parametrize(("day", "fewest"), [(dt.date(2026, 12, 12), 2), (dt.date(2026, 12, 9), 3)])
def test_one_day_absence_changes_the_fewest_duties(
    instance: Instance, published: Result, day: dt.date, fewest: int
) -> None:
    held_by_a3 = [a for a in published.assignments if a.agent == "a3" and a.date == day]
    assert held_by_a3, "pick a day on which a3 has a duty"
    absence = Absence("a3", day, day)
    new = reroster(instance, published.assignments, absence)

    assert new.status is Status.OPTIMAL
    _assert_sound(instance, published, absence, new)
    absent = _absent(instance, "a3", [day])
    best: tuple[int, int] | None = None
    for changed, roster in _rosters_within(published, day, "a3", fewest):
        report = check(absent, roster)
        if report.feasible and (best is None or (changed, report.objective) < best):
            best = changed, report.objective
    assert best == (fewest, new.objective)
    assert new.changed_duties == fewest


WEEK_2 = Absence("a3", dt.date(2026, 12, 7), dt.date(2026, 12, 13))


def test_week_long_absence_cannot_be_covered_by_three(
    instance: Instance, published: Result
) -> None:
    # Week 2 has 21 duties; without a3 three agents work at most 6 days each
    # (one day off a week is hard), 18 duties, and at most 3 x 2400 of the
    # week's 8400 minutes: no roster exists, and nothing is changed.
    new = reroster(instance, published.assignments, WEEK_2)
    assert new.status is Status.INFEASIBLE
    assert new.changes == ()


def test_week_long_absence_with_soft_limits(instance: Instance, published: Result) -> None:
    # With the weekly day off, the 40-hour week and the 6-day run soft, the
    # other three can cover the week at a price; the published roster is still
    # valid, so everything before the absence stays as it was.
    data = instance.model_dump(mode="json")
    data["rules"]["days_off_per_week"].update(hard=False, weight=500)
    data["rules"]["minutes_per_week"].update(hard=False, weight=1)
    data["rules"]["consecutive_working_days"].update(hard=False, weight=500)
    relaxed = parse_instance(data)

    new = reroster(relaxed, published.assignments, WEEK_2)

    assert new.status is Status.OPTIMAL
    _assert_sound(relaxed, published, WEEK_2, new)
    away = _days(WEEK_2.first, WEEK_2.last)
    a3_duties = [a for a in published.assignments if a.agent == "a3" and a.date in away]
    assert new.changed_duties >= len(a3_duties)


def test_nobody_can_cover_is_infeasible_without_changes() -> None:
    # Both agents must work E every day: with a1 away on Wednesday nobody can.
    tiny = build_instance(agents=("a1", "a2"), coverage=[{"shift": "E", "min": 2}])
    roster = build_roster(tiny, a1="E E E E E E E", a2="E E E E E E E")
    absence = Absence("a1", dt.date(2026, 12, 2), dt.date(2026, 12, 2))

    new = reroster(tiny, roster, absence, time_limit=5)

    assert new.status is Status.INFEASIBLE
    assert new.changes == () and new.assignments == () and new.objective is None
    assert new.describe("en")[0].startswith("no new roster (INFEASIBLE)")
    # The derived instance is there for the explanation tools: past pinned, a1 away.
    derived = derived_instance(tiny, roster, absence)
    assert dt.date(2026, 12, 2) in derived.agent("a1").unavailable
    assert len(derived.rules.fixed_assignments) == 4  # Monday and Tuesday, both agents


def test_describe_in_english_and_chinese() -> None:
    new = Reroster(
        Status.OPTIMAL,
        (),
        (
            Change(dt.date(2026, 12, 3), "A", "a3", "a1"),
            Change(dt.date(2026, 12, 4), "B", None, "a2"),
            Change(dt.date(2026, 12, 5), "C", "a4", None),
        ),
        0,
        0.0,
    )
    assert new.describe("en") == [
        "2026-12-03 A: a3 -> a1",
        "2026-12-04 B: new duty for a2",
        "2026-12-05 C: a4's duty dropped",
    ]
    assert new.describe("zh") == [
        "2026-12-03 A：a3 → a1",
        "2026-12-04 B：新增 a2 的班次",
        "2026-12-05 C：取消 a4 的班次",
    ]


def test_no_duty_during_the_absence_changes_nothing(instance: Instance, published: Result) -> None:
    free = next(
        day
        for day in published.dates
        if not any(a.agent == "a3" and a.date == day for a in published.assignments)
    )
    new = reroster(instance, published.assignments, Absence("a3", free, free))
    assert new.changes == ()
    assert new.describe("en") == ["nothing changes: the absent agent had no duty to cover"]


def test_weight_outweighs_every_penalty(instance: Instance, published: Result) -> None:
    # Days off short of the preferred 2: 12 agent-weeks x 2 x 100; spreads
    # bounded by their variables' domains: 21 x 20 + 18 x 20 + 105 x 240.
    assert penalty_upper_bound(instance) == 2400 + 420 + 360 + 25200
    absence = Absence("a3", dt.date(2026, 12, 9), dt.date(2026, 12, 9))
    derived = derived_instance(instance, published.assignments, absence)
    weights = {r.weight for r in derived.rules.requests}
    assert weights == {penalty_upper_bound(instance) + 1}


def test_bad_absences_are_refused(instance: Instance, published: Result) -> None:
    with pytest.raises(ValueError, match="unknown agent"):
        reroster(
            instance,
            published.assignments,
            Absence("zz", dt.date(2026, 12, 9), dt.date(2026, 12, 9)),
        )
    with pytest.raises(ValueError, match="before it starts"):
        reroster(
            instance,
            published.assignments,
            Absence("a3", dt.date(2026, 12, 9), dt.date(2026, 12, 8)),
        )
    with pytest.raises(ValueError, match="outside the horizon"):
        reroster(
            instance, published.assignments, Absence("a3", dt.date(2027, 1, 4), dt.date(2027, 1, 5))
        )
