"""The head counts of a problem as rows over duties, for the column models.

Every head count, per shift type or per interval, counts the agents working
some set of duties (day, shift). Column generation (:mod:`scheduler.class_columns`)
and the roster over columns (:mod:`scheduler.class_roster`) see them alike, as
a 0/1 matrix over duties with one row per distinct set of duties and side:

- ``soft``: a convex piecewise-linear penalty of the count, the sum of the
  ``under_weight x short + over_weight x over`` of every preferred count on
  those duties;
- ``min``: ``count >= min``, hard (the largest minimum on those duties);
- ``max``: ``count <= max``, hard (the smallest maximum; per shift type only).

Merging pays: the 15-minute intervals between two shift starts or ends are
counted by the same duties, so a day of the synthetic centre has 64 interval
counts but 10 rows, and the master LP solves about six times faster.
"""

from __future__ import annotations

import functools
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
class Preferred:
    count: int
    under_weight: int
    over_weight: int


@dataclass(frozen=True)
class CoverRow:
    side: Side
    target: int = 0
    """The hard limit of a ``min`` or ``max`` row."""
    preferred: tuple[Preferred, ...] = ()
    """The preferred counts a ``soft`` row prices."""

    def penalty(self, count: float) -> float:
        return sum(
            p.under_weight * max(0.0, p.count - count) + p.over_weight * max(0.0, count - p.count)
            for p in self.preferred
        )

    @functools.cached_property
    def breakpoints(self) -> tuple[int, ...]:
        """Where the soft penalty's slope changes, from 0 up."""
        return tuple(sorted({p.count for p in self.preferred if p.count > 0}))

    @functools.cached_property
    def segments(self) -> tuple[tuple[float | None, float], ...]:
        """The soft penalty above 0 as (width, slope) pieces; the last is unbounded (``None``)."""
        pieces: list[tuple[float | None, float]] = []
        low = 0
        for point in [*self.breakpoints, None]:
            middle = low + 0.5 if point is None else (low + point) / 2
            slope = sum(p.over_weight if p.count < middle else -p.under_weight for p in self.preferred)  # fmt: skip
            pieces.append((None if point is None else point - low, slope))
            if point is not None:
                low = point
        return tuple(pieces)

    @functools.cached_property
    def _corners(self) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        points = np.array([0, *self.breakpoints], dtype=np.float64)
        return points, np.array([self.penalty(point) for point in points])

    def least(self, dual: float) -> float:
        """``min over counts c >= 0 of penalty(c) + dual x c``: the row's share of the
        Lagrangian bound (finite when ``dual >= -last slope``, see :meth:`CoverRows.dual_box`).
        A convex piecewise-linear function plus a linear one is least at a corner."""
        points, penalties = self._corners
        return float((penalties + dual * points).min())


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

    def dual_box(self) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """Where each row's dual keeps the Lagrangian bound finite and valid.

        A soft row's dual is minus the penalty's slope at the count, so at
        least minus its last slope; a ``min`` row's is non-negative, a
        ``max`` row's non-positive.
        """
        low = [-row.segments[-1][1] if row.side is Side.SOFT else (0.0 if row.side is Side.MIN else -np.inf) for row in self.rows]  # fmt: skip
        high = [np.inf if row.side is not Side.MAX else 0.0 for row in self.rows]
        return np.array(low), np.array(high)

    def lagrangian_constant(self, duals: npt.NDArray[np.float64]) -> float:
        """The rows' part of the Lagrangian bound at ``duals`` (inside :meth:`dual_box`)."""
        return sum(
            row.least(float(dual)) if row.side is Side.SOFT else float(dual) * row.target
            for row, dual in zip(self.rows, duals, strict=True)
        )


def cover_rows(problem: Problem) -> CoverRows:
    num_shifts = len(problem.shifts)
    soft: dict[frozenset[int], list[Preferred]] = {}
    lowest: dict[frozenset[int], int] = {}
    highest: dict[frozenset[int], int] = {}

    def add(duties: frozenset[int], min_count: int, max_count: int | None, preferred: int | None,
            under: int, over: int) -> None:  # fmt: skip
        if preferred is not None:
            soft.setdefault(duties, []).append(Preferred(preferred, under, over))
        if min_count > 0:
            lowest[duties] = max(min_count, lowest.get(duties, 0))
        if max_count is not None:
            highest[duties] = min(max_count, highest.get(duties, max_count))

    for (day, shift), need in sorted(problem.requirements.items()):
        add(frozenset([day * num_shifts + shift]), need.min, need.max, need.preferred,
            need.under_weight, need.over_weight)  # fmt: skip
    for interval in problem.interval_requirements:
        duties = frozenset(day * num_shifts + shift for day, shift in interval.covering)
        add(duties, interval.min, None, interval.preferred, interval.under_weight,
            interval.over_weight)  # fmt: skip
    rows: list[CoverRow] = []
    members: list[frozenset[int]] = []
    for duties, preferred in soft.items():
        rows.append(CoverRow(Side.SOFT, preferred=tuple(preferred)))
        members.append(duties)
    for duties, target in lowest.items():
        rows.append(CoverRow(Side.MIN, target))
        members.append(duties)
    for duties, target in highest.items():
        rows.append(CoverRow(Side.MAX, target))
        members.append(duties)
    matrix = np.zeros((len(rows), problem.num_days * num_shifts), dtype=np.int8)
    for row, duties in enumerate(members):
        matrix[row, sorted(duties)] = 1
    return CoverRows(tuple(rows), matrix, num_shifts)
