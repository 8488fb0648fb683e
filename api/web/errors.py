"""Errors on pages are pages: the API's handlers answer problem JSON, pages answer HTML.

:func:`install_page_errors` wraps every exception handler the app has: a
request to a page (anything outside ``/api``, ``/feeds`` and the OpenAPI
document) gets an HTML page in its language, with the same status and the
same reason the API would give; every other request keeps its handler.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import RedirectResponse, Response

from api.problems import ProblemError
from api.web.session import PageDenied, SignInRequired, page_language, page_user_or_none
from api.web.templating import render
from scheduler.instance import InstanceError
from scheduler.messages import text
from scheduler.store import NotFound, Store, StoreError, UserRecord
from scheduler.swaps import SwapError
from scheduler.swaps.rules import NotAllowed

Handler = Callable[[Request, Exception], Awaitable[Response]]
API_PATHS = ("/api/", "/feeds/", "/openapi.json", "/docs", "/redoc", "/static/")


def is_page(request: Request) -> bool:
    return not request.url.path.startswith(API_PATHS)


def refusal_status(error: Exception) -> int:
    """The status of a refusal by the library, as the API gives it."""
    if isinstance(error, NotAllowed):
        return 403
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, StoreError):
        return 409  # the roster or the request changed meanwhile
    return 422


def _status_and_message(request: Request, error: Exception, language: str) -> tuple[int, str]:
    if isinstance(error, PageDenied):
        return error.status, text(error.key, language, **error.values)
    if isinstance(error, StoreError | SwapError | InstanceError):
        return refusal_status(error), error.describe(language)
    if isinstance(error, ProblemError):
        return error.status, error.detail
    if isinstance(error, RequestValidationError):
        fields = "; ".join(
            f"{'.'.join(str(p) for p in item['loc'] if p not in ('body', 'query'))}: {item['msg']}"
            for item in error.errors()
        )
        return 422, fields
    if isinstance(error, StarletteHTTPException):
        if error.status_code == 404:
            return 404, text("web.error.not_found", language)
        return error.status_code, str(error.detail)
    return 500, text("web.error.server", language)


def error_page(request: Request, error: Exception) -> Response:
    if isinstance(error, SignInRequired):
        return RedirectResponse(f"/signin?next={error.next_path}", status_code=303)
    user, team_language = _viewer(request)
    language = page_language(request, team_language)
    status, message = _status_and_message(request, error, language)
    key = "web.denied.title" if status == 403 else "web.error.title"
    return render(
        request,
        "error.html",
        user=user,
        team_language=team_language,
        team=user.team if user else None,
        status_code=status,
        heading=text(key, language),
        message=message,
    )


def _viewer(request: Request) -> tuple[UserRecord | None, str | None]:
    """Who sees the error page and their team's language, so it speaks as their pages do.

    An error page must never fail itself: a store that cannot answer means no user.
    """
    try:
        store: Store = request.app.state.store
        user = page_user_or_none(request, store)
        language = store.team(user.team).language if user and user.team else None
    except Exception:
        return None, None
    return user, language


def install_page_errors(app: FastAPI) -> None:
    handlers: dict[type[Exception], Handler | None] = {
        cls: handler  # type: ignore[misc]
        for cls, handler in app.exception_handlers.items()
        if isinstance(cls, type)
    }
    handlers.setdefault(SignInRequired, None)
    handlers.setdefault(PageDenied, None)

    for cls, api_handler in handlers.items():

        async def handle(
            request: Request, error: Exception, api_handler: Handler | None = api_handler
        ) -> Response:
            if is_page(request) or api_handler is None:
                return error_page(request, error)
            return await api_handler(request, error)

        app.add_exception_handler(cls, handle)
