"""Swaps and covers from an agent's side: asking for one, and answering colleagues.

``/me/duties/{duty}/swap`` offers the changes of one of the agent's duties
that keep every hard rule (the library's suggestions), says what each would
change, and files the chosen one with the agent's evidence. ``/me/requests``
lists the requests addressed to the agent (to accept or decline) and those
the agent filed (to withdraw). The acting agent is always the signed-in one,
never a form field; the library checks that they may act
(:func:`scheduler.swaps.rules.check_actor`). Another agent's evidence (their
note, their attachment) never appears: only that and when they agreed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, File, Form, Request, UploadFile
from starlette.responses import Response

from api.deps import RecordId, ServiceDep, StoreDep
from api.web.agent_duties import (
    DutyLine,
    agent_team,
    duty_lines,
    open_requests_by_duty,
)
from api.web.common import now, see_other
from api.web.errors import refusal_status
from api.web.grid import ShiftInfo, Slot, shift_infos, slot_of
from api.web.session import (
    CsrfChecked,
    PageAgent,
    PageDenied,
    check_page_team,
    page_language,
    set_cookie,
)
from api.web.templating import render
from scheduler.explain.tradeoffs import rule_label
from scheduler.instance import Instance
from scheduler.messages import text
from scheduler.service import Evidence, RosterService
from scheduler.store import Store, StoreError, SwapRecord, TeamRecord, UserRecord
from scheduler.swaps import (
    Action,
    Channel,
    Duty,
    DutyKey,
    Party,
    RuleCheck,
    Scorer,
    Suggestion,
    SwapError,
    SwapKind,
    SwapRequest,
    SwapState,
    allowed_actions,
    apply_change,
    check_notice,
    start_of_duty,
    who_may,
)

router = APIRouter(include_in_schema=False)

AGENT_ACTIONS = (Action.ACCEPT, Action.DECLINE, Action.WITHDRAW)
"""What an agent does on a request; approving and rejecting are a supervisor's."""

DONE_NOTICES = ("filed", *(action.value for action in AGENT_ACTIONS))
DONE_COOKIE = "roster_agent_done"
"""What the last form did (``accept:7``), shown once on the requests page after the redirect,
which keeps the plain ``/me/requests`` address."""

ChannelForm = Annotated[Channel, Form()]
NoteForm = Annotated[str, Form(max_length=2000)]
AttachmentForm = Annotated[UploadFile | None, File()]


# -- plain data for the templates ------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    """One change the agent may ask for, and what it would do to the roster's penalty."""

    kind: SwapKind
    counterpart: str
    counterpart_duty: Slot | None  # what the agent works instead, for a swap
    description: str  # the suggestion in the page language
    delta: int
    penalty_after: int
    cost_changes: tuple[tuple[str, int], ...]  # (rule in plain words, change of its cost)

    @property
    def counterpart_key(self) -> str:
        return self.counterpart_duty.key if self.counterpart_duty else ""


def options_for(
    instance: Instance,
    holders: Mapping[DutyKey, str],
    duty: DutyKey,
    requester: str,
    suggestions: Iterable[Suggestion],
    language: str,
) -> list[Option]:
    """The suggestions with the rules whose cost each one moves (one compiled checker for all)."""
    shifts = shift_infos(instance)
    scorer = Scorer(instance)
    before = scorer.report(holders)
    found = []
    for suggestion in suggestions:
        after = apply_change(
            holders, suggestion.kind, requester, duty, suggestion.counterpart,
            suggestion.counterpart_duty,
        )  # fmt: skip
        check = RuleCheck.between(before, scorer.report(after))
        changes = tuple(
            (rule_label(rule, language), change) for rule, change in check.cost_changes().items()
        )
        other = suggestion.counterpart_duty
        found.append(
            Option(
                suggestion.kind, suggestion.counterpart,
                None if other is None else slot_of(other, shifts),
                suggestion.describe(language), suggestion.delta, suggestion.penalty_after,
                changes,
            )
        )  # fmt: skip
    return found


