"""Explanations over HTTP: an instance's gaps and conflict, a roster's trade-offs.

``GET /instances/{id}/explanation`` solves the instance and answers with the
coverage gaps and either the minimal conflict with verified relaxations or the
trade-offs of the best roster (the JSON of ``roster explain``). It runs on a
worker thread; explaining the two-days-off team takes about 3 s. Supervisors
only: each explanation runs several solves.
``GET /teams/{slug}/rosters/{version}/explanation`` gives the trade-offs of a
stored version, recomputed by the independent checker, so a roster changed by
swaps is judged as it now stands.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request

from api.conventions import ConventionRoute
from api.deps import CurrentUser, RecordId, StoreDep, Supervisor, check_team_access
from api.problems import language_of, problem_responses
from api.routes.rosters import find_version
from scheduler.check import check
from scheduler.explain.gaps import find_coverage_gaps
from scheduler.explain.report import explain
from scheduler.explain.tradeoffs import tradeoffs_of
from scheduler.problem import compile_problem
from scheduler.swaps.change import assignments_of

router = APIRouter(
    tags=["explanations"], responses=problem_responses(401, 403, 404), route_class=ConventionRoute
)


@router.get(
    "/instances/{instance_id}/explanation",
    operation_id="explainInstance",
    summary="Coverage gaps, then the conflict with verified relaxations or the trade-offs",
)
def explain_instance(
    instance_id: RecordId,
    request: Request,
    store: StoreDep,
    user: Supervisor,
    time_limit: float = Query(10.0, gt=0, le=120, description="Seconds for each solve."),
) -> dict[str, Any]:
    record = store.instance_record(instance_id)
    check_team_access(user, record.team)
    instance = store.load_instance_record(instance_id)
    explanation = explain(instance, language_of(request), time_limit=time_limit, workers=1)
    return explanation.to_json()


@router.get(
    "/teams/{slug}/rosters/{version}/explanation",
    operation_id="explainRoster",
    summary="Coverage gaps and the trade-offs of a stored roster version",
)
def explain_roster(
    slug: str, version: str, request: Request, store: StoreDep, user: CurrentUser
) -> dict[str, Any]:
    check_team_access(user, slug)
    record = find_version(store, slug, version)
    instance = store.load_instance_record(record.instance_id)
    problem = compile_problem(instance)
    assignments = assignments_of({duty.key: duty.holder for duty in record.duties})
    report = check(instance, assignments)
    language = language_of(request)
    return {
        "coverage_gaps": [gap.to_json() for gap in find_coverage_gaps(instance, problem)],
        "version": record.number,
        "feasible": report.feasible,
        "violations": [violation.describe(language) for violation in report.violations],
        "objective": report.objective,
        "tradeoffs": tradeoffs_of(problem, assignments, report.penalties).to_json(language),
    }
