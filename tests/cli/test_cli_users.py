"""roster users add/list and roster tokens create/list/revoke, over a SQLite store in a temporary ROSTER_HOME."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from cli.users import tokens_app, users_app
from scheduler.store import Store, open_store

# The sub-apps mounted as cli/app.py mounts them, so the tests do not depend on that wiring.
app = typer.Typer()
app.add_typer(users_app, name="users")
app.add_typer(tokens_app, name="tokens")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ROSTER_HOME", str(tmp_path))
    monkeypatch.delenv("ROSTER_DATABASE_URL", raising=False)
    store = open_store()
    store.create_team("t", "Team T", "Europe/Berlin", "en", [("a1", "Ann"), ("a2", "Bo")])
    store.close()
    return tmp_path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"FORCE_COLOR": None, "TTY_COMPATIBLE": None, "COLUMNS": "160"})


def _run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--lang", "en"])
    return result.exit_code, result.stdout, result.stderr


def _store(home: Path) -> Store:
    return open_store(f"sqlite:///{home / 'roster.db'}")


def test_users_add_and_list(home: Path, runner: CliRunner) -> None:
    code, out, _ = _run(runner, "users", "add", "boss", "--role", "supervisor")
    assert code == 0 and "Added user boss (supervisor, all teams)" in out
    code, out, _ = _run(runner, "users", "add", "lead", "--role", "supervisor", "--team", "t")
    assert code == 0 and "(supervisor, team t)" in out
    code, out, _ = _run(
        runner, "users", "add", "ann", "--role", "agent", "--team", "t", "--agent", "a1"
    )
    assert code == 0 and "(agent, agent a1 of team t)" in out
    code, out, _ = _run(runner, "users", "list")
    assert code == 0 and all(name in out for name in ("ann", "boss", "lead"))
    code, out, _ = _run(runner, "users", "list", "--team", "t")
    assert code == 0 and "ann" in out and "lead" in out and "boss" not in out


def test_users_add_refuses_bad_input_with_2_and_duplicates_with_5(
    home: Path, runner: CliRunner
) -> None:
    code, _, err = _run(runner, "users", "add", "ann", "--role", "agent", "--team", "t")
    assert code == 2 and "bound to a team and to one of its agents" in " ".join(err.split())
    code, _, err = _run(
        runner, "users", "add", "ann", "--role", "agent", "--team", "t", "--agent", "zz"
    )
    assert code == 2 and "zz is not a member of team t" in err
    code, _, _ = _run(runner, "users", "add", "ann", "--role", "admin")
    assert code == 2  # typer refuses the choice
    _run(runner, "users", "add", "ann", "--role", "agent", "--team", "t", "--agent", "a1")
    code, _, err = _run(runner, "users", "add", "ann", "--role", "supervisor")
    assert code == 5 and "user ann already exists" in err
    code, _, err = _run(runner, "users", "list", "--team", "nowhere")
    assert code == 2 and "team nowhere not found" in err


def test_tokens_create_shows_the_secret_once_and_list_never(home: Path, runner: CliRunner) -> None:
    _run(runner, "users", "add", "boss", "--role", "supervisor")
    code, out, err = _run(runner, "tokens", "create", "boss", "--label", "laptop")
    assert code == 0 and "Created token 1 for boss" in out
    secret = next(line for line in out.splitlines() if line.startswith("rst_"))
    assert "cannot be shown again" in " ".join(err.split())
    store = _store(home)
    try:
        user = store.user_for_token(secret)
        assert user is not None and user.name == "boss"
    finally:
        store.close()
    code, out, _ = _run(runner, "tokens", "list")
    assert code == 0 and "laptop" in out and secret[:8] in out and secret not in out
    assert "active" in out
    code, out, _ = _run(runner, "tokens", "list", "--user", "boss")
    assert code == 0 and "laptop" in out
    code, _, err = _run(runner, "tokens", "create", "nobody")
    assert code == 2 and "user nobody not found" in err


def test_tokens_revoke(home: Path, runner: CliRunner) -> None:
    _run(runner, "users", "add", "boss", "--role", "supervisor")
    _, out, _ = _run(runner, "tokens", "create", "boss")
    secret = next(line for line in out.splitlines() if line.startswith("rst_"))
    code, out, _ = _run(runner, "tokens", "revoke", "1")
    assert code == 0 and "Token 1 of boss is revoked" in out
    store = _store(home)
    try:
        assert store.user_for_token(secret) is None
    finally:
        store.close()
    code, out, _ = _run(runner, "tokens", "list")
    assert "revoked" in out
    code, _, err = _run(runner, "tokens", "revoke", "42")
    assert code == 2 and "API token 42 not found" in err


def test_no_tokens_and_no_users_say_so(home: Path, runner: CliRunner) -> None:
    assert "No users." in _run(runner, "users", "list")[1]
    assert "No tokens." in _run(runner, "tokens", "list")[1]
