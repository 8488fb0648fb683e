"""The Curtois & Qu run's table as CSV and Markdown, its raw records as JSON, and the plot.

Records are the dicts :func:`benchmarks.curtois_qu.summarize` makes; a value
that does not apply (no roster, no published reference) is ``None``, which
shows as an empty CSV cell and a ``-`` in Markdown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmarks.result_files import compact_json, write_csv

COLUMNS = {  # CSV name -> Markdown header
    "instance": "instance",
    "days": "days",
    "staff": "staff",
    "shift_types": "shift types",
    "status": "status",
    "objective": "objective",
    "best_bound": "best bound",
    "best_known": "best known",
    "best_known_status": "best known is",
    "gap_to_best_known_pct": "gap to best known (%)",
    "time_to_first_s": "first roster (s)",
    "time_to_best_s": "best roster (s)",
    "peak_rss_mib": "peak memory (MiB)",
    "check_confirmed": "check confirmed",
    "gurobi_10_min": "Gurobi 10 min",
    "vs_gurobi_10_min": "vs Gurobi 10 min",
}


def write_results(records: list[dict[str, Any]], run: dict[str, Any], out: Path) -> str:
    """Write results.csv/.md/.json and objective_vs_time.png into ``out``; the Markdown."""
    from benchmarks.curtois_qu_plot import plot_progress

    out.mkdir(parents=True, exist_ok=True)
    rows = [_row(record) for record in records]
    write_csv(rows, [*COLUMNS, "error"], out / "results.csv")
    markdown = markdown_table(rows, run)
    (out / "results.md").write_text(markdown, encoding="utf-8")
    document = {**run, "instances": records}
    (out / "results.json").write_text(compact_json(document) + "\n", encoding="utf-8")
    plot_progress(records, out / "objective_vs_time.png")
    return markdown


def markdown_table(rows: list[dict[str, Any]], run: dict[str, Any]) -> str:
    lines = [
        "| " + " | ".join(COLUMNS.values()) + " |",
        "|" + "".join("---:|" if _numeric(key) else "---|" for key in COLUMNS),
    ]
    lines += [
        "| " + " | ".join(_shown(row.get(key), key) for key in COLUMNS) + " |" for row in rows
    ]
    machine = run["machine"]
    lines += [
        "",
        f"`{run['command']}` on {run['date']}; {machine['cores']} cores, "
        f"Python {machine['python']}, OR-Tools {machine['ortools']}; "
        f"time limit {run['time_limit_s']:g} s per instance, {run['workers']} workers, "
        f"seed {run['seed']}.",
    ]
    errors = [row for row in rows if row.get("error")]
    if errors:
        lines.append("")
        lines += [f"- instance {row['instance']}: {row['error']}" for row in errors]
    return "\n".join(lines) + "\n"


def format_progress_line(record: dict[str, Any], elapsed_s: float) -> str:
    """One line for the terminal as an instance finishes."""
    head = f"Instance{record['instance']}:"
    if record.get("error"):
        return f"{head} ERROR {record['error']} [{elapsed_s:.1f} s]"
    first, best = record["time_to_first_s"], record["time_to_best_s"]
    return (
        f"{head} {record['status']} objective {_shown(record['objective'])} "
        f"(bound {_shown(record['best_bound'], 'best_bound')}, "
        f"best known {_shown(record['best_known'])}, "
        f"gap {_shown(record['gap_to_best_known_pct'], 'gap_to_best_known_pct')}%), "
        f"first {_seconds(first)}, best {_seconds(best)}, "
        f"{_shown(record['peak_rss_mib'], 'peak_rss_mib')} MiB, "
        f"check {_shown(record['check_confirmed'])} "
        f"[{elapsed_s:.1f} s]"
    )


def _row(record: dict[str, Any]) -> dict[str, Any]:
    row = {key: record.get(key) for key in COLUMNS}
    if record.get("error"):
        row["status"] = "ERROR"
        row["error"] = record["error"]
    return row


def _numeric(key: str) -> bool:
    return key not in {"status", "best_known_status", "check_confirmed", "vs_gurobi_10_min"}


DECIMALS = {
    "gap_to_best_known_pct": 2,
    "time_to_first_s": 2,
    "time_to_best_s": 2,
    "peak_rss_mib": 0,
}
"""Fixed decimals per column; other floats show whole when whole, else with one decimal."""


def _shown(value: Any, key: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        if key in DECIMALS:
            return f"{value:.{DECIMALS[key]}f}"
        return str(int(value)) if value.is_integer() else f"{value:.1f}"
    return str(value).replace("|", "\\|")


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f} s"
