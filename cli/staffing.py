"""The ``roster staff-min`` command: the minimum head count and a few head counts above it.

It calls :func:`scheduler.explain.staffing.headcount_table` and prints its
rows as a table, then one sentence saying from how many agents on the hard
rules hold, or why no minimum was found. Exit codes follow ``roster solve``:
0 when a minimum was found, 3 when the rules cannot hold up to ``--max``, 4
when a solve ran out of time undecided, 2 for a bad file or option.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich import box
from rich.table import Table
from rich.text import Text

from cli.common import (
    InstanceArg,
    LangOption,
    SeedOption,
    WorkersOption,
    consoles,
    fail,
    load_or_fail,
    output_language,
)
from cli.exit_codes import ExitCode
from cli.render import STATUS_STYLES, format_number, rule_label
from scheduler.explain.staffing import (
    HeadcountReport,
    HeadcountRow,
    Outcome,
    UnknownAgentError,
    headcount_table,
)
from scheduler.messages import text

OUTCOME_EXIT_CODES = {
    Outcome.FOUND: ExitCode.OK,
    Outcome.INFEASIBLE: ExitCode.INFEASIBLE,
    Outcome.UNDECIDED: ExitCode.NO_ROSTER,
}


def _penalties_cell(row: HeadcountRow, language: str) -> str:
    if not row.status.has_roster:
        return "-"
    if not row.main_penalties:
        return text("staffing.no_penalties", language)
    return ", ".join(
        text("staffing.penalty", language, rule=rule_label(rule, language), cost=cost)
        for rule, cost in row.main_penalties
    )


def headcount_rich_table(report: HeadcountReport, language: str) -> Table:
    """One line per head count tried; the minimum is in bold."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for key in ("agents", "status", "objective", "bound", "time"):
        table.add_column(text(f"staffing.column.{key}", language), justify="right")
    table.add_column(text("staffing.column.penalties", language), overflow="fold")
    for row in report.rows:
        status = Text(
            text(f"staffing.status.{row.status.value}", language), style=STATUS_STYLES[row.status]
        )
        table.add_row(
            Text(str(row.agents), style="bold" if row.agents == report.minimum else ""),
            status,
            format_number(row.objective),
            format_number(row.best_bound),
            f"{row.wall_time_s:.2f}",
            _penalties_cell(row, language),
        )
    return table


def _conclusion(report: HeadcountReport, language: str) -> Text:
    if report.outcome is Outcome.FOUND:
        message = text(
            "staffing.found", language, minimum=report.minimum, current=report.current_agents
        )
        return Text(message, style="bold green")
    if report.outcome is Outcome.INFEASIBLE:
        return Text(text("staffing.infeasible", language, max=report.max_agents), style="bold red")
    undecided = report.rows[-1].agents
    message = text("staffing.undecided", language, limit=f"{report.time_limit:g}", agents=undecided)
    return Text(message, style="bold red")


def staff_min_command(
    instance_path: InstanceArg,
    template_agent: Annotated[
        str | None,
        typer.Option(
            "--template-agent",
            metavar="ID",
            help=text("staffing.help.template_agent"),
            show_default=False,
        ),
    ] = None,
    max_agents: Annotated[
        int | None,
        typer.Option(
            "--max", metavar="N", min=1, help=text("staffing.help.max"), show_default=False
        ),
    ] = None,
    time_limit: Annotated[
        float, typer.Option("--time-limit", min=0, help=text("staffing.help.time_limit"))
    ] = 10.0,
    workers: WorkersOption = 2,
    seed: SeedOption = 0,
    lang: LangOption = None,
    json_output: Annotated[
        bool, typer.Option("--json", help=text("staffing.help.json"), show_default=False)
    ] = False,
) -> None:
    """Find the fewest agents with which the hard rules hold."""
    console, errors = consoles()
    instance = load_or_fail(instance_path, lang, errors)
    language = output_language(lang, instance)
    current = len(instance.team.agents)
    if max_agents is not None and max_agents < current:
        fail(errors, text("staffing.max_below_current", language, max=max_agents, current=current))

    try:
        report = headcount_table(
            instance,
            template_agent_id=template_agent,
            max_agents=max_agents,
            time_limit=time_limit,
            workers=workers,
            seed=seed,
        )
    except UnknownAgentError as error:
        known = ", ".join(error.known)
        fail(errors, text("staffing.unknown_template", language, agent=error.agent_id, known=known))

    if json_output:
        typer.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        title = instance.name or instance_path.stem
        template = instance.agent(report.template_agent)
        template_label = f"{template.name} ({template.id})" if template.name else template.id
        heading = text(
            "staffing.heading", language, title=title, current=current, template=template_label
        )
        console.print(Text(heading, style="bold"), soft_wrap=True)
        console.print(
            text("staffing.copies_note", language, template=template_label), soft_wrap=True
        )
        console.print(headcount_rich_table(report, language))
        console.print(_conclusion(report, language), soft_wrap=True)
    raise typer.Exit(OUTCOME_EXIT_CODES[report.outcome])
