"""An agent's own duties (a list and a calendar) and the address of their calendar feed.

``GET /me`` shows the signed-in agent's duties in the team's current roster
version and their personal iCalendar feed. A feed token's secret is known
only when it is made: the store keeps its hash. So making a token
(``POST /me/feed``) and rotating one (``POST /me/feed/rotate``) answer with the
page itself, showing the whole ``https://`` and ``webcal://`` addresses this
once (``no-store``, so no cache keeps them); every other visit shows the
addresses by their first characters only, like ``GET /api/v1/me``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from api.deps import MAX_ID, ServiceDep, StoreDep
from api.routes.feeds import FEED_PATH
from api.web.common import now, team_for
from api.web.grid import Slot, build_grid, shift_infos, slot_of, team_today
from api.web.session import CsrfChecked, PageAgent, PageDenied
from api.web.templating import render
from scheduler.instance import Instance
from scheduler.service import RosterService
from scheduler.store import FeedTokenRecord, Store, SwapRecord, TeamRecord, UserRecord
from scheduler.swaps import Duty, start_of_duty

router = APIRouter(include_in_schema=False)


# -- plain data for the templates ------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """How a duty came to its holder when not by the original roster: a swap or a re-roster."""

    kind: str  # "swap" or "reroster"
    number: int  # the swap request's id, or the version re-rostered after


def change_of(reason: str) -> Change | None:
    """``swap:7`` and ``swap:7:no-evidence`` → swap 7; ``reroster:3`` → re-rostered after 3."""
    parts = reason.split(":")
    if len(parts) >= 2 and parts[0] in ("swap", "reroster") and parts[1].isdigit():
        return Change(parts[0], int(parts[1]))
    return None


@dataclass(frozen=True)
class DutyLine:
    """One duty as the agent's list shows it."""

    slot: Slot
    holder: str
    responsible: str
    change: Change | None
    started: bool  # it has begun: nobody can change it any more
    open_requests: tuple[int, ...]  # ids of unfinished swap requests that involve it


def open_requests_by_duty(records: Iterable[SwapRecord], agent: str) -> dict[str, list[int]]:
    """The unfinished requests ``agent`` is party to, by the agent's own duty they concern."""
    found: dict[str, list[int]] = defaultdict(list)
    for record in records:
        request = record.request
        if request.state.final:
            continue
        if request.requester == agent:
            found[str(request.requester_duty)].append(request.id)
        elif request.counterpart == agent and request.counterpart_duty is not None:
            found[str(request.counterpart_duty)].append(request.id)
    return found


def duty_lines(
    duties: Iterable[Duty],
    instance: Instance,
    moment: dt.datetime,
    open_requests: Mapping[str, list[int]] | None = None,
) -> list[DutyLine]:
    """``duties`` as list lines, by date and shift; ``moment`` decides which have started."""
    shifts = shift_infos(instance)
    requests = open_requests or {}
    return [
        DutyLine(
            slot_of(duty.key, shifts),
            duty.holder,
            duty.responsible,
            change_of(duty.reason),
            start_of_duty(instance, duty.key) <= moment,
            tuple(requests.get(str(duty.key), ())),
        )
        for duty in sorted(duties, key=lambda duty: duty.key)
    ]


def held_by(duties: Iterable[Duty], agent: str) -> list[Duty]:
    return [duty for duty in duties if duty.holder == agent]


def answered_for_others(duties: Iterable[Duty], agent: str) -> list[Duty]:
    """Duties someone else works but ``agent`` still answers for (a swap without evidence)."""
    return [duty for duty in duties if duty.responsible == agent and duty.holder != agent]


@dataclass(frozen=True)
class FeedLink:
    """A feed's two addresses: whole right after the token is made, else only its start."""

    token_id: int
    https: str
    webcal: str
    complete: bool
    created_at: dt.datetime  # on the team's clock


