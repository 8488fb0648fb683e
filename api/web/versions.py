"""The supervisor's history of roster versions, and the comparison of two of them.

The list links every version to its grid, its coverage and its comparison
with its parent. The store publishes a version only when it is created (the
``published`` flag cannot be set later), so the list shows which versions are
published but offers no button to publish one afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from api.deps import StoreDep
from api.web.common import now, team_for, team_time
from api.web.grid import build_grid, shift_infos, team_today
from api.web.session import PageSupervisor
from api.web.templating import render
from api.web.version_diff import diff_versions
from scheduler.store import VersionInfo

router = APIRouter(include_in_schema=False)

# The reasons the library writes (scheduler.service.roster), said again in the page language.
_REASONS = (
    (re.compile(r"^published$"), "web.reports.reason.published"),
    (re.compile(r"^swap (?P<id>\d+)$"), "web.reports.reason.swap"),
    (
        re.compile(r"^reroster: (?P<agent>\S+) absent (?P<first>[\d-]+)\.\.(?P<last>[\d-]+)$"),
        "web.reports.reason.reroster",
    ),
)


@dataclass(frozen=True)
class Reason:
    """A version's reason as a catalogue key and values, or the stored text when unknown."""

    key: str | None
    values: dict[str, str]
    raw: str


def reason_of(reason: str) -> Reason:
    for pattern, key in _REASONS:
        found = pattern.match(reason)
        if found:
            return Reason(key, found.groupdict(), reason)
    return Reason(None, {}, reason)


def current_number(versions: tuple[VersionInfo, ...]) -> int | None:
    """The head: the version no other version names as its parent."""
    parents = {version.parent for version in versions}
    heads = [version.number for version in versions if version.number not in parents]
    return max(heads, default=None)


@router.get("/teams/{slug}/versions")
def versions_page(slug: str, request: Request, store: StoreDep, user: PageSupervisor) -> Response:
    team = team_for(store, user, slug)
    versions = store.versions(slug)
    return render(
        request,
        "versions.html",
        user=user,
        team_language=team.language,
        team=slug,
        team_name=team.name,
        versions=list(reversed(versions)),  # newest first: what changed last is what is asked
        current=current_number(versions),
        reasons={version.number: reason_of(version.reason) for version in versions},
        created={
            version.number: team_time(version.created_at, team.timezone) for version in versions
        },
    )


@router.get("/teams/{slug}/compare")
def compare_page(
    slug: str,
    request: Request,
    store: StoreDep,
    user: PageSupervisor,
    a: int | None = None,
    b: int | None = None,
) -> Response:
    """Version ``a`` (by default ``b``'s parent) against ``b`` (by default the current one)."""
    team = team_for(store, user, slug)
    versions = store.versions(slug)
    context: dict[str, Any] = {
        "team_name": team.name,
        "versions": versions,
        "current": current_number(versions),
    }
    after = store.version(slug, b) if b is not None else store.current_version(slug)
    if after is not None:
        first = a if a is not None else (after.parent if after.parent is not None else after.number)
        before = store.version(slug, first)
        instance = store.load_instance_record(after.instance_id)
        diff = diff_versions(before.duties, after.duties)
        names = {agent.id: agent.display_name for agent in instance.team.agents}
        context.update(
            before=before,
            after=after,
            diff=diff,
            names=names,
            shifts=shift_infos(instance),
            grid=build_grid(instance, after.duties, team_today(instance, now(request))),
            marks=diff.marks(),
        )
    return render(
        request, "compare.html", user=user, team_language=team.language, team=slug, **context
    )
