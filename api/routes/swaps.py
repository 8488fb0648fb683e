"""Swap and cover requests: agents act for themselves, supervisors approve.

Requests and actions take ``multipart/form-data`` so that an agreement can
carry its evidence file (a chat screenshot, a PDF). An agent files only for
duties they hold and accepts or declines only requests addressed to them; the
evidence files of a request are visible to its two agents and to supervisors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, Response, UploadFile, status

from api.conventions import (
    CONDITIONAL_GET,
    CONDITIONAL_UPDATE,
    IDEMPOTENT,
    IDEMPOTENT_RESPONSES,
    CacheCheck,
    ConventionRoute,
    IfMatch,
    Paging,
    entity_tag,
)
from api.deps import CurrentUser, RecordId, ServiceDep, StoreDep, Supervisor, check_team_access
from api.downloads import attachment_response
from api.problems import ProblemError, language_of, problem_responses
from api.schemas.rosters import RosterPublic
from api.schemas.swaps import CandidatePublic, SwapPage, SwapPublic
from scheduler.service import Evidence
from scheduler.store import Role, UserRecord
from scheduler.swaps import Channel, DutyKey, SwapState

router = APIRouter(
    tags=["swaps"],
    responses=problem_responses(401, 403, 404, 409, 422),
    route_class=ConventionRoute,
)

ChannelForm = Annotated[Channel, Form(description="How the agreement was given.")]
NoteForm = Annotated[str, Form(description="A note kept with the agreement.")]
AttachmentForm = Annotated[
    UploadFile | None,
    File(description="Proof of the agreement: PNG, JPEG, WebP, PDF or text, at most 5 MiB."),
]


def _duty(value: str) -> DutyKey:
    try:
        return DutyKey.parse(value)
    except ValueError as error:
        raise ProblemError(422, "invalid-request", "Invalid request", str(error)) from None


async def _evidence(channel: Channel, note: str, attachment: UploadFile | None) -> Evidence:
    if attachment is None:
        return Evidence(channel, note)
    data = await attachment.read()
    return Evidence(channel, note, data, attachment.content_type or "", attachment.filename or "")


def _acting_agent(user: UserRecord) -> str:
    if user.role is not Role.AGENT or user.agent is None:
        raise ProblemError(403, "forbidden", "Forbidden", f"{user.name} is not an agent")
    return user.agent


def _swap(store: StoreDep, swap_id: int, user: UserRecord) -> SwapPublic:
    record = store.swap_record(swap_id)
    check_team_access(user, record.team)
    return SwapPublic.of(record)


def _conditionally(
    store: StoreDep,
    swap_id: int,
    user: UserRecord,
    precondition: IfMatch,
    act: Callable[[], object],
) -> SwapPublic:
    """A swap action under If-Match: check the caller's ETag, act, answer with the new state."""
    precondition.check(_swap(store, swap_id, user), f"swap {swap_id}")
    act()
    return precondition.answer(_swap(store, swap_id, user))


@router.post(
    "/teams/{slug}/swaps",
    operation_id="fileSwap",
    status_code=status.HTTP_201_CREATED,
    summary="File a swap (with counterpart_duty) or a cover",
    responses={201: CONDITIONAL_UPDATE[200], **IDEMPOTENT_RESPONSES},
    dependencies=[IDEMPOTENT],
)
async def file_swap(
    slug: str,
    response: Response,
    service: ServiceDep,
    store: StoreDep,
    user: CurrentUser,
    duty: Annotated[str, Form(examples=["2026-12-04/A/0"])],
    counterpart: Annotated[str, Form(examples=["a2"])],
    counterpart_duty: Annotated[str | None, Form()] = None,
    requester: Annotated[
        str | None, Form(description="Supervisors only: the agent filed for.")
    ] = None,
    channel: ChannelForm = Channel.OTHER,
    note: NoteForm = "",
    attachment: AttachmentForm = None,
) -> SwapPublic:
    check_team_access(user, slug)
    evidence = await _evidence(channel, note, attachment)
    if user.role is Role.SUPERVISOR:
        if requester is None:
            raise ProblemError(
                422, "invalid-request", "Invalid request", "requester: name the agent filed for"
            )
        supervisor, filed_for = user.name, requester
    else:
        filed_for, supervisor = _acting_agent(user), None
        if requester not in (None, filed_for):
            raise ProblemError(403, "forbidden", "Forbidden", "an agent files only for themselves")
    other = None if counterpart_duty is None else _duty(counterpart_duty)
    has_evidence = supervisor is None or attachment is not None or bool(note)
    request = service.request(
        slug, requester=filed_for, duty=_duty(duty), counterpart=counterpart,
        counterpart_duty=other, evidence=evidence if has_evidence else None, supervisor=supervisor,
    )  # fmt: skip
    response.headers["Location"] = f"/api/v1/swaps/{request.id}"
    swap = _swap(store, request.id, user)
    response.headers["ETag"] = entity_tag(swap)
    return swap


@router.get("/swaps/{swap_id}", operation_id="getSwap", responses=CONDITIONAL_GET)
def get_swap(
    swap_id: RecordId, store: StoreDep, user: CurrentUser, cache: CacheCheck
) -> SwapPublic:
    return cache.answer(_swap(store, swap_id, user))


