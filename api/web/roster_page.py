"""The supervisor's roster: a version (the current one by default) as a grid."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from api.deps import StoreDep
from api.web.common import now, team_for, version_or_current
from api.web.grid import build_grid, team_today
from api.web.session import PageSupervisor
from api.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/teams/{slug}/roster")
def roster_page(
    slug: str, request: Request, store: StoreDep, user: PageSupervisor, version: int | None = None
) -> Response:
    team = team_for(store, user, slug)
    record = version_or_current(store, slug, version)
    context: dict[str, Any] = {"team": slug, "team_name": team.name, "version": record}
    if record is not None:
        instance = store.load_instance_record(record.instance_id)
        context["grid"] = build_grid(instance, record.duties, team_today(instance, now(request)))
    return render(request, "roster.html", user=user, team_language=team.language, **context)
