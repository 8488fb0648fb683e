"""The ``roster staff-min`` command: the minimum head count and a few head counts above it.

It calls :func:`scheduler.explain.staffing.headcount_table` and prints its
rows as a table, then one sentence saying from how many agents on the hard
rules hold, or why no minimum was found. When the instance has a call
forecast (its ``demand:`` section, or a profile given with ``--demand``) it
calls :func:`scheduler.explain.demand_staffing.demand_headcount_table`
instead: the fewest agents with which every interval meets the service level,
with the service level of each roster in the table. Exit codes follow
``roster solve``: 0 when a minimum was found, 3 when the rules cannot hold up
to ``--max``, 4 when a solve ran out of time undecided, 2 for a bad file or
option.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
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
from scheduler.explain.demand_staffing import DemandHeadcountReport, demand_headcount_table
from scheduler.explain.staffing import (
    HeadcountReport,
    HeadcountRow,
    Outcome,
    UnknownAgentError,
    headcount_table,
)
from scheduler.instance import DemandCoverage, Instance, InstanceError
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


def _service_cell(row: HeadcountRow, language: str) -> str:
    service = row.service
    if service is None:
        return "-"
    level = service["service_level"]
    if isinstance(level, float):
        return text("staffing.service_cell", language, percent=f"{level * 100:.1f}")
    asa = service["asa_s"]
    seconds = f"{asa:.1f}" if isinstance(asa, float) else "∞"
    return text("staffing.service_cell_asa", language, seconds=seconds)


def headcount_rich_table(report: HeadcountReport, language: str, *, service: bool = False) -> Table:
    """One line per head count tried; the minimum is in bold. ``service`` adds
    the service level each roster reaches (searches against a call forecast)."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    keys = ("agents", "status", "service") if service else ("agents", "status")
    for key in (*keys, "objective", "bound", "time"):
        table.add_column(text(f"staffing.column.{key}", language), justify="right")
    table.add_column(text("staffing.column.penalties", language), overflow="fold")
    for row in report.rows:
        status = Text(
            text(f"staffing.status.{row.status.value}", language), style=STATUS_STYLES[row.status]
        )
        first = [
            Text(str(row.agents), style="bold" if row.agents == report.minimum else ""),
            status,
        ]
        if service:
            first.append(Text(_service_cell(row, language)))
        table.add_row(
            *first,
            format_number(row.objective),
            format_number(row.best_bound),
            f"{row.wall_time_s:.2f}",
            _penalties_cell(row, language),
        )
    return table


def _percent(share: float) -> str:
    return f"{round(share * 100, 1):g}"


def target_phrase(demand: DemandCoverage, language: str) -> str:
    """The forecast's target in words: "80 % of calls answered within 20 s" ..."""
    parts = []
    if demand.target_sl is not None and demand.answer_within_s is not None:
        parts.append(
            text(
                "staffing.target.sl",
                language,
                percent=_percent(demand.target_sl),
                seconds=f"{demand.answer_within_s:g}",
            )
        )
    if demand.target_asa_s is not None:
        parts.append(text("staffing.target.asa", language, seconds=f"{demand.target_asa_s:g}"))
    if demand.max_occupancy is not None:
        percent = _percent(demand.max_occupancy)
        parts.append(text("staffing.target.occupancy", language, percent=percent))
    return text("staffing.target.join", language).join(parts)


def _conclusion(report: HeadcountReport, language: str, target: str | None = None) -> Text:
    if report.outcome is Outcome.FOUND:
        key = "staffing.found" if target is None else "staffing.demand_found"
        values = {"minimum": report.minimum, "current": report.current_agents}
        if target is not None:
            values["target"] = target
        return Text(text(key, language, **values), style="bold green")
    if report.outcome is Outcome.INFEASIBLE:
        if target is None:
            message = text("staffing.infeasible", language, max=report.max_agents)
        else:
            message = text(
                "staffing.demand_infeasible", language, max=report.max_agents, target=target
            )
        return Text(message, style="bold red")
    undecided = report.rows[-1].agents
    message = text("staffing.undecided", language, limit=f"{report.time_limit:g}", agents=undecided)
    return Text(message, style="bold red")


OPTION_OF_FIELD = {
    "profile": "--demand",
    "target_sl": "--target-sl",
    "answer_within_s": "--answer-within",
    "aht_s": "--aht",
}
"""The demand field each command-line option replaces."""


