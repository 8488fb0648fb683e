"""iCalendar feeds over HTTP, the tokens in their addresses, and the caller's profile.

``GET /feeds/{token}.ics`` sits outside ``/api/v1`` so that calendar apps get a
short address, and takes no bearer token: the secret in the address is the
credential, and it opens that one feed and nothing else. An unknown and a
revoked token get the very same 404, so the answer never tells whether an
address ever worked. The body is byte-identical for the same roster history,
so its SHA-256 is a strong ``ETag`` and ``If-None-Match`` costs no transfer.

Tokens are managed under ``/api/v1`` with a bearer API token: an agent makes,
lists, rotates and revokes the tokens of their own feed, a supervisor those
of any feed of the team, including the team's own feed. A secret is shown
only in the answer that makes it (creation, rotation), with its ``https://``
and ``webcal://`` addresses; afterwards ``GET /api/v1/me`` and the lists show
tokens by their first characters only. These creating ``POST``s take no
``Idempotency-Key``: replaying an answer would mean keeping the secret in the
store, which keeps only hashes. A retry makes a second token, which the
caller can revoke.
"""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime, parsedate_to_datetime
from typing import Annotated

from fastapi import APIRouter, Header, Path, Request, Response, status
from fastapi.responses import JSONResponse

from api.conventions import ConventionRoute, Paging
from api.deps import CurrentUser, RecordId, StoreDep, check_team_access
from api.problems import PROBLEM_JSON, Problem, ProblemError, problem_responses
from api.schemas.feeds import (
    FeedLink,
    FeedTokenCreate,
    FeedTokenCreated,
    FeedTokenPage,
    FeedTokenPublic,
    MePublic,
)
from scheduler.ical import feed_etag, feed_last_modified, render_feed
from scheduler.instance import Instance
from scheduler.store import FeedTokenRecord, Role, Store, UserRecord
from scheduler.store.tokens import PREFIXES

FEED_PATH = "/feeds/{token}.ics"
ICALENDAR = "text/calendar; charset=utf-8"
# Calendar apps poll on their own schedule; this keeps shared caches out (the
# address is a secret) and lets the client's own cache answer for five minutes.
CACHE_CONTROL = "private, max-age=300"

feed_router = APIRouter(tags=["feeds"])
router = APIRouter(
    tags=["feeds"],
    responses=problem_responses(401, 403, 404),
    route_class=ConventionRoute,
)

_FEED_HEADERS = {
    "ETag": {"description": "SHA-256 of the body, quoted.", "schema": {"type": "string"}},
    "Last-Modified": {
        "description": "When the current roster version was made; never goes backwards.",
        "schema": {"type": "string"},
    },
    "Cache-Control": {"schema": {"type": "string"}},
}


def _feed_not_found() -> JSONResponse:
    """The one answer to every address that opens no feed: unknown, revoked or malformed.

    It names neither the token nor the path it came on, so two such answers are
    byte-identical and say nothing about whether a token ever existed.
    """
    body = Problem(
        type="/problems/not-found", title="Not found", status=404,
        detail="there is no calendar feed at this address", instance="/feeds",
    )  # fmt: skip
    return JSONResponse(
        body.model_dump(exclude_none=True),
        status_code=404,
        media_type=PROBLEM_JSON,
        headers={"Cache-Control": "no-store"},
    )


def _render(store: Store, secret: str) -> tuple[bytes, dt.datetime] | None:
    """The feed behind ``secret`` and when it last changed; ``None`` when there is none.

    Token, history and instances are read in one transaction, so a swap
    approved meanwhile is either wholly in the feed or not at all.
    """
    if not secret.startswith(PREFIXES["feed"]):
        return None
    with store.reading() as tx:
        token = tx.feed_for_token(secret)
        if token is None:
            return None
        versions = tx.version_chain(token.team)
        if not versions:
            return None  # nothing published yet: no calendar to show
        instances: dict[int, Instance] = {
            instance_id: tx.load_instance_record(instance_id)
            for instance_id in sorted({version.instance_id for version in versions})
        }
    current = instances[versions[-1].instance_id]
    body = render_feed(versions, current, agent=token.agent, instances=instances)
    return body, feed_last_modified(versions)


def _not_modified_since(if_modified_since: str | None, last_modified: dt.datetime) -> bool:
    if if_modified_since is None:
        return False
    try:
        since = parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError, IndexError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=dt.UTC)
    return last_modified.replace(microsecond=0) <= since


def _etag_matches(if_none_match: str, tag: str) -> bool:
    candidates = (part.strip().removeprefix("W/") for part in if_none_match.split(","))
    return any(candidate in ("*", tag) for candidate in candidates)