def notice_refusal(
    instance: Instance, team: TeamRecord, duty: DutyKey, moment: dt.datetime
) -> SwapError | None:
    """Why the agent can no longer ask to change ``duty`` (too close, or begun), if so."""
    try:
        check_notice(
            start_of_duty(instance, duty), moment, dt.timedelta(hours=team.notice_hours),
            filed_by_supervisor=False, duty=duty,
        )  # fmt: skip
    except SwapError as error:
        return error
    return None


@dataclass(frozen=True)
class AgreementLine:
    """That and when an agent agreed, and how. Their note and attachment are left out on
    purpose: an agent's evidence is not shown to the other agent on any page."""

    agent: str
    at: dt.datetime  # on the team's clock
    channel: Channel


@dataclass(frozen=True)
class RequestView:
    id: int
    kind: SwapKind
    state: SwapState
    requester: str
    counterpart: str
    offered: Slot  # the requester's duty
    asked: Slot | None  # the counterpart's duty, for a swap
    agreements: tuple[AgreementLine, ...]
    actions: tuple[Action, ...]  # what the viewing agent may do now
    filed_by_supervisor: bool
    filed_at: dt.datetime  # on the team's clock
    applied_version: int | None


def actions_for(request: SwapRequest, agent: str) -> tuple[Action, ...]:
    """The actions ``agent`` may take on ``request`` now: legal in its state, and theirs."""
    parties = {
        party
        for party, who in (
            (Party.REQUESTER, request.requester),
            (Party.COUNTERPART, request.counterpart),
        )
        if who == agent
    }
    actions = [
        action
        for action in allowed_actions(request.state)
        if action in AGENT_ACTIONS and who_may(action) & parties
    ]
    # The colleague may also withdraw a request not answered yet, but declining says the
    # same and says it to the requester: withdrawing is offered to them once they accepted.
    if Action.DECLINE in actions:
        actions.remove(Action.WITHDRAW)
    return tuple(actions)


def request_view(
    record: SwapRecord, agent: str, shifts: Mapping[str, ShiftInfo], zone: ZoneInfo
) -> RequestView:
    request = record.request
    return RequestView(
        request.id,
        request.kind,
        request.state,
        request.requester,
        request.counterpart,
        slot_of(request.requester_duty, shifts),
        None if request.counterpart_duty is None else slot_of(request.counterpart_duty, shifts),
        tuple(
            AgreementLine(agreement.agent, agreement.at.astimezone(zone), agreement.channel)
            for agreement in request.agreements
        ),
        actions_for(request, agent),
        request.filed_by_supervisor,
        record.created_at.astimezone(zone),
        record.applied_version,
    )


@dataclass(frozen=True)
class RequestLists:
    waiting: list[RequestView]  # addressed to the agent, not answered yet
    sent: list[RequestView]  # filed by (or for) the agent
    answered: list[RequestView]  # addressed to the agent and answered


def requests_of(
    records: Iterable[SwapRecord], agent: str, shifts: Mapping[str, ShiftInfo], zone: ZoneInfo
) -> RequestLists:
    """The requests ``agent`` is party to, newest first; no other request is looked at."""
    lists = RequestLists([], [], [])
    for record in sorted(records, key=lambda record: record.request.id, reverse=True):
        request = record.request
        if agent not in (request.requester, request.counterpart):
            continue
        view = request_view(record, agent, shifts, zone)
        if request.requester == agent:
            lists.sent.append(view)
        elif request.state is SwapState.REQUESTED:
            lists.waiting.append(view)
        else:
            lists.answered.append(view)
    return lists


# -- helpers of the routes -------------------------------------------------------------------


