"""Commands over the store: db upgrade, publish, swap ..., responsibility, audit verify, reroster.

Each command that acts for someone names them explicitly (``--as`` an agent,
``--supervisor`` a supervisor); the HTTP API adds authentication on top. The
store is ``ROSTER_DATABASE_URL`` or the SQLite file ``roster.db`` in
``ROSTER_HOME`` (default: the current folder); migrations run on first use.
A refusal (a rule, a state, a late request) exits 1 with the reason in plain
words, bad input 2, a conflict with someone else's change 5; nothing is
written by a command that fails.
"""

from __future__ import annotations

import datetime as dt
import json
import mimetypes
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from cli.common import (
    InstanceArg,
    LangOption,
    SeedOption,
    TimeLimitOption,
    WorkersOption,
    consoles,
    fail,
    language_or_default,
    load_or_fail,
    opened_store,
    output_language,
    say,
)
from cli.exit_codes import ExitCode
from scheduler.instance import Language
from scheduler.messages import text
from scheduler.reroster import Absence
from scheduler.service import Evidence, RosterService
from scheduler.solve import solve
from scheduler.store import database_url, make_engine, upgrade
from scheduler.swaps import Channel, DutyKey, SwapError, SwapState, explain_responsibility

T = TypeVar("T")

db_app = typer.Typer(help=text("store.help.db"), no_args_is_help=True)
swap_app = typer.Typer(help=text("store.help.swap"), no_args_is_help=True)
audit_app = typer.Typer(help=text("store.help.audit"), no_args_is_help=True)

TeamOption = Annotated[
    str | None, typer.Option("--team", help=text("store.help.team"), show_default=False)
]
AgentOption = Annotated[str, typer.Option("--as", help=text("store.help.as_agent"))]
SupervisorOption = Annotated[str, typer.Option("--supervisor", help=text("store.help.supervisor"))]
ChannelOption = Annotated[Channel, typer.Option("--channel", help=text("store.help.channel"))]
NoteOption = Annotated[str, typer.Option("--note", help=text("store.help.note"))]
AttachmentOption = Annotated[
    Path | None,
    typer.Option("--attachment", help=text("store.help.attachment"), show_default=False),
]


@contextmanager
def _service(errors: Console, language: str) -> Iterator[RosterService]:
    """The service over the configured store; a refused change exits 1 with its reason."""
    with opened_store(errors, language) as store:
        try:
            yield RosterService(store)
        except SwapError as error:
            fail(errors, error.describe(language), ExitCode.REFUSED)


def _team(service: RosterService, team: str | None, errors: Console, language: str) -> str:
    """The team named, or the only one in the store."""
    if team:
        return team
    slugs = [record.slug for record in service.store.teams()]
    if len(slugs) == 1:
        return slugs[0]
    fail(errors, text("store.cli.which_team", language, teams=", ".join(slugs) or "-"))


def _duty(value: str, errors: Console, language: str) -> DutyKey:
    try:
        return DutyKey.parse(value)
    except ValueError:
        fail(errors, text("store.cli.bad_duty", language, value=value))


def _evidence(
    channel: Channel, note: str, attachment: Path | None, errors: Console, language: str
) -> Evidence:
    if attachment is None:
        return Evidence(channel, note)
    try:
        data = attachment.read_bytes()
    except OSError as error:
        fail(
            errors, text("store.cli.cannot_read", language, path=attachment, reason=error.strerror)
        )
    content_type = mimetypes.guess_type(attachment.name)[0] or "application/octet-stream"
    return Evidence(channel, note, data, content_type, attachment.name)


# -- db ---------------------------------------------------------------------------------------


@db_app.command("upgrade", help=text("store.help.db_upgrade"))
def db_upgrade(lang: LangOption = None) -> None:
    console, errors = consoles()
    language = language_or_default(lang)
    url = database_url()
    try:
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
    except Exception as error:
        fail(errors, text("store.cli.cannot_open", language, url=url, reason=error))
    say(console, "store.cli.upgraded", language, url=url)


# -- publish ----------------------------------------------------------------------------------


