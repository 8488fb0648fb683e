"""The ``roster`` command: wiring of solve, explain, staff-min, check, validate and schema.

Each command loads its input, calls the library and hands the result to
:mod:`cli.render`; the only logic here is which exit code and which message
a situation gets (see :mod:`cli.exit_codes`). A user's mistake (a bad file, a
missing path, an ``--out`` that is a file) is answered with a message naming
the field, row or path and exit code 2, never with a traceback. All text comes
from the message catalogue, in ``--lang`` or the team's language.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from cli.common import (
    InstanceArg,
    LangOption,
    SeedOption,
    TimeLimitOption,
    WorkersOption,
    consoles,
    fail,
    load_or_fail,
    output_language,
)
from cli.exit_codes import ExitCode, exit_code_for
from cli.explain import explanation_view, infeasibility_view
from cli.export_ics import export_ics_command
from cli.feeds import feeds_app
from cli.gaps import gap_warning
from cli.progress import LiveProgress
from cli.render import (
    legend,
    penalty_breakdown,
    roster_tables,
    rule_label,
    status_line,
    summary_table,
)
from cli.roster_store import (
    audit_app,
    db_app,
    publish_command,
    reroster_command,
    responsibility_command,
    swap_app,
)
from cli.scenarios import scenarios_app
from cli.serve import serve_command
from cli.service_level import service_view
from cli.staffing import staff_min_command
from cli.users import tokens_app, users_app
from scheduler.check import RosterFileError, check, read_roster_csv
from scheduler.explain.gaps import find_coverage_gaps
from scheduler.explain.report import explain, explain_infeasibility
from scheduler.explain.service_level import service_report
from scheduler.export import write_csv, write_json, write_xlsx
from scheduler.instance import Instance
from scheduler.messages import text
from scheduler.problem import Problem, compile_problem
from scheduler.result import Result, Status
from scheduler.solve import solve

# Help is shown before any instance (and so any team language) is known: English.
app = typer.Typer(
    name="roster",
    help=text("cli.help.app"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)

EXPORT_FILES = ("roster.csv", "roster.json", "roster.xlsx")


def _instance_counts(instance: Instance, language: str) -> str:
    horizon = instance.horizon
    return text(
        "cli.instance_counts",
        language,
        agents=len(instance.team.agents),
        shifts=len(instance.shift_types),
        days=horizon.days,
        start=horizon.start,
        end=horizon.end,
        cyclic=text("cli.cyclic" if horizon.cyclic else "cli.not_cyclic", language),
    )


def _prepare_out(out: Path, language: str, errors: Console) -> None:
    """Create the output folder before solving, so a bad --out costs no search time."""
    if out.exists() and not out.is_dir():
        reason = text("cli.not_a_folder", language)
        fail(errors, text("cli.out_unusable", language, path=out, reason=reason))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        fail(errors, text("cli.out_unusable", language, path=out, reason=reason))


def _write_exports(
    result: Result, problem: Problem, out: Path, language: str, errors: Console
) -> list[Path]:
    csv_path, json_path, xlsx_path = (out / name for name in EXPORT_FILES)
    current = csv_path
    try:
        write_csv(result, csv_path)
        current = json_path
        write_json(result, problem, json_path)
        current = xlsx_path
        write_xlsx(result, problem, xlsx_path, language=language)
    except OSError as error:
        reason = error.strerror or str(error)
        fail(errors, text("cli.write_failed", language, path=current, reason=reason))
    return [csv_path, json_path, xlsx_path]


def _show_roster(console: Console, result: Result, problem: Problem, language: str) -> None:
    for table in roster_tables(result.assignments, problem, language):
        console.print(table)
    console.print(legend(problem, language))
    console.print()
    console.print(summary_table(result.assignments, problem, language))
    service = service_report(problem.instance, result.assignments, problem)
    if service is not None:
        console.print(service_view(service, language))
    console.print(penalty_breakdown(result.penalties, problem, language))


@app.command("solve", help=text("cli.help.solve"))
def solve_command(
    instance_path: InstanceArg,
    time_limit: TimeLimitOption = 10.0,
    workers: WorkersOption = 2,
    seed: SeedOption = 0,
    out: Annotated[
        Path | None,
        typer.Option("--out", metavar="DIR", help=text("cli.help.out"), show_default=False),
    ] = None,
    lang: LangOption = None,
) -> None:
    console, errors = consoles()
    instance = load_or_fail(instance_path, lang, errors)
    language = output_language(lang, instance)
    if out is not None:
        _prepare_out(out, language, errors)
    problem = compile_problem(instance)
    title = instance.name or instance_path.stem
    console.print(
        Text(f"{title}: {_instance_counts(instance, language)}", style="bold"), soft_wrap=True
    )
    gaps = find_coverage_gaps(instance, problem)
    if gaps:
        console.print(gap_warning(gaps, language))

    if console.is_terminal:
        with LiveProgress(console, time_limit, language) as live:
            result = solve(
                instance, time_limit=time_limit, workers=workers, seed=seed, on_progress=live.update
            )
    else:
        result = solve(instance, time_limit=time_limit, workers=workers, seed=seed)

    if result.status.has_roster:
        _show_roster(console, result, problem, language)
    console.print(status_line(result, language), soft_wrap=True)
    if result.status is Status.INFEASIBLE:
        console.print(Text(text("cli.infeasible", language), style="red"), soft_wrap=True)
        infeasibility = explain_infeasibility(
            instance, language, problem=problem, workers=workers, seed=seed
        )
        console.print(infeasibility_view(infeasibility, language))
    elif not result.status.has_roster:
        message = text("cli.no_roster", language, limit=f"{time_limit:g}")
        console.print(Text(message, style="red"), soft_wrap=True)

    if out is not None and result.status.has_roster:
        paths = _write_exports(result, problem, out, language, errors)
        files = ", ".join(path.name for path in paths)
        console.print(text("cli.wrote_files", language, files=files, folder=out), soft_wrap=True)
    raise typer.Exit(exit_code_for(result.status))


@app.command("explain", help=text("cli.help.explain"))
def explain_command(
    instance_path: InstanceArg,
    time_limit: TimeLimitOption = 10.0,
    workers: WorkersOption = 2,
    seed: SeedOption = 0,
    json_output: Annotated[bool, typer.Option("--json", help=text("cli.help.json"))] = False,
    lang: LangOption = None,
) -> None:
    console, errors = consoles()
    instance = load_or_fail(instance_path, lang, errors)
    language = output_language(lang, instance)
    explanation = explain(instance, language, time_limit=time_limit, workers=workers, seed=seed)
    if json_output:
        payload = json.dumps(explanation.to_json(), ensure_ascii=False, indent=2)
        console.print(payload, markup=False, highlight=False, soft_wrap=True)
    else:
        console.print(explanation_view(explanation, compile_problem(instance)))
    raise typer.Exit(exit_code_for(explanation.status))


app.command("staff-min", help=text("staffing.help.command"))(staff_min_command)
app.command("publish", help=text("store.help.publish"))(publish_command)
app.add_typer(swap_app, name="swap")
app.command("responsibility", help=text("store.help.responsibility"))(responsibility_command)
app.add_typer(audit_app, name="audit")
app.command("reroster", help=text("store.help.reroster"))(reroster_command)
app.add_typer(db_app, name="db")
app.command("serve", help=text("store.help.serve"))(serve_command)
app.add_typer(users_app, name="users")
app.add_typer(tokens_app, name="tokens")
app.add_typer(feeds_app, name="feeds")
export_app = typer.Typer(help=text("ical.help.export"), no_args_is_help=True)
export_app.command("ics", help=text("ical.help.command"))(export_ics_command)
app.add_typer(export_app, name="export")
app.add_typer(scenarios_app, name="scenarios")


@app.command("check", help=text("cli.help.check"))
def check_command(
    instance_path: InstanceArg,
    roster_path: Annotated[
        Path,
        typer.Argument(metavar="ROSTER.csv", help=text("cli.help.roster"), show_default=False),
    ],
    lang: LangOption = None,
) -> None:
    console, errors = consoles()
    instance = load_or_fail(instance_path, lang, errors)
    language = output_language(lang, instance)
    try:
        assignments = read_roster_csv(roster_path, instance)
        report = check(instance, assignments)
    except RosterFileError as error:
        fail(errors, error.describe(language))
    except ValueError as error:  # assignments that do not fit the instance
        fail(errors, str(error))
    problem = compile_problem(instance)

    if report.violations:
        heading = text("cli.check_broken", language, count=len(report.violations))
        console.print(Text(heading, style="bold red"), soft_wrap=True)
        for violation in report.violations:
            line = Text("  - ")
            line.append(rule_label(violation.rule, language), style="bold")
            line.append(": " + violation.describe(language))
            console.print(line, soft_wrap=True)
    else:
        console.print(Text(text("cli.check_ok", language), style="bold green"), soft_wrap=True)
    console.print()
    console.print(penalty_breakdown(report.penalties, problem, language))
    total = text("cli.check_objective", language, objective=report.objective)
    console.print(Text(total, style="bold"), soft_wrap=True)
    raise typer.Exit(ExitCode.OK if report.feasible else ExitCode.RULES_BROKEN)


@app.command("validate", help=text("cli.help.validate"))
def validate_command(instance_path: InstanceArg, lang: LangOption = None) -> None:
    console, errors = consoles()
    instance = load_or_fail(instance_path, lang, errors)
    language = output_language(lang, instance)
    counts = _instance_counts(instance, language)
    message = text("cli.validate_ok", language, source=instance_path, counts=counts)
    console.print(Text(message, style="green"), soft_wrap=True)


@app.command("schema", help=text("cli.help.schema"))
def schema_command() -> None:
    typer.echo(json.dumps(Instance.model_json_schema(), indent=2, ensure_ascii=False))


def main() -> None:
    app()