def parse_duty(value: str) -> DutyKey:
    try:
        return DutyKey.parse(value)
    except ValueError:
        raise PageDenied("web.agent.swap.bad_duty", 404, duty=value) from None


def own_duty(duties: Iterable[Duty], key: DutyKey, agent: str) -> Duty:
    """The agent's duty ``key`` in the roster; a refusal with the reason when it is not theirs."""
    duty = next((duty for duty in duties if duty.key == key), None)
    if duty is None:
        raise PageDenied("web.agent.swap.no_such_duty", 404, duty=str(key))
    if duty.holder != agent:
        raise PageDenied("web.agent.swap.not_yours", duty=str(key))
    return duty


async def evidence_from(channel: Channel, note: str, attachment: UploadFile | None) -> Evidence:
    """The agreement as sent; a file field left empty (no file name) is no attachment."""
    if attachment is None or not attachment.filename:
        return Evidence(channel, note)
    data = await attachment.read()
    return Evidence(channel, note, data, attachment.content_type or "", attachment.filename)


def done_redirect(request: Request, done: str, swap_id: int) -> Response:
    """303 to the requests page, which then says once what was done."""
    response = see_other("/me/requests")
    set_cookie(response, request, DONE_COOKIE, f"{done}:{swap_id}", max_age=300)
    return response


def done_notice(value: str | None, language: str) -> str | None:
    """The sentence for a ``done`` cookie; ``None`` for a missing or malformed one."""
    done, _, swap_id = (value or "").partition(":")
    if done not in DONE_NOTICES or not swap_id.isdigit():
        return None
    return text(f"web.agent.done.{done}", language, id=int(swap_id))


def _agent(user: UserRecord) -> str:
    assert user.agent is not None  # PageAgent saw to it
    return user.agent


@dataclass(frozen=True)
class Sent:
    """What a refused form had sent, so that the page shows it again rather than losing it."""

    counterpart: str = ""
    counterpart_duty: str = ""
    channel: Channel = Channel.OTHER
    note: str = ""


# -- asking for a swap or a cover ------------------------------------------------------------


def render_swap_page(
    request: Request,
    store: Store,
    service: RosterService,
    user: UserRecord,
    duty_text: str,
    *,
    problem: str | None = None,
    status_code: int = 200,
    sent: Sent | None = None,
) -> Response:
    team = agent_team(store, user)
    agent = _agent(user)
    key = parse_duty(duty_text)
    version, instance = service.current(team.slug)
    duty = own_duty(version.duties, key, agent)
    language = page_language(request, team.language)
    moment = now(request)
    pending = open_requests_by_duty(service.swaps(team.slug), agent)
    line: DutyLine = duty_lines([duty], instance, moment, pending)[0]
    late = notice_refusal(instance, team, key, moment)
    holders = {d.key: d.holder for d in version.duties}
    options = (
        []
        if late
        else options_for(
            instance, holders, key, agent, service.suggest(team.slug, key, agent), language
        )
    )
    return render(
        request,
        "me_swap.html",
        user=user,
        team_language=team.language,
        team=team.slug,
        status_code=status_code,
        # A refusal for lateness is already the page's own warning: not twice.
        problem=None if late is not None and problem == late.describe(language) else problem,
        line=line,
        late=None if late is None else late.describe(language),
        options=options,
        names={member.id: member.name for member in instance.team.agents},
        channels=list(Channel),
        sent=sent or Sent(),
        notice_hours=team.notice_hours,
    )


@router.get("/me/duties/{duty:path}/swap")
def swap_page(
    duty: str, request: Request, store: StoreDep, service: ServiceDep, user: PageAgent
) -> Response:
    return render_swap_page(request, store, service, user, duty)


