"""File formats of a solved roster: CSV, JSON and an Excel workbook.

The CSV is the exchange format (``agent,date,shift``, one row per duty) that
``roster check`` reads back. The JSON adds real start and end instants in the
team's zone (with the UTC offset, so a calendar can use them as they are) and
the penalty breakdown. The workbook is for people: the roster grid, the duties
and the penalties on three sheets. Output is deterministic: rows are sorted
and JSON keys are sorted, so two exports of one roster compare equal apart
from the wall time.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from scheduler.messages import DEFAULT_LANGUAGE, text
from scheduler.problem import Problem
from scheduler.result import PENALTY_RULES, Assignment, Penalty, Result, Status
from scheduler.timeline import duty_on

CSV_COLUMNS = ("agent", "date", "shift")
SHEETS = ("Roster", "Assignments", "Penalties")


def _ordered(assignments: Iterable[Assignment]) -> list[Assignment]:
    """Day by day, then shift type, then agent: the order a supervisor reads a day."""
    return sorted(assignments, key=lambda a: (a.date, a.shift, a.agent))


def ordered_penalties(penalties: Iterable[Penalty]) -> list[Penalty]:
    """In the display order of PENALTY_RULES, then by agent, date, interval and shift."""
    order = {rule: i for i, rule in enumerate(PENALTY_RULES)}
    return sorted(
        penalties,
        key=lambda p: (
            order.get(p.rule, len(order)),
            p.rule,
            p.agent or "",
            p.date or dt.date.min,
            p.interval or "",
            p.shift or "",
        ),
    )


def write_csv(result: Result, path: str | Path) -> None:
    """The roster as ``agent,date,shift`` rows (ISO dates); days off have no row."""
    with Path(path).open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for assignment in _ordered(result.assignments):
            writer.writerow((assignment.agent, assignment.date.isoformat(), assignment.shift))


def assignment_records(result: Result, problem: Problem) -> list[dict[str, Any]]:
    """One record per duty with its real start and end (ISO 8601 with the zone's offset)."""
    zone = problem.instance.team.zone
    records = []
    for assignment in _ordered(result.assignments):
        shift_type = problem.instance.shift_type(assignment.shift)
        duty = duty_on(assignment.date, shift_type, zone)
        records.append(
            {
                "agent": assignment.agent,
                "date": assignment.date.isoformat(),
                "shift": assignment.shift,
                "start": duty.start.isoformat(),
                "end": duty.end.isoformat(),
                "location": shift_type.location.value,
            }
        )
    return records


def penalty_records(result: Result) -> list[dict[str, Any]]:
    return [
        {
            "rule": penalty.rule,
            "agent": penalty.agent,
            "date": None if penalty.date is None else penalty.date.isoformat(),
            "shift": penalty.shift,
            "interval": penalty.interval,
            "amount": penalty.amount,
            "weight": penalty.weight,
            "cost": penalty.cost,
        }
        for penalty in ordered_penalties(result.penalties)
    ]


def roster_json(result: Result, problem: Problem) -> dict[str, Any]:
    """The result as JSON-ready data: status, objective, bound, gap, duties and penalties."""
    return {
        "status": result.status.value,
        "objective": result.objective,
        "best_bound": result.best_bound,
        "gap": result.gap,
        "wall_time_s": round(result.wall_time_s, 3),
        "assignments": assignment_records(result, problem),
        "penalties": penalty_records(result),
    }


def result_from_json(data: Mapping[str, Any], problem: Problem) -> Result:
    """The :class:`Result` that :func:`roster_json` wrote (for rosters solved in another process).

    JSON written before penalties named their interval has no ``interval`` key: None.
    """
    return Result(
        status=Status(data["status"]),
        objective=data["objective"],
        best_bound=data["best_bound"],
        wall_time_s=data["wall_time_s"],
        assignments=tuple(
            Assignment(item["agent"], dt.date.fromisoformat(item["date"]), item["shift"])
            for item in data["assignments"]
        ),
        penalties=tuple(
            Penalty(
                rule=item["rule"],
                amount=item["amount"],
                weight=item["weight"],
                agent=item["agent"],
                date=None if item["date"] is None else dt.date.fromisoformat(item["date"]),
                shift=item["shift"],
                interval=item.get("interval"),
            )
            for item in data["penalties"]
        ),
        agents=problem.agents,
        dates=problem.dates,
    )


def write_json(result: Result, problem: Problem, path: str | Path) -> None:
    content = json.dumps(roster_json(result, problem), indent=2, sort_keys=True, ensure_ascii=False)
    Path(path).write_text(content + "\n", encoding="utf-8")


def write_xlsx(
    result: Result, problem: Problem, path: str | Path, *, language: str = DEFAULT_LANGUAGE
) -> None:
    """A workbook with the sheets Roster (agents x dates), Assignments and Penalties.

    Sheet and column names are fixed (they are a file format); ``language``
    only chooses the rule labels in the Penalties sheet.
    """
    names = {agent.id: agent.display_name for agent in problem.instance.team.agents}
    grid = result.roster
    grid.columns = pd.Index([day.isoformat() for day in result.dates], name="date")
    grid.insert(0, "name", [names[agent] for agent in grid.index])

    duties = pd.DataFrame(
        assignment_records(result, problem),
        columns=["agent", "date", "shift", "start", "end", "location"],
    )
    duties.insert(1, "name", [names[agent] for agent in duties["agent"]])

    penalties = pd.DataFrame(
        penalty_records(result),
        columns=["rule", "agent", "date", "interval", "shift", "amount", "weight", "cost"],
    )
    penalties.insert(1, "label", [_label(rule, language) for rule in penalties["rule"]])

    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        grid.to_excel(writer, sheet_name=SHEETS[0])
        duties.to_excel(writer, sheet_name=SHEETS[1], index=False)
        penalties.to_excel(writer, sheet_name=SHEETS[2], index=False)
        for sheet in writer.sheets.values():
            _fit_columns(sheet)


def _label(rule: str, language: str) -> str:
    try:
        return text(f"rule.{rule}", language)
    except KeyError:
        return rule


def _fit_columns(sheet: Any) -> None:
    """Widen each column to its longest cell (CJK characters count double)."""
    for column in sheet.columns:
        width = max(
            (sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(cell.value or "")) for cell in column),
            default=0,
        )
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 6), 60)
