"""``roster validate`` and ``roster schema``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from cli.app import app


def test_validate_ok_with_counts(runner: CliRunner, four_agents: Path) -> None:
    result = runner.invoke(app, ["validate", str(four_agents), "--lang", "en"])
    assert result.exit_code == 0
    line = result.stdout.replace("\n", "")
    assert line.startswith("OK")
    for count in ("4 agents", "3 shift types", "21 days", "cyclic"):
        assert count in line


def test_validate_lists_the_problems(
    runner: CliRunner, write_file: Callable[[str, str], Path], infeasible_text: str
) -> None:
    content = infeasible_text.replace("{shift: A,", "{shift: Z,").replace("weeks: 1", "weeks: 0")
    path = write_file("bad.yaml", content)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "horizon.weeks" in result.stderr
    assert "Traceback" not in result.output


def test_schema_is_json_with_properties(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert "properties" in schema and "team" in schema["properties"]
