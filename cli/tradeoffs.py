"""Rich renderables for the trade-offs of a roster (``roster explain``).

:func:`tradeoff_tables` turns a :class:`scheduler.explain.tradeoffs.Tradeoffs`
into: every penalty in a plain sentence, grouped under its rule with the
rule's count and cost; the cost by agent and by week; and how evenly the work
is shared, per agent and as the smallest, largest and spread of each measure.
It builds objects only; the command prints them.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cli.render import agent_label
from scheduler.explain.tradeoffs import Spread, Tradeoffs
from scheduler.messages import text
from scheduler.problem import Problem


def tradeoff_tables(tradeoffs: Tradeoffs, problem: Problem, language: str) -> RenderableType:
    """Sentences by rule, cost by agent and by week, then the fairness summary."""
    parts: list[RenderableType] = [_by_rule(tradeoffs, language)]
    if tradeoffs.penalties:
        parts += [_by_agent(tradeoffs, problem, language), _by_week(tradeoffs, problem, language)]
    parts.append(_fairness(tradeoffs, problem, language))
    return Group(*parts)


def _title(key: str, language: str) -> Text:
    return Text(text(key, language), style="bold")


def _by_rule(tradeoffs: Tradeoffs, language: str) -> RenderableType:
    if not tradeoffs.penalties:
        return Text(text("tradeoffs.none", language), style="green")
    lines = Text()
    lines.append(text("tradeoffs.title", language) + "\n", style="bold")
    for rule in tradeoffs.by_rule:
        heading = text(
            "tradeoffs.rule_heading",
            language,
            label=rule.label(language),
            count=rule.count,
            cost=rule.cost,
        )
        lines.append("\n" + heading + "\n", style="bold")
        for sentence in tradeoffs.sentences(rule, language):
            lines.append(f"  - {sentence}\n")
    lines.append("\n" + text("tradeoffs.total", language, cost=tradeoffs.total), style="bold")
    return Group(lines, Text())


def _cost_table(title: str, first_column: str, language: str) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column(first_column, no_wrap=True)
    table.add_column(text("cli.cost", language), justify="right")
    return table


def _add_rest_and_total(table: Table, rest: int, rest_key: str, total: int, language: str) -> None:
    # Penalties with no agent (or no date) belong to the team (or the whole roster).
    if rest:
        table.add_row(text(rest_key, language), str(rest))
    table.add_section()
    table.add_row(_title("cli.total", language), Text(str(total), style="bold"))


def _by_agent(tradeoffs: Tradeoffs, problem: Problem, language: str) -> Table:
    table = _cost_table(
        text("tradeoffs.by_agent_title", language), text("cli.agent", language), language
    )
    for agent, cost in tradeoffs.by_agent.items():
        table.add_row(agent_label(problem, agent), str(cost))
    rest = tradeoffs.total - sum(tradeoffs.by_agent.values())
    _add_rest_and_total(table, rest, "tradeoffs.whole_team", tradeoffs.total, language)
    return table


def _by_week(tradeoffs: Tradeoffs, problem: Problem, language: str) -> Table:
    table = _cost_table(
        text("tradeoffs.by_week_title", language), text("tradeoffs.week", language), language
    )
    for week, cost in tradeoffs.by_week.items():
        days = problem.week_days(week - 1)
        start, end = problem.dates[days[0]], problem.dates[days[-1]]
        label = text("tradeoffs.week_label", language, week=week)
        table.add_row(f"{label}  {start:%m-%d}..{end:%m-%d}", str(cost))
    rest = tradeoffs.total - sum(tradeoffs.by_week.values())
    _add_rest_and_total(table, rest, "tradeoffs.whole_roster", tradeoffs.total, language)
    return table


def _hours(minutes: int) -> str:
    return f"{minutes / 60:.1f}"


def _fairness(tradeoffs: Tradeoffs, problem: Problem, language: str) -> Table:
    summary = tradeoffs.fairness
    table = Table(
        title=text("tradeoffs.fairness_title", language), title_justify="left", box=box.SIMPLE_HEAD
    )
    table.add_column(text("cli.agent", language), no_wrap=True)
    for key in ("tradeoffs.duties", "tradeoffs.on_call", "tradeoffs.weekend_duties"):
        table.add_column(text(key, language), justify="right")
    table.add_column(text("tradeoffs.hours", language), justify="right")
    table.add_column(text("cli.days_off", language), justify="right")
    table.add_column(text("cli.weekends_worked", language), justify="right")
    for load in summary.agents:
        table.add_row(
            agent_label(problem, load.agent),
            str(load.total_duties),
            str(load.on_call),
            str(load.weekend_duties),
            _hours(load.minutes),
            str(load.days_off),
            str(load.weekends_worked),
        )
    table.add_section()
    measures: tuple[Spread, ...] = (
        summary.duties,
        summary.on_call,
        summary.weekend_duties,
        summary.minutes,
    )
    for name in ("min", "max", "spread"):
        *counts, minutes = (int(getattr(spread, name)) for spread in measures)
        table.add_row(
            Text(text(f"tradeoffs.{name}", language), style="bold"),
            *(str(count) for count in counts),
            _hours(minutes),
        )
    return table
