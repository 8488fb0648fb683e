"""What-if scenarios: one base instance, a grid of changes, every combination solved.

A scenario file (YAML) names a base instance, relative to the scenario file,
and a ``grid`` of values per parameter::

    base: ../four-agents-two-days-off.yaml
    time_limit: 5
    grid:
      agents: [4, 5, 6]          # head count: copies of the first agent, or drop from the end
      days_off_min: [1, 2]       # rules.days_off_per_week.min
      allowed_same_day: [[], [[A, C]]]
      min_rest_hours: [11, 12]

:func:`expand` turns it into one :class:`Case` per combination (the cartesian
product), :func:`run_case` solves one and :func:`run_all` solves them all
through a :class:`concurrent.futures.Executor`: a local process pool, or a
Dask distributed cluster when an address is given (the same code then runs on
many machines). ``demand_scale``, ``aht_s`` and ``target_sl`` are meant for
the instance's ``demand:`` section; they are validated but not applied yet,
and :func:`notes` says so.
"""

from __future__ import annotations

import concurrent.futures
import itertools
import multiprocessing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from scheduler.explain.staffing import with_extra_agents
from scheduler.instance import Instance, InstanceError, load_instance, parse_instance
from scheduler.instance.errors import FieldProblem, format_path
from scheduler.result import Result, Status
from scheduler.solve import solve

MAIN_PENALTIES = 3
SHORTFALL_RULES = ("coverage.under", "interval_coverage.under")
DEMAND_KEYS = ("demand_scale", "aht_s", "target_sl")
PARAMETERS = (
    "agents",
    "days_off_min",
    "allowed_same_day",
    "min_rest_hours",
    "demand_scale",
    "aht_s",
    "target_sl",
)
"""Grid keys, in the order cases are labelled and the product is taken."""


class ScenarioError(ValueError):
    """A scenario file that cannot be used, with field paths like :class:`InstanceError`."""

    def __init__(self, source: str, problems: Sequence[str]):
        self.source = source
        self.problems = tuple(problems)
        super().__init__(self.describe())

    def describe(self) -> str:
        lines = (f"  - {problem}" for problem in self.problems)
        return "\n".join([f"{self.source}: invalid scenario file", *lines])


def _as_list(value: Any) -> Any:
    """A single value in the grid means a list of one."""
    return value if isinstance(value, list) else [value]