@router.post("/me/duties/{duty:path}/swap", dependencies=[CsrfChecked])
async def file_swap(
    duty: str,
    request: Request,
    store: StoreDep,
    service: ServiceDep,
    user: PageAgent,
    counterpart: Annotated[str, Form(max_length=100)],
    counterpart_duty: Annotated[str, Form(max_length=100)] = "",
    channel: ChannelForm = Channel.OTHER,
    note: NoteForm = "",
    attachment: AttachmentForm = None,
) -> Response:
    team = agent_team(store, user)
    agent = _agent(user)
    version, _ = service.current(team.slug)
    key = parse_duty(duty)
    own_duty(version.duties, key, agent)  # the same refusal as the page's
    other = parse_duty(counterpart_duty) if counterpart_duty else None
    evidence = await evidence_from(channel, note, attachment)
    try:
        filed = service.request(
            team.slug, requester=agent, duty=key, counterpart=counterpart,
            counterpart_duty=other, evidence=evidence,
        )  # fmt: skip
    except (SwapError, StoreError) as error:
        language = page_language(request, team.language)
        sent = Sent(counterpart, counterpart_duty, channel, note)
        return render_swap_page(
            request, store, service, user, duty, problem=error.describe(language),
            status_code=refusal_status(error), sent=sent,
        )  # fmt: skip
    return done_redirect(request, "filed", filed.id)


# -- answering and following requests --------------------------------------------------------


def render_requests(
    request: Request,
    store: Store,
    service: RosterService,
    user: UserRecord,
    *,
    notice: str | None = None,
    problem: str | None = None,
    status_code: int = 200,
) -> Response:
    team = agent_team(store, user)
    version = store.current_version(team.slug)
    shifts: dict[str, ShiftInfo] = {}
    names: dict[str, str] = {agent.code: agent.name for agent in team.agents}
    if version is not None:
        instance = store.load_instance_record(version.instance_id)
        shifts = shift_infos(instance)
        names |= {member.id: member.name for member in instance.team.agents}
    lists = requests_of(service.swaps(team.slug), _agent(user), shifts, ZoneInfo(team.timezone))
    return render(
        request,
        "me_requests.html",
        user=user,
        team_language=team.language,
        team=team.slug,
        status_code=status_code,
        notice=notice,
        problem=problem,
        lists=lists,
        names=names,
        channels=list(Channel),
    )


@router.get("/me/requests")
def requests_page(
    request: Request, store: StoreDep, service: ServiceDep, user: PageAgent
) -> Response:
    language = page_language(request, agent_team(store, user).language)
    notice = done_notice(request.cookies.get(DONE_COOKIE), language)
    response = render_requests(request, store, service, user, notice=notice)
    if DONE_COOKIE in request.cookies:
        response.delete_cookie(DONE_COOKIE, path="/")  # said once
    return response


@router.post("/me/requests/{swap_id}", dependencies=[CsrfChecked])
async def act_on_request(
    swap_id: RecordId,
    request: Request,
    store: StoreDep,
    service: ServiceDep,
    user: PageAgent,
    action: Annotated[Action, Form()],
    channel: ChannelForm = Channel.OTHER,
    note: NoteForm = "",
    attachment: AttachmentForm = None,
) -> Response:
    team = agent_team(store, user)
    check_page_team(user, store.swap_record(swap_id).team)
    if action not in AGENT_ACTIONS:
        raise PageDenied("web.agent.requests.not_agent_action")
    # The actor is the signed-in agent: the library refuses anyone the request is not for.
    actor = _agent(user)
    try:
        if action is Action.ACCEPT:
            evidence = await evidence_from(channel, note, attachment)
            service.accept(swap_id, actor=actor, evidence=evidence)
        elif action is Action.DECLINE:
            service.decline(swap_id, actor=actor, note=note)
        else:
            service.withdraw(swap_id, actor=actor, note=note)
    except (SwapError, StoreError) as error:
        language = page_language(request, team.language)
        return render_requests(
            request, store, service, user, problem=error.describe(language),
            status_code=refusal_status(error),
        )  # fmt: skip
    return done_redirect(request, action.value, swap_id)
