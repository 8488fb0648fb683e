"""A solve job's page: live progress, then the roster to publish or the conflict to relax.

The page polls a small JSON status while the solve runs (the same
:class:`SolveJobs` the API's ``/solve-jobs`` uses). When it is done it shows
the roster with what it gives up and a button to publish it, or, when the hard
rules cannot all hold, the conflict with its verified relaxations, each a
button that stores the relaxed instance and solves it again.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse, Response

from api.deps import JobsDep, ServiceDep, StoreDep
from api.web.common import now, see_other, team_for
from api.web.explanation_cache import infeasibility_of
from api.web.generate import instance_source, job_path, start_job
from api.web.grid import team_today
from api.web.session import CsrfChecked, PageDenied, PageSupervisor, page_language
from api.web.solve_view import (
    job_progress,
    outcome,
    penalty_rows,
    result_figures,
    result_grid,
    roster_of,
    seconds_text,
)
from api.web.templating import render
from scheduler.export import result_from_json
from scheduler.jobs import JobRecord, JobState, SolveJobs
from scheduler.messages import text
from scheduler.problem import compile_problem

router = APIRouter(include_in_schema=False)


def _team_job(jobs: SolveJobs, job_id: str, slug: str) -> JobRecord:
    """The job if it is one of team ``slug``'s (the caller has checked the user's team)."""
    try:
        job = jobs.get(job_id)
    except KeyError:
        raise PageDenied("web.generate.unknown_job", 404, id=job_id) from None
    if job.labels.get("team") != slug or "instance_id" not in job.labels:
        raise PageDenied("web.generate.job_other_team")
    return job


@router.get("/teams/{slug}/jobs/{job_id}")
def job_page(
    slug: str, job_id: str, request: Request, store: StoreDep, jobs: JobsDep, user: PageSupervisor
) -> Response:
    team = team_for(store, user, slug)
    job = _team_job(jobs, job_id, slug)
    language = page_language(request, team.language)
    record = store.instance_record(int(job.labels["instance_id"]))
    context: dict[str, Any] = {
        "job": job,
        "instance": record,
        "progress": job_progress(job, language),
        "limit": seconds_text(job.time_limit),
    }
    if job.state.finished:
        finished_as = outcome(job)
        context["outcome"] = finished_as
        instance = store.load_instance_record(record.id)
        if finished_as == "roster":
            assert job.result is not None
            result = result_from_json(job.result, compile_problem(instance))
            context["result"] = result
            context["figures"] = result_figures(result, language)
            context["grid"] = result_grid(instance, result, team_today(instance, now(request)))
            context["penalties"] = penalty_rows(instance, result, language)
        elif finished_as == "infeasible":
            context["infeasibility"] = infeasibility_of(request, job, instance, language)
    return render(
        request,
        "job.html",
        user=user,
        team_language=team.language,
        team=slug,
        team_name=team.name,
        **context,
    )


@router.get("/teams/{slug}/jobs/{job_id}/status")
def job_status(
    slug: str, job_id: str, request: Request, store: StoreDep, jobs: JobsDep, user: PageSupervisor
) -> Response:
    """The live numbers of the job page, as JSON for its script (signed in by cookie)."""
    team = team_for(store, user, slug)
    job = _team_job(jobs, job_id, slug)
    progress = job_progress(job, page_language(request, team.language))
    return JSONResponse(progress, headers={"Cache-Control": "no-store"})


@router.post("/teams/{slug}/jobs/{job_id}/cancel", dependencies=[CsrfChecked])
def cancel_job(
    slug: str, job_id: str, store: StoreDep, jobs: JobsDep, user: PageSupervisor
) -> Response:
    team_for(store, user, slug)
    _team_job(jobs, job_id, slug)
    jobs.cancel(job_id)
    return see_other(job_path(slug, job_id))


@router.post("/teams/{slug}/jobs/{job_id}/publish", dependencies=[CsrfChecked])
def publish_job(
    slug: str,
    job_id: str,
    request: Request,
    store: StoreDep,
    jobs: JobsDep,
    service: ServiceDep,
    user: PageSupervisor,
) -> Response:
    """What the API's publishSolveJob does: the roster becomes the team's current version."""
    team = team_for(store, user, slug)
    job = _team_job(jobs, job_id, slug)
    instance_id = int(job.labels["instance_id"])
    instance = store.load_instance_record(instance_id)
    result = roster_of(job, instance)
    if result is None:
        state = text(f"web.generate.state.{job.state.value}", page_language(request, team.language))
        raise PageDenied("web.generate.nothing_to_publish", 409, state=state)
    source = store.instance_source(instance_id)
    service.publish(slug, instance, source, result, actor=user.name)
    return see_other(f"/teams/{slug}/roster")


@router.post("/teams/{slug}/jobs/{job_id}/relax/{index}", dependencies=[CsrfChecked])
def apply_relaxation(
    slug: str,
    job_id: str,
    index: int,
    request: Request,
    store: StoreDep,
    jobs: JobsDep,
    user: PageSupervisor,
) -> Response:
    """Store the relaxed instance as a new instance of the team and solve it with the same limit."""
    team = team_for(store, user, slug)
    job = _team_job(jobs, job_id, slug)
    if not (job.state is JobState.DONE and outcome(job) == "infeasible"):
        raise PageDenied("web.generate.no_relaxation", 404, index=index)
    language = page_language(request, team.language)
    instance = store.load_instance_record(int(job.labels["instance_id"]))
    relaxations = infeasibility_of(request, job, instance, language).relaxations
    if not (0 <= index < len(relaxations) and relaxations[index].verified):
        raise PageDenied("web.generate.no_relaxation", 404, index=index)
    relaxation = relaxations[index]
    # The description says what changed, so the team's list of instances tells them apart.
    relaxed = relaxation.instance.model_copy(update={"description": relaxation.proposal})
    record = store.save_instance(slug, relaxed, instance_source(relaxed))
    new_job = start_job(jobs, slug, record, store.load_instance_record(record.id), job.time_limit)
    return see_other(job_path(slug, new_job.id))