def publish_command(
    instance_path: InstanceArg,
    team: TeamOption = None,
    supervisor: Annotated[
        str, typer.Option("--supervisor", help=text("store.help.supervisor"))
    ] = "supervisor",
    time_limit: TimeLimitOption = 10.0,
    workers: WorkersOption = 2,
    seed: SeedOption = 0,
    lang: LangOption = None,
) -> None:
    console, errors = consoles()
    instance = load_or_fail(instance_path, lang, errors)
    language = output_language(lang, instance)
    slug = team or instance.name or instance_path.stem
    result = solve(instance, time_limit=time_limit, workers=workers, seed=seed)
    if not result.status.has_roster:
        fail(errors, text("store.cli.nothing_to_publish", language, status=result.status.value),
             ExitCode.INFEASIBLE if result.status.value == "INFEASIBLE" else ExitCode.NO_ROSTER)  # fmt: skip
    source = instance_path.read_text(encoding="utf-8")
    with _service(errors, language) as service:
        version = service.publish(slug, instance, source, result, actor=supervisor)
    say(console, "store.cli.published", language, team=slug, number=version.number,
         duties=len(version.duties), objective=result.objective)  # fmt: skip


# -- swaps ------------------------------------------------------------------------------------


@swap_app.command("request", help=text("store.help.swap_request"))
def swap_request(
    agent: AgentOption,
    duty: Annotated[str, typer.Option("--duty", help=text("store.help.duty"))],
    colleague: Annotated[str, typer.Option("--with", help=text("store.help.with"))],
    their_duty: Annotated[
        str | None, typer.Option("--their-duty", help=text("store.help.their_duty"))
    ] = None,
    channel: ChannelOption = Channel.OTHER,
    note: NoteOption = "",
    attachment: AttachmentOption = None,
    supervisor: Annotated[
        str | None, typer.Option("--supervisor", help=text("store.help.files_for"))
    ] = None,
    team: TeamOption = None,
    lang: LangOption = None,
) -> None:
    console, errors = consoles()
    language = language_or_default(lang)
    key = _duty(duty, errors, language)
    other = None if their_duty is None else _duty(their_duty, errors, language)
    evidence = _evidence(channel, note, attachment, errors, language)
    with _service(errors, language) as service:
        slug = _team(service, team, errors, language)
        request = service.request(
            slug, requester=agent, duty=key, counterpart=colleague, counterpart_duty=other,
            evidence=evidence if (attachment or note or supervisor is None) else None,
            supervisor=supervisor,
        )  # fmt: skip
    say(console, "store.cli.filed", language, id=request.id, kind=request.kind.value,
         counterpart=request.counterpart)  # fmt: skip


def _act(action: Callable[[RosterService], T], lang: Language | None) -> tuple[T, Console, str]:
    console, errors = consoles()
    language = language_or_default(lang)
    with _service(errors, language) as service:
        outcome = action(service)
    return outcome, console, language


@swap_app.command("accept", help=text("store.help.swap_accept"))
def swap_accept(
    swap_id: int,
    agent: AgentOption,
    channel: ChannelOption = Channel.OTHER,
    note: NoteOption = "",
    attachment: AttachmentOption = None,
    lang: LangOption = None,
) -> None:
    _, errors = consoles()
    evidence = _evidence(channel, note, attachment, errors, language_or_default(lang))
    request, console, language = _act(
        lambda s: s.accept(swap_id, actor=agent, evidence=evidence), lang
    )
    say(console, "store.cli.now", language, id=swap_id, state=request.state.value)


@swap_app.command("decline", help=text("store.help.swap_decline"))
def swap_decline(
    swap_id: int, agent: AgentOption, note: NoteOption = "", lang: LangOption = None
) -> None:
    request, console, language = _act(lambda s: s.decline(swap_id, actor=agent, note=note), lang)
    say(console, "store.cli.now", language, id=swap_id, state=request.state.value)


@swap_app.command("withdraw", help=text("store.help.swap_withdraw"))
def swap_withdraw(
    swap_id: int, agent: AgentOption, note: NoteOption = "", lang: LangOption = None
) -> None:
    request, console, language = _act(lambda s: s.withdraw(swap_id, actor=agent, note=note), lang)
    say(console, "store.cli.now", language, id=swap_id, state=request.state.value)


@swap_app.command("reject", help=text("store.help.swap_reject"))
def swap_reject(
    swap_id: int, supervisor: SupervisorOption, note: NoteOption = "", lang: LangOption = None
) -> None:
    request, console, language = _act(
        lambda s: s.reject(swap_id, supervisor=supervisor, note=note), lang
    )
    say(console, "store.cli.now", language, id=swap_id, state=request.state.value)


@swap_app.command("approve", help=text("store.help.swap_approve"))
def swap_approve(swap_id: int, supervisor: SupervisorOption, lang: LangOption = None) -> None:
    version, console, language = _act(lambda s: s.approve(swap_id, supervisor=supervisor), lang)
    say(console, "store.cli.approved", language, id=swap_id, number=version.number)


