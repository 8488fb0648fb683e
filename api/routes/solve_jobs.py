"""Solve jobs: solves run in worker processes, never on the event loop.

``POST /solve-jobs`` answers 202 with a ``Location``; ``GET`` shows the state,
elapsed time, best objective and bound so far, and the roster when done;
``DELETE`` cancels; ``POST /solve-jobs/{id}/publish`` makes the finished
roster the team's current version.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, Field

from api.conventions import IDEMPOTENT, IDEMPOTENT_RESPONSES, ConventionRoute
from api.deps import (
    MAX_ID,
    CurrentUser,
    JobsDep,
    ServiceDep,
    StoreDep,
    Supervisor,
    check_team_access,
)
from api.problems import ProblemError, problem_responses
from api.schemas.rosters import RosterPublic
from scheduler.export import result_from_json
from scheduler.jobs import JobRecord, JobState
from scheduler.problem import compile_problem

router = APIRouter(
    prefix="/solve-jobs",
    tags=["solve jobs"],
    responses=problem_responses(401, 403, 404),
    route_class=ConventionRoute,
)


class SolveJobCreate(BaseModel):
    instance_id: int = Field(
        ge=1, le=MAX_ID, description="An instance uploaded with POST /teams/{slug}/instances."
    )
    time_limit: float = Field(10.0, gt=0, le=3600)
    workers: int = Field(2, ge=1, le=8)
    seed: int = Field(0, ge=0, le=2**31 - 1, description="CP-SAT's random seed (32-bit).")


class SolveJobPublic(BaseModel):
    id: str
    state: str = Field(examples=["running"])
    team: str
    instance_id: int
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    elapsed_s: float | None
    objective: float | None
    best_bound: float | None
    solutions: int
    result: dict[str, Any] | None = Field(
        None, description="The roster and its penalties, when done."
    )
    error: str | None

    @classmethod
    def of(cls, job: JobRecord) -> SolveJobPublic:
        return cls(
            id=job.id, state=job.state.value, team=job.labels["team"],
            instance_id=int(job.labels["instance_id"]), created_at=job.created_at,
            started_at=job.started_at, finished_at=job.finished_at, elapsed_s=job.elapsed_s,
            objective=job.objective, best_bound=job.best_bound, solutions=job.solutions,
            result=job.result, error=job.error,
        )  # fmt: skip


def _job(jobs: JobsDep, job_id: str, user: CurrentUser) -> JobRecord:
    try:
        job = jobs.get(job_id)
    except KeyError:
        raise ProblemError(404, "not-found", "Not found", f"no solve job {job_id}") from None
    check_team_access(user, job.labels["team"])
    return job


@router.post(
    "",
    operation_id="startSolveJob",
    status_code=status.HTTP_202_ACCEPTED,
    responses=IDEMPOTENT_RESPONSES,
    dependencies=[IDEMPOTENT],
)
def start_solve_job(
    body: SolveJobCreate, response: Response, store: StoreDep, jobs: JobsDep, user: Supervisor
) -> SolveJobPublic:
    record = store.instance_record(body.instance_id)
    check_team_access(user, record.team)
    instance = store.load_instance_record(body.instance_id)
    labels = {"team": record.team, "instance_id": str(record.id)}
    job = jobs.submit(
        instance, time_limit=body.time_limit, workers=body.workers, seed=body.seed, labels=labels
    )
    response.headers["Location"] = f"/api/v1/solve-jobs/{job.id}"
    return SolveJobPublic.of(job)


@router.get("/{job_id}", operation_id="getSolveJob")
def get_solve_job(job_id: str, jobs: JobsDep, user: CurrentUser) -> SolveJobPublic:
    return SolveJobPublic.of(_job(jobs, job_id, user))


@router.delete("/{job_id}", operation_id="cancelSolveJob")
def cancel_solve_job(job_id: str, jobs: JobsDep, user: Supervisor) -> SolveJobPublic:
    _job(jobs, job_id, user)
    return SolveJobPublic.of(jobs.cancel(job_id))


@router.post(
    "/{job_id}/publish",
    operation_id="publishSolveJob",
    status_code=status.HTTP_201_CREATED,
    responses={**problem_responses(409), **IDEMPOTENT_RESPONSES},
    dependencies=[IDEMPOTENT],
)
def publish_solve_job(
    job_id: str, store: StoreDep, jobs: JobsDep, service: ServiceDep, user: Supervisor
) -> RosterPublic:
    """Publish the roster of a finished job as the team's new current version."""
    job = _job(jobs, job_id, user)
    if job.state is not JobState.DONE or job.result is None or not job.result.get("assignments"):
        detail = f"solve job {job_id} has no roster to publish (it is {job.state.value})"
        raise ProblemError(409, "conflict", "Conflict", detail)
    instance_id = int(job.labels["instance_id"])
    instance = store.load_instance_record(instance_id)
    result = result_from_json(job.result, compile_problem(instance))
    source = store.instance_source(instance_id)
    version = service.publish(job.labels["team"], instance, source, result, actor=user.name)
    return RosterPublic.of(version)
