"""Rendering of explanations: the conflict, its verified relaxations, and ``roster explain``.

Everything here turns library data (:mod:`scheduler.explain.report`) into rich
renderables; nothing is computed.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cli.gaps import gap_warning
from cli.tradeoffs import tradeoff_tables
from scheduler.explain.report import Explanation, Infeasibility
from scheduler.messages import text
from scheduler.problem import Problem


def infeasibility_view(infeasibility: Infeasibility, language: str) -> RenderableType:
    """Why the rules conflict (numbered) and the verified ways out (ranked)."""
    if infeasibility.undecided:
        return Text(text("cli.explain.undecided", language), style="yellow")
    heading_key = (
        "cli.explain.conflict" if infeasibility.minimal else "cli.explain.conflict_partial"
    )
    parts: list[RenderableType] = [Text(text(heading_key, language), style="bold red")]
    parts += [
        Text(f"  {number}. {item.text}")
        for number, item in enumerate(infeasibility.conflict, start=1)
    ]
    parts.append(Text())
    parts.append(Text(text("cli.explain.relaxations", language), style="bold"))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column(text("cli.explain.column.change", language), overflow="fold")
    table.add_column(text("cli.explain.column.verified", language))
    table.add_column(text("cli.explain.column.objective", language), justify="right")
    for number, relaxation in enumerate(infeasibility.relaxations, start=1):
        verified = text("cli.explain.yes" if relaxation.verified else "cli.explain.no", language)
        style = "green" if relaxation.verified else "red"
        objective = "-" if relaxation.objective is None else str(relaxation.objective)
        change = Text(relaxation.proposal)
        change.append(f"\n{relaxation.outcome}", style="dim")
        table.add_row(str(number), change, Text(verified, style=style), objective)
    parts.append(table)
    return Group(*parts)


def explanation_view(explanation: Explanation, problem: Problem) -> RenderableType:
    language = explanation.language
    parts: list[RenderableType] = []
    if explanation.coverage_gaps:
        parts.append(gap_warning(explanation.coverage_gaps, language))
    else:
        parts.append(Text(text("cli.explain.no_gaps", language), style="green"))
    if explanation.infeasibility is not None:
        parts.append(infeasibility_view(explanation.infeasibility, language))
    elif explanation.tradeoffs is not None:
        parts.append(Text(text("cli.explain.tradeoffs", language), style="bold"))
        parts.append(tradeoff_tables(explanation.tradeoffs, problem, language))
    else:
        parts.append(Text(text("cli.explain.undecided", language), style="yellow"))
    return Group(*parts)
