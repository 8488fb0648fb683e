"""Rendering a page: the Jinja2 templates, the page language and what every page needs.

Every template gets ``t`` (the message catalogue in the page language),
``lang``, ``user``, ``csrf`` (for the hidden form field) and ``lang_url`` (the
same page in another language). Jinja2 escapes every value, so names and notes
typed by users cannot become markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse

from api.web.session import csrf_token, page_language, remember_csrf, remember_language
from scheduler.messages import LANGUAGES, text
from scheduler.store import UserRecord

# Pages load only their own scripts and styles, and no other site may frame them (a framed
# approve button could be clicked by trickery); addresses with feed secrets stay on this site.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
}

TEMPLATES = Jinja2Templates(directory=Path(__file__).with_name("templates"))
TEMPLATES.env.trim_blocks = True
TEMPLATES.env.lstrip_blocks = True


def _lang_url(request: Request, language: str) -> str:
    url = request.url.include_query_params(lang=language)
    return f"{url.path}?{url.query}"


def render(
    request: Request,
    template: str,
    *,
    user: UserRecord | None,
    team_language: str | None = None,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    """``template`` filled with ``context`` and the common values, in the page language."""
    language = page_language(request, team_language)

    def translate(key: str, /, **values: object) -> str:
        return text(key, language, **values)

    # A page may name its notice or problem by catalogue key, to be shown in the page language.
    for field in ("notice", "problem"):
        key = context.pop(f"{field}_key", None)
        if key is not None:
            context[field] = translate(key)

    response = TEMPLATES.TemplateResponse(
        request,
        template,
        {
            "t": translate,
            "lang": language,
            "languages": LANGUAGES,
            "lang_url": lambda code: _lang_url(request, code),
            "user": user,
            "csrf": csrf_token(request),
            **context,
        },
        status_code=status_code,
    )
    response.headers.update(PAGE_HEADERS)
    remember_csrf(request, response)
    remember_language(request, response)
    return response
