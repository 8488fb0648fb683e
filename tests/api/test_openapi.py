"""The API's contract: its OpenAPI document, and schemathesis against the app in process.

schemathesis loads ``/openapi.json`` from the app itself (so the document must
be valid OpenAPI 3.x), then for every operation sends a bounded number of
generated requests as the supervisor, both valid (positive) and invalid
(negative) ones, through the ASGI transport. Every response must be a
documented status, of a documented content type, matching its schema, and
never a 5xx. The document itself must give every operation a camelCase
``operationId`` and a summary, and say that every error is a problem document.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.strategies import SearchStrategy
from schemathesis import APIOperation, Case
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.result import Ok
from schemathesis.generation import GenerationMode
from schemathesis.python import asgi

from api.app import create_app
from scheduler.jobs import SolveJobs
from scheduler.service import Evidence, RosterService
from scheduler.store import Store
from scheduler.swaps import SwapError
from tests.api.conftest import NOW, TEAM

PROBLEM = "application/problem+json"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Ten examples per operation and mode (ROSTER_SCHEMATHESIS_EXAMPLES for a longer
# hunt) keep the whole file well under a minute;
# derandomize makes a failure reproducible from run to run.
EXAMPLES = settings(
    max_examples=int(os.environ.get("ROSTER_SCHEMATHESIS_EXAMPLES", "10")),
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
# A generated solve may name the published instance: cap it so that a job
# costs a second of one worker rather than up to an hour of eight.
SOLVE_TIME_LIMIT = 1.0


@pytest.fixture
def app(store: Store, tokens: dict[str, str]) -> Iterator[FastAPI]:
    jobs = SolveJobs(max_running=1)
    application = create_app(store, jobs)
    application.state.service = RosterService(store, clock=lambda: NOW)
    _file_a_swap(application.state.service)
    try:
        yield application
    finally:
        # schemathesis keeps the app's lifespan running until asked to end it;
        # ending it runs the app's shutdown, which cancels any solve job.
        asgi.shutdown_lifespans()
        jobs.shutdown()


def _file_a_swap(service: RosterService) -> None:
    """Swap 1, filed by a1 as a cover by a2, so that generated swap ids can hit one."""
    version, _ = service.current(TEAM)
    for duty in (d.key for d in version.duties if d.holder == "a1"):
        try:
            service.request(TEAM, requester="a1", duty=duty, counterpart="a2", evidence=Evidence())
        except SwapError:
            continue
        return
    raise AssertionError("a1 cannot hand any duty to a2")


def _operations(app: FastAPI) -> list[tuple[str, str, dict[str, Any]]]:
    paths: dict[str, dict[str, Any]] = app.openapi()["paths"]
    return [
        (method.upper(), path, operation)
        for path, item in paths.items()
        for method, operation in item.items()
        if method in {"get", "put", "post", "patch", "delete", "head", "options"}
    ]


def test_every_operation_has_a_camel_case_id_and_a_summary(app: FastAPI) -> None:
    ids = []
    for method, path, operation in _operations(app):
        operation_id = operation.get("operationId", "")
        assert re.fullmatch(r"[a-z][a-zA-Z0-9]*", operation_id), (
            f"{method} {path}: {operation_id!r}"
        )
        assert operation.get("summary") or operation.get("description"), f"{method} {path}"
        ids.append(operation_id)
    assert len(ids) == len(set(ids)), "operationIds must be unique"


def test_every_error_response_is_a_problem_document(app: FastAPI) -> None:
    document = app.openapi()
    assert "Problem" in document["components"]["schemas"]
    for method, path, operation in _operations(app):
        responses = operation["responses"]
        # Every operation but the public feed (its address is the credential) needs a token.
        assert ("401" in responses) == bool(operation.get("security")), f"{method} {path}: 401"
        for status, response in responses.items():
            if status[0] in "45":
                content = response.get("content", {})
                assert list(content) == [PROBLEM], f"{method} {path} {status}: {list(content)}"
                assert content[PROBLEM]["schema"] == {"$ref": "#/components/schemas/Problem"}


def test_an_unknown_route_and_a_wrong_method_are_problems(app: FastAPI) -> None:
    with TestClient(app) as client:
        for response in (client.get("/api/v1/nowhere"), client.put("/api/v1/teams")):
            assert response.status_code in (404, 405)
            assert response.headers["content-type"].startswith(PROBLEM)


def _exercise(
    operation: APIOperation, strategy: SearchStrategy[Case], headers: dict[str, str]
) -> None:
    """Send the operation's generated cases; raise the failures schemathesis finds."""
    solve = operation.definition.raw.get("operationId") == "startSolveJob"

    @EXAMPLES
    @given(case=strategy)
    def exercise(case: Case) -> None:
        if solve and isinstance(case.body, dict):
            case.body = {**case.body, "time_limit": SOLVE_TIME_LIMIT, "workers": 1}
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS, headers=headers)

    exercise()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
def test_schemathesis_finds_no_server_error_and_no_schema_violation(
    app: FastAPI, tokens: dict[str, str], mode: GenerationMode
) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    headers = {"Authorization": f"Bearer {tokens['lead']}"}
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations() if isinstance(result, Ok)]
    assert len(operations) == len(_operations(app))
    for operation in operations:
        strategy = operation.as_strategy(generation_mode=mode)
        if "{slug}" in operation.path:
            # Half the cases name the supervisor's own team, so that they get past
            # the team check into the handler instead of stopping at 403.
            strategy = strategy | operation.as_strategy(
                generation_mode=mode, path_parameters={"slug": TEAM}
            )
        try:
            _exercise(operation, strategy, headers)
        except Exception as error:  # gather every operation's failure, not just the first
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)
