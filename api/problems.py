"""Errors as RFC 9457 problem details (``application/problem+json``).

Each kind of failure has a stable ``type`` URI under ``/problems/``, a short
``title`` and a human ``detail`` from the message catalogue; validation
errors add ``errors`` with the field path of each problem. The handlers here
turn every library error (instance, store, swap refusals) and every HTTP
error into such a document, so no route formats errors itself.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from scheduler.instance import InstanceError, format_path
from scheduler.store import Conflict, NotFound, StoreError
from scheduler.swaps import SwapError
from scheduler.swaps.rules import NotAllowed

PROBLEM_JSON = "application/problem+json"
BASE = "/problems/"


class FieldError(BaseModel):
    path: str = Field(examples=["coverage[1].shift"])
    message: str = Field(examples=["unknown shift type 'X'; defined: A, B, C"])


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    type: str = Field(examples=["/problems/invalid-instance"])
    title: str = Field(examples=["Invalid instance"])
    status: int = Field(examples=[422])
    detail: str = Field(examples=["coverage[1].shift: unknown shift type 'X'; defined: A, B, C"])
    instance: str | None = Field(None, examples=["/api/v1/instances"])
    errors: list[FieldError] | None = None


class ProblemError(Exception):
    """Raised by routes for a failure that has no library exception of its own."""

    def __init__(self, status: int, kind: str, title: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.kind, self.title, self.detail = status, kind, title, detail


def problem_response(
    request: Request,
    status: int,
    kind: str,
    title: str,
    detail: str,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = Problem(
        type=BASE + kind, title=title, status=status, detail=detail,
        instance=request.url.path, errors=errors,
    )  # fmt: skip
    return JSONResponse(
        body.model_dump(exclude_none=True),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


def language_of(request: Request) -> str:
    """``zh`` when the client prefers Chinese (Accept-Language), else English."""
    accepted = request.headers.get("accept-language", "")
    return "zh" if accepted.lower().startswith("zh") else "en"


def install_problem_handlers(app: FastAPI) -> None:
    async def invalid_instance(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, InstanceError)
        language = language_of(request)
        errors = [
            FieldError(path=format_path(p.path), message=p.describe(language).split(": ", 1)[-1])
            for p in error.problems
        ]
        return problem_response(
            request, 422, "invalid-instance", "Invalid instance", error.describe(language), errors
        )

    async def invalid_request(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, RequestValidationError)
        errors = [
            FieldError(
                path=format_path([p for p in item["loc"] if p != "body"]), message=item["msg"]
            )
            for item in error.errors()
        ]
        detail = "; ".join(f"{e.path}: {e.message}" for e in errors)
        return problem_response(request, 422, "invalid-request", "Invalid request", detail, errors)

    async def store_error(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, StoreError)
        detail = error.describe(language_of(request))
        if isinstance(error, NotFound):
            return problem_response(request, 404, "not-found", "Not found", detail)
        if isinstance(error, Conflict):
            return problem_response(request, 409, "conflict", "Conflict", detail)
        return problem_response(request, 400, "store-error", "Store error", detail)

    async def swap_error(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, SwapError)
        detail = error.describe(language_of(request))
        if isinstance(error, NotAllowed):
            return problem_response(request, 403, "not-allowed", "Not allowed", detail)
        kind = type(error).__name__
        slug = "".join(f"-{c.lower()}" if c.isupper() else c for c in kind).lstrip("-")
        return problem_response(request, 422, f"refused/{slug}", "Refused", detail)

    async def problem_error(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, ProblemError)
        return problem_response(request, error.status, error.kind, error.title, error.detail)

    async def http_error(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, StarletteHTTPException)
        titles = {
            401: "Unauthorized",
            403: "Forbidden",
            404: "Not found",
            405: "Method not allowed",
        }
        title = titles.get(error.status_code, "HTTP error")
        kind = title.lower().replace(" ", "-")
        headers = dict(error.headers or {})
        return problem_response(
            request, error.status_code, kind, title, str(error.detail), None, headers
        )

    async def server_error(request: Request, error: Exception) -> JSONResponse:
        # Starlette still re-raises the error after this response, so it is logged.
        detail = "the server failed to answer this request"
        return problem_response(request, 500, "server-error", "Server error", detail)

    app.add_exception_handler(InstanceError, invalid_instance)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(StoreError, store_error)
    app.add_exception_handler(SwapError, swap_error)
    app.add_exception_handler(ProblemError, problem_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, server_error)
    _document_problems(app)


PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries saying that these statuses are problem documents."""
    # Not ``model=Problem``: FastAPI would also list it as application/json.
    return {
        status: {
            "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
            "description": "Problem details",
        }
        for status in statuses
    }


def _document_problems(app: FastAPI) -> None:
    """Make the OpenAPI document say what the handlers above do.

    FastAPI documents its own 422 as ``application/json`` with its validation
    error schema, and knows nothing of the 400 for an unparseable body or of
    the 401 that every authenticated operation can answer: rewrite every
    error response as a problem document, and add those statuses.
    """
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        document = generate()
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(problem.pop("$defs", {}), Problem=problem)
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)
        for item in document.get("paths", {}).values():
            for operation in item.values():
                if not isinstance(operation, dict) or "responses" not in operation:
                    continue
                responses = operation["responses"]
                if "requestBody" in operation:
                    responses.setdefault("400", {"description": "The body could not be parsed"})
                if operation.get("security"):
                    responses.setdefault("401", {"description": "No valid API token"})
                for status, response in responses.items():
                    if status[0] in "45":
                        response["content"] = {PROBLEM_JSON: {"schema": PROBLEM_REF}}
        app.openapi_schema = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]
