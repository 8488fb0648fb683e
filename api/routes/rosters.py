"""Roster versions (JSON, or CSV with ``Accept: text/csv``), responsibility, and the audit chain."""

from __future__ import annotations

import csv
import datetime as dt
import io

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from api.conventions import CONDITIONAL_GET, CacheCheck, ConventionRoute, Page, Paging
from api.deps import CurrentUser, StoreDep, Supervisor, check_team_access
from api.problems import ProblemError, language_of, problem_responses
from api.schemas.rosters import DutyPublic, RosterPublic
from scheduler.store import VersionRecord
from scheduler.swaps import explain_responsibility

router = APIRouter(
    tags=["rosters"], responses=problem_responses(401, 403, 404), route_class=ConventionRoute
)

ROSTER_CONTENT = {
    200: {
        "content": {
            "application/json": {},
            "text/csv": {
                "schema": {"type": "string"},
                "example": "agent,date,shift\na1,2026-11-30,B\n",
            },
        }
    }
}


def find_version(store: StoreDep, slug: str, version: str) -> VersionRecord:
    if version == "current":
        found = store.current_version(slug)
        if found is None:
            raise ProblemError(404, "not-found", "Not found", f"team {slug} has no roster yet")
        return found
    if not version.isdigit():
        raise ProblemError(404, "not-found", "Not found", f"no roster version {version!r}")
    return store.version(slug, int(version))


def _csv(version: VersionRecord) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["agent", "date", "shift"])
    for duty in version.duties:
        writer.writerow([duty.holder, duty.key.date.isoformat(), duty.key.shift])
    return out.getvalue()


@router.get(
    "/teams/{slug}/rosters/{version}",
    operation_id="getRoster",
    summary="A roster version (a number, or current)",
    response_model=RosterPublic,
    responses={**CONDITIONAL_GET, 200: {**CONDITIONAL_GET[200], **ROSTER_CONTENT[200]}},
)
def get_roster(
    slug: str,
    version: str,
    request: Request,
    store: StoreDep,
    user: CurrentUser,
    cache: CacheCheck,
) -> RosterPublic | Response:
    check_team_access(user, slug)
    record = find_version(store, slug, version)
    # JSON and CSV are two representations: each has its own ETag.
    if "text/csv" in request.headers.get("accept", ""):
        text = _csv(record)
        tag = cache.tag(text, vary="Accept")
        return Response(
            text, media_type="text/csv; charset=utf-8", headers={"ETag": tag, "Vary": "Accept"}
        )
    body = RosterPublic.of(record)
    cache.tag(body, vary="Accept")
    return body


class VersionSummary(BaseModel):
    version: int
    parent: int | None
    reason: str
    created_at: dt.datetime


class VersionPage(Page[VersionSummary]):
    """A page of a team's roster versions, oldest first."""


@router.get(
    "/teams/{slug}/rosters",
    operation_id="listRosters",
    summary="The team's roster versions, oldest first",
    responses=problem_responses(422),
)
def list_rosters(slug: str, store: StoreDep, user: CurrentUser, paging: Paging) -> VersionPage:
    check_team_access(user, slug)
    versions = [
        VersionSummary(version=v.number, parent=v.parent, reason=v.reason, created_at=v.created_at)
        for v in store.versions(slug)
    ]
    items, next_cursor = paging.slice(versions, lambda summary: summary.version)
    return VersionPage(items=items, next_cursor=next_cursor)


class Responsibility(DutyPublic):
    explanation: str


@router.get("/teams/{slug}/responsibility/{day}", operation_id="getResponsibility")
def get_responsibility(
    slug: str, day: dt.date, request: Request, store: StoreDep, user: CurrentUser
) -> list[Responsibility]:
    check_team_access(user, slug)
    language = language_of(request)
    record = find_version(store, slug, "current")
    return [
        Responsibility(
            **DutyPublic.of(d).model_dump(), explanation=explain_responsibility(d, language)
        )
        for d in record.duties
        if d.key.date == day
    ]


class AuditReport(BaseModel):
    ok: bool
    entries: int
    first_bad_seq: int | None
    reason: str | None
    detail: str


@router.get("/audit/verify", operation_id="verifyAudit", tags=["audit"])
def verify_audit(request: Request, store: StoreDep, _: Supervisor) -> AuditReport:
    verification = store.verify_audit()
    return AuditReport(
        ok=verification.ok, entries=verification.entries,
        first_bad_seq=verification.first_bad_seq, reason=verification.reason,
        detail=verification.describe(language_of(request)),
    )  # fmt: skip