@feed_router.get(
    FEED_PATH,
    operation_id="getFeed",
    summary="An agent's or a team's iCalendar feed (the address is the credential)",
    response_class=Response,
    responses={
        200: {
            "content": {"text/calendar": {"schema": {"type": "string"}}},
            "headers": _FEED_HEADERS,
            "description": "The feed (RFC 5545).",
        },
        304: {"description": "Not modified: the `If-None-Match` ETag is current. No body."},
        **problem_responses(404),
    },
)
def get_feed(
    token: Annotated[
        str,
        Path(
            pattern=r"^[A-Za-z0-9_\-]{1,128}$",
            description="The feed token's secret (URL-safe base64 after `rsf_`).",
        ),
    ],
    store: StoreDep,
    if_none_match: Annotated[
        str | None,
        Header(
            alias="If-None-Match", description="An ETag of an earlier answer: 304 while current."
        ),
    ] = None,
    if_modified_since: Annotated[
        str | None,
        Header(alias="If-Modified-Since", description="Used only without If-None-Match."),
    ] = None,
) -> Response:
    rendered = _render(store, token)
    if rendered is None:
        return _feed_not_found()
    body, last_modified = rendered
    tag = feed_etag(body)
    headers = {
        "ETag": tag,
        "Last-Modified": format_datetime(last_modified.astimezone(dt.UTC), usegmt=True),
        "Cache-Control": CACHE_CONTROL,
    }
    # RFC 9110 §13.2.2: If-None-Match, when present, decides alone.
    if (if_none_match is not None and _etag_matches(if_none_match, tag)) or (
        if_none_match is None and _not_modified_since(if_modified_since, last_modified)
    ):
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(body, media_type=ICALENDAR, headers=headers)


# -- managing the tokens ---------------------------------------------------------------------


def _host(request: Request) -> str:
    return request.headers.get("host") or request.url.netloc


def _created(request: Request, secret: str, record: FeedTokenRecord) -> FeedTokenCreated:
    path = FEED_PATH.format(token=secret)
    host = _host(request)
    return FeedTokenCreated(
        **FeedTokenPublic.of(record).model_dump(),
        secret=secret,
        https_url=f"https://{host}{path}",
        webcal_url=f"webcal://{host}{path}",
    )


def _forbidden(detail: str) -> ProblemError:
    return ProblemError(403, "forbidden", "Forbidden", detail)


def _owned(store: Store, token_id: int, user: UserRecord) -> FeedTokenRecord:
    """The token, if ``user`` may manage it: its agent, or a supervisor of its team."""
    record = store.feed_token(token_id)
    check_team_access(user, record.team)
    if user.role is not Role.SUPERVISOR and (record.agent is None or record.agent != user.agent):
        raise _forbidden(f"feed token {token_id} is not of {user.name}'s own feed")
    return record


@router.post(
    "/teams/{slug}/feed-tokens",
    operation_id="createFeedToken",
    status_code=status.HTTP_201_CREATED,
    summary="Make a feed token; the answer shows its secret and addresses, once",
    responses=problem_responses(422),
)
def create_feed_token(
    slug: str,
    request: Request,
    store: StoreDep,
    user: CurrentUser,
    body: FeedTokenCreate | None = None,
) -> FeedTokenCreated:
    check_team_access(user, slug)
    agent = None if body is None else body.agent
    if user.role is not Role.SUPERVISOR:
        if agent not in (None, user.agent):
            raise _forbidden("an agent makes feed tokens only for their own duties")
        agent = user.agent
    secret, record = store.create_feed_token(slug, agent)
    return _created(request, secret, record)


@router.get(
    "/teams/{slug}/feed-tokens",
    operation_id="listFeedTokens",
    summary="Feed tokens of the team (an agent's own only), without secrets",
    responses=problem_responses(422),
)
def list_feed_tokens(
    slug: str, store: StoreDep, user: CurrentUser, paging: Paging
) -> FeedTokenPage:
    check_team_access(user, slug)
    if user.role is Role.SUPERVISOR:
        records = store.feed_tokens(slug)
    else:
        records = store.feed_tokens(slug, user.agent)
    tokens = [FeedTokenPublic.of(record) for record in records]
    items, next_cursor = paging.slice(tokens, lambda token: token.id)
    return FeedTokenPage(items=items, next_cursor=next_cursor)


@router.post(
    "/feed-tokens/{token_id}/rotate",
    operation_id="rotateFeedToken",
    status_code=status.HTTP_201_CREATED,
    summary="Replace a feed token: the old address stops working, the new one is shown once",
    responses=problem_responses(409),
)
def rotate_feed_token(
    token_id: RecordId, request: Request, store: StoreDep, user: CurrentUser
) -> FeedTokenCreated:
    _owned(store, token_id, user)
    secret, record = store.rotate_feed_token(token_id)
    return _created(request, secret, record)


@router.delete(
    "/feed-tokens/{token_id}",
    operation_id="revokeFeedToken",
    summary="Revoke a feed token: its address answers 404 from now on",
)
def revoke_feed_token(token_id: RecordId, store: StoreDep, user: CurrentUser) -> FeedTokenPublic:
    _owned(store, token_id, user)
    return FeedTokenPublic.of(store.revoke_feed_token(token_id))


def _link(token: FeedTokenRecord, host: str) -> FeedLink:
    return FeedLink(
        id=token.id, team=token.team, agent=token.agent, prefix=token.prefix,
        https_url_prefix=f"https://{host}/feeds/{token.prefix}",
        webcal_url_prefix=f"webcal://{host}/feeds/{token.prefix}",
        created_at=token.created_at,
    )  # fmt: skip


@router.get("/me", operation_id="getMe", summary="The caller: who they are and their feeds")
def get_me(request: Request, store: StoreDep, user: CurrentUser) -> MePublic:
    if user.role is Role.SUPERVISOR:
        # The team feeds of their team, or of every team for a supervisor of all.
        records = [token for token in store.feed_tokens(user.team) if token.agent is None]
    else:
        records = list(store.feed_tokens(user.team, user.agent))
    host = _host(request)
    feeds = [_link(token, host) for token in records if not token.revoked]
    return MePublic(name=user.name, role=user.role, team=user.team, agent=user.agent, feeds=feeds)
