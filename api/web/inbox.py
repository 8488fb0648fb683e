"""The supervisor's swap inbox: pending requests with their evidence and rule check, decided here.

The inbox lists the team's requests still waiting (for the colleague's answer
or for a supervisor), each with both duties, both agreements and a link to
each evidence file, whether the evidence is complete (which decides who
answers for the duties after the change), and what applying the change to the
current roster would do to its rules. Below, the requests already decided.
Approving and rejecting go through the roster service, which checks
everything again under the team's lock: this page only explains, the service
decides, and a refusal leaves the store as it was.

The view data (:class:`Inbox` and its parts) is built by pure functions,
without HTML, in the page language.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from api.deps import RecordId, ServiceDep, StoreDep
from api.downloads import attachment_response
from api.web.common import see_other, team_for
from api.web.errors import refusal_status
from api.web.grid import ShiftInfo, Slot, shift_infos, slot_of
from api.web.session import CsrfChecked, PageDenied, PageSupervisor, page_language
from api.web.templating import render
from scheduler.check import CheckReport
from scheduler.instance import Instance
from scheduler.messages import text
from scheduler.store import Store, SwapRecord, TeamRecord, UserRecord
from scheduler.store.errors import Conflict, NotFound, StoreError
from scheduler.swaps import (
    Agreement,
    Duty,
    DutyKey,
    InvalidChange,
    RuleCheck,
    Scorer,
    SwapError,
    SwapKind,
    SwapRequest,
    SwapState,
    after_change,
    apply_request,
    explain_responsibility,
)
from scheduler.swaps.evidence import format_instant

router = APIRouter(include_in_schema=False)

PENDING = (SwapState.ACCEPTED, SwapState.REQUESTED)  # ready for a decision first
DONE_NOTICES = ("approved", "rejected")


# -- the view data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Side:
    """One party of a request: who, the duty they give up, and their agreement if on record."""

    role: str  # "requester" or "counterpart"
    agent: str
    label: str  # name and code, e.g. "王芳 (a1)"
    duty: Slot | None  # None: the colleague of a cover gives nothing in return
    agreement: Agreement | None
    agreed_at: str  # the agreement's time on the team's clock, "" without agreement


@dataclass(frozen=True)
class Block:
    """A sentence with the lines that belong under it (the broken rules, the cost changes)."""

    heading: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """What approving would do to the current roster, in the page language."""

    fits: bool  # the change can still be made: both agents still hold their duties
    ok: bool  # it fits and adds no hard-rule break
    delta: int | None  # the change of the soft penalty, when it fits
    check: tuple[Block, ...]
    responsibility: tuple[str, ...]  # who answers for each moved duty once approved


@dataclass(frozen=True)
class PendingSwap:
    id: int
    kind: SwapKind
    state: SwapState
    sides: tuple[Side, Side]
    evidence_complete: bool
    missing: str  # the parties without an agreement on record ("" when none)
    still_responsible: str  # who answers for the requested duty if approved without full proof
    filed_at: str
    base_version: int
    filed_by_supervisor: bool
    verdict: Verdict | None  # None without a current roster

    @property
    def approvable(self) -> bool:
        return self.state is SwapState.ACCEPTED

    @property
    def requester(self) -> Side:
        return self.sides[0]

    @property
    def counterpart(self) -> Side:
        return self.sides[1]


@dataclass(frozen=True)
class DecidedSwap:
    id: int
    kind: SwapKind
    state: SwapState
    sides: tuple[Side, Side]
    decided_by: str
    decided_at: str
    applied_version: int | None


@dataclass(frozen=True)
class Inbox:
    pending: tuple[PendingSwap, ...]
    decided: tuple[DecidedSwap, ...]


# -- building it (pure) --------------------------------------------------------------------------


def outline(description: str) -> tuple[Block, ...]:
    """A multi-line description (``RuleCheck.describe``) as sentences with their ``  - `` lines."""
    blocks: list[Block] = []
    for line in description.splitlines():
        if line.startswith("  - ") and blocks:
            last = blocks[-1]
            blocks[-1] = Block(last.heading, (*last.items, line[4:]))
        elif line.strip():
            blocks.append(Block(line.strip()))
    return tuple(blocks)


def verdict_of(
    request: SwapRequest,
    duties: Mapping[DutyKey, Duty],
    scorer: Scorer,
    before: CheckReport,
    language: str,
) -> Verdict:
    """What approving ``request`` now would do: the same checks, in the same order, as approval.

    A change that no longer fits the roster is described with the very
    refusal the service gives (its duty moved since filing).
    """
    holders = {key: duty.holder for key, duty in duties.items()}
    try:
        after = apply_request(holders, request)
        check = RuleCheck.between(before, scorer.report(after))
    except InvalidChange as error:
        refusal = Conflict("service.duty_changed", id=request.id, reason=error.phrase)
        return Verdict(False, False, None, (Block(refusal.describe(language)),), ())
    approved = dataclasses.replace(request, state=SwapState.APPROVED)
    changed = after_change(duties, approved)
    responsibility = tuple(
        explain_responsibility(duty, language)
        for key, duty in sorted(changed.items())
        if duty != duties[key]
    )
    return Verdict(True, check.ok, check.delta, outline(check.describe(language)), responsibility)


def _named(agent: str, names: Mapping[str, str], language: str) -> str:
    return text("web.inbox.agent", language, name=names.get(agent, agent), code=agent)


def _joined(parts: list[str], language: str) -> str:
    if len(parts) < 2:
        return "".join(parts)
    return text("web.inbox.and", language, first=", ".join(parts[:-1]), second=parts[-1])


def _sides(
    request: SwapRequest,
    names: Mapping[str, str],
    shifts: Mapping[str, ShiftInfo],
    zone: dt.tzinfo,
    language: str,
) -> tuple[Side, Side]:
    agreements = {agreement.agent: agreement for agreement in request.agreements}

    def side(role: str, agent: str, duty: DutyKey | None) -> Side:
        agreement = agreements.get(agent)
        return Side(
            role,
            agent,
            _named(agent, names, language),
            None if duty is None else slot_of(duty, shifts),
            agreement,
            "" if agreement is None else format_instant(agreement.at, zone),
        )

    return (
        side("requester", request.requester, request.requester_duty),
        side("counterpart", request.counterpart, request.counterpart_duty),
    )


def build_inbox(
    team: TeamRecord,
    records: Iterable[SwapRecord],
    current: tuple[Mapping[DutyKey, Duty], Instance] | None,
    language: str,
) -> Inbox:
    """The inbox of ``team``: ``records`` split into pending and decided, each explained.

    ``current`` is the current roster's duties and its instance (None when the
    team has none); the rule check of every pending request runs against it.
    """
    zone = ZoneInfo(team.timezone)
    names = {agent.code: agent.name for agent in team.agents}
    shifts: dict[str, ShiftInfo] = {}
    scorer: Scorer | None = None
    before: CheckReport | None = None
    duties: Mapping[DutyKey, Duty] = {}
    if current is not None:
        duties, instance = current
        shifts = shift_infos(instance)
        # Compiled and scored once for every request: the roster before is the same for all.
        scorer = Scorer(instance)
        before = scorer.report({key: duty.holder for key, duty in duties.items()})
    pending: list[PendingSwap] = []
    decided: list[DecidedSwap] = []
    # The latest decisions first; pending ones are put in their own order below.
    for record in sorted(records, key=lambda r: (r.updated_at, r.request.id), reverse=True):
        request = record.request
        sides = _sides(request, names, shifts, zone, language)
        if request.state.final:
            decided.append(
                DecidedSwap(
                    request.id,
                    request.kind,
                    request.state,
                    sides,
                    names.get(record.decided_by or "", record.decided_by or ""),
                    format_instant(record.updated_at, zone),
                    record.applied_version,
                )
            )
            continue
        verdict = None
        if scorer is not None and before is not None:
            verdict = verdict_of(request, duties, scorer, before, language)
        now_responsible = duties.get(request.requester_duty)
        still = now_responsible.responsible if now_responsible else request.requester
        missing = [side.label for side in sides if side.agreement is None]
        pending.append(
            PendingSwap(
                request.id,
                request.kind,
                request.state,
                sides,
                request.evidence_complete,
                _joined(missing, language),
                _named(still, names, language),
                format_instant(record.created_at, zone),
                record.base_version,
                request.filed_by_supervisor,
                verdict,
            )
        )
    pending.sort(key=lambda swap: (PENDING.index(swap.state), swap.id))
    return Inbox(tuple(pending), tuple(decided))


def done_notice(done: str | None, swap: int | None, version: int | None, language: str) -> str:
    """The sentence for ``?done=...`` after a decision; "" for anything else in the query."""
    if done not in DONE_NOTICES or swap is None:
        return ""
    return text(f"web.inbox.done.{done}", language, id=swap, version=version or "-")


# -- the routes ------------------------------------------------------------------------------------


def _inbox_path(slug: str) -> str:
    return f"/teams/{quote(slug)}/swaps"


def _team_swap(store: Store, slug: str, swap_id: int) -> SwapRecord:
    """The request ``swap_id`` if it is one of team ``slug``; another team's is not found here."""
    record = store.swap_record(swap_id)
    if record.team != slug:
        raise NotFound("store.not_found.swap", id=swap_id)
    return record


