"""The comparison's one table, as CSV and Markdown, and its raw numbers as JSON.

Rows are dicts keyed by :data:`COLUMNS`; a planner that has no value for a
column (pyworkforce has no agents, roster's own Erlang is the reference)
leaves it out, which shows as an empty CSV cell and a ``-`` in Markdown.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from benchmarks.result_files import compact_json

COLUMNS = {  # CSV name -> Markdown header
    "instance": "instance",
    "planner": "planner",
    "intervals": "intervals",
    "erlang_agent_intervals": "Erlang: agent-intervals a week",
    "erlang_ms": "Erlang time (ms)",
    "erlang_intervals_differ": "Erlang: intervals unlike roster's",
    "erlang_max_diff": "Erlang: max difference",
    "status": "status",
    "solve_s": "solve (s)",
    "duties": "duties",
    "paid_hours": "paid hours",
    "busiest_day": "duties on busiest day",
    "short": "short (agent-intervals)",
    "over": "over (agent-intervals)",
    "intervals_short": "intervals short",
    "coverage_cost": "coverage cost",
    "other_rules_cost": "other rules' cost",
    "agents_used": "agents used",
    "fewest_agents": "team it needs (at least)",
}


def write_results(rows: list[dict[str, Any]], raw: dict[str, Any], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "pyworkforce_compare.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        writer.writeheader()
        for row in rows:
            writer.writerow({key: _plain(row.get(key)) for key in COLUMNS})
    (out / "pyworkforce_compare.md").write_text(markdown_table(rows, raw), encoding="utf-8")
    (out / "pyworkforce_compare.json").write_text(compact_json(raw) + "\n", encoding="utf-8")


def markdown_table(rows: list[dict[str, Any]], raw: dict[str, Any]) -> str:
    lines = [
        "| " + " | ".join(COLUMNS.values()) + " |",
        "|" + "---|" * len(COLUMNS),
    ]
    lines += [
        "| " + " | ".join(_shown(key, row.get(key)) for key in COLUMNS) + " |" for row in rows
    ]
    reference = raw["reference"]
    lines += [
        "",
        f"Published Erlang C example ({reference['calls']} calls in "
        f"{reference['interval_minutes']} min, AHT {reference['aht_s']} s, "
        f"{reference['target_sl']:.0%} in {reference['answer_within_s']} s): "
        f"{reference['published_agents']} agents, SL {reference['published_sl']:.1%}. "
        f"roster: {reference['roster_agents']} agents, SL {reference['roster_sl']:.1%}; "
        f"pyworkforce: {reference['pyworkforce_agents']} agents, "
        f"SL {reference['pyworkforce_sl']:.1%}.",
    ]
    return "\n".join(lines) + "\n"


def _plain(value: Any) -> Any:
    return round(value, 3) if isinstance(value, float) else ("" if value is None else value)


def _shown(key: str, value: Any) -> str:
    if value is None:
        return "-"
    if key == "erlang_ms":
        return f"{value:.1f}"
    if key == "solve_s":
        return f"{value:.2f}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
