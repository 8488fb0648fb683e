"""Solving the cases of a scenario: one plain function per case, any executor for all.

:func:`run_case` is a module-level function of picklable data, so it runs in
another process or on another machine; :func:`run_all` hands the cases to a
``concurrent.futures.Executor``: a local process pool, or a Dask distributed
cluster when an address is given (the same code then runs on many machines).
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from scheduler.explain.service_level import ServiceReport, service_report
from scheduler.messages import text
from scheduler.result import Result, Status
from scheduler.scenarios.cases import Case, format_value
from scheduler.solve import solve

MAIN_PENALTIES = 3
SHORTFALL_RULES = ("coverage.under", "interval_coverage.under")


@dataclass(frozen=True)
class IntervalCell:
    """One forecast interval of one date in a case's roster: wanted and rostered agents."""

    date: str
    interval: str
    wanted: int
    scheduled: int
    service_level: float | None


@dataclass(frozen=True)
class CaseResult:
    label: str
    params: dict[str, Any]
    status: Status
    objective: int | None
    best_bound: float | None
    wall_time_s: float
    agents: int
    main_penalties: list[tuple[str, int]] = field(default_factory=list)
    """The costliest rules, (rule key, cost), most expensive first."""
    cost_by_rule: dict[str, int] = field(default_factory=dict)
    shortfall: int | None = None
    """Agents missing summed over coverage and interval-coverage minima (soft), when a roster exists."""
    service: dict[str, Any] | None = None
    """:meth:`ServiceReport.summary` of the roster, when the instance has forecast intervals."""
    cells: tuple[IntervalCell, ...] = ()
    """Per forecast interval, for the coverage-against-demand heat map."""

    @classmethod
    def of(cls, case: Case, result: Result) -> CaseResult:
        costs = result.cost_by_rule()
        by_cost = sorted(costs.items(), key=lambda item: (-item[1], item[0]))
        shortfall = None
        report: ServiceReport | None = None
        if result.status.has_roster:
            shortfall = sum(p.amount for p in result.penalties if p.rule in SHORTFALL_RULES)
            report = service_report(case.instance, result.assignments)
        return cls(
            label=case.label,
            params=dict(case.params),
            status=result.status,
            objective=result.objective,
            best_bound=result.best_bound,
            wall_time_s=result.wall_time_s,
            agents=len(case.instance.team.agents),
            main_penalties=by_cost[:MAIN_PENALTIES],
            cost_by_rule=costs,
            shortfall=shortfall,
            service=None if report is None else report.summary(),
            cells=() if report is None else _cells(report),
        )

    @property
    def service_level(self) -> float | None:
        return None if self.service is None else self.service.get("service_level")

    def row(self) -> dict[str, Any]:
        """A flat record for tables: parameters, then the outcome."""
        params = {key: format_value(value) for key, value in self.params.items()}
        row = {
            "case": self.label,
            **params,
            "status": self.status.value,
            "objective": self.objective,
            "best_bound": self.best_bound,
            "wall_time_s": round(self.wall_time_s, 3),
            "agents_total": self.agents,
            "shortfall": self.shortfall,
        }
        if self.service is not None:
            level = self.service_level
            row["service_level_pct"] = None if level is None else round(100 * level, 1)
            row["intervals_short"] = self.service["intervals_short"]
        row["main_penalties"] = "; ".join(f"{rule}={cost}" for rule, cost in self.main_penalties)
        return row


def _cells(report: ServiceReport) -> tuple[IntervalCell, ...]:
    return tuple(
        IntervalCell(
            item.date.isoformat(),
            item.label,
            item.wanted,
            item.scheduled,
            item.metrics.service_level,
        )
        for item in report.intervals
    )


def run_case(case: Case) -> CaseResult:
    """Solve one case (a plain function, so that it can run in another process or machine)."""
    result = solve(
        case.instance, time_limit=case.time_limit, workers=case.solver_workers, seed=case.seed
    )
    return CaseResult.of(case, result)


ProgressCallback = Callable[[int, int, CaseResult], None]
"""Called as each case finishes: (cases done, cases in all, the result)."""


class DaskMissingError(RuntimeError):
    def __init__(self) -> None:
        super().__init__(text("scenarios.dask_missing", "en"))


def run_all(
    cases: Sequence[Case],
    *,
    workers: int = 1,
    dask_scheduler: Any = None,
    progress: ProgressCallback | None = None,
) -> list[CaseResult]:
    """Solve every case; the results come back in the order of ``cases``.

    Locally with a process pool of ``workers`` (started with ``spawn``; with
    one worker the cases run in this process). With ``dask_scheduler`` (an
    address such as ``tcp://host:8786``, or a cluster object such as
    ``LocalCluster``) they are submitted to a ``dask.distributed.Client``
    through its ``concurrent.futures`` executor.
    """
    total = len(cases)
    results: list[CaseResult | None] = [None] * total
    done = 0

    def finished(index: int, result: CaseResult) -> None:
        nonlocal done
        results[index] = result
        done += 1
        if progress is not None:
            progress(done, total, result)

    if dask_scheduler is not None:
        try:
            from distributed import Client
        except ImportError:
            raise DaskMissingError() from None
        with Client(dask_scheduler) as client:  # type: ignore[no-untyped-call]
            executor = client.get_executor(pure=False)
            _run_on(executor, cases, finished)
    elif workers <= 1 or total <= 1:
        for index, case in enumerate(cases):
            finished(index, run_case(case))
    else:
        context = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(
            max_workers=min(workers, total), mp_context=context
        ) as executor:
            _run_on(executor, cases, finished)
    return [result for result in results if result is not None]


def _run_on(
    executor: concurrent.futures.Executor,
    cases: Sequence[Case],
    finished: Callable[[int, CaseResult], None],
) -> None:
    futures = {executor.submit(run_case, case): index for index, case in enumerate(cases)}
    for future in concurrent.futures.as_completed(futures):
        finished(futures[future], future.result())
