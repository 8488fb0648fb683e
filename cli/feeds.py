"""Commands for calendar feed tokens: feeds create/list/rotate/revoke.

A feed token is the secret in the address of an iCalendar feed
(``/feeds/<secret>.ics``): an agent's duties, or the whole team's roster for
supervisors. ``create`` and ``rotate`` print the secret once, on a line of its
own, then the address (the full ``https://`` and ``webcal://`` links with
``--base-url``); the store keeps only the hash. Exit codes as for the other
store commands: an unknown team, agent or token 2, rotating a revoked token 5.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from cli.common import (
    LangOption,
    consoles,
    language_or_default,
    opened_store,
    say,
    token_state,
    when,
)
from scheduler.messages import text
from scheduler.store import FeedTokenRecord

feeds_app = typer.Typer(help=text("store.help.feeds"), no_args_is_help=True)

FEED_PATH = "/feeds/{secret}.ics"  # as api.routes.feeds serves it

TeamOption = Annotated[str, typer.Option("--team", help=text("store.help.team"))]
AgentOption = Annotated[
    str | None,
    typer.Option("--agent", help=text("store.help.feeds_agent"), show_default=False),
]
BaseUrlOption = Annotated[
    str | None,
    typer.Option("--base-url", help=text("store.help.feeds_base_url"), show_default=False),
]


def _feed(token: FeedTokenRecord, language: str) -> str:
    if token.agent is None:
        return text("store.feeds.of_team", language, team=token.team)
    return text("store.feeds.of_agent", language, agent=token.agent, team=token.team)


def _line(console: Console, line: str) -> None:
    console.print(line, soft_wrap=True, markup=False, highlight=False)


def _show_secret(
    console: Console, errors: Console, secret: str, base_url: str | None, language: str
) -> None:
    """The secret alone on its line, then its addresses; the warning on stderr."""
    _line(console, secret)
    path = FEED_PATH.format(secret=secret)
    if base_url is None:
        _line(console, path)
    else:
        host = base_url.rstrip("/").split("://", 1)[-1]
        _line(console, f"https://{host}{path}")
        _line(console, f"webcal://{host}{path}")
    errors.print(text("store.feeds.shown_once", language), style="yellow", soft_wrap=True,
                 markup=False)  # fmt: skip


@feeds_app.command("create", help=text("store.help.feeds_create"))
def feeds_create(
    team: TeamOption,
    agent: AgentOption = None,
    base_url: BaseUrlOption = None,
    lang: LangOption = None,
) -> None:
    console, errors = consoles()
    language = language_or_default(lang)
    with opened_store(errors, language) as store:
        secret, token = store.create_feed_token(team, agent)
    say(console, "store.feeds.created", language, id=token.id, feed=_feed(token, language))
    _show_secret(console, errors, secret, base_url, language)


@feeds_app.command("list", help=text("store.help.feeds_list"))
def feeds_list(
    team: Annotated[
        str | None,
        typer.Option("--team", help=text("store.help.team"), show_default=False),
    ] = None,
    agent: AgentOption = None,
    lang: LangOption = None,
) -> None:
    console, errors = consoles()
    language = language_or_default(lang)
    with opened_store(errors, language) as store:
        tokens = store.feed_tokens(team, agent if team is not None else None)
    if agent is not None:
        tokens = tuple(token for token in tokens if token.agent == agent)
    if not tokens:
        say(console, "store.feeds.none", language)
        return
    table = Table(box=box.SIMPLE_HEAD, title=text("store.feeds.title", language))
    for column in ("id", "team", "agent", "prefix", "created", "state", "rotated_from"):
        table.add_column(text(f"store.feeds.column.{column}", language))
    for token in tokens:
        state = token_state(token.revoked_at, language)
        table.add_row(str(token.id), token.team,
                      token.agent or text("store.feeds.team_feed", language),
                      f"{token.prefix}…", when(token.created_at, language), state,
                      "-" if token.rotated_from is None else str(token.rotated_from))  # fmt: skip
    console.print(table)


@feeds_app.command("rotate", help=text("store.help.feeds_rotate"))
def feeds_rotate(token_id: int, base_url: BaseUrlOption = None, lang: LangOption = None) -> None:
    console, errors = consoles()
    language = language_or_default(lang)
    with opened_store(errors, language) as store:
        secret, token = store.rotate_feed_token(token_id)
    say(console, "store.feeds.rotated", language, old=token_id, id=token.id,
         feed=_feed(token, language))  # fmt: skip
    _show_secret(console, errors, secret, base_url, language)


@feeds_app.command("revoke", help=text("store.help.feeds_revoke"))
def feeds_revoke(token_id: int, lang: LangOption = None) -> None:
    console, errors = consoles()
    language = language_or_default(lang)
    with opened_store(errors, language) as store:
        token = store.revoke_feed_token(token_id)
    say(console, "store.feeds.revoked", language, id=token.id, feed=_feed(token, language))
