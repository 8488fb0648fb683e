"""Teams and agents: everyone reads their own team; supervisors create and change teams."""

from __future__ import annotations

from fastapi import APIRouter, status

from api.conventions import (
    CONDITIONAL_GET,
    CONDITIONAL_UPDATE,
    IDEMPOTENT,
    IDEMPOTENT_RESPONSES,
    CacheCheck,
    ConventionRoute,
    IfMatch,
    Paging,
)
from api.deps import CurrentUser, StoreDep, Supervisor, check_team_access
from api.problems import problem_responses
from api.schemas.teams import TeamCreate, TeamPage, TeamPublic, TeamUpdate

router = APIRouter(
    prefix="/teams",
    tags=["teams"],
    responses=problem_responses(401, 403),
    route_class=ConventionRoute,
)


@router.get(
    "",
    operation_id="listTeams",
    summary="Teams the caller may see",
    responses=problem_responses(422),
)
def list_teams(store: StoreDep, user: CurrentUser, paging: Paging) -> TeamPage:
    visible = [TeamPublic.of(t) for t in store.teams() if user.team in (None, t.slug)]
    items, next_cursor = paging.slice(visible, lambda team: team.slug)
    return TeamPage(items=items, next_cursor=next_cursor)


@router.get(
    "/{slug}",
    operation_id="getTeam",
    summary="A team and its agents",
    responses={**problem_responses(404), **CONDITIONAL_GET},
)
def get_team(slug: str, store: StoreDep, user: CurrentUser, cache: CacheCheck) -> TeamPublic:
    check_team_access(user, slug)
    return cache.answer(TeamPublic.of(store.team(slug)))


@router.post(
    "",
    operation_id="createTeam",
    status_code=status.HTTP_201_CREATED,
    responses={**problem_responses(409, 422), **IDEMPOTENT_RESPONSES},
    dependencies=[IDEMPOTENT],
)
def create_team(body: TeamCreate, store: StoreDep, _: Supervisor) -> TeamPublic:
    agents = [(agent.code, agent.name) for agent in body.agents]
    team = store.create_team(
        body.slug, body.name, body.timezone, body.language, agents,
        notice_hours=body.notice_hours, auto_approve=body.auto_approve,
    )  # fmt: skip
    return TeamPublic.of(team)


@router.patch(
    "/{slug}",
    operation_id="updateTeam",
    responses={**problem_responses(404, 422), **CONDITIONAL_UPDATE},
)
def update_team(
    slug: str, body: TeamUpdate, store: StoreDep, user: Supervisor, precondition: IfMatch
) -> TeamPublic:
    check_team_access(user, slug)
    precondition.check(TeamPublic.of(store.team(slug)), f"team {slug}")
    changes = body.model_dump(exclude_none=True)
    return precondition.answer(TeamPublic.of(store.update_team_settings(slug, **changes)))
