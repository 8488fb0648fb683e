"""Generating a roster: pick or upload an instance and start its solve.

The supervisor picks one of the team's instances (or uploads a new file,
checked as the API checks it) and starts a background solve with the same
:class:`SolveJobs` and labels as the API's ``/solve-jobs``; the job's own page
(:mod:`api.web.job_pages`) follows it from there.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Any

import yaml
from fastapi import APIRouter, File, Form, Request, UploadFile
from starlette.responses import Response

from api.deps import JobsDep, StoreDep
from api.web.common import see_other, team_for, team_time
from api.web.session import CsrfChecked, PageDenied, PageSupervisor, page_language
from api.web.solve_view import seconds_text
from api.web.templating import render
from scheduler.instance import Instance, InstanceError, parse_instance_text
from scheduler.jobs import JobRecord, SolveJobs
from scheduler.messages import text
from scheduler.store import InstanceRecord, Store, TeamRecord, UserRecord

router = APIRouter(include_in_schema=False)

DEFAULT_TIME_LIMIT = 10.0
MAX_TIME_LIMIT = 3600.0  # as the API's SolveJobCreate
SOLVE_WORKERS = 2  # the API's default
MAX_UPLOAD_BYTES = 1_000_000
EXAMPLE_FILE = Path(__file__).resolve().parents[2] / "instances" / "four-agents.yaml"

LISTED_INSTANCES = 20  # the newest; each is read in full for its description


# -- pure helpers ---------------------------------------------------------------------------


def parse_time_limit(value: str) -> float | None:
    """Seconds as typed in the form, or None unless 0 < seconds <= 3600."""
    try:
        seconds = float(value.strip().replace(",", "."))
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and 0 < seconds <= MAX_TIME_LIMIT else None


def parse_instance_id(value: str) -> int | None:
    try:
        number = int(value.strip())
    except ValueError:
        return None
    return number if 1 <= number < 2**31 else None


def instance_source(instance: Instance) -> str:
    """The instance as a YAML file that parses back to the same instance."""
    data = instance.model_dump(mode="json")
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# -- lookups with the page's rules ----------------------------------------------------------


def _team_instance(store: Store, slug: str, instance_id: int) -> InstanceRecord:
    record = store.instance_record(instance_id)
    if record.team != slug:
        raise PageDenied("web.generate.instance_other_team", id=instance_id, team=slug)
    return record


def start_job(
    jobs: SolveJobs, slug: str, record: InstanceRecord, instance: Instance, time_limit: float
) -> JobRecord:
    labels = {"team": slug, "instance_id": str(record.id)}
    return jobs.submit(instance, time_limit=time_limit, workers=SOLVE_WORKERS, labels=labels)


def job_path(slug: str, job_id: str) -> str:
    return f"/teams/{slug}/jobs/{job_id}"


# -- the generate page ----------------------------------------------------------------------


def _generate_page(
    request: Request,
    store: Store,
    user: UserRecord,
    team: TeamRecord,
    *,
    selected: int | None = None,
    time_limit: str = seconds_text(DEFAULT_TIME_LIMIT),
    status_code: int = 200,
    **context: Any,
) -> Response:
    instances = store.instances(team.slug)
    if selected is None and instances:
        selected = instances[0].id
    listed = instances[:LISTED_INSTANCES]
    rows = [
        {
            "id": record.id,
            "name": record.name,
            "description": store.load_instance_record(record.id).description,
            "uploaded": team_time(record.created_at, team.timezone),
        }
        for record in listed
    ]
    return render(
        request,
        "generate.html",
        user=user,
        team_language=team.language,
        team=team.slug,
        team_name=team.name,
        instances=rows,
        unlisted=len(instances) - len(listed),
        selected=selected,
        time_limit=time_limit,
        max_time_limit=seconds_text(MAX_TIME_LIMIT),
        example=EXAMPLE_FILE.name if not instances and EXAMPLE_FILE.is_file() else None,
        status_code=status_code,
        **context,
    )


@router.get("/teams/{slug}/generate")
def generate_page(
    slug: str, request: Request, store: StoreDep, user: PageSupervisor, uploaded: int | None = None
) -> Response:
    team = team_for(store, user, slug)
    context: dict[str, Any] = {}
    if uploaded is not None:
        record = _team_instance(store, slug, uploaded)
        language = page_language(request, team.language)
        context["notice"] = text(
            "web.generate.upload.done", language, name=record.name, id=record.id
        )
    return _generate_page(request, store, user, team, selected=uploaded, **context)


@router.post("/teams/{slug}/generate", dependencies=[CsrfChecked])
def start_solve(
    slug: str,
    request: Request,
    store: StoreDep,
    jobs: JobsDep,
    user: PageSupervisor,
    instance_id: Annotated[str, Form()] = "",
    time_limit: Annotated[str, Form()] = "",
) -> Response:
    team = team_for(store, user, slug)
    chosen = parse_instance_id(instance_id)
    seconds = parse_time_limit(time_limit)
    if chosen is None or seconds is None:
        key = "web.generate.no_instance" if chosen is None else "web.generate.bad_time_limit"
        return _generate_page(
            request,
            store,
            user,
            team,
            selected=chosen,
            time_limit=time_limit,
            problem_key=key,
            status_code=422,
        )
    record = _team_instance(store, slug, chosen)
    job = start_job(jobs, slug, record, store.load_instance_record(record.id), seconds)
    return see_other(job_path(slug, job.id))


@router.post("/teams/{slug}/generate/upload", dependencies=[CsrfChecked])
def upload_instance(
    slug: str,
    request: Request,
    store: StoreDep,
    user: PageSupervisor,
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    team = team_for(store, user, slug)
    language = page_language(request, team.language)
    content = file.file.read(MAX_UPLOAD_BYTES + 1) if file is not None else b""
    if not content:
        return _generate_page(
            request, store, user, team, problem_key="web.generate.upload.missing", status_code=422
        )
    if len(content) > MAX_UPLOAD_BYTES:
        problem = text("web.generate.upload.too_big", language, limit=MAX_UPLOAD_BYTES // 1000)
        return _generate_page(request, store, user, team, problem=problem, status_code=413)
    source = content.decode("utf-8", errors="replace")
    try:
        instance = parse_instance_text(source, (file and file.filename) or "upload")
    except InstanceError as error:
        return _generate_page(
            request,
            store,
            user,
            team,
            problem=text("web.generate.upload.invalid", language, count=len(error.problems)),
            upload_problems=[problem.describe(language) for problem in error.problems],
            status_code=422,
        )
    record = store.save_instance(slug, instance, source)
    return see_other(f"/teams/{slug}/generate?uploaded={record.id}")


@router.post("/teams/{slug}/generate/example", dependencies=[CsrfChecked])
def use_example(slug: str, store: StoreDep, user: PageSupervisor) -> Response:
    """Only for a team without any instance: its first one is the example team file."""
    team_for(store, user, slug)
    if store.instances(slug) or not EXAMPLE_FILE.is_file():
        return see_other(f"/teams/{slug}/generate")
    source = EXAMPLE_FILE.read_text(encoding="utf-8")
    record = store.save_instance(slug, parse_instance_text(source, EXAMPLE_FILE.name), source)
    return see_other(f"/teams/{slug}/generate?uploaded={record.id}")