def _inbox_page(
    request: Request,
    store: Store,
    user: UserRecord,
    team: TeamRecord,
    *,
    notice: str = "",
    problem: str = "",
    status_code: int = 200,
) -> Response:
    language = page_language(request, team.language)
    version = store.current_version(team.slug)
    current = None
    if version is not None:
        duties = {duty.key: duty for duty in version.duties}
        current = (duties, store.load_instance_record(version.instance_id))
    inbox = build_inbox(team, store.swap_records(team.slug), current, language)
    return render(
        request,
        "inbox.html",
        user=user,
        team_language=team.language,
        team=team.slug,
        team_name=team.name,
        version=version,
        inbox=inbox,
        notice=notice,
        problem=problem,
        status_code=status_code,
    )


@router.get("/teams/{slug}/swaps")
def inbox_page(
    slug: str,
    request: Request,
    store: StoreDep,
    user: PageSupervisor,
    done: str | None = None,
    swap: int | None = None,
    version: int | None = None,
) -> Response:
    team = team_for(store, user, slug)
    notice = done_notice(done, swap, version, page_language(request, team.language))
    return _inbox_page(request, store, user, team, notice=notice)


@router.get("/teams/{slug}/swaps/{swap_id}/evidence/{sha256}")
def evidence_file(
    slug: str, swap_id: RecordId, sha256: str, store: StoreDep, user: PageSupervisor
) -> Response:
    """An evidence file, only through the request it proves (as the API's download)."""
    team_for(store, user, slug)
    record = _team_swap(store, slug, swap_id)
    if sha256 not in {a.attachment_sha256 for a in record.request.agreements}:
        raise PageDenied("web.inbox.evidence.not_of_request", 404, id=swap_id, sha256=sha256)
    # Downloaded, never shown inline, never sniffed: an uploaded file must not run as a page.
    return attachment_response(store.attachment(sha256))


