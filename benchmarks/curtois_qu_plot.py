"""Objective and bound against time for each Curtois & Qu instance, one small panel each.

Both curves are steps: a value holds from the moment the solver reports it
until the next report, and the last one until the end of the call. The
dashed line is the best known objective. A panel whose values span more than
two orders of magnitude (an early roster that leaves shifts uncovered at 100
per head, a bound near 0) gets a log-scale y axis.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only, no display

import matplotlib.pyplot as plt

COLUMNS_MAX = 4


def plot_progress(records: list[dict[str, Any]], path: Path) -> None:
    count = max(1, len(records))
    columns = min(COLUMNS_MAX, count)
    rows = math.ceil(count / columns)
    figure, axes = plt.subplots(
        rows, columns, figsize=(3.2 * columns, 2.6 * rows), squeeze=False, layout="constrained"
    )
    for index, axis in enumerate(axes.flat):
        if index < len(records):
            _panel(axis, records[index], legend=index == 0)
        else:
            axis.set_visible(False)
    figure.savefig(path, dpi=110)
    plt.close(figure)


def _panel(axis: Any, record: dict[str, Any], *, legend: bool) -> None:
    axis.set_title(f"Instance{record['instance']}", fontsize=9)
    axis.tick_params(labelsize=7)
    axis.set_xlabel("s", fontsize=7)
    if record.get("error"):
        axis.text(0.5, 0.5, "error", ha="center", va="center", transform=axis.transAxes)
        return
    end = record["solve_call_s"]
    points = record["progress"]
    values: list[float] = []
    for column, label, colour in ((1, "objective", "C0"), (2, "bound", "C1")):
        series = [(point[0], point[column]) for point in points if point[column] is not None]
        final = record["objective"] if column == 1 else record["best_bound"]
        if final is not None:
            series.append((max(end, series[-1][0] if series else 0.0), final))
        if series:
            times, levels = zip(*series, strict=True)
            axis.step(times, levels, where="post", color=colour, label=label, linewidth=1.2)
            values += levels
    best_known = record.get("best_known")
    if best_known is not None:
        axis.axhline(best_known, color="grey", linestyle="--", linewidth=1, label="best known")
        values.append(best_known)
    positive = [value for value in values if value > 0]
    if positive and max(positive) > 100 * min(positive):
        axis.set_yscale("log")
    axis.set_xlim(left=0)
    if legend:
        axis.legend(fontsize=6, loc="upper right")
