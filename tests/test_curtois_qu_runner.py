"""The Curtois & Qu benchmark runner end to end on Instance1 (benchmarks/curtois_qu.py).

Needs the instance files, which are not in the repository: from the
environment variable ROSTER_CURTOIS_QU_DIR, else the shared folder next to
the repository; skipped when neither exists.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.curtois_qu import main

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = Path(
    os.environ.get(
        "ROSTER_CURTOIS_QU_DIR",
        Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "curtois_qu",
    )
)


@pytest.mark.skipif(
    not (DATA_DIR / "Instance1.txt").is_file(), reason=f"no Instance1.txt in {DATA_DIR}"
)
def test_instance1_solved_checked_and_written(tmp_path: Path) -> None:
    # Instance1 is small (8 staff, 14 days, one shift type) and proven optimal at 607
    # in well under a second; the child process and the plot take the rest.
    out = tmp_path / "out"
    command = [sys.executable, "-m", "benchmarks.curtois_qu", "--data-dir", str(DATA_DIR)]
    command += ["--instances", "1", "--time-limit", "5", "--out", str(out)]
    finished = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=60)

    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.startswith("Instance1: OPTIMAL objective 607")
    for name in ("results.csv", "results.md", "results.json", "objective_vs_time.png"):
        assert (out / name).stat().st_size > 0, name
    (record,) = json.loads((out / "results.json").read_text(encoding="utf-8"))["instances"]
    assert record["objective"] == 607
    assert record["check"]["objective"] == 607
    assert record["check_confirmed"] == "yes"
    assert record["gap_to_best_known_pct"] == 0
    assert record["progress"], "no progress point recorded"
    assert "| 1 | 14 | 8 | 1 | OPTIMAL | 607 |" in (out / "results.md").read_text(encoding="utf-8")


def test_missing_data_dir_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path / "absent")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "absent" in error


def test_missing_instance_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "Instance1.txt").write_text("", encoding="utf-8")
    assert main(["--data-dir", str(tmp_path), "--instances", "1,7"]) == 2
    assert "Instance7.txt not found" in capsys.readouterr().err
