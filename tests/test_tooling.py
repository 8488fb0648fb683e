"""The house rules CI enforces: ruff lint, ruff format and strict mypy on the library."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
BIN = Path(sys.executable).parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    executable = shutil.which(tool, path=str(BIN)) or shutil.which(tool)
    if executable is None:
        pytest.fail(f"{tool} is not installed; install the dev extras: pip install -e '.[dev]'")
    return subprocess.run(
        [executable, *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_lint_passes() -> None:
    run = _run("ruff", "check", ".")
    assert run.returncode == 0, run.stdout + run.stderr


def test_ruff_format_is_applied() -> None:
    run = _run("ruff", "format", "--check", ".")
    assert run.returncode == 0, run.stdout + run.stderr


def test_mypy_strict_passes_on_the_library() -> None:
    # Configured in pyproject.toml: strict, packages = ["scheduler"].
    run = _run("mypy")
    assert run.returncode == 0, run.stdout + run.stderr
