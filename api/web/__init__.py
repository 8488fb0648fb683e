"""Server-rendered pages for supervisors and agents, served by the same app as the API.

Pages live outside ``/api/v1`` and the OpenAPI document. Each module is one
area (signing in, the roster grid, generating, coverage, versions, the swap
inbox, an agent's own pages) with a router of its own; templates and the
stylesheet sit next to them. Pages call the same store and service as the
API, under the same role rules.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.web import agent, coverage, generate, inbox, job_pages, roster_page, signin, versions
from api.web.errors import install_page_errors

PAGE_MODULES = (signin, roster_page, generate, job_pages, coverage, versions, inbox, agent)


def install_pages(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=Path(__file__).with_name("static")), name="static")
    for module in PAGE_MODULES:
        app.include_router(module.router)
    install_page_errors(app)
