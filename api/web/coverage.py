"""The supervisor's coverage page: a roster version against what its instance asks for.

Per day and shift type, and per interval, the agents on duty against the
requirement or the call forecast, gaps highlighted; then how evenly the work
is shared and what each rule costs. The numbers come from
:mod:`api.web.coverage_table`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from api.deps import StoreDep
from api.web.common import team_for, version_or_current
from api.web.coverage_table import coverage_report
from api.web.grid import shift_infos
from api.web.session import PageSupervisor
from api.web.templating import render
from api.web.versions import current_number

router = APIRouter(include_in_schema=False)


@router.get("/teams/{slug}/coverage")
def coverage_page(
    slug: str, request: Request, store: StoreDep, user: PageSupervisor, version: int | None = None
) -> Response:
    team = team_for(store, user, slug)
    record = version_or_current(store, slug, version)
    versions = store.versions(slug)
    context: dict[str, Any] = {
        "team_name": team.name,
        "version": record,
        "versions": versions,
        "current": current_number(versions),
    }
    if record is not None:
        instance = store.load_instance_record(record.instance_id)
        context["report"] = coverage_report(instance, record.duties)
        context["shift_info"] = shift_infos(instance)
    return render(
        request, "coverage.html", user=user, team_language=team.language, team=slug, **context
    )
