"""Helpers every command shares: argument types, consoles, loading and failing.

They live apart from :mod:`cli.app` so that command modules registered there
(such as :mod:`cli.staffing`) can use them without importing the app itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.text import Text

from cli.exit_codes import ExitCode
from scheduler.instance import Instance, InstanceError, Language, load_instance
from scheduler.messages import DEFAULT_LANGUAGE, text
from scheduler.store import Conflict, NotFound, Store, StoreError, database_url, open_store

InstanceArg = Annotated[
    Path, typer.Argument(metavar="INSTANCE", help=text("cli.help.instance"), show_default=False)
]
TimeLimitOption = Annotated[
    float, typer.Option("--time-limit", min=0, help=text("cli.help.time_limit"))
]
WorkersOption = Annotated[int, typer.Option("--workers", min=0, help=text("cli.help.workers"))]
SeedOption = Annotated[int, typer.Option("--seed", min=0, help=text("cli.help.seed"))]
LangOption = Annotated[
    Language | None,
    typer.Option("--lang", help=text("cli.help.lang"), show_default=False),
]


def consoles() -> tuple[Console, Console]:
    """stdout for results, stderr for problems; rich drops colour when not a terminal."""
    return Console(highlight=False), Console(stderr=True, highlight=False)


def fail(errors: Console, message: str, code: ExitCode = ExitCode.INVALID_INPUT) -> NoReturn:
    errors.print(Text(message, style="red"), soft_wrap=True)
    raise typer.Exit(code)


def load_or_fail(path: Path, lang: Language | None, errors: Console) -> Instance:
    try:
        return load_instance(path)
    except InstanceError as error:
        fail(errors, error.describe(lang.value if lang else DEFAULT_LANGUAGE))


def output_language(lang: Language | None, instance: Instance) -> str:
    return (lang or instance.team.language).value


def language_or_default(lang: Language | None) -> str:
    """The --lang given, or English where no instance says the team's language."""
    return lang.value if lang else DEFAULT_LANGUAGE


@contextmanager
def opened_store(errors: Console, language: str) -> Iterator[Store]:
    """The configured store (migrated on first use); closed when the block ends.

    Store errors escaping the block become exit codes: a conflict with someone
    else's change 5, a missing team/agent/request 2, a refusal 1.
    """
    try:
        store = open_store()
    except Exception as error:  # a bad URL or an unreachable server is the user's to fix
        fail(errors, text("store.cli.cannot_open", language, url=database_url(), reason=error))
    try:
        yield store
    except Conflict as error:
        fail(errors, error.describe(language), ExitCode.CONFLICT)
    except NotFound as error:
        fail(errors, error.describe(language))
    except StoreError as error:
        fail(errors, error.describe(language), ExitCode.REFUSED)
    finally:
        store.close()


def say(console: Console, key: str, language: str, /, **values: object) -> None:
    """Print the catalogue message ``key`` as plain text (no rich markup)."""
    console.print(text(key, language, **values), soft_wrap=True, markup=False)


def when(moment: dt.datetime | None, language: str) -> str:
    """A stored UTC instant for a listing; "never" when there is none."""
    if moment is None:
        return text("store.tokens.never", language)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def token_state(revoked_at: dt.datetime | None, language: str) -> str:
    """An API or feed token's state for a listing: active, or revoked when."""
    if revoked_at is None:
        return text("store.tokens.active", language)
    return text("store.tokens.revoked_at", language, at=when(revoked_at, language))
