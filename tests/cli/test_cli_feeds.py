"""roster feeds create/list/rotate/revoke, over a SQLite store in a temporary ROSTER_HOME."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from cli.feeds import feeds_app
from scheduler.store import hash_secret, open_store

# Mounted as cli/app.py mounts it, so the tests do not depend on that wiring.
app = typer.Typer()
app.add_typer(feeds_app, name="feeds")
app.command("noop")(lambda: None)  # a second command keeps "feeds" a sub-command


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


def test_create_shows_the_secret_and_its_addresses_once(home: Path, runner: CliRunner) -> None:
    code, out, err = _run(runner, "feeds", "create", "--team", "t", "--agent", "a1",
                          "--base-url", "https://roster.example.com/")  # fmt: skip
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Created feed token 1 for agent a1 of team t. Its secret and addresses:"
    secret = lines[1]
    assert secret.startswith("rsf_") and len(secret) == 47
    assert lines[2] == f"https://roster.example.com/feeds/{secret}.ics"
    assert lines[3] == f"webcal://roster.example.com/feeds/{secret}.ics"
    assert "cannot be shown again" in " ".join(err.split())
    store = open_store()
    try:
        token = store.feed_for_token(secret)
        assert token is not None and token.agent == "a1"
        with store.engine.connect() as connection:
            dump = "\n".join(connection.connection.iterdump())  # type: ignore[attr-defined]
        assert hash_secret(secret) in dump and secret not in dump
    finally:
        store.close()
    code, out, _ = _run(runner, "feeds", "create", "--team", "t")
    assert code == 0 and "for the whole team t" in out
    assert out.splitlines()[2].startswith("/feeds/rsf_")  # no --base-url: the path


def test_list_rotate_and_revoke(home: Path, runner: CliRunner) -> None:
    _run(runner, "feeds", "create", "--team", "t", "--agent", "a1")
    _run(runner, "feeds", "create", "--team", "t", "--agent", "a2")
    _run(runner, "feeds", "create", "--team", "t")
    code, out, _ = _run(runner, "feeds", "list")
    assert code == 0 and "a1" in out and "a2" in out and "(team)" in out
    code, out, _ = _run(runner, "feeds", "list", "--team", "t", "--agent", "a2")
    assert code == 0 and "a2" in out and "a1" not in out and "(team)" not in out
    code, out, err = _run(runner, "feeds", "rotate", "1")
    assert code == 0, err
    assert "Feed token 1 is revoked; token 4 replaces it for agent a1 of team t" in out
    new_secret = out.splitlines()[1]
    code, out, _ = _run(runner, "feeds", "list", "--agent", "a1")
    assert "revoked" in out and "active" in out
    code, out, _ = _run(runner, "feeds", "revoke", "4")
    assert code == 0 and "Feed token 4 (agent a1 of team t) is revoked." in out
    store = open_store()
    try:
        assert store.feed_for_token(new_secret) is None
    finally:
        store.close()


def test_bad_input_is_2_and_rotating_a_revoked_token_is_5(home: Path, runner: CliRunner) -> None:
    code, _, err = _run(runner, "feeds", "create", "--team", "nowhere")
    assert code == 2 and "team nowhere not found" in err
    code, _, err = _run(runner, "feeds", "create", "--team", "t", "--agent", "zz")
    assert code == 2
    for command in ("rotate", "revoke"):
        code, _, err = _run(runner, "feeds", command, "9")
        assert code == 2 and "calendar feed token 9 not found" in err
    _run(runner, "feeds", "create", "--team", "t", "--agent", "a1")
    _run(runner, "feeds", "revoke", "1")
    code, _, err = _run(runner, "feeds", "rotate", "1")
    assert code == 5 and "is revoked" in err
    code, out, _ = _run(runner, "feeds", "list", "--team", "t", "--agent", "a2")
    assert code == 0 and "No feed tokens." in out
