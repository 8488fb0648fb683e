"""The store commands end to end: publish, swap flow, responsibility, audit, reroster."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import roster_store
from cli.app import app
from scheduler.service import RosterService

FOUR_AGENTS = Path(__file__).resolve().parents[2] / "instances" / "four-agents.yaml"
NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
"""Before the default roster's first day: with the real clock, the swaps these
tests file for early December became past duties on 2026-12-05 and were refused."""


@pytest.fixture
def roster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """A runner whose store is a fresh SQLite file, with the default roster published."""
    monkeypatch.setenv("ROSTER_HOME", str(tmp_path))
    monkeypatch.delenv("ROSTER_DATABASE_URL", raising=False)
    monkeypatch.setattr(roster_store, "RosterService", functools.partial(RosterService, clock=lambda: NOW))  # fmt: skip
    runner = CliRunner()
    result = runner.invoke(app, ["publish", str(FOUR_AGENTS), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Published version 1 of team four-agents: 63 duties" in result.output
    return runner


def _run(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--lang", "en"])
    return result.exit_code, " ".join(result.output.split())


def _safe_swap(runner: CliRunner) -> tuple[str, str, str]:
    """A duty of a1 and the first colleague's duty the suggestions offer for it."""
    for date in ("2026-12-04", "2026-12-05", "2026-12-06", "2026-12-07", "2026-12-08"):
        for shift in "ABC":
            duty = f"{date}/{shift}/0"
            code, output = _run(runner, "swap", "suggest", "--as", "a1", "--duty", duty)
            if code == 0 and output.startswith("1. swap with "):
                colleague, their_duty = output.split("swap with ")[1].split("'s duty ")
                return duty, colleague, their_duty.split()[0]
    raise AssertionError("no safe swap suggested for a1")


def test_swap_flow_moves_the_duty_and_the_audit_verifies(roster: CliRunner, tmp_path: Path) -> None:
    duty, colleague, their_duty = _safe_swap(roster)
    proof = tmp_path / "proof.txt"
    proof.write_text("agreed on WeChat", encoding="utf-8")
    code, output = _run(roster, "swap", "request", "--as", "a1", "--duty", duty, "--with",
                        colleague, "--their-duty", their_duty, "--channel", "chat",
                        "--attachment", str(proof))  # fmt: skip
    assert code == 0 and "Filed swap request 1" in output
    code, output = _run(roster, "swap", "accept", "1", "--as", colleague, "--channel", "phone")
    assert code == 0 and "Request 1 is now accepted" in output
    code, output = _run(roster, "swap", "approve", "1", "--supervisor", "lead")
    assert code == 0 and "the roster is now version 2" in output
    code, output = _run(roster, "responsibility", duty.split("/")[0])
    assert f"{duty}: {colleague} is responsible: swap 1 with both agreements on record" in output
    code, output = _run(roster, "audit", "verify")
    assert code == 0 and "5 entries" in output


def test_refusals_exit_1_with_the_reason_and_change_nothing(roster: CliRunner) -> None:
    duty, colleague, their_duty = _safe_swap(roster)
    _run(roster, "swap", "request", "--as", "a1", "--duty", duty, "--with", colleague,
         "--their-duty", their_duty)  # fmt: skip
    stranger = next(a for a in ("a2", "a3", "a4") if a != colleague)
    code, output = _run(roster, "swap", "accept", "1", "--as", stranger)
    assert code == 1 and f"only the colleague {colleague} may" in output
    code, output = _run(roster, "swap", "approve", "1", "--supervisor", "lead")
    assert code == 1 and "before the colleague accepts it" in output
    code, output = _run(roster, "swap", "list", "--json")
    assert '"state": "requested"' in output


def test_bad_input_exits_2(roster: CliRunner) -> None:
    code, output = _run(roster, "swap", "request", "--as", "a1", "--duty", "2026-12-01x",
                        "--with", "a2")  # fmt: skip
    assert code == 2 and "DATE/SHIFT/SLOT" in output
    code, output = _run(roster, "swap", "accept", "99", "--as", "a2")
    assert code == 2 and "99" in output


def test_reroster_after_an_absence_makes_a_new_version(roster: CliRunner) -> None:
    code, output = _run(roster, "reroster", "--absent", "a3", "--from", "2026-12-09",
                        "--supervisor", "lead")  # fmt: skip
    assert code == 0 and "The roster is now version 2" in output
    assert "a3 ->" in output


def test_db_upgrade_is_idempotent(roster: CliRunner) -> None:
    code, output = _run(roster, "db", "upgrade")
    assert code == 0 and "up to date" in output
