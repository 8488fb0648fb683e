"""The ``roster scenarios run`` command: solve every combination of a scenario grid.

It loads the scenario file (:mod:`scheduler.scenarios`), solves the cases on a
local process pool (``--workers``) or a Dask cluster (``--dask-scheduler``)
with a progress bar, prints one line per case and writes ``results.csv``,
``results.md`` and PNG plots to ``--out``. A bad scenario or base instance is
answered with the field path and exit code 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from cli.common import consoles, fail
from cli.exit_codes import ExitCode
from cli.render import STATUS_STYLES, format_number
from scheduler.instance import InstanceError, load_instance
from scheduler.scenarios import (
    CaseResult,
    DaskMissingError,
    MatplotlibMissingError,
    ScenarioError,
    expand,
    has_demand,
    load_scenario,
    notes,
    run_all,
    write_plots,
    write_tables,
)

scenarios_app = typer.Typer(
    help="What-if scenarios: solve a grid of changes to one instance.", no_args_is_help=True
)


def results_table(results: list[CaseResult]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for column in ("case", "status", "objective", "bound", "time s", "shortfall"):
        if column == "case":
            table.add_column(column, overflow="fold", min_width=12)
        else:
            table.add_column(column, justify="right")
    table.add_column("main penalties", overflow="fold", min_width=24)
    for result in results:
        table.add_row(
            result.label,
            Text(result.status.value, style=STATUS_STYLES[result.status]),
            format_number(result.objective),
            format_number(result.best_bound),
            f"{result.wall_time_s:.2f}",
            "-" if result.shortfall is None else str(result.shortfall),
            ", ".join(f"{rule} {cost}" for rule, cost in result.main_penalties) or "-",
        )
    return table


@scenarios_app.command("run", help="Solve every combination of a scenario file's grid.")
def run_command(
    scenario_path: Annotated[
        Path, typer.Argument(metavar="FILE", help="The scenario file (YAML).", show_default=False)
    ],
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Cases solved at once on this machine.")
    ] = 1,
    dask_scheduler: Annotated[
        str | None,
        typer.Option(
            "--dask-scheduler",
            metavar="ADDRESS",
            help="Run on a Dask cluster, e.g. tcp://host:8786 (needs roster[scenarios]).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", help="Folder for results.csv, results.md and plots.")
    ] = Path("scenario-results"),
) -> None:
    console, errors = consoles()
    try:
        scenario = load_scenario(scenario_path)
        base = load_instance(scenario.base_path)
        cases = expand(scenario, base)
    except ScenarioError as error:
        fail(errors, error.describe())
    except InstanceError as error:
        fail(errors, error.describe())
    if out.exists() and not out.is_dir():
        fail(errors, f"cannot write to {out}: not a folder")
    for note in notes(scenario, base):
        errors.print(Text(f"note: {note}", style="yellow"), soft_wrap=True)
    where = f"Dask cluster {dask_scheduler}" if dask_scheduler else f"{workers} local worker(s)"
    console.print(f"{len(cases)} case(s) from {scenario_path} on {where}", soft_wrap=True)

    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("solving", total=len(cases))

        def advance(done: int, total: int, result: CaseResult) -> None:
            bar.update(task, completed=done, description=f"{result.label}: {result.status.value}")

        try:
            results = run_all(
                cases, workers=workers, dask_scheduler=dask_scheduler, progress=advance
            )
        except DaskMissingError as error:
            fail(errors, str(error))
        except OSError as error:  # an unreachable scheduler
            fail(errors, f"cannot reach the Dask scheduler {dask_scheduler}: {error}")

    console.print(results_table(results))
    try:
        files = write_tables(results, out)
        try:
            plots, skipped = write_plots(results, out, has_demand_section=has_demand(base))
        except MatplotlibMissingError as error:
            plots, skipped = [], [str(error)]
    except OSError as error:
        fail(errors, f"cannot write to {out}: {error.strerror or error}")
    for note in skipped:
        console.print(Text(f"not plotted: {note}", style="dim"), soft_wrap=True)
    names = ", ".join(path.name for path in [*files, *plots])
    console.print(f"wrote {names} to {out}", soft_wrap=True)
    raise typer.Exit(ExitCode.OK)
