"""``roster export ics``: the feeds of the stored roster as files, and its refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from cli.app import app
from scheduler.store import open_store
from scheduler.swaps import Duty

FOUR_AGENTS = Path(__file__).resolve().parents[2] / "instances" / "four-agents.yaml"
FILES = ["a1.ics", "a2.ics", "a3.ics", "a4.ics", "team.ics"]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """ROSTER_HOME: a fresh SQLite store in a temporary folder."""
    monkeypatch.setenv("ROSTER_HOME", str(tmp_path))
    monkeypatch.delenv("ROSTER_DATABASE_URL", raising=False)
    return tmp_path


def _uids(path: Path) -> dict[str, int]:
    """UID -> SEQUENCE of each event in the file."""
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): int(e["SEQUENCE"]) for e in calendar.walk("VEVENT")}


def test_export_writes_the_team_feed_and_one_per_agent(home: Path) -> None:
    runner = CliRunner()
    published = runner.invoke(app, ["publish", str(FOUR_AGENTS), "--lang", "en"])
    assert published.exit_code == 0, published.output
    out = home / "feeds"
    result = runner.invoke(app, ["export", "ics", "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in out.iterdir()) == FILES
    for name in FILES:
        assert f"wrote {out / name}" in result.output
    team = _uids(out / "team.ics")
    assert len(team) == 63
    per_agent = [_uids(out / name) for name in FILES[:-1]]
    assert sum(len(uids) for uids in per_agent) == 63
    assert set().union(*per_agent) == set(team)
    assert "SUMMARY:" in (out / "team.ics").read_text(encoding="utf-8")

    # A swap as the store records it: the duty moves to a2's file with a higher SEQUENCE.
    store = open_store()
    try:
        current = store.current_version("four-agents")
        assert current is not None
        moved = next(duty for duty in current.duties if duty.holder == "a1")
        duties = [
            Duty(d.key, "a2", "a2", "swap:1") if d.key == moved.key else d for d in current.duties
        ]
        store.new_version("four-agents", current.number, duties, "swap 1")
    finally:
        store.close()
    before = {name: (out / name).read_bytes() for name in FILES}
    again = runner.invoke(app, ["export", "ics", "--out", str(out), "--team", "four-agents"])
    assert again.exit_code == 0, again.output
    assert "已写入" in again.output  # the team's language without --lang
    uid = f"four-agents-{moved.key.date}-{moved.key.shift}-{moved.key.slot}@roster"
    assert uid not in _uids(out / "a1.ics")
    assert _uids(out / "a2.ics")[uid] == 1
    assert before["a1.ics"] != (out / "a1.ics").read_bytes()
    assert before["a3.ics"] != (out / "a3.ics").read_bytes()  # a new DTSTAMP


def test_export_refuses_an_unknown_team_a_team_without_roster_and_a_file_as_out(
    home: Path,
) -> None:
    runner = CliRunner()
    store = open_store()
    try:
        store.create_team("t", "Team T", "Europe/Berlin", "en", [("a1", "Ann")])
    finally:
        store.close()
    result = runner.invoke(app, ["export", "ics", "--lang", "en"])
    assert result.exit_code == 2
    assert "team t has no roster version yet" in result.output

    result = runner.invoke(app, ["export", "ics", "--team", "nope", "--lang", "en"])
    assert result.exit_code == 2
    assert "nope" in result.output

    runner.invoke(app, ["publish", str(FOUR_AGENTS), "--lang", "en"])
    blocker = home / "file"
    blocker.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["export", "ics", "--out", str(blocker), "--team", "four-agents"])
    assert result.exit_code == 2
    assert not list(home.glob("*.ics"))
