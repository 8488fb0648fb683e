"""Fixtures for the command-line tests: a runner with a plain (non-terminal) console
and small instance files written to a temporary folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
FOUR_AGENTS = ROOT / "instances" / "four-agents.yaml"

# One agent cannot fill a shift that needs two: proven infeasible at once.
INFEASIBLE = """
team: {timezone: Asia/Shanghai, agents: [{id: a1}]}
shift_types: [{id: A, start: "09:00", end: "17:00"}]
horizon: {start: 2026-11-30, weeks: 1}
coverage: [{shift: A, min: 2}]
"""


@pytest.fixture(scope="session")
def four_agents() -> Path:
    return FOUR_AGENTS


@pytest.fixture
def infeasible_text() -> str:
    return INFEASIBLE


@pytest.fixture
def infeasible_instance(write_file: Callable[[str, str], Path]) -> Path:
    return write_file("infeasible.yaml", INFEASIBLE)


@pytest.fixture(scope="session")
def runner() -> CliRunner:
    # Unset what would make rich treat the captured output as a colour terminal.
    return CliRunner(env={"FORCE_COLOR": None, "TTY_COMPATIBLE": None, "COLUMNS": "120"})


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, str], Path]:
    def write(name: str, content: str) -> Path:
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        return path

    return write