@router.get(
    "/teams/{slug}/swaps", operation_id="listSwaps", summary="The team's swaps, oldest first"
)
def list_swaps(
    slug: str,
    service: ServiceDep,
    user: CurrentUser,
    paging: Paging,
    state: SwapState | None = None,
) -> SwapPage:
    check_team_access(user, slug)
    swaps = [SwapPublic.of(record) for record in service.swaps(slug, state)]
    items, next_cursor = paging.slice(swaps, lambda swap: swap.id)
    return SwapPage(items=items, next_cursor=next_cursor)


# Every action changes the swap: it needs If-Match with the swap's ETag (GET /swaps/{id}).
@router.post("/swaps/{swap_id}/accept", operation_id="acceptSwap", responses=CONDITIONAL_UPDATE)
async def accept_swap(
    swap_id: RecordId,
    service: ServiceDep,
    store: StoreDep,
    user: CurrentUser,
    precondition: IfMatch,
    channel: ChannelForm = Channel.OTHER,
    note: NoteForm = "",
    attachment: AttachmentForm = None,
) -> SwapPublic:
    evidence = await _evidence(channel, note, attachment)

    def act() -> object:
        return service.accept(swap_id, actor=_acting_agent(user), evidence=evidence)

    return _conditionally(store, swap_id, user, precondition, act)


@router.post("/swaps/{swap_id}/decline", operation_id="declineSwap", responses=CONDITIONAL_UPDATE)
def decline_swap(
    swap_id: RecordId,
    service: ServiceDep,
    store: StoreDep,
    user: CurrentUser,
    precondition: IfMatch,
    note: NoteForm = "",
) -> SwapPublic:
    def act() -> object:
        return service.decline(swap_id, actor=_acting_agent(user), note=note)

    return _conditionally(store, swap_id, user, precondition, act)


@router.post("/swaps/{swap_id}/withdraw", operation_id="withdrawSwap", responses=CONDITIONAL_UPDATE)
def withdraw_swap(
    swap_id: RecordId,
    service: ServiceDep,
    store: StoreDep,
    user: CurrentUser,
    precondition: IfMatch,
    note: NoteForm = "",
) -> SwapPublic:
    def act() -> object:
        return service.withdraw(swap_id, actor=_acting_agent(user), note=note)

    return _conditionally(store, swap_id, user, precondition, act)


@router.post(
    "/swaps/{swap_id}/approve",
    operation_id="approveSwap",
    responses=problem_responses(412, 428),
    summary="Approve a swap: the answer is the new roster version",
)
def approve_swap(
    swap_id: RecordId, service: ServiceDep, store: StoreDep, user: Supervisor, precondition: IfMatch
) -> RosterPublic:
    precondition.check(_swap(store, swap_id, user), f"swap {swap_id}")
    return RosterPublic.of(service.approve(swap_id, supervisor=user.name))


@router.post("/swaps/{swap_id}/reject", operation_id="rejectSwap", responses=CONDITIONAL_UPDATE)
def reject_swap(
    swap_id: RecordId,
    service: ServiceDep,
    store: StoreDep,
    user: Supervisor,
    precondition: IfMatch,
    note: NoteForm = "",
) -> SwapPublic:
    def act() -> object:
        return service.reject(swap_id, supervisor=user.name, note=note)

    return _conditionally(store, swap_id, user, precondition, act)


@router.get(
    "/swaps/{swap_id}/attachments/{sha256}",
    operation_id="getSwapAttachment",
    responses={200: {"content": {"application/octet-stream": {}}}},
)
def get_attachment(swap_id: RecordId, sha256: str, store: StoreDep, user: CurrentUser) -> Response:
    swap = _swap(store, swap_id, user)
    parties = {swap.requester, swap.counterpart}
    if user.role is not Role.SUPERVISOR and user.agent not in parties:
        raise ProblemError(
            403, "forbidden", "Forbidden", "only the two agents and supervisors see the evidence"
        )
    if sha256 not in {a.attachment_sha256 for a in swap.agreements}:
        raise ProblemError(
            404, "not-found", "Not found", f"swap {swap_id} has no attachment {sha256}"
        )
    return attachment_response(store.attachment(sha256))


@router.get("/teams/{slug}/duties/{duty:path}/swap-candidates", operation_id="listSwapCandidates")
def swap_candidates(
    slug: str,
    duty: str,
    request: Request,
    service: ServiceDep,
    user: CurrentUser,
) -> list[CandidatePublic]:
    """Colleagues who could take the duty, or swap for one of theirs, keeping every hard rule."""
    check_team_access(user, slug)
    key = _duty(duty)
    version, _ = service.current(slug)
    holder = next((d.holder for d in version.duties if d.key == key), None)
    if holder is None:
        raise ProblemError(404, "not-found", "Not found", f"no duty {key} in the current roster")
    if user.role is Role.AGENT and user.agent != holder:
        raise ProblemError(403, "forbidden", "Forbidden", "agents ask only about their own duties")
    language = language_of(request)
    return [CandidatePublic.of(s, language) for s in service.suggest(slug, key, holder)]