class Grid(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    agents: list[int] | None = Field(None, min_length=1)
    days_off_min: list[int] | None = Field(None, min_length=1)
    allowed_same_day: list[list[tuple[str, str]]] | None = Field(None, min_length=1)
    min_rest_hours: list[float] | None = Field(None, min_length=1)
    demand_scale: list[float] | None = Field(None, min_length=1)
    aht_s: list[float] | None = Field(None, min_length=1)
    target_sl: list[float] | None = Field(None, min_length=1)

    @field_validator(
        "agents",
        "days_off_min",
        "min_rest_hours",
        "demand_scale",
        "aht_s",
        "target_sl",
        mode="before",
    )
    @classmethod
    def _listify(cls, value: Any) -> Any:
        return None if value is None else _as_list(value)

    @field_validator("agents")
    @classmethod
    def _positive_agents(cls, value: list[int] | None) -> list[int] | None:
        if value is not None and any(count < 1 for count in value):
            raise ValueError("head counts must be at least 1")
        return value

    @field_validator("days_off_min")
    @classmethod
    def _days_in_week(cls, value: list[int] | None) -> list[int] | None:
        if value is not None and any(not 0 <= days <= 7 for days in value):
            raise ValueError("days off per week must be between 0 and 7")
        return value

    @field_validator("min_rest_hours")
    @classmethod
    def _rest_range(cls, value: list[float] | None) -> list[float] | None:
        if value is not None and any(not 0 <= hours <= 48 for hours in value):
            raise ValueError("rest hours must be between 0 and 48")
        return value

    @field_validator("demand_scale", "aht_s")
    @classmethod
    def _positive(cls, value: list[float] | None) -> list[float] | None:
        if value is not None and any(number <= 0 for number in value):
            raise ValueError("values must be positive")
        return value

    @field_validator("target_sl")
    @classmethod
    def _fraction(cls, value: list[float] | None) -> list[float] | None:
        if value is not None and any(not 0 < number <= 1 for number in value):
            raise ValueError("service-level targets must be in (0, 1]")
        return value

    def varied(self) -> dict[str, list[Any]]:
        """The grid keys given, in :data:`PARAMETERS` order."""
        return {
            key: list(values) for key in PARAMETERS if (values := getattr(self, key)) is not None
        }


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = ""
    description: str = ""
    base: str = Field(description="The base instance file, relative to the scenario file.")
    grid: Grid = Field(default_factory=Grid)
    time_limit: float = Field(10.0, gt=0, description="Seconds per case.")
    seed: int = Field(0, ge=0)
    solver_workers: int = Field(1, ge=1, description="CP-SAT workers per case.")
    base_dir: Path = Field(Path("."), exclude=True, description="Set by load_scenario.")

    @property
    def base_path(self) -> Path:
        return (self.base_dir / self.base).resolve()


def parse_scenario(data: Any, source: str = "scenario", base_dir: Path | None = None) -> Scenario:
    if not isinstance(data, dict):
        kind = "nothing" if data is None else type(data).__name__
        raise ScenarioError(source, [f"(file): expected a mapping, got {kind}"])
    if "base_dir" in data:
        raise ScenarioError(source, ["base_dir: unknown field"])
    try:
        return Scenario.model_validate({**data, "base_dir": base_dir or Path(".")})
    except ValidationError as error:
        problems = [
            f"{format_path(tuple(item['loc']))}: {item['msg'].removeprefix('Value error, ')}"
            for item in error.errors()
        ]
        raise ScenarioError(source, problems) from None


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file; the base instance is loaded by :func:`expand`."""
    path = Path(path)
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ScenarioError(str(path), [f"(file): cannot read: {reason}"]) from None
    try:
        data = yaml.safe_load(content)
    except yaml.YAMLError as error:
        raise ScenarioError(str(path), [f"(file): not valid YAML: {error}"]) from None
    return parse_scenario(data, str(path), path.parent)


def has_demand(instance: Instance) -> bool:
    return getattr(instance, "demand", None) is not None


def notes(scenario: Scenario, instance: Instance | None = None) -> list[str]:
    """Grid keys that are accepted but skipped, and why.

    The demand keys are not applied yet: the loader turns ``demand:`` into
    ``interval_coverage`` when the file is read, so a change to the section
    needs the profile re-expanded (and ``demand_scale`` the calls scaled)
    through the loader, which is still being written.
    """
    given = [key for key in DEMAND_KEYS if getattr(scenario.grid, key) is not None]
    if not given:
        return []
    if instance is None:
        instance = load_instance(scenario.base_path)
    reason = (
        "changes to the demand: section are not applied yet"
        if has_demand(instance)
        else "the base instance has no demand: section"
    )
    return [f"skipped {', '.join(given)}: {reason}"]


@dataclass(frozen=True)
class Case:
    """One combination of the grid, applied to the base instance."""

    label: str
    params: dict[str, Any]
    instance: Instance
    time_limit: float
    seed: int
    solver_workers: int = 1


@dataclass(frozen=True)
class CaseResult:
    label: str
    params: dict[str, Any]
    status: Status
    objective: int | None
    best_bound: float | None
    wall_time_s: float
    agents: int
    main_penalties: list[tuple[str, int]] = field(default_factory=list)
    """The costliest rules, (rule key, cost), most expensive first."""
    cost_by_rule: dict[str, int] = field(default_factory=dict)
    shortfall: int | None = None
    """Agents missing summed over coverage and interval-coverage minima (soft), when a roster exists."""

    @classmethod
    def of(cls, case: Case, result: Result) -> CaseResult:
        costs = result.cost_by_rule()
        by_cost = sorted(costs.items(), key=lambda item: (-item[1], item[0]))
        shortfall = None
        if result.status.has_roster:
            shortfall = sum(p.amount for p in result.penalties if p.rule in SHORTFALL_RULES)
        return cls(
            label=case.label,
            params=dict(case.params),
            status=result.status,
            objective=result.objective,
            best_bound=result.best_bound,
            wall_time_s=result.wall_time_s,
            agents=len(case.instance.team.agents),
            main_penalties=by_cost[:MAIN_PENALTIES],
            cost_by_rule=costs,
            shortfall=shortfall,
        )

    def row(self) -> dict[str, Any]:
        """A flat record for tables: parameters, then the outcome."""
        params = {key: _format_value(value) for key, value in self.params.items()}
        return {
            "case": self.label,
            **params,
            "status": self.status.value,
            "objective": self.objective,
            "best_bound": self.best_bound,
            "wall_time_s": round(self.wall_time_s, 3),
            "agents_total": self.agents,
            "shortfall": self.shortfall,
            "main_penalties": "; ".join(f"{rule}={cost}" for rule, cost in self.main_penalties),
        }


def _format_value(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return "[" + ",".join(_format_value(item) for item in value) + "]"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def label_of(params: dict[str, Any]) -> str:
    return ",".join(f"{key}={_format_value(value)}" for key, value in params.items()) or "base"


def apply_changes(instance: Instance, params: dict[str, Any], source: str = "case") -> Instance:
    """``instance`` with the grid values in ``params`` (demand keys are not applied)."""
    if "agents" in params:
        wanted = int(params["agents"])
        current = len(instance.team.agents)
        if wanted > current:
            instance = with_extra_agents(instance, None, wanted - current)
        elif wanted < current:
            instance = _without_last_agents(instance, current - wanted, source)
    data = instance.model_dump(mode="json")
    rules = data.setdefault("rules", {})
    if "days_off_min" in params:
        days_off = rules.get("days_off_per_week") or {}
        days_off["min"] = params["days_off_min"]
        preferred = days_off.get("preferred")
        if preferred is not None and preferred < days_off["min"]:
            days_off["preferred"] = days_off["min"]
        rules["days_off_per_week"] = days_off
    if "allowed_same_day" in params:
        rules["allowed_same_day"] = [list(pair) for pair in params["allowed_same_day"]]
    if "min_rest_hours" in params:
        rest = rules.get("min_rest") or {}
        rest["hours"] = params["min_rest_hours"]
        rules["min_rest"] = rest
    return parse_instance(data, source)


def _without_last_agents(instance: Instance, count: int, source: str) -> Instance:
    """Drop the last ``count`` agents and every pin and request naming them."""
    data = instance.model_dump(mode="json")
    agents = data["team"]["agents"]
    removed = {agent["id"] for agent in agents[len(agents) - count :]}
    data["team"]["agents"] = agents[: len(agents) - count]
    rules = data.get("rules") or {}
    for key in ("fixed_assignments", "requests"):
        rules[key] = [item for item in rules.get(key) or [] if item.get("agent") not in removed]
    return parse_instance(data, source)


def expand(scenario: Scenario, base: Instance | None = None) -> list[Case]:
    """Every combination of the grid, in file order (the last key varies fastest).

    Demand keys are left out for now (see :func:`notes`). Raises :class:`InstanceError` when the base
    cannot be loaded or a combination makes an invalid instance.
    """
    if base is None:
        base = load_instance(scenario.base_path)
    varied = scenario.grid.varied()
    varied = {key: values for key, values in varied.items() if key not in DEMAND_KEYS}
    keys = list(varied)
    cases = []
    for combination in itertools.product(*(varied[key] for key in keys)):
        params = dict(zip(keys, combination, strict=True))
        label = label_of(params)
        try:
            instance = apply_changes(base, params, source=label)
        except InstanceError as error:
            problems = [
                FieldProblem(problem.path, problem.describe(), problem.key, problem.values)
                for problem in error.problems
            ]
            raise InstanceError(f"{scenario.base_path} with {label}", problems) from None
        cases.append(
            Case(
                label=label,
                params=params,
                instance=instance,
                time_limit=scenario.time_limit,
                seed=scenario.seed,
                solver_workers=scenario.solver_workers,
            )
        )
    return cases


def run_case(case: Case) -> CaseResult:
    """Solve one case (a plain function, so that it can run in another process or machine)."""
    result = solve(
        case.instance, time_limit=case.time_limit, workers=case.solver_workers, seed=case.seed
    )
    return CaseResult.of(case, result)


ProgressCallback = Callable[[int, int, CaseResult], None]
"""Called as each case finishes: (cases done, cases in all, the result)."""


class DaskMissingError(RuntimeError):
    def __init__(self) -> None:
        super().__init__(
            "running on a Dask cluster needs dask.distributed: "
            "pip install 'roster[scenarios]' (or 'dask[distributed]')"
        )


def run_all(
    cases: Sequence[Case],
    *,
    workers: int = 1,
    dask_scheduler: Any = None,
    progress: ProgressCallback | None = None,
) -> list[CaseResult]:
    """Solve every case; the results come back in the order of ``cases``.

    Locally with a process pool of ``workers`` (started with ``spawn``; with
    one worker the cases run in this process). With ``dask_scheduler`` (an
    address such as ``tcp://host:8786``, or a cluster object such as
    ``LocalCluster``) they are submitted to a ``dask.distributed.Client``
    through its ``concurrent.futures`` executor.
    """
    total = len(cases)
    results: list[CaseResult | None] = [None] * total
    done = 0

    def finished(index: int, result: CaseResult) -> None:
        nonlocal done
        results[index] = result
        done += 1
        if progress is not None:
            progress(done, total, result)

    if dask_scheduler is not None:
        try:
            from distributed import Client
        except ImportError:
            raise DaskMissingError() from None
        with Client(dask_scheduler) as client:  # type: ignore[no-untyped-call]
            executor = client.get_executor(pure=False)
            _run_on(executor, cases, finished)
    elif workers <= 1 or total <= 1:
        for index, case in enumerate(cases):
            finished(index, run_case(case))
    else:
        context = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(
            max_workers=min(workers, total), mp_context=context
        ) as executor:
            _run_on(executor, cases, finished)
    return [result for result in results if result is not None]


def _run_on(
    executor: concurrent.futures.Executor,
    cases: Sequence[Case],
    finished: Callable[[int, CaseResult], None],
) -> None:
    futures = {executor.submit(run_case, case): index for index, case in enumerate(cases)}
    for future in concurrent.futures.as_completed(futures):
        finished(futures[future], future.result())


# Outputs: tables and plots ---------------------------------------------------------------

RESULT_FILES = ("results.csv", "results.md")


def results_frame(results: Sequence[CaseResult]) -> Any:
    """One row per case (a pandas DataFrame)."""
    import pandas as pd

    frame = pd.DataFrame([result.row() for result in results])
    for column in ("objective", "shortfall"):
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    return frame


def write_tables(results: Sequence[CaseResult], out: Path) -> list[Path]:
    """``results.csv`` and ``results.md`` in ``out``, one row per case."""
    out.mkdir(parents=True, exist_ok=True)
    frame = results_frame(results)
    csv_path, md_path = out / RESULT_FILES[0], out / RESULT_FILES[1]
    frame.to_csv(csv_path, index=False)
    rows = [result.row() for result in results]
    columns = list(rows[0]) if rows else ["case"]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        cells = ["-" if _missing(row.get(key)) else str(row.get(key)) for key in columns]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") or "-" for cell in cells) + " |")
    md_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [csv_path, md_path]


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


class MatplotlibMissingError(RuntimeError):
    def __init__(self) -> None:
        super().__init__("plots need matplotlib: pip install 'roster[scenarios]' (or 'matplotlib')")


def write_plots(
    results: Sequence[CaseResult], out: Path, *, has_demand_section: bool = False
) -> tuple[list[Path], list[str]]:
    """PNG plots in ``out``; returns the files written and notes on plots left out.

    - ``headcount.png`` when ``agents`` varies: objective and penalty per rule
      against head count, one line per combination of the other parameters;
    - ``heatmap.png`` when at least two parameters vary: the objective over
      the first two (the best case over any others), infeasible cells blank.
    """
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise MatplotlibMissingError() from None
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    skipped: list[str] = []
    varied = _varied_keys(results)
    if "agents" in varied:
        written.append(_headcount_plot(plt, results, varied, out / "headcount.png"))
    else:
        skipped.append("headcount.png: the head count does not vary")
    if len(varied) >= 2:
        written.append(_heatmap(plt, results, varied[0], varied[1], out / "heatmap.png"))
    else:
        skipped.append("heatmap.png: fewer than two parameters vary")
    reason = "not written yet" if has_demand_section else "the base instance has no demand: section"
    skipped.append(f"coverage-vs-demand heat map per interval: {reason}")
    return written, skipped


def _varied_keys(results: Sequence[CaseResult]) -> list[str]:
    keys = list(results[0].params) if results else []
    return [key for key in keys if len({label_of({key: r.params[key]}) for r in results}) > 1]


def _headcount_plot(plt: Any, results: Sequence[CaseResult], varied: list[str], path: Path) -> Path:
    others = [key for key in varied if key != "agents"]
    groups: dict[str, list[CaseResult]] = {}
    for result in results:
        name = label_of({key: result.params[key] for key in others}) if others else "objective"
        groups.setdefault(name, []).append(result)
    rules = sorted({rule for result in results for rule in result.cost_by_rule})
    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
    for name, members in groups.items():
        members = sorted(members, key=lambda r: r.params["agents"])
        xs = [r.params["agents"] for r in members if r.objective is not None]
        ys = [r.objective for r in members if r.objective is not None]
        left.plot(xs, ys, marker="o", label=name)
    failed = [r.params["agents"] for r in results if r.objective is None]
    if failed:
        # No roster: a red cross on the axis (x in data, y in axes units).
        left.scatter(
            failed,
            [0.03] * len(failed),
            marker="x",
            color="red",
            label="no roster",
            transform=left.get_xaxis_transform(),
        )
    left.xaxis.get_major_locator().set_params(integer=True)
    left.set_xlabel("head count")
    left.set_ylabel("objective (penalty)")
    left.set_title("objective by head count")
    left.legend(fontsize=7)
    # Penalty per rule: the best (lowest objective) case per head count.
    heads = sorted({r.params["agents"] for r in results})
    best: dict[int, CaseResult] = {}
    for r in results:
        if r.objective is not None:
            head = r.params["agents"]
            if head not in best or r.objective < (best[head].objective or 0):
                best[head] = r
    bottom = [0] * len(heads)
    for rule in rules:
        values = [best[h].cost_by_rule.get(rule, 0) if h in best else 0 for h in heads]
        right.bar([str(h) for h in heads], values, bottom=bottom, label=rule)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    right.set_xlabel("head count")
    right.set_ylabel("penalty (best case)")
    right.set_title("penalty by rule")
    if rules:
        right.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path


def _heatmap(plt: Any, results: Sequence[CaseResult], x_key: str, y_key: str, path: Path) -> Path:
    def key_of(value: Any) -> str:
        return str(_format_value(value))

    xs = list(dict.fromkeys(key_of(r.params[x_key]) for r in results))
    ys = list(dict.fromkeys(key_of(r.params[y_key]) for r in results))
    nan = float("nan")
    grid = [[nan] * len(xs) for _ in ys]
    status = [[""] * len(xs) for _ in ys]
    for r in results:
        i, j = ys.index(key_of(r.params[y_key])), xs.index(key_of(r.params[x_key]))
        if r.objective is not None and (grid[i][j] != grid[i][j] or r.objective < grid[i][j]):
            grid[i][j] = float(r.objective)
            status[i][j] = str(r.objective)
        elif not status[i][j]:
            status[i][j] = r.status.value[:6]
    figure, axes = plt.subplots(figsize=(1.2 * len(xs) + 3, 0.8 * len(ys) + 2))
    image = axes.imshow(grid, cmap="viridis_r", aspect="auto")
    axes.set_xticks(range(len(xs)), xs)
    axes.set_yticks(range(len(ys)), ys)
    axes.set_xlabel(x_key)
    axes.set_ylabel(y_key)
    axes.set_title("objective (blank: no roster)")
    for i in range(len(ys)):
        for j in range(len(xs)):
            axes.text(
                j,
                i,
                status[i][j],
                ha="center",
                va="center",
                fontsize=8,
                bbox={"facecolor": "white", "alpha": 0.7, "linewidth": 0},
            )
    figure.colorbar(image, ax=axes)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path
