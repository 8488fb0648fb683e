"""One agent's cheapest schedule at given duty prices, with shift-type limits priced in.

Limits on how many shifts of a type an agent works would each add an axis
to the states of :func:`scheduler.cheapest_schedule.cheapest`; with several
limits at column-generation prices that made one agent of Curtois & Qu
Instance8 take 0.2 s instead of 3 ms. So the limits are relaxed in the
Lagrangian way: each type's shifts cost a multiplier more, and the
multiplier rises while the cheapest schedule works too many of them. Any
multipliers give a lower bound on the true cheapest cost, ``value - sum of
multiplier x limit``; a schedule that keeps the limits is a real column, and
the cheapest one when the multipliers are zero on every limit it does not
reach. When a few rises do not give a schedule within the limits, the broken
limits get their axes after all (:func:`scheduler.cheapest_schedule.counting`).
The multipliers stay for the next prices, which in column generation change
little from round to round.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from scheduler.cheapest_schedule import Costs, ScheduleSpace, cheapest, counting, over_limits
from scheduler.subproblem import OFF

RISES = 0
"""Multiplier updates tried before the exact programme with count axes."""
FIRST_STEP = 2.0
"""Multiplier rise per shift over the limit, doubled at each further try."""
FORCED_RISES = 30
"""Rises tried when the exact programme is too large."""


@dataclass(frozen=True)
class Priced:
    """The outcome of one pricing: a bound, and the best schedule found within every limit."""

    bound: float
    """No schedule within the rules costs less."""
    cost: float
    schedule: list[int]

    @property
    def exact(self) -> bool:
        return self.cost <= self.bound + 1e-6


@dataclass
class SchedulePricer:
    """Prices schedules for one agent; keeps the limits' multipliers between calls."""

    space: ScheduleSpace
    multipliers: dict[int, float] = field(default_factory=dict)

    def __call__(self, prices: Costs | None = None) -> Priced | None:
        """The cheapest schedule at ``own request costs + prices``; ``None`` if none keeps the rules."""
        relaxed = self._rise(prices, RISES)
        if isinstance(relaxed, Priced) or relaxed is None:
            return relaxed
        return self.exact(prices, relaxed)

    def _rise(
        self, prices: Costs | None, rises: int, only_up: bool = False
    ) -> Priced | float | None:
        """A schedule within the limits after at most ``rises`` rises of the multipliers;
        else the best bound seen; ``None`` if no schedule keeps even the other rules.

        ``only_up`` keeps every multiplier from falling, with a gentler growth
        of the step: on Curtois & Qu Instance21, falling multipliers swung
        between two limits and never kept both."""
        space = self.space
        bound = -math.inf
        step = FIRST_STEP
        for _ in range(rises + 1):
            adjusted = np.zeros_like(space.own_costs) if prices is None else prices.copy()
            for shift, multiplier in self.multipliers.items():
                adjusted[:, shift] += multiplier
            found = cheapest(space, adjusted)
            if found is None:
                return None
            value, schedule = found
            worked = Counter(shift for shift in schedule if shift != OFF)
            slack = 0.0
            for shift, multiplier in self.multipliers.items():
                value -= multiplier * space.type_limits[shift]
                slack += multiplier * (space.type_limits[shift] - worked[shift])
            bound = max(bound, value)
            within = not over_limits(space, schedule)
            # Rise where a limit is broken, fall where one is not reached.
            for shift, limit in space.type_limits.items():
                change = step * (worked[shift] - limit)
                multiplier = self.multipliers.get(shift, 0.0) + (max(0.0, change) if only_up else change)  # fmt: skip
                if multiplier > 0 or shift in self.multipliers:
                    self.multipliers[shift] = max(0.0, multiplier)
            if within:
                return Priced(bound, value + slack, schedule)  # value + slack: its real cost
            step *= 1.5 if only_up else 2
        return bound

    def exact(self, prices: Costs | None, bound: float = -math.inf) -> Priced | None:
        """The cheapest schedule for certain: an axis for each limit the relaxation breaks.

        Where those axes would pass :data:`~scheduler.cheapest_schedule.MAX_STATES`
        (Curtois & Qu Instance21, 182 days), the multipliers rise instead until
        a schedule keeps the limits: then it is a schedule, not surely the cheapest.
        """
        space: ScheduleSpace | None = self.space
        while space is not None:
            found = cheapest(space, prices)
            if found is None:
                return None
            broken = over_limits(space, found[1])
            if not broken:
                return Priced(max(bound, found[0]), found[0], found[1])
            space = counting(space, broken)
        forced = self._rise(prices, FORCED_RISES, only_up=True)
        return forced if isinstance(forced, Priced) else None