def page_host(request: Request) -> str:
    """The host the browser used (as the API's feed answers do), so the address works for it."""
    return request.headers.get("host") or request.url.netloc


def feed_link(
    host: str, record: FeedTokenRecord, zone: dt.tzinfo, secret: str | None = None
) -> FeedLink:
    path = FEED_PATH.format(token=secret) if secret else f"/feeds/{record.prefix}…"
    made = record.created_at
    if made.tzinfo is None:  # a database without time zones gives back UTC as it was stored
        made = made.replace(tzinfo=dt.UTC)
    return FeedLink(
        record.id, f"https://{host}{path}", f"webcal://{host}{path}", secret is not None,
        made.astimezone(zone),
    )  # fmt: skip


def own_feed_tokens(store: Store, user: UserRecord) -> list[FeedTokenRecord]:
    """The live tokens of the agent's own feed (never another agent's, never the team's)."""
    assert user.team is not None and user.agent is not None  # PageAgent saw to it
    return [token for token in store.feed_tokens(user.team, user.agent) if not token.revoked]


# -- the page -------------------------------------------------------------------------------


def agent_team(store: Store, user: UserRecord) -> TeamRecord:
    """The agent's own team: an agent user is always bound to one."""
    if user.team is None:
        raise PageDenied("web.agent.no_team")
    return team_for(store, user, user.team)


def render_me(
    request: Request,
    store: Store,
    service: RosterService,
    user: UserRecord,
    fresh: tuple[str, FeedTokenRecord] | None = None,
) -> Response:
    """The agent's page; ``fresh`` is a token just made, whose whole address is shown once."""
    team = agent_team(store, user)
    agent = user.agent or ""
    host = page_host(request)
    zone = ZoneInfo(team.timezone)
    feeds = [
        feed_link(host, token, zone, fresh[0] if fresh and fresh[1].id == token.id else None)
        for token in own_feed_tokens(store, user)
    ]
    context: dict[str, Any] = {"team_name": team.name, "feeds": feeds, "fresh": fresh}
    version = store.current_version(team.slug)
    if version is not None:
        instance = store.load_instance_record(version.instance_id)
        moment = now(request)
        pending = open_requests_by_duty(service.swaps(team.slug), agent)
        context |= {
            "version": version,
            "names": {member.id: member.name for member in instance.team.agents},
            "duties": duty_lines(held_by(version.duties, agent), instance, moment, pending),
            "others": duty_lines(answered_for_others(version.duties, agent), instance, moment),
            "grid": build_grid(
                instance, version.duties, team_today(instance, moment), agents=[agent]
            ),
        }
    response = render(
        request, "me.html", user=user, team_language=team.language, team=team.slug, **context
    )
    if fresh is not None:
        response.headers["Cache-Control"] = "no-store"  # the page holds a secret
    return response


@router.get("/me")
def me_page(request: Request, store: StoreDep, service: ServiceDep, user: PageAgent) -> Response:
    return render_me(request, store, service, user)


@router.post("/me/feed", dependencies=[CsrfChecked])
def make_feed_token(
    request: Request, store: StoreDep, service: ServiceDep, user: PageAgent
) -> Response:
    team = agent_team(store, user)
    made = store.create_feed_token(team.slug, user.agent)
    # Answered with the page, not a redirect: the secret exists only in this answer.
    return render_me(request, store, service, user, fresh=made)


@router.post("/me/feed/rotate", dependencies=[CsrfChecked])
def rotate_feed_token(
    request: Request,
    store: StoreDep,
    service: ServiceDep,
    user: PageAgent,
    token_id: Annotated[int, Form(ge=1, le=MAX_ID)],
) -> Response:
    # Only a token of this agent's own feed: the id comes from a form, so it is checked here.
    if token_id not in {token.id for token in own_feed_tokens(store, user)}:
        raise PageDenied("web.agent.feed.not_yours", id=token_id)
    made = store.rotate_feed_token(token_id)
    return render_me(request, store, service, user, fresh=made)
