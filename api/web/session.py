"""Who is looking at a page: the API token in a cookie, the page language, and CSRF.

Pages sign in with the same API token as the API (``roster tokens create``);
it is kept in an HttpOnly, SameSite=Strict cookie so that no script and no
other site can read or send it. Every form carries a CSRF token that must
equal the ``roster_csrf`` cookie (a double submit): another site can make a
browser post a form, but it can neither read that cookie nor set the field.
Unsafe requests must also come from our own origin when the browser says
where they come from.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, Form, Request
from starlette.responses import Response

from api.deps import StoreDep
from scheduler.messages import LANGUAGES
from scheduler.store import Role, Store, UserRecord

TOKEN_COOKIE = "roster_token"
CSRF_COOKIE = "roster_csrf"
LANGUAGE_COOKIE = "roster_lang"


class SignInRequired(Exception):
    """No valid token cookie: the page handler answers with a redirect to the sign-in page."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class PageDenied(Exception):
    """A page the signed-in user may not see or a form that failed a check: 403 with a reason.

    ``key`` names the catalogue entry, so that the reason shows in the page language.
    """

    def __init__(self, key: str, status: int = 403, /, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.status = status
        self.values = values


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def set_cookie(
    response: Response, request: Request, name: str, value: str, **extra: object
) -> None:
    response.set_cookie(
        name,
        value,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        path="/",
        **extra,  # type: ignore[arg-type]
    )


def sign_in(response: Response, request: Request, token: str) -> None:
    set_cookie(response, request, TOKEN_COOKIE, token)


def sign_out(response: Response) -> None:
    response.delete_cookie(TOKEN_COOKIE, path="/")


def page_user_or_none(request: Request, store: StoreDep) -> UserRecord | None:
    token = request.cookies.get(TOKEN_COOKIE)
    return store.user_for_token(token) if token else None


def page_user(request: Request, store: StoreDep) -> UserRecord:
    user = page_user_or_none(request, store)
    if user is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise SignInRequired(target)
    return user


PageUser = Annotated[UserRecord, Depends(page_user)]


def page_supervisor(user: PageUser) -> UserRecord:
    if user.role is not Role.SUPERVISOR:
        raise PageDenied("web.denied.supervisor_only")
    return user


PageSupervisor = Annotated[UserRecord, Depends(page_supervisor)]


def page_agent(user: PageUser) -> UserRecord:
    if user.role is not Role.AGENT or user.agent is None:
        raise PageDenied("web.denied.agent_only")
    return user


PageAgent = Annotated[UserRecord, Depends(page_agent)]


def check_page_team(user: UserRecord, team: str) -> None:
    """The same rule as the API: a team-bound user sees only their own team."""
    if user.team is not None and user.team != team:
        raise PageDenied("web.denied.other_team", team=team)


def csrf_token(request: Request) -> str:
    """The CSRF value of this browser; a new one is made (and set by the page) when missing."""
    existing = request.cookies.get(CSRF_COOKIE)
    if existing:
        return existing
    made: str | None = getattr(request.state, "new_csrf", None)
    if made is None:
        made = secrets.token_urlsafe(32)
        request.state.new_csrf = made
    return made


def remember_csrf(request: Request, response: Response) -> None:
    """Set the CSRF cookie on ``response`` if this request had to make one."""
    made = getattr(request.state, "new_csrf", None)
    if made is not None:
        set_cookie(response, request, CSRF_COOKIE, made)


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin or origin == "null":
        return origin is None  # "null" comes from sandboxed or privacy-stripped contexts
    host = request.headers.get("host", "")
    return urlsplit(origin).netloc == host


def check_csrf(request: Request, csrf: Annotated[str, Form()] = "") -> None:
    """Every form: the hidden ``csrf`` field equals the cookie, and the origin is ours."""
    expected = request.cookies.get(CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(csrf.encode(), expected.encode()):
        raise PageDenied("web.denied.csrf")
    if not _same_origin(request):
        raise PageDenied("web.denied.origin")


CsrfChecked = Depends(check_csrf)


def page_language(request: Request, team_language: str | None = None) -> str:
    """``?lang=`` first, then the language cookie, then the team's language, then English."""
    for choice in (request.query_params.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        if choice in LANGUAGES:
            return choice
    return team_language if team_language in LANGUAGES else "en"


def remember_language(request: Request, response: Response) -> None:
    choice = request.query_params.get("lang")
    if choice in LANGUAGES:
        set_cookie(response, request, LANGUAGE_COOKIE, choice, max_age=365 * 86400)


def home_path(store: Store, user: UserRecord) -> str:
    """Where a user lands after signing in: agents on their duties, supervisors on a roster."""
    if user.role is Role.AGENT:
        return "/me"
    team = user.team or next((t.slug for t in store.teams()), None)
    return f"/teams/{quote(team)}/roster" if team else "/teams"


def safe_next(value: str | None) -> str | None:
    """Only a path of this site (``/x``, never ``//host`` or ``https://...``) may follow sign-in."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return None
