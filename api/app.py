"""The FastAPI application: routers under ``/api/v1``, the calendar feeds under ``/feeds``,
problem details, store and jobs.

:func:`create_app` wires one store (the embedded SQLite file by default) and
one solve-job manager into the app; ``roster serve`` runs it with uvicorn.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.conventions import add_head_routes, install_conventions
from api.problems import install_problem_handlers
from api.routes import explanations, feeds, instances, rosters, solve_jobs, swaps, teams
from api.web import install_pages
from scheduler.jobs import SolveJobs
from scheduler.service import RosterService
from scheduler.store import Store, open_store

API_PREFIX = "/api/v1"


def create_app(store: Store | None = None, jobs: SolveJobs | None = None) -> FastAPI:
    owned_store = store is None
    store = store or open_store()
    jobs = jobs or SolveJobs(max_running=2)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.shutdown()
        if owned_store:
            store.close()

    app = FastAPI(
        title="roster API",
        version="1",
        summary="Shift rosters, swaps with evidence of agreement, and solve jobs.",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.service = RosterService(store)
    app.state.jobs = jobs
    install_problem_handlers(app)
    install_conventions(app)
    for module in (teams, instances, rosters, swaps, solve_jobs, explanations, feeds):
        app.include_router(add_head_routes(module.router), prefix=API_PREFIX)
    # Outside /api/v1: calendar apps get a short address, with the token as credential.
    app.include_router(add_head_routes(feeds.feed_router))
    # The web pages for people; last, so that their error pages wrap the API's handlers.
    install_pages(app)
    return app