def _decide(
    request: Request,
    store: Store,
    user: UserRecord,
    slug: str,
    swap_id: int,
    action: str,
    decide: Callable[[], str],
) -> Response:
    """Run a decision; on a refusal, the inbox again with the reason and nothing changed."""
    team = team_for(store, user, slug)
    _team_swap(store, slug, swap_id)
    try:
        query = decide()
    except (SwapError, StoreError) as error:
        language = page_language(request, team.language)
        reason = error.describe(language)
        problem = text(f"web.inbox.refused.{action}", language, id=swap_id, reason=reason)
        return _inbox_page(
            request, store, user, team, problem=problem, status_code=refusal_status(error)
        )
    return see_other(f"{_inbox_path(slug)}?{query}")


@router.post("/teams/{slug}/swaps/{swap_id}/approve", dependencies=[CsrfChecked])
def approve(
    slug: str,
    swap_id: RecordId,
    request: Request,
    store: StoreDep,
    service: ServiceDep,
    user: PageSupervisor,
) -> Response:
    def decide() -> str:
        version = service.approve(swap_id, supervisor=user.name)
        return f"done=approved&swap={swap_id}&version={version.number}"

    return _decide(request, store, user, slug, swap_id, "approve", decide)


@router.post("/teams/{slug}/swaps/{swap_id}/reject", dependencies=[CsrfChecked])
def reject(
    slug: str,
    swap_id: RecordId,
    request: Request,
    store: StoreDep,
    service: ServiceDep,
    user: PageSupervisor,
    note: Annotated[str, Form()] = "",
) -> Response:
    def decide() -> str:
        service.reject(swap_id, supervisor=user.name, note=note.strip())
        return f"done=rejected&swap={swap_id}"

    return _decide(request, store, user, slug, swap_id, "reject", decide)
