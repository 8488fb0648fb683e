"""The scenario results as PNG plots (matplotlib, Agg backend).

- ``headcount.png`` when the head count varies: the objective, the penalty per
  rule and, with a demand forecast, the service level against head count;
- ``heatmap.png`` when at least two parameters vary: the objective over the
  first two (the best case over any others), infeasible cells blank;
- ``coverage/<case>.png`` for every case with a forecast and a roster: agents
  rostered minus agents wanted, per date and interval of the day.

Labels come from the message catalogue in English: the machines that draw the
plots need not have a font with Chinese glyphs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from scheduler.messages import text
from scheduler.scenarios.cases import format_value, label_of
from scheduler.scenarios.run import CaseResult

PLOT_LANGUAGE = "en"
COVERAGE_FOLDER = "coverage"


class MatplotlibMissingError(RuntimeError):
    def __init__(self) -> None:
        super().__init__(text("scenarios.matplotlib_missing", PLOT_LANGUAGE))


def _label(key: str, **values: Any) -> str:
    return text(f"scenarios.plot.{key}", PLOT_LANGUAGE, **values)


def write_plots(results: Sequence[CaseResult], out: Path) -> tuple[list[Path], list[str]]:
    """PNG plots in ``out``; returns the files written and the message keys of plots left out."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise MatplotlibMissingError() from None
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    skipped: list[str] = []
    varied = varied_keys(results)
    if "agents" in varied:
        written.append(_headcount_plot(plt, results, varied, out / "headcount.png"))
    else:
        skipped.append("scenarios.skipped.headcount")
    if len(varied) >= 2:
        written.append(_parameter_heatmap(plt, results, varied[0], varied[1], out / "heatmap.png"))
    else:
        skipped.append("scenarios.skipped.heatmap")
    with_cells = [result for result in results if result.cells]
    if with_cells:
        folder = out / COVERAGE_FOLDER
        folder.mkdir(exist_ok=True)
        for result in with_cells:
            written.append(
                _coverage_heatmap(plt, result, folder / f"{file_stem(result.label)}.png")
            )
    else:
        skipped.append("scenarios.skipped.coverage")
    return written, skipped


def file_stem(label: str) -> str:
    """A case label as a file name: ``agents=5,demand_scale=1.2`` -> ``agents-5_demand_scale-1.2``."""
    stem = label.replace("=", "-").replace(",", "_")
    return re.sub(r"[^A-Za-z0-9._-]+", "", stem) or "base"


def varied_keys(results: Sequence[CaseResult]) -> list[str]:
    keys = list(results[0].params) if results else []
    return [key for key in keys if len({label_of({key: r.params[key]}) for r in results}) > 1]


def _groups(results: Sequence[CaseResult], varied: list[str]) -> dict[str, list[CaseResult]]:
    """Cases by the values of the varied keys other than the head count, sorted by head count."""
    others = [key for key in varied if key != "agents"]
    groups: dict[str, list[CaseResult]] = {}
    for result in results:
        name = label_of({key: result.params[key] for key in others}) if others else "all"
        groups.setdefault(name, []).append(result)
    return {
        name: sorted(members, key=lambda r: r.params["agents"]) for name, members in groups.items()
    }


def _headcount_plot(plt: Any, results: Sequence[CaseResult], varied: list[str], path: Path) -> Path:
    groups = _groups(results, varied)
    with_service = any(result.service_level is not None for result in results)
    panels = 3 if with_service else 2
    figure, axes = plt.subplots(1, panels, figsize=(5.5 * panels, 4.5))
    objective, penalties = axes[0], axes[1]
    for name, members in groups.items():
        points = [(r.params["agents"], r.objective) for r in members if r.objective is not None]
        objective.plot([x for x, _ in points], [y for _, y in points], marker="o", label=name)
    failed = [r.params["agents"] for r in results if r.objective is None]
    if failed:
        # No roster: a red cross on the axis (x in data, y in axes units).
        objective.scatter(
            failed,
            [0.03] * len(failed),
            marker="x",
            color="red",
            label=_label("no_roster"),
            transform=objective.get_xaxis_transform(),
        )
    objective.xaxis.get_major_locator().set_params(integer=True)
    objective.set_xlabel(_label("head_count"))
    objective.set_ylabel(_label("objective"))
    objective.set_title(_label("objective_by_head_count"))
    objective.legend(fontsize=7)
    _penalty_bars(penalties, results)
    if with_service:
        _service_panel(axes[2], groups, results)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path


