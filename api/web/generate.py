"""Generating a roster: pick or upload an instance, watch the solve, publish or relax.

The supervisor starts a background solve (the same :class:`SolveJobs` the API's
``/solve-jobs`` uses, with the same labels), watches its progress on a page
that polls a small JSON status, and then sees the roster with what it gives
up and a button to publish it, or, when the hard rules cannot all hold, the
conflict with its verified relaxations, each a button that stores the relaxed
instance and solves it again. Explaining a conflict runs several solves, so
each job's explanation is computed once (per page language) and kept in a
small bounded cache on the app.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import yaml
from fastapi import APIRouter, File, Form, Request, UploadFile
from starlette.responses import JSONResponse, Response

from api.deps import JobsDep, ServiceDep, StoreDep
from api.web.common import now, see_other, team_for, team_time
from api.web.grid import Grid, build_grid, team_today
from api.web.session import CsrfChecked, PageDenied, PageSupervisor, page_language
from api.web.templating import render
from scheduler.explain.report import Infeasibility, explain_infeasibility
from scheduler.explain.tradeoffs import tradeoffs
from scheduler.export import result_from_json
from scheduler.instance import Instance, InstanceError, parse_instance_text
from scheduler.jobs import JobRecord, JobState, SolveJobs
from scheduler.messages import text
from scheduler.problem import compile_problem
from scheduler.result import Result, Status
from scheduler.store import InstanceRecord, Store, TeamRecord, UserRecord
from scheduler.swaps import duty_keys, original_duties

router = APIRouter(include_in_schema=False)

DEFAULT_TIME_LIMIT = 10.0
MAX_TIME_LIMIT = 3600.0  # as the API's SolveJobCreate
SOLVE_WORKERS = 2  # the API's default
MAX_UPLOAD_BYTES = 1_000_000
EXAMPLE_FILE = Path(__file__).resolve().parents[2] / "instances" / "four-agents.yaml"

# Explaining a conflict: at most this long for the conflict and for each relaxation's check.
EXPLAIN_TIME_LIMIT = 10.0
VERIFY_TIME_LIMIT = 5.0
KEEP_EXPLANATIONS = 16

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


def number_text(value: float | None, none: str) -> str:
    """An objective or bound for people: whole numbers without ``.0``, else one decimal."""
    if value is None or not math.isfinite(value):
        return none
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def seconds_text(value: float) -> str:
    return f"{value:g}"


def job_progress(job: JobRecord, language: str) -> dict[str, Any]:
    """What the status JSON and the live part of the job page show, with texts ready to print."""
    none = text("web.generate.job.none", language)
    elapsed = job.elapsed_s or 0.0
    return {
        "state": job.state.value,
        "elapsed_s": job.elapsed_s,
        "time_limit": job.time_limit,
        "objective": job.objective,
        "best_bound": job.best_bound,
        "solutions": job.solutions,
        "done": job.state.finished,
        "text": {
            "state": text(f"web.generate.state.{job.state.value}", language),
            "elapsed": text(
                "web.generate.job.elapsed_value",
                language,
                elapsed=f"{elapsed:.1f}",
                limit=seconds_text(job.time_limit),
            ),
            "objective": number_text(job.objective, none),
            "bound": number_text(job.best_bound, none),
            "solutions": str(job.solutions),
        },
    }


def result_figures(result: Result, language: str) -> dict[str, str]:
    """The result's status, cost, bound, gap and solve time as the result page prints them."""
    none = text("web.generate.job.none", language)
    gap = result.gap
    return {
        "status": text(f"web.generate.status.{result.status.value}", language),
        "objective": number_text(result.objective, none),
        "bound": number_text(result.best_bound, none),
        "gap": none
        if gap is None
        else text("web.generate.result.gap_value", language, percent=f"{100 * gap:.1f}"),
        "wall_time": text(
            "web.generate.result.seconds", language, value=f"{result.wall_time_s:.1f}"
        ),
    }


def instance_source(instance: Instance) -> str:
    """The instance as a YAML file that parses back to the same instance."""
    data = instance.model_dump(mode="json")
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def roster_of(job: JobRecord, instance: Instance) -> Result | None:
    """The job's result when it has a roster to show and publish."""
    if job.state is not JobState.DONE or job.result is None or not job.result.get("assignments"):
        return None
    return result_from_json(job.result, compile_problem(instance))


@dataclass(frozen=True)
class RuleRow:
    """One line of the penalty breakdown: a rule, how often it gives way, and each case."""

    label: str
    count: int
    cost: int
    sentences: list[str]


def penalty_rows(instance: Instance, result: Result, language: str) -> list[RuleRow]:
    """The result's penalties grouped by rule, each case in a plain sentence."""
    summary = tradeoffs(compile_problem(instance), result)
    return [
        RuleRow(rule.label(language), rule.count, rule.cost, summary.sentences(rule, language))
        for rule in summary.by_rule
    ]


def result_grid(instance: Instance, result: Result, today: dt.date) -> Grid:
    """The solved roster as the grid of a freshly published version (holder answers)."""
    duties = original_duties(duty_keys(result.assignments))
    return build_grid(instance, duties.values(), today)


