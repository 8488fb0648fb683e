"""A solve job for people: its live progress, its result's figures, grid and penalties.

Plain data for the job page and its JSON status (no HTML), with numbers
written as people read them and every label from the catalogue.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from api.web.grid import Grid, build_grid
from scheduler.explain.tradeoffs import tradeoffs
from scheduler.export import result_from_json
from scheduler.instance import Instance
from scheduler.jobs import JobRecord, JobState
from scheduler.messages import text
from scheduler.problem import compile_problem
from scheduler.result import Result, Status
from scheduler.swaps import duty_keys, original_duties


def number_text(value: float | None, none: str) -> str:
    """An objective or bound for people: whole numbers without ``.0``, else one decimal."""
    if value is None or not math.isfinite(value):
        return none
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def seconds_text(value: float) -> str:
    return f"{value:g}"


def job_progress(job: JobRecord, language: str) -> dict[str, Any]:
    """What the status JSON and the live part of the job page show, with texts ready to print."""
    none = text("web.generate.job.none", language)
    elapsed = job.elapsed_s or 0.0
    return {
        "state": job.state.value,
        "elapsed_s": job.elapsed_s,
        "time_limit": job.time_limit,
        "objective": job.objective,
        "best_bound": job.best_bound,
        "solutions": job.solutions,
        "done": job.state.finished,
        "text": {
            # Explaining a conflict takes seconds more: say so while the finished page loads.
            "state": text("web.generate.state.explaining", language)
            if job.state.finished and outcome(job) == "infeasible"
            else text(f"web.generate.state.{job.state.value}", language),
            "elapsed": text(
                "web.generate.job.elapsed_value",
                language,
                elapsed=f"{elapsed:.1f}",
                limit=seconds_text(job.time_limit),
            ),
            "objective": number_text(job.objective, none),
            "bound": number_text(job.best_bound, none),
            "solutions": str(job.solutions),
        },
    }


def result_figures(result: Result, language: str) -> dict[str, str]:
    """The result's status, cost, bound, gap and solve time as the result page prints them."""
    none = text("web.generate.job.none", language)
    gap = result.gap
    return {
        "status": text(f"web.generate.status.{result.status.value}", language),
        "objective": number_text(result.objective, none),
        "bound": number_text(result.best_bound, none),
        "gap": none
        if gap is None
        else text("web.generate.result.gap_value", language, percent=f"{100 * gap:.1f}"),
        "wall_time": text(
            "web.generate.result.seconds", language, value=f"{result.wall_time_s:.1f}"
        ),
    }


def roster_of(job: JobRecord, instance: Instance) -> Result | None:
    """The job's result when it has a roster to show and publish."""
    if job.state is not JobState.DONE or job.result is None or not job.result.get("assignments"):
        return None
    return result_from_json(job.result, compile_problem(instance))


@dataclass(frozen=True)
class RuleRow:
    """One line of the penalty breakdown: a rule, how often it gives way, and each case."""

    label: str
    count: int
    cost: int
    sentences: list[str]


def penalty_rows(instance: Instance, result: Result, language: str) -> list[RuleRow]:
    """The result's penalties grouped by rule, each case in a plain sentence."""
    summary = tradeoffs(compile_problem(instance), result)
    return [
        RuleRow(rule.label(language), rule.count, rule.cost, summary.sentences(rule, language))
        for rule in summary.by_rule
    ]


def result_grid(instance: Instance, result: Result, today: dt.date) -> Grid:
    """The solved roster as the grid of a freshly published version (holder answers)."""
    duties = original_duties(duty_keys(result.assignments))
    return build_grid(instance, duties.values(), today)


def outcome(job: JobRecord) -> str:
    """Which finished page to show: roster, infeasible, unknown, invalid, failed or cancelled."""
    if job.state is JobState.CANCELLED:
        return "cancelled"
    if job.state is JobState.FAILED or job.result is None:
        return "failed"
    status = Status(job.result["status"])
    if status.has_roster:
        return "roster"
    if status is Status.INFEASIBLE:
        return "infeasible"
    return "invalid" if status is Status.MODEL_INVALID else "unknown"
