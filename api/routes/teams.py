"""Teams and agents: everyone reads their own team; supervisors create and change teams."""

from __future__ import annotations

from fastapi import APIRouter, status

from api.deps import CurrentUser, StoreDep, Supervisor, check_team_access
from api.problems import problem_responses
from api.schemas.teams import TeamCreate, TeamPublic, TeamUpdate

router = APIRouter(prefix="/teams", tags=["teams"], responses=problem_responses(401, 403))


@router.get("", operation_id="listTeams", summary="Teams the caller may see")
def list_teams(store: StoreDep, user: CurrentUser) -> list[TeamPublic]:
    return [TeamPublic.of(t) for t in store.teams() if user.team in (None, t.slug)]


@router.get("/{slug}", operation_id="getTeam", responses=problem_responses(404))
def get_team(slug: str, store: StoreDep, user: CurrentUser) -> TeamPublic:
    check_team_access(user, slug)
    return TeamPublic.of(store.team(slug))


@router.post(
    "",
    operation_id="createTeam",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(409, 422),
)
def create_team(body: TeamCreate, store: StoreDep, _: Supervisor) -> TeamPublic:
    agents = [(agent.code, agent.name) for agent in body.agents]
    team = store.create_team(
        body.slug, body.name, body.timezone, body.language, agents,
        notice_hours=body.notice_hours, auto_approve=body.auto_approve,
    )  # fmt: skip
    return TeamPublic.of(team)


@router.patch("/{slug}", operation_id="updateTeam", responses=problem_responses(404, 422))
def update_team(slug: str, body: TeamUpdate, store: StoreDep, user: Supervisor) -> TeamPublic:
    check_team_access(user, slug)
    changes = body.model_dump(exclude_none=True)
    return TeamPublic.of(store.update_team_settings(slug, **changes))