# -- explanations, once per job -------------------------------------------------------------


class ExplanationCache:
    """Infeasibility explanations by (job id, language), the latest ``size`` kept.

    A second request for a key being computed waits for the first instead of
    solving the same models again.
    """

    def __init__(self, size: int = KEEP_EXPLANATIONS) -> None:
        self._size = size
        self._entries: OrderedDict[tuple[str, str], Infeasibility] = OrderedDict()
        self._computing: dict[tuple[str, str], threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str], compute: Callable[[], Infeasibility]) -> Infeasibility:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
            key_lock = self._computing.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._entries:
                    return self._entries[key]
            try:
                value = compute()
            finally:
                with self._lock:
                    self._computing.pop(key, None)
            with self._lock:
                self._entries[key] = value
                while len(self._entries) > self._size:
                    self._entries.popitem(last=False)
        return value


_CACHE_LOCK = threading.Lock()


def _explanations(request: Request) -> ExplanationCache:
    with _CACHE_LOCK:
        cache: ExplanationCache | None = getattr(request.app.state, "generate_explanations", None)
        if cache is None:
            cache = request.app.state.generate_explanations = ExplanationCache()
    return cache


def _infeasibility(
    request: Request, job: JobRecord, instance: Instance, language: str
) -> Infeasibility:
    def compute() -> Infeasibility:
        return explain_infeasibility(
            instance,
            language,
            time_limit=min(job.time_limit, EXPLAIN_TIME_LIMIT),
            verify_time_limit=min(job.time_limit, VERIFY_TIME_LIMIT),
            workers=1,  # on the web server's own threads: leave the cores to the solve jobs
            seed=job.seed,
        )

    return _explanations(request).get((job.id, language), compute)


# -- lookups with the page's rules ----------------------------------------------------------


def _team_instance(store: Store, slug: str, instance_id: int) -> InstanceRecord:
    record = store.instance_record(instance_id)
    if record.team != slug:
        raise PageDenied("web.generate.instance_other_team", id=instance_id, team=slug)
    return record


def _team_job(jobs: SolveJobs, job_id: str, slug: str) -> JobRecord:
    """The job if it is one of team ``slug``'s (the caller has checked the user's team)."""
    try:
        job = jobs.get(job_id)
    except KeyError:
        raise PageDenied("web.generate.unknown_job", 404, id=job_id) from None
    if job.labels.get("team") != slug or "instance_id" not in job.labels:
        raise PageDenied("web.generate.job_other_team")
    return job


def _start(
    jobs: SolveJobs, slug: str, record: InstanceRecord, instance: Instance, time_limit: float
) -> JobRecord:
    labels = {"team": slug, "instance_id": str(record.id)}
    return jobs.submit(instance, time_limit=time_limit, workers=SOLVE_WORKERS, labels=labels)


def _job_path(slug: str, job_id: str) -> str:
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
    job = _start(jobs, slug, record, store.load_instance_record(record.id), seconds)
    return see_other(_job_path(slug, job.id))


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


# -- the job page ---------------------------------------------------------------------------


def _outcome(job: JobRecord) -> str:
    """Which finished page to show: roster, infeasible, unknown, invalid, failed or cancelled."""
    if job.state is JobState.CANCELLED:
        return "cancelled"
    if job.state is JobState.FAILED or job.result is None:
        return "failed"
    status = Status(job.result["status"])
    if status.has_roster:
        return "roster"
    if status is Status.INFEASIBLE:
        return "infeasible"
    return "invalid" if status is Status.MODEL_INVALID else "unknown"


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
        outcome = _outcome(job)
        context["outcome"] = outcome
        instance = store.load_instance_record(record.id)
        if outcome == "roster":
            assert job.result is not None
            result = result_from_json(job.result, compile_problem(instance))
            context["result"] = result
            context["figures"] = result_figures(result, language)
            context["grid"] = result_grid(instance, result, team_today(instance, now(request)))
            context["penalties"] = penalty_rows(instance, result, language)
        elif outcome == "infeasible":
            context["infeasibility"] = _infeasibility(request, job, instance, language)
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
    return see_other(_job_path(slug, job_id))


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
    if not (job.state is JobState.DONE and _outcome(job) == "infeasible"):
        raise PageDenied("web.generate.no_relaxation", 404, index=index)
    language = page_language(request, team.language)
    instance = store.load_instance_record(int(job.labels["instance_id"]))
    relaxations = _infeasibility(request, job, instance, language).relaxations
    if not (0 <= index < len(relaxations) and relaxations[index].verified):
        raise PageDenied("web.generate.no_relaxation", 404, index=index)
    relaxation = relaxations[index]
    # The description says what changed, so the team's list of instances tells them apart.
    relaxed = relaxation.instance.model_copy(update={"description": relaxation.proposal})
    record = store.save_instance(slug, relaxed, instance_source(relaxed))
    new_job = _start(jobs, slug, record, store.load_instance_record(record.id), job.time_limit)
    return see_other(_job_path(slug, new_job.id))
