"""Commands for the users of the HTTP API and their tokens: users add/list, tokens create/list/revoke.

A token's secret is printed once, by ``tokens create``; the store keeps only
its hash, so a lost secret is replaced by a new token, not recovered. The
store is the one the other store commands use (``ROSTER_DATABASE_URL``, or
``roster.db`` in ``ROSTER_HOME``) with the same exit codes: bad input (an
unknown team, agent, user or token, an agent user without an agent) 2, a
duplicate 5; nothing is written by a command that fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from cli.common import (
    LangOption,
    consoles,
    fail,
    language_or_default,
    opened_store,
    say,
    token_state,
    when,
)
from cli.exit_codes import ExitCode
from scheduler.messages import text
from scheduler.store import Conflict, NotFound, Role, Store, StoreError, UserRecord

users_app = typer.Typer(help=text("store.help.users"), no_args_is_help=True)
tokens_app = typer.Typer(help=text("store.help.tokens"), no_args_is_help=True)

UserTeamOption = Annotated[
    str | None, typer.Option("--team", help=text("store.help.users_team"), show_default=False)
]


@contextmanager
def _store(errors: Console, language: str) -> Iterator[Store]:
    """The configured store; a bad user or token definition is bad input (exit 2)."""
    with opened_store(errors, language) as store:
        try:
            yield store
        except (Conflict, NotFound):
            raise
        except StoreError as error:
            fail(errors, error.describe(language), ExitCode.INVALID_INPUT)


def _binding(user: UserRecord, language: str) -> str:
    if user.agent is not None:
        return text("store.users.as_agent", language, agent=user.agent, team=user.team)
    if user.team is not None:
        return text("store.users.of_team", language, team=user.team)
    return text("store.users.all_teams", language)


# -- users ------------------------------------------------------------------------------------


@users_app.command("add", help=text("store.help.users_add"))
def users_add(
    name: str,
    role: Annotated[Role, typer.Option("--role", help=text("store.help.users_role"))],
    team: UserTeamOption = None,
    agent: Annotated[
        str | None,
        typer.Option("--agent", help=text("store.help.users_agent"), show_default=False),
    ] = None,
    lang: LangOption = None,
) -> None:
    console, errors = consoles()
    language = language_or_default(lang)
    with _store(errors, language) as store:
        user = store.create_user(name, role, team=team, agent=agent)
    say(console, "store.users.added", language, name=user.name, role=user.role.value,
         binding=_binding(user, language))  # fmt: skip


@users_app.command("list", help=text("store.help.users_list"))
def users_list(team: UserTeamOption = None, lang: LangOption = None) -> None:
    console, errors = consoles()
    language = language_or_default(lang)
    with _store(errors, language) as store:
        users = store.users(team)
    if not users:
        say(console, "store.users.none", language)
        return
    table = Table(box=box.SIMPLE_HEAD, title=text("store.users.title", language))
    for column in ("id", "name", "role", "team", "agent"):
        table.add_column(text(f"store.users.column.{column}", language))
    all_teams = text("store.users.all_teams", language)
    for user in users:
        table.add_row(str(user.id), user.name, user.role.value, user.team or all_teams,
                      user.agent or "-")  # fmt: skip
    console.print(table)


# -- tokens -----------------------------------------------------------------------------------


@tokens_app.command("create", help=text("store.help.tokens_create"))
def tokens_create(
    user: str,
    label: Annotated[str, typer.Option("--label", help=text("store.help.tokens_label"))] = "",
    lang: LangOption = None,
) -> None:
    console, errors = consoles()
    language = language_or_default(lang)
    with _store(errors, language) as store:
        secret, token = store.create_token(user, label)
    say(console, "store.tokens.created", language, id=token.id, user=token.user)
    console.print(secret, soft_wrap=True, markup=False, highlight=False)
    # The warning on stderr: a script capturing stdout gets the secret alone on its line.
    errors.print(text("store.tokens.shown_once", language), style="yellow", soft_wrap=True,
                 markup=False)  # fmt: skip


@tokens_app.command("list", help=text("store.help.tokens_list"))
def tokens_list(
    user: Annotated[
        str | None,
        typer.Option("--user", help=text("store.help.tokens_user"), show_default=False),
    ] = None,
    lang: LangOption = None,
) -> None:
    console, errors = consoles()
    language = language_or_default(lang)
    with _store(errors, language) as store:
        tokens = store.tokens(user)
    if not tokens:
        say(console, "store.tokens.none", language)
        return
    table = Table(box=box.SIMPLE_HEAD, title=text("store.tokens.title", language))
    for column in ("id", "user", "label", "prefix", "created", "last_used", "state"):
        table.add_column(text(f"store.tokens.column.{column}", language))
    for token in tokens:
        state = token_state(token.revoked_at, language)
        table.add_row(str(token.id), token.user, token.label, f"{token.prefix}…",
                      when(token.created_at, language), when(token.last_used_at, language),
                      state)  # fmt: skip
    console.print(table)


@tokens_app.command("revoke", help=text("store.help.tokens_revoke"))
def tokens_revoke(token_id: int, lang: LangOption = None) -> None:
    console, errors = consoles()
    language = language_or_default(lang)
    with _store(errors, language) as store:
        token = store.revoke_token(token_id)
    say(console, "store.tokens.revoked", language, id=token.id, user=token.user)
