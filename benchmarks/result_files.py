"""What every benchmark writes next to its numbers: how it was run, CSV rows, compact JSON."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import platform
import shlex
import sys
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any


def run_header(module: str, argv: Sequence[str] | None) -> dict[str, Any]:
    """The command (``python -m module ...``), the date and the machine of this run."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    return {
        "command": shlex.join(["python", "-m", module, *arguments]),
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "ortools": metadata.version("ortools"),
        },
    }


def write_csv(rows: Sequence[dict[str, Any]], fields: Sequence[str], path: Path) -> None:
    """One line per row with ``fields`` as columns: whole floats as integers, None as empty."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(fields), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: _plain(row.get(key)) for key in fields})


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, 3)
    return "" if value is None else value


def compact_json(value: Any, indent: str = "") -> str:
    """JSON with one line per flat record, so that a thousand intervals take a
    thousand lines rather than ten thousand."""
    flat = not any(isinstance(item, dict | list) for item in _items(value))
    if flat or not value:
        return json.dumps(value, ensure_ascii=False)
    inner = indent + " "
    if isinstance(value, dict):
        parts = [
            f"{inner}{json.dumps(key)}: {compact_json(item, inner)}" for key, item in value.items()
        ]
        return "{\n" + ",\n".join(parts) + f"\n{indent}}}"
    parts = [f"{inner}{compact_json(item, inner)}" for item in value]
    return "[\n" + ",\n".join(parts) + f"\n{indent}]"


def _items(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return list(value.values())
    return list(value) if isinstance(value, list) else []
