"""Rich renderables for a roster: the weekly grid, the per-agent summary, the
penalty breakdown and the status line.

The per-agent numbers come from :func:`scheduler.explain.tradeoffs.fairness_summary`
and the agent and rule names from the same module (re-exported here as
``agent_label`` and ``rule_label``), so nothing is counted or named twice.

Everything here builds objects and returns them; the commands decide where
they are printed. Colours carry meaning only as a bonus: every cell also says
in text what it is (shift id, ``*`` for on call, ``·`` for a day off), so the
output stays readable when piped into a file.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from scheduler.explain.tradeoffs import agent_label as agent_label
from scheduler.explain.tradeoffs import fairness_summary
from scheduler.explain.tradeoffs import rule_label as rule_label
from scheduler.export import ordered_penalties
from scheduler.instance.clock import format_clock
from scheduler.messages import text
from scheduler.problem import Problem
from scheduler.result import Assignment, Penalty, Result, Status

SHIFT_COLOURS = ("green", "blue", "magenta", "cyan", "yellow", "bright_red", "bright_blue")
ON_CALL_MARK = "*"
DAY_OFF = "·"
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

STATUS_STYLES = {
    Status.OPTIMAL: "bold green",
    Status.FEASIBLE: "bold yellow",
    Status.INFEASIBLE: "bold red",
    Status.UNKNOWN: "bold red",
    Status.MODEL_INVALID: "bold red",
}


def shift_styles(problem: Problem) -> dict[str, str]:
    return {shift: SHIFT_COLOURS[i % len(SHIFT_COLOURS)] for i, shift in enumerate(problem.shifts)}


def _shift_mark(problem: Problem, shift_id: str) -> str:
    on_call = problem.instance.shift_type(shift_id).on_call
    return shift_id + ON_CALL_MARK if on_call else shift_id


def _cell(problem: Problem, shifts: Sequence[str], styles: dict[str, str]) -> Text:
    if not shifts:
        return Text(DAY_OFF, style="dim")
    cell = Text()
    for i, shift in enumerate(shifts):
        if i:
            cell.append("+")
        cell.append(_shift_mark(problem, shift), style=f"bold {styles[shift]}")
    return cell


def _cells(
    assignments: Iterable[Assignment], problem: Problem
) -> dict[tuple[str, dt.date], list[str]]:
    order = {shift: i for i, shift in enumerate(problem.shifts)}
    cells: dict[tuple[str, dt.date], list[str]] = defaultdict(list)
    for assignment in sorted(assignments, key=lambda a: order[a.shift]):
        cells[assignment.agent, assignment.date].append(assignment.shift)
    return cells


def roster_tables(
    assignments: Iterable[Assignment], problem: Problem, language: str
) -> list[Table]:
    """One table per calendar week: agents down, days across, weekends highlighted."""
    cells = _cells(assignments, problem)
    styles = shift_styles(problem)
    tables = []
    for week in range(problem.num_weeks):
        days = [problem.dates[d] for d in problem.week_days(week)]
        title = text("cli.week_title", language, week=week + 1, start=days[0], end=days[-1])
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column(text("cli.agent", language), no_wrap=True)
        for day in days:
            weekday = text(f"cli.weekday.{WEEKDAY_KEYS[day.weekday()]}", language)
            weekend = day.weekday() >= 5
            header = Text(f"{weekday}\n{day:%m-%d}", style="bold red" if weekend else "bold")
            table.add_column(header, justify="center", no_wrap=True)
        for agent in problem.agents:
            row = [_cell(problem, cells.get((agent, day), []), styles) for day in days]
            table.add_row(agent_label(problem, agent), *row)
        tables.append(table)
    return tables


def legend(problem: Problem, language: str) -> Text:
    """What each shift id means (label, hours, location), one line each, then the marks."""
    styles = shift_styles(problem)
    lines = Text()
    for shift_type in problem.instance.shift_types:
        lines.append(
            f"{_shift_mark(problem, shift_type.id):<4}", style=f"bold {styles[shift_type.id]}"
        )
        hours = f"{format_clock(shift_type.start)}-{format_clock(shift_type.end)}"
        where = text(f"cli.location.{shift_type.location.value}", language)
        lines.append(" ".join(part for part in (shift_type.label, hours, where) if part) + "\n")
    lines.append(f"{ON_CALL_MARK:<4}" + text("cli.on_call", language) + "   ")
    lines.append(DAY_OFF, style="dim")
    lines.append("   " + text("cli.day_off", language))
    return lines


def summary_table(assignments: Iterable[Assignment], problem: Problem, language: str) -> Table:
    """Per agent: duties by shift type, hours, days off and weekends worked."""
    styles = shift_styles(problem)
    table = Table(
        title=text("cli.summary_title", language), title_justify="left", box=box.SIMPLE_HEAD
    )
    table.add_column(text("cli.agent", language), no_wrap=True)
    for shift in problem.shifts:
        table.add_column(
            Text(_shift_mark(problem, shift), style=f"bold {styles[shift]}"), justify="right"
        )
    table.add_column(text("cli.hours", language), justify="right")
    table.add_column(text("cli.days_off", language), justify="right")
    table.add_column(text("cli.weekends_worked", language), justify="right")
    for load in fairness_summary(problem, assignments).agents:
        table.add_row(
            agent_label(problem, load.agent),
            *(str(load.duties[shift]) for shift in problem.shifts),
            f"{load.minutes / 60:.1f}",
            str(load.days_off),
            str(load.weekends_worked),
        )
    return table


def penalty_breakdown(
    penalties: Sequence[Penalty], problem: Problem, language: str
) -> RenderableType:
    """Cost by rule (label, count, cost) and then every penalty with its place."""
    if not penalties:
        return Text(text("cli.no_penalties", language), style="green")
    ordered = ordered_penalties(penalties)
    counts: Counter[str] = Counter(p.rule for p in ordered)
    costs: Counter[str] = Counter()
    for penalty in ordered:
        costs[penalty.rule] += penalty.cost

    by_rule = Table(
        title=text("cli.penalties_title", language), title_justify="left", box=box.SIMPLE_HEAD
    )
    by_rule.add_column(text("cli.rule", language))
    by_rule.add_column(text("cli.count", language), justify="right")
    by_rule.add_column(text("cli.cost", language), justify="right")
    for rule in counts:  # insertion order follows PENALTY_RULES
        by_rule.add_row(rule_label(rule, language), str(counts[rule]), str(costs[rule]))
    by_rule.add_section()
    total = sum(costs.values())
    by_rule.add_row(
        Text(text("cli.total", language), style="bold"), "", Text(str(total), style="bold")
    )

    # One block per rule: its label on a line of its own, then where and how much.
    # Rows without a place (fairness) show "-"; a column no penalty uses is left out.
    with_shift = any(penalty.shift is not None for penalty in ordered)
    details = Table(
        title=text("cli.penalty_details_title", language),
        title_justify="left",
        box=box.SIMPLE_HEAD,
    )
    details.add_column(text("cli.agent", language))
    details.add_column(text("cli.date", language), no_wrap=True)
    if with_shift:
        details.add_column(text("cli.shift", language), justify="center")
    details.add_column(text("cli.amount_x_weight", language), justify="right", no_wrap=True)
    details.add_column(text("cli.cost", language), justify="right", no_wrap=True)
    previous_rule = None
    for penalty in ordered:
        if penalty.rule != previous_rule:
            details.add_row(Text(rule_label(penalty.rule, language), style="bold"))
            previous_rule = penalty.rule
        place = [
            "  " + ("-" if penalty.agent is None else agent_label(problem, penalty.agent)),
            _when(penalty),
        ]
        if with_shift:
            place.append(penalty.shift or "-")
        details.add_row(*place, f"{penalty.amount} x {penalty.weight}", str(penalty.cost))
    return Group(by_rule, details)


def _when(penalty: Penalty) -> str:
    """The date, then the interval of an interval penalty: ``2026-12-07 12:00-12:30``."""
    if penalty.date is None:
        return "-"
    day = penalty.date.isoformat()
    return day if penalty.interval is None else f"{day} {penalty.interval}"


def format_number(value: float | None) -> str:
    if value is None:
        return "-"
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def status_label(status: Status, language: str) -> str:
    return text(f"cli.status.{status.value}", language)


def status_line(result: Result, language: str) -> Text:
    """Status in words, objective, bound, gap and wall time on one line."""
    line = Text()
    line.append(status_label(result.status, language), style=STATUS_STYLES[result.status])
    seconds = f"{result.wall_time_s:.2f}"
    if not result.status.has_roster:
        return line.append("  " + text("cli.status_line_no_roster", language, seconds=seconds))
    gap = "-" if result.gap is None else f"{result.gap:.1%}"
    details = text(
        "cli.status_line",
        language,
        objective=format_number(result.objective),
        bound=format_number(result.best_bound),
        gap=gap,
        seconds=seconds,
    )
    line.append("  " + details)
    return line
