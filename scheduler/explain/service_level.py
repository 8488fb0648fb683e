"""How well a roster answers the forecast calls: the service level it reaches.

Every interval whose head count came from a demand profile carries its
forecast (calls and AHT). With the agents the roster puts on that interval,
Erlang C (or A, as the instance's ``demand:`` section says) gives the service
level, the waiting probability, the ASA and the occupancy the roster reaches
there; :class:`ServiceReport` adds them up over the horizon, weighting by
calls, so that "87 % of calls answered within 20 s" describes the roster as a
whole. Agents are counted as in the model: a duty counts for an interval when
it spans all of it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from scheduler.demand import QueueMetrics, erlang_a, erlang_c
from scheduler.instance.clock import format_clock
from scheduler.instance.models import DemandCoverage, Instance
from scheduler.problem import IntervalRequirement, Problem, compile_problem
from scheduler.result import Assignment


@dataclass(frozen=True)
class IntervalService:
    """One interval of one date: what was forecast, wanted and rostered, and how it performs."""

    date: dt.date
    start: int
    end: int
    calls: float
    aht_s: float
    wanted: int
    """The head count asked for: the hard ``min`` or, if higher, the soft ``preferred``."""
    scheduled: int
    metrics: QueueMetrics

    @property
    def label(self) -> str:
        return f"{format_clock(self.start)}-{format_clock(self.end)}"

    @property
    def short(self) -> int:
        return max(0, self.wanted - self.scheduled)

    def to_json(self) -> dict[str, object]:
        metrics = self.metrics
        return {
            "date": self.date.isoformat(),
            "interval": self.label,
            "calls": self.calls,
            "aht_s": self.aht_s,
            "wanted": self.wanted,
            "scheduled": self.scheduled,
            "service_level": _finite(metrics.service_level),
            "wait_probability": metrics.wait_probability,
            "asa_s": _finite(metrics.asa_s),
            "occupancy": metrics.occupancy,
            "abandonment": metrics.abandonment,
        }


@dataclass(frozen=True)
class ServiceReport:
    """The service a roster gives over the horizon, interval by interval."""

    intervals: tuple[IntervalService, ...]
    target_sl: float | None
    answer_within_s: float | None
    target_asa_s: float | None

    @property
    def calls(self) -> float:
        return sum(item.calls for item in self.intervals)

    @property
    def service_level(self) -> float | None:
        """Share of all forecast calls answered within ``answer_within_s`` (None without it)."""
        levels = [(item.calls, item.metrics.service_level) for item in self.intervals]
        if self.answer_within_s is None or not levels:
            return None
        total = self.calls
        if total == 0:
            return 1.0
        return sum(calls * (level or 0.0) for calls, level in levels) / total

    @property
    def asa_s(self) -> float:
        """Average speed of answer over all calls (infinite when an interval has calls and nobody)."""
        total = self.calls
        if total == 0:
            return 0.0
        return sum(item.calls * item.metrics.asa_s for item in self.intervals) / total

    @property
    def intervals_short(self) -> int:
        """Intervals with fewer agents than the head count asked for."""
        return sum(1 for item in self.intervals if item.short)

    @property
    def intervals_meeting_target(self) -> int:
        """Intervals whose own service level (or ASA) meets the section's target."""
        return sum(1 for item in self.intervals if self._meets(item.metrics))

    def _meets(self, metrics: QueueMetrics) -> bool:
        if self.target_sl is not None and (metrics.service_level or 0.0) < self.target_sl - 1e-9:
            return False
        return self.target_asa_s is None or metrics.asa_s <= self.target_asa_s + 1e-9

    def summary(self) -> dict[str, object]:
        return {
            "calls": round(self.calls, 3),
            "service_level": _finite(self.service_level),
            "target_sl": self.target_sl,
            "answer_within_s": self.answer_within_s,
            "asa_s": _finite(self.asa_s),
            "target_asa_s": self.target_asa_s,
            "intervals": len(self.intervals),
            "intervals_short": self.intervals_short,
            "intervals_meeting_target": self.intervals_meeting_target,
        }

    def to_json(self) -> dict[str, object]:
        return {**self.summary(), "by_interval": [item.to_json() for item in self.intervals]}


def service_report(
    instance: Instance, assignments: Iterable[Assignment], problem: Problem | None = None
) -> ServiceReport | None:
    """The service ``assignments`` give on every forecast interval; None when no
    interval of the instance carries a forecast."""
    problem = problem or compile_problem(instance)
    forecast_needs = [need for need in problem.interval_requirements if need.forecast]
    if not forecast_needs:
        return None
    demand = instance.demand
    answer_within_s = demand.answer_within_s if demand else None
    day_of = {date: day for day, date in enumerate(problem.dates)}
    shift_of = {shift: index for index, shift in enumerate(problem.shifts)}
    on_duty = Counter(
        (day_of[item.date], shift_of[item.shift]) for item in assignments if item.date in day_of
    )
    intervals = tuple(
        _interval_service(problem, need, on_duty, demand, answer_within_s)
        for need in forecast_needs
    )
    return ServiceReport(
        intervals=intervals,
        target_sl=demand.target_sl if demand else None,
        answer_within_s=answer_within_s,
        target_asa_s=demand.target_asa_s if demand else None,
    )


def _interval_service(
    problem: Problem,
    need: IntervalRequirement,
    on_duty: Counter[tuple[int, int]],
    demand: DemandCoverage | None,
    answer_within_s: float | None,
) -> IntervalService:
    assert need.forecast is not None
    scheduled = sum(on_duty[duty] for duty in need.covering)
    length_s = (need.end - need.start) * 60
    calls, aht_s = need.forecast.calls, need.forecast.aht_s
    if demand is not None and demand.model == "A" and demand.patience_s is not None:
        metrics = erlang_a(
            calls, length_s, aht_s, demand.patience_s, scheduled, answer_within_s=answer_within_s
        )
    else:
        metrics = erlang_c(calls, length_s, aht_s, scheduled, answer_within_s=answer_within_s)
    return IntervalService(
        date=problem.dates[need.day],
        start=need.start,
        end=need.end,
        calls=calls,
        aht_s=aht_s,
        wanted=max(need.min, need.preferred or 0),
        scheduled=scheduled,
        metrics=metrics,
    )


def _finite(value: float | None) -> float | None:
    """JSON has no infinity: an unbounded wait is reported as None."""
    return None if value is None or math.isinf(value) else value
