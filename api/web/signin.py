"""Signing in and out, the landing page and the list of teams."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from api.deps import StoreDep
from api.web.common import see_other
from api.web.session import (
    CsrfChecked,
    PageSupervisor,
    home_path,
    page_user_or_none,
    safe_next,
    sign_in,
    sign_out,
)
from api.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/")
def landing(request: Request, store: StoreDep) -> Response:
    user = page_user_or_none(request, store)
    return see_other(home_path(store, user) if user else "/signin")


@router.get("/signin")
def signin_page(request: Request, store: StoreDep, next: str | None = None) -> Response:
    return render(request, "signin.html", user=None, next=safe_next(next))


@router.post("/signin", dependencies=[CsrfChecked])
def signin(
    request: Request,
    store: StoreDep,
    token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    user = store.user_for_token(token.strip()) if token.strip() else None
    if user is None:
        return render(
            request,
            "signin.html",
            user=None,
            next=safe_next(next),
            problem_key="web.signin.unknown",
            status_code=401,
        )
    response = see_other(safe_next(next) or home_path(store, user))
    sign_in(response, request, token.strip())
    return response


@router.post("/signout", dependencies=[CsrfChecked])
def signout() -> Response:
    response = see_other("/signin")
    sign_out(response)
    return response


@router.get("/teams")
def teams_page(request: Request, store: StoreDep, user: PageSupervisor) -> Response:
    visible = [t for t in store.teams() if user.team in (None, t.slug)]
    return render(request, "teams.html", user=user, teams=visible)