def _penalty_bars(axes: Any, results: Sequence[CaseResult]) -> None:
    """Penalty per rule of the best (lowest objective) case per head count, stacked."""
    heads = sorted({r.params["agents"] for r in results})
    best: dict[int, CaseResult] = {}
    for r in results:
        if r.objective is not None:
            head = r.params["agents"]
            if head not in best or r.objective < (best[head].objective or 0):
                best[head] = r
    rules = sorted({rule for result in results for rule in result.cost_by_rule})
    bottom = [0] * len(heads)
    for rule in rules:
        values = [best[h].cost_by_rule.get(rule, 0) if h in best else 0 for h in heads]
        axes.bar([str(h) for h in heads], values, bottom=bottom, label=rule)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.set_xlabel(_label("head_count"))
    axes.set_ylabel(_label("penalty_best"))
    axes.set_title(_label("penalty_by_rule"))
    if rules:
        axes.legend(fontsize=7)


def _service_panel(
    axes: Any, groups: dict[str, list[CaseResult]], results: Sequence[CaseResult]
) -> None:
    """Share of forecast calls answered in time, against head count, with the target line."""
    for name, members in groups.items():
        points = [
            (r.params["agents"], 100 * r.service_level)
            for r in members
            if r.service_level is not None
        ]
        axes.plot([x for x, _ in points], [y for _, y in points], marker="o", label=name)
    targets = {
        r.service["target_sl"] for r in results if r.service and r.service["target_sl"] is not None
    }
    for target in sorted(targets):
        axes.axhline(100 * target, color="grey", linestyle="--", linewidth=1)
        axes.annotate(_label("target", pct=f"{100 * target:g}"), (0.01, 100 * target), xycoords=("axes fraction", "data"), fontsize=7, va="bottom")  # fmt: skip
    within = next((r.service["answer_within_s"] for r in results if r.service), None)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.set_xlabel(_label("head_count"))
    axes.set_ylabel(_label("service_level", within=format_value(within)))
    axes.set_title(_label("service_by_head_count"))
    axes.legend(fontsize=7)


def _parameter_heatmap(
    plt: Any, results: Sequence[CaseResult], x_key: str, y_key: str, path: Path
) -> Path:
    def key_of(value: Any) -> str:
        return str(format_value(value))

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
    axes.set_title(_label("objective_blank"))
    for i in range(len(ys)):
        for j in range(len(xs)):
            axes.text(j, i, status[i][j], ha="center", va="center", fontsize=8, bbox={"facecolor": "white", "alpha": 0.7, "linewidth": 0})  # fmt: skip
    figure.colorbar(image, ax=axes)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path


def _coverage_heatmap(plt: Any, result: CaseResult, path: Path) -> Path:
    """Rostered minus wanted agents per date (rows) and interval (columns): red short, blue over."""
    dates = list(dict.fromkeys(cell.date for cell in result.cells))
    intervals = sorted({cell.interval for cell in result.cells})
    nan = float("nan")
    grid = [[nan] * len(intervals) for _ in dates]
    for cell in result.cells:
        grid[dates.index(cell.date)][intervals.index(cell.interval)] = cell.scheduled - cell.wanted
    reach = max([1.0, *(abs(value) for row in grid for value in row if value == value)])
    figure, axes = plt.subplots(figsize=(max(8.0, 0.22 * len(intervals) + 3), 0.3 * len(dates) + 2))
    image = axes.imshow(grid, cmap="RdBu", vmin=-reach, vmax=reach, aspect="auto")
    step = max(1, len(intervals) // 16)  # a readable number of time labels
    axes.set_xticks(range(0, len(intervals), step), [i[:5] for i in intervals[::step]], rotation=90, fontsize=7)  # fmt: skip
    axes.set_yticks(range(len(dates)), dates, fontsize=7)
    level = result.service_level
    summary = "-" if level is None else f"{100 * level:.1f} %"
    axes.set_title(_label("coverage_title", case=result.label, level=summary), fontsize=9)
    axes.set_xlabel(_label("interval_start"))
    figure.colorbar(image, ax=axes, label=_label("rostered_minus_wanted"))
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path
