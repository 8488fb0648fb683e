"""Helpers every command shares: argument types, consoles, loading and failing.

They live apart from :mod:`cli.app` so that command modules registered there
(such as :mod:`cli.staffing`) can use them without importing the app itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.text import Text

from cli.exit_codes import ExitCode
from scheduler.instance import Instance, InstanceError, Language, load_instance
from scheduler.messages import DEFAULT_LANGUAGE, text

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
