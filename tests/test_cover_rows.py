"""Head counts as rows over duties: merged rows price a roster as the checker does."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.scale_instances import synthetic_team
from scheduler.agent_lns import AgentRoster
from scheduler.check.coverage import check_coverage, check_interval_coverage
from scheduler.check.roster import Roster
from scheduler.cover_rows import CoverRow, Preferred, Side, cover_rows
from scheduler.problem import compile_problem
from scheduler.subproblem import OFF

preferred_counts = st.lists(
    st.builds(Preferred, st.integers(-2, 12), st.integers(0, 20), st.integers(0, 20)),
    min_size=1,
    max_size=6,
)


@given(preferred_counts, st.integers(0, 20))
def test_the_pieces_add_up_to_the_penalty(preferred: list[Preferred], count: int) -> None:
    row = CoverRow(Side.SOFT, preferred=tuple(preferred))
    # Filling the pieces in order from 0 is what the master LP does (the slopes rise).
    value, left = row.penalty(0), float(count)
    slopes = []
    for width, slope in row.segments:
        used = left if width is None else min(left, width)
        value += slope * used
        left -= used
        slopes.append(slope)
    assert value == pytest.approx(row.penalty(count))
    assert slopes == sorted(slopes)


@given(preferred_counts, st.floats(-30, 30))
def test_the_least_is_the_minimum_over_every_count(preferred: list[Preferred], dual: float) -> None:
    row = CoverRow(Side.SOFT, preferred=tuple(preferred))
    dual = max(dual, -row.segments[-1][1])
    least = row.least(dual)
    assert all(row.penalty(c) + dual * c >= least - 1e-9 for c in np.linspace(0, 30, 301))


def test_a_day_of_the_synthetic_centre_has_ten_rows_for_its_sixty_four_intervals() -> None:
    problem = compile_problem(synthetic_team(8, 1))
    rows = cover_rows(problem)
    assert len(problem.interval_requirements) == 7 * 64
    assert len(rows.rows) == 7 * 10


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_merged_rows_price_a_random_roster_as_the_checker_does(seed: int) -> None:
    problem = compile_problem(synthetic_team(8, 1))
    rows = cover_rows(problem)
    chance = random.Random(seed)
    shifts = len(problem.shifts)
    # Any duties at all: the head counts do not care whether the agents' rules hold.
    schedule = [[chance.choice([OFF, *range(shifts)]) for _ in range(problem.num_days)] for _ in problem.agents]  # fmt: skip
    counts = sum(rows.counts(days) for days in schedule)
    priced = sum(row.penalty(float(count)) for row, count in zip(rows.rows, counts, strict=True))
    assignments = AgentRoster(schedule, [() for _ in problem.agents], ()).assignments(problem)
    roster = Roster.build(problem, assignments)
    penalties = [*check_coverage(roster).penalties, *check_interval_coverage(roster).penalties]
    assert penalties and priced == sum(penalty.cost for penalty in penalties)