@swap_app.command("list", help=text("store.help.swap_list"))
def swap_list(
    state: Annotated[SwapState | None, typer.Option("--state")] = None,
    team: TeamOption = None,
    json_output: Annotated[bool, typer.Option("--json")] = False,
    lang: LangOption = None,
) -> None:
    console, errors = consoles()
    language = language_or_default(lang)
    with _service(errors, language) as service:
        records = service.swaps(_team(service, team, errors, language), state)
    rows = [
        {
            "id": r.request.id,
            "kind": r.request.kind.value,
            "state": r.request.state.value,
            "requester": r.request.requester,
            "duty": str(r.request.requester_duty),
            "counterpart": r.request.counterpart,
            "counterpart_duty": str(r.request.counterpart_duty or ""),
            "evidence_complete": r.request.evidence_complete,
            "version": r.applied_version or r.base_version,
        }
        for r in records
    ]
    if json_output:
        console.print(json.dumps(rows, ensure_ascii=False, indent=2), markup=False, soft_wrap=True)
        return
    table = Table(box=box.SIMPLE_HEAD, title=text("store.cli.swaps_title", language))
    for column in ("id", "kind", "state", "requester", "duty", "counterpart", "counterpart_duty",
                   "evidence_complete", "version"):  # fmt: skip
        table.add_column(text(f"store.cli.column.{column}", language))
    for row in rows:
        table.add_row(*(str(value) for value in row.values()))
    console.print(table)


@swap_app.command("suggest", help=text("store.help.swap_suggest"))
def swap_suggest(
    agent: AgentOption,
    duty: Annotated[str, typer.Option("--duty", help=text("store.help.duty"))],
    team: TeamOption = None,
    lang: LangOption = None,
) -> None:
    console, errors = consoles()
    language = language_or_default(lang)
    key = _duty(duty, errors, language)
    with _service(errors, language) as service:
        found = service.suggest(_team(service, team, errors, language), key, agent)
    if not found:
        say(console, "store.cli.no_suggestions", language, duty=key)
    for number, suggestion in enumerate(found, start=1):
        console.print(f"{number}. {suggestion.describe(language)}", markup=False, soft_wrap=True)


# -- responsibility, audit, reroster ------------------------------------------------------------


def responsibility_command(
    day: Annotated[dt.datetime, typer.Argument(formats=["%Y-%m-%d"], metavar="DATE")],
    team: TeamOption = None,
    lang: LangOption = None,
) -> None:
    console, errors = consoles()
    language = language_or_default(lang)
    with _service(errors, language) as service:
        duties = service.responsibility(_team(service, team, errors, language), day.date())
    if not duties:
        say(console, "store.cli.no_duties", language, date=day.date())
    for duty in duties:
        line = f"{duty.key}: {explain_responsibility(duty, language)}"
        console.print(line, markup=False, soft_wrap=True)


@audit_app.command("verify", help=text("store.help.audit_verify"))
def audit_verify(lang: LangOption = None) -> None:
    verification, console, language = _act(lambda s: s.store.verify_audit(), lang)
    console.print(verification.describe(language), markup=False, soft_wrap=True)
    if not verification.ok:
        raise typer.Exit(ExitCode.RULES_BROKEN)


def reroster_command(
    absent: Annotated[str, typer.Option("--absent", help=text("store.help.absent"))],
    first: Annotated[dt.datetime, typer.Option("--from", formats=["%Y-%m-%d"])],
    last: Annotated[
        dt.datetime | None, typer.Option("--to", formats=["%Y-%m-%d"], show_default=False)
    ] = None,
    supervisor: SupervisorOption = "supervisor",
    time_limit: TimeLimitOption = 20.0,
    team: TeamOption = None,
    lang: LangOption = None,
) -> None:
    console, errors = consoles()
    language = language_or_default(lang)
    absence = Absence(absent, first.date(), (last or first).date())
    with _service(errors, language) as service:
        slug = _team(service, team, errors, language)
        try:
            outcome, version = service.reroster(
                slug, absence, actor=supervisor, time_limit=time_limit
            )
        except ValueError as error:
            fail(errors, str(error))
    for line in outcome.describe(language):
        console.print(line, markup=False, soft_wrap=True)
    if version is None:
        _exit_without_roster(outcome.status.value)
    say(console, "store.cli.rerostered", language, number=version.number,
         changed=outcome.changed_duties)  # fmt: skip


def _exit_without_roster(status: str) -> NoReturn:
    raise typer.Exit(ExitCode.INFEASIBLE if status == "INFEASIBLE" else ExitCode.NO_ROSTER)