def _demand_or_fail(
    instance: Instance,
    instance_path: Path,
    overrides: dict[str, object],
    errors: Console,
    language: str,
) -> tuple[DemandCoverage, Path] | None:
    """The demand section to search with and the folder its profile is read from;
    None when there is no call forecast. ``overrides`` maps demand fields to
    the options given (a ``profile`` already absolute)."""
    given = {OPTION_OF_FIELD[field]: value for field, value in overrides.items()}
    if instance.demand is None:
        if "profile" not in overrides:
            if given:
                option = next(iter(given))
                fail(
                    errors, text("staffing.demand_option_without_profile", language, option=option)
                )
            return None
        if "aht_s" not in overrides:
            fail(errors, text("staffing.demand_needs_aht", language))
        if "target_sl" not in overrides and "answer_within_s" not in overrides:
            fail(errors, text("staffing.demand_needs_target", language))
        # Validated, with every problem named, when with_demand expands it.
        demand = DemandCoverage.model_construct()
    else:
        demand = instance.demand
    demand = demand.model_copy(update=overrides)
    if (demand.target_sl is None) != (demand.answer_within_s is None):
        pair = ["target_sl", "answer_within_s"]
        have = next(field for field in pair if getattr(demand, field) is not None)
        lacking = next(field for field in pair if field != have)
        fail(
            errors,
            text(
                "staffing.demand_target_pair",
                language,
                missing=OPTION_OF_FIELD[lacking],
                given=OPTION_OF_FIELD[have],
            ),
        )
    profile = overrides.get("profile")
    if isinstance(profile, str):
        path = Path(profile)
        return demand.model_copy(update={"profile": path.name}), path.parent
    return demand, instance_path.resolve().parent


def _describe_demand_error(
    error: InstanceError, overrides: dict[str, object], language: str
) -> str:
    """The problems, and for each field an option set, which option that was."""
    lines = [error.describe(language)]
    for field in dict.fromkeys(
        problem.path[1]
        for problem in error.problems
        if len(problem.path) > 1 and problem.path[0] == "demand"
    ):
        if field in overrides and isinstance(field, str):
            option, name = OPTION_OF_FIELD[field], f"demand.{field}"
            lines.append(text("staffing.demand_option_sets", language, option=option, field=name))
    return "\n".join(lines)


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
    demand_profile: Annotated[
        Path | None,
        typer.Option(
            "--demand",
            metavar="PROFILE.csv",
            help=text("staffing.help.demand"),
            show_default=False,
        ),
    ] = None,
    target_sl: Annotated[
        float | None,
        typer.Option(
            "--target-sl", metavar="SHARE", help=text("staffing.help.target_sl"), show_default=False
        ),
    ] = None,
    answer_within: Annotated[
        float | None,
        typer.Option(
            "--answer-within",
            metavar="SECONDS",
            help=text("staffing.help.answer_within"),
            show_default=False,
        ),
    ] = None,
    aht: Annotated[
        float | None,
        typer.Option(
            "--aht", metavar="SECONDS", help=text("staffing.help.aht"), show_default=False
        ),
    ] = None,
    lang: LangOption = None,
    json_output: Annotated[
        bool, typer.Option("--json", help=text("staffing.help.json"), show_default=False)
    ] = False,
) -> None:
    """Find the fewest agents with which the hard rules hold (and, with a call
    forecast, every interval meets the service level)."""
    console, errors = consoles()
    instance = load_or_fail(instance_path, lang, errors)
    language = output_language(lang, instance)
    current = len(instance.team.agents)
    if max_agents is not None and max_agents < current:
        fail(errors, text("staffing.max_below_current", language, max=max_agents, current=current))
    options = {
        "profile": str(demand_profile.resolve()) if demand_profile is not None else None,
        "target_sl": target_sl,
        "answer_within_s": answer_within,
        "aht_s": aht,
    }
    overrides = {field: value for field, value in options.items() if value is not None}
    forecast = _demand_or_fail(instance, instance_path, overrides, errors, language)

    demand_report: DemandHeadcountReport | None = None
    try:
        if forecast is None:
            report = headcount_table(
                instance,
                template_agent_id=template_agent,
                max_agents=max_agents,
                time_limit=time_limit,
                workers=workers,
                seed=seed,
            )
        else:
            demand, base_dir = forecast
            demand_report = demand_headcount_table(
                instance,
                base_dir,
                demand=demand,
                source=str(instance_path),
                template_agent_id=template_agent,
                max_agents=max_agents,
                time_limit=time_limit,
                workers=workers,
                seed=seed,
            )
            report = demand_report.headcount
    except UnknownAgentError as error:
        known = ", ".join(error.known)
        fail(errors, text("staffing.unknown_template", language, agent=error.agent_id, known=known))
    except InstanceError as error:
        fail(errors, _describe_demand_error(error, overrides, language))

    if json_output:
        data = demand_report.to_json() if demand_report else report.to_json()
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
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
        target = None
        if demand_report is not None:
            target = target_phrase(demand_report.demand, language)
            _print_demand_notes(console, demand_report, target, language)
        console.print(headcount_rich_table(report, language, service=demand_report is not None))
        console.print(_conclusion(report, language, target), soft_wrap=True)
    raise typer.Exit(OUTCOME_EXIT_CODES[report.outcome])


def _print_demand_notes(
    console: Console, report: DemandHeadcountReport, target: str, language: str
) -> None:
    profile = report.demand.profile
    console.print(
        text("staffing.demand_note", language, profile=profile, target=target), soft_wrap=True
    )
    bound = report.lower_bound
    if bound is None:
        return
    line = text(
        "staffing.demand_bound",
        language,
        agents=bound.agents,
        needed=f"{round(bound.needed_minutes_per_week):,}",
        most=f"{round(bound.most_minutes_per_week):,}",
    )
    if report.skipped_below is not None:
        line += " " + text("staffing.demand_bound_skipped", language, agents=report.skipped_below)
    console.print(line, soft_wrap=True)
