"""What several pages share: the team being looked at, the clock, and a redirect after a form."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from fastapi import Request
from starlette.responses import RedirectResponse

from api.web.session import check_page_team
from scheduler.service import RosterService
from scheduler.store import Store, TeamRecord, UserRecord, VersionRecord


def team_for(store: Store, user: UserRecord, slug: str) -> TeamRecord:
    """The team ``slug`` if ``user`` may see it (else a 403 page; an unknown team is a 404)."""
    check_page_team(user, slug)
    return store.team(slug)


def version_or_current(store: Store, slug: str, number: int | None) -> VersionRecord | None:
    """Version ``number`` of the team (a 404 page when there is none), else its current one."""
    return store.current_version(slug) if number is None else store.version(slug, number)


def now(request: Request) -> dt.datetime:
    """The service's clock (the tests fix it), so pages and rules agree on what "now" is."""
    service: RosterService = request.app.state.service
    return service.clock()


def team_time(moment: dt.datetime, timezone: str) -> str:
    """``moment`` on the team's clock, to the minute (a naive time from the database is UTC)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M")


def see_other(path: str) -> RedirectResponse:
    """After a form: the browser loads ``path`` with GET (reloading it does not post again)."""
    return RedirectResponse(path, status_code=303)
