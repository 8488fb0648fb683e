"""Typed dependencies: the store, the roster service, the solve jobs, and who is asking.

Authentication is a bearer API token (``Authorization: Bearer rst_...``)
looked up by its hash. :data:`CurrentUser` answers 401 without a valid token;
:data:`Supervisor` answers 403 for anyone but a supervisor.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.problems import ProblemError
from scheduler.jobs import SolveJobs
from scheduler.service import RosterService
from scheduler.store import Role, Store, UserRecord

_bearer = HTTPBearer(auto_error=False, description="An API token made with `roster tokens create`.")


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_service(request: Request) -> RosterService:
    service: RosterService = request.app.state.service
    return service


def get_jobs(request: Request) -> SolveJobs:
    jobs: SolveJobs = request.app.state.jobs
    return jobs


# Ids are INTEGER columns: 32-bit on PostgreSQL (schemathesis found the overflow
# there). A larger number is no id at all, so it is a 422 like any malformed value.
MAX_ID = 2**31 - 1
RecordId = Annotated[int, Path(ge=1, le=MAX_ID)]

StoreDep = Annotated[Store, Depends(get_store)]
ServiceDep = Annotated[RosterService, Depends(get_service)]
JobsDep = Annotated[SolveJobs, Depends(get_jobs)]


def get_current_user(
    store: StoreDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> UserRecord:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise ProblemError(401, "unauthorized", "Unauthorized", "a bearer API token is required")
    user = store.user_for_token(credentials.credentials)
    if user is None:
        raise ProblemError(
            401, "unauthorized", "Unauthorized", "the API token is unknown or revoked"
        )
    return user


CurrentUser = Annotated[UserRecord, Depends(get_current_user)]


def get_supervisor(user: CurrentUser) -> UserRecord:
    if user.role is not Role.SUPERVISOR:
        raise ProblemError(403, "forbidden", "Forbidden", "only a supervisor may do this")
    return user


Supervisor = Annotated[UserRecord, Depends(get_supervisor)]


def check_team_access(user: UserRecord, team: str) -> None:
    """Agents and team-bound supervisors see only their own team."""
    if user.team is not None and user.team != team:
        raise ProblemError(
            403, "forbidden", "Forbidden", f"{user.name} does not belong to team {team}"
        )
