"""The compiled problem: pairs of duties on different days that are too close or overlap."""

from scheduler.problem import compile_problem
from tests.builders import build_instance

SHIFT_TYPES = [
    {"id": "N", "start": "22:00", "end": "06:00"},
    {"id": "E", "start": "05:00", "end": "13:00"},
    {"id": "M", "start": "16:00", "end": "24:00"},
    {"id": "Z", "start": "00:00", "end": "08:00"},
]


def test_overlaps_are_pairs_on_different_days_that_share_time() -> None:
    # Only N runs into the next day far enough to meet E (1 h) and Z (6 h); M
    # touches Z at midnight, which is not an overlap. The cycle wraps Sunday to Monday.
    problem = compile_problem(build_instance(shift_types=SHIFT_TYPES, cyclic=True))
    found = {
        (o.day, problem.shifts[o.shift], o.later_day, problem.shifts[o.later_shift], o.rest_minutes)
        for o in problem.overlaps
    }
    expected = {
        (day, "N", day + 1, later, minutes)
        for day in range(7)
        for later, minutes in (("E", -60), ("Z", -360))
    }
    assert found == expected
    assert problem.rest_conflicts == ()


def test_rest_conflicts_include_the_overlaps() -> None:
    problem = compile_problem(build_instance({"min_rest": {"hours": 11}}, shift_types=SHIFT_TYPES))
    assert set(problem.overlaps) < set(problem.rest_conflicts)
