"""The head counts of a problem as rows over duties, for the column models.

Every head count, per shift type or per interval, counts the agents working
some set of duties (day, shift). Column generation (:mod:`scheduler.class_columns`)
and the roster over columns (:mod:`scheduler.class_roster`) see them alike, as
a 0/1 matrix over duties and one row per side of each count:

- ``soft``: ``count + short - over = preferred``, short costs ``under_weight``,
  over costs ``over_weight``;
- ``min``: ``count >= min``, hard;
- ``max``: ``count <= max``, hard (per shift type only).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np
import numpy.typing as npt

from scheduler.problem import Problem


class Side(Enum):
    SOFT = "soft"
    MIN = "min"
    MAX = "max"


@dataclass(frozen=True)
class CoverRow:
    side: Side
    target: int
    under_weight: int = 0
    over_weight: int = 0


@dataclass(frozen=True)
class CoverRows:
    rows: tuple[CoverRow, ...]
    matrix: npt.NDArray[np.int8]
    """``matrix[row, day * num_shifts + shift]``: the duty counts in the row."""
    num_shifts: int

    def counts(self, schedule: tuple[int, ...] | list[int]) -> npt.NDArray[np.int64]:
        """How much one agent working ``schedule`` (a shift or OFF per day) adds to each row."""
        duties = [day * self.num_shifts + shift for day, shift in enumerate(schedule) if shift >= 0]
        counts: npt.NDArray[np.int64] = self.matrix[:, duties].sum(axis=1, dtype=np.int64)
        return counts

    def duty_prices(self, duals: npt.NDArray[np.float64], num_days: int) -> npt.NDArray[np.float64]:
        """``prices[day, shift]``: what working the duty earns at the rows' ``duals``."""
        return (duals @ self.matrix).reshape(num_days, self.num_shifts)


def cover_rows(problem: Problem) -> CoverRows:
    num_shifts = len(problem.shifts)
    rows: list[CoverRow] = []
    members: list[list[int]] = []

    def add(duties: list[int], min_count: int, max_count: int | None, preferred: int | None,
            under: int, over: int) -> None:  # fmt: skip
        if preferred is not None:
            rows.append(CoverRow(Side.SOFT, preferred, under, over))
            members.append(duties)
        if min_count > 0:
            rows.append(CoverRow(Side.MIN, min_count))
            members.append(duties)
        if max_count is not None:
            rows.append(CoverRow(Side.MAX, max_count))
            members.append(duties)

    for (day, shift), need in sorted(problem.requirements.items()):
        add([day * num_shifts + shift], need.min, need.max, need.preferred,
            need.under_weight, need.over_weight)  # fmt: skip
    for interval in problem.interval_requirements:
        duties = [day * num_shifts + shift for day, shift in interval.covering]
        add(duties, interval.min, None, interval.preferred, interval.under_weight,
            interval.over_weight)  # fmt: skip
    matrix = np.zeros((len(rows), problem.num_days * num_shifts), dtype=np.int8)
    for row, duties in enumerate(members):
        matrix[row, duties] = 1
    return CoverRows(tuple(rows), matrix, num_shifts)
