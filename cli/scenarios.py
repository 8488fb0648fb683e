"""The ``roster scenarios run`` command: solve every combination of a scenario grid.

It loads the scenario file (:mod:`scheduler.scenarios`), solves the cases on a
local process pool (``--workers``) or a Dask cluster (``--dask-scheduler``)
with a progress bar, prints one line per case and writes ``results.csv``,
``results.md`` and PNG plots to ``--out``. A bad scenario or base instance is
answered with the field path and exit code 2. Text is in the base team's
language unless ``--lang`` says otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from cli.common import LangOption, consoles, fail, language_or_default, output_language
from cli.exit_codes import ExitCode
from cli.render import STATUS_STYLES, format_number
from scheduler.instance import InstanceError, load_instance
from scheduler.messages import text
from scheduler.scenarios import (
    CaseResult,
    DaskMissingError,
    MatplotlibMissingError,
    ScenarioError,
    expand,
    load_scenario,
    run_all,
    write_plots,
    write_tables,
)

scenarios_app = typer.Typer(help=text("scenarios.help.group"), no_args_is_help=True)


def results_table(results: list[CaseResult], language: str) -> Table:
    def title(key: str) -> str:
        return text(f"scenarios.column.{key}", language)

    with_service = any(result.service is not None for result in results)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(title("case"), overflow="fold", min_width=12)
    for key in ("status", "objective", "bound", "time", "shortfall"):
        table.add_column(title(key), justify="right")
    if with_service:
        table.add_column(title("service_level"), justify="right")
    table.add_column(title("penalties"), overflow="fold", min_width=24)
    for result in results:
        cells = [
            result.label,
            Text(result.status.value, style=STATUS_STYLES[result.status]),
            format_number(result.objective),
            format_number(result.best_bound),
            f"{result.wall_time_s:.2f}",
            "-" if result.shortfall is None else str(result.shortfall),
        ]
        if with_service:
            level = result.service_level
            cells.append("-" if level is None else f"{100 * level:.1f} %")
        cells.append(", ".join(f"{rule} {cost}" for rule, cost in result.main_penalties) or "-")
        table.add_row(*cells)
    return table


@scenarios_app.command("run", help=text("scenarios.help.run"))
def run_command(
    scenario_path: Annotated[
        Path,
        typer.Argument(metavar="FILE", help=text("scenarios.help.file"), show_default=False),
    ],
    workers: Annotated[
        int, typer.Option("--workers", min=1, help=text("scenarios.help.workers"))
    ] = 1,
    dask_scheduler: Annotated[
        str | None,
        typer.Option(
            "--dask-scheduler",
            metavar="ADDRESS",
            help=text("scenarios.help.dask"),
            show_default=False,
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", help=text("scenarios.help.out"))] = Path(
        "scenario-results"
    ),
    lang: LangOption = None,
) -> None:
    console, errors = consoles()
    language = language_or_default(lang)
    try:
        scenario = load_scenario(scenario_path)
        base = load_instance(scenario.base_path)
        language = output_language(lang, base)
        cases = expand(scenario, base)
    except ScenarioError as error:
        fail(errors, error.describe(language))
    except InstanceError as error:
        fail(errors, error.describe(language))
    if out.exists() and not out.is_dir():
        fail(errors, text("scenarios.not_a_folder", language, path=out))
    where = (
        text("scenarios.where.dask", language, address=dask_scheduler)
        if dask_scheduler
        else text("scenarios.where.local", language, workers=workers)
    )
    starting = text(
        "scenarios.starting", language, cases=len(cases), file=scenario_path, where=where
    )
    console.print(starting, soft_wrap=True)

    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(text("scenarios.progress", language), total=len(cases))

        def advance(done: int, total: int, result: CaseResult) -> None:
            bar.update(task, completed=done, description=f"{result.label}: {result.status.value}")

        try:
            results = run_all(
                cases, workers=workers, dask_scheduler=dask_scheduler, progress=advance
            )
        except DaskMissingError:
            fail(errors, text("scenarios.dask_missing", language))
        except OSError as error:  # an unreachable scheduler
            reason = error.strerror or str(error)
            fail(errors, text("scenarios.unreachable", language, address=dask_scheduler, reason=reason))  # fmt: skip

    console.print(results_table(results, language))
    try:
        files = write_tables(results, out)
        try:
            plots, skipped = write_plots(results, out)
        except MatplotlibMissingError:
            plots, skipped = [], ["scenarios.matplotlib_missing"]
    except OSError as error:
        reason = error.strerror or str(error)
        fail(errors, text("scenarios.cannot_write", language, path=out, reason=reason))
    for key in skipped:
        note = text("scenarios.not_plotted", language, reason=text(key, language))
        console.print(Text(note, style="dim"), soft_wrap=True)
    names = ", ".join(str(path.relative_to(out)) for path in [*files, *plots][:12])
    if len(files) + len(plots) > 12:
        names += f", ... (+{len(files) + len(plots) - 12})"
    console.print(text("scenarios.wrote", language, files=names, out=out), soft_wrap=True)
    raise typer.Exit(ExitCode.OK)
