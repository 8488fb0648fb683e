"""The scenario results as tables: ``results.csv`` and ``results.md``, one row per case."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from scheduler.scenarios.run import CaseResult

RESULT_FILES = ("results.csv", "results.md")
INTEGER_COLUMNS = ("objective", "shortfall", "intervals_short")


def results_frame(results: Sequence[CaseResult]) -> Any:
    """One row per case (a pandas DataFrame)."""
    import pandas as pd

    frame = pd.DataFrame([result.row() for result in results])
    for column in INTEGER_COLUMNS:
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
    columns = list(dict.fromkeys(key for row in rows for key in row)) or ["case"]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        cells = ["-" if _missing(row.get(key)) else str(row.get(key)) for key in columns]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") or "-" for cell in cells) + " |")
    md_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [csv_path, md_path]


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)
