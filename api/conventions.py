"""The HTTP conventions every route shares: entity tags, idempotent creation, pages, HEAD.

- **ETag / If-None-Match / If-Match.** A mutable resource (a team, a swap, a
  roster version) carries a strong ``ETag``: the SHA-256 of its body as
  canonical JSON (sorted keys, no spaces), so the tag changes exactly when
  the representation does. :data:`CacheCheck` answers a ``GET`` or ``HEAD``
  whose ``If-None-Match`` still holds with 304; :data:`IfMatch` makes an
  update conditional: 428 without ``If-Match``, 412 when it is stale.
- **Idempotency-Key.** A creating ``POST`` declared with
  ``dependencies=[IDEMPOTENT]`` keeps its first 2xx response per (user, key)
  in the store together with a hash of the request; a retry with the same
  request gets that response again, marked ``Idempotent-Replayed: true``,
  without redoing the work. :class:`ConventionRoute` does this around the
  route, so JSON, YAML and multipart bodies are all covered.
- **Pages.** Lists answer a :class:`Page` (``items`` and ``next_cursor``);
  the cursor is opaque (base64url of the last key) and a page continues
  strictly after it, so rows filed meanwhile are neither skipped nor repeated.
- **HEAD.** :func:`add_head_routes` gives every ``GET`` a ``HEAD`` twin with
  the same headers and no body.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import logging
import threading
from collections.abc import Callable, Coroutine, Sequence
from typing import Annotated, Any, Generic, TypeVar

from fastapi import APIRouter, Depends, FastAPI, Header, Query, Request, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from api.problems import ProblemError, problem_response, problem_responses
from scheduler.store import Conflict, Store

log = logging.getLogger(__name__)

ModelT = TypeVar("ModelT", bound=BaseModel)
ItemT = TypeVar("ItemT")

# -- entity tags -----------------------------------------------------------------------------------


def entity_tag(representation: BaseModel | str | bytes) -> str:
    """The strong, quoted ETag of a representation: SHA-256 of its canonical JSON (or text)."""
    if isinstance(representation, BaseModel):
        data = json.dumps(
            representation.model_dump(mode="json"),
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        ).encode()
    elif isinstance(representation, str):
        data = representation.encode()
    else:
        data = representation
    return f'"{hashlib.sha256(data).hexdigest()}"'


def _tag_matches(header: str, tag: str, *, weak: bool) -> bool:
    """Whether a list of entity tags (or ``*``) names ``tag``.

    ``If-None-Match`` compares weakly (``W/"x"`` matches ``"x"``), ``If-Match``
    strongly (RFC 9110 §13.1.1-2).
    """
    for candidate in (part.strip() for part in header.split(",")):
        if candidate == "*":
            return True
        if weak:
            candidate = candidate.removeprefix("W/")
        if candidate == tag:
            return True
    return False


class NotModified(Exception):
    """Raised by :meth:`CacheValidators.answer` when the client's copy is current."""

    def __init__(self, tag: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(tag)
        self.headers = {"ETag": tag, **(headers or {})}


class CacheValidators:
    """The ``If-None-Match`` of a ``GET``/``HEAD``; sets ``ETag`` on the answer."""

    def __init__(self, response: Response, if_none_match: str | None) -> None:
        self.response, self.if_none_match = response, if_none_match

    def tag(self, representation: BaseModel | str, vary: str | None = None) -> str:
        """The ETag of ``representation``; raises :class:`NotModified` when it is current."""
        tag = entity_tag(representation)
        extra = {"Vary": vary} if vary else {}
        if self.if_none_match is not None and _tag_matches(self.if_none_match, tag, weak=True):
            raise NotModified(tag, extra)
        self.response.headers["ETag"] = tag
        self.response.headers.update(extra)
        return tag

    def answer(self, body: ModelT) -> ModelT:
        self.tag(body)
        return body


def _cache_validators(
    response: Response,
    if_none_match: Annotated[
        str | None,
        Header(
            alias="If-None-Match",
            description="An ETag from an earlier answer: 304 without a body while it is current.",
        ),
    ] = None,
) -> CacheValidators:
    return CacheValidators(response, if_none_match)


CacheCheck = Annotated[CacheValidators, Depends(_cache_validators)]


class Preconditions:
    """The ``If-Match`` of an update: the change goes ahead only on the current ETag."""

    def __init__(self, response: Response, if_match: str | None) -> None:
        self.response, self.if_match = response, if_match

    def check(self, current: BaseModel, what: str) -> None:
        """428 without ``If-Match``, 412 unless it names ``current``'s ETag."""
        if self.if_match is None:
            raise ProblemError(
                428, "precondition-required", "Precondition required",
                f"send If-Match with the ETag of the {what} (GET it first) to change it",
            )  # fmt: skip
        tag = entity_tag(current)
        if not _tag_matches(self.if_match, tag, weak=False):
            raise ProblemError(
                412, "precondition-failed", "Precondition failed",
                f"the {what} has changed since {self.if_match}; its ETag is now {tag}",
            )  # fmt: skip

    def answer(self, body: ModelT) -> ModelT:
        """Set the ETag of the changed resource on the answer."""
        self.response.headers["ETag"] = entity_tag(body)
        return body


def _preconditions(
    response: Response,
    if_match: Annotated[
        str | None,
        Header(
            alias="If-Match",
            description="Required: the ETag of the resource as last read. "
            "428 without it, 412 when the resource has changed since.",
        ),
    ] = None,
) -> Preconditions:
    return Preconditions(response, if_match)


IfMatch = Annotated[Preconditions, Depends(_preconditions)]

_ETAG_HEADER = {
    "ETag": {
        "description": "Strong entity tag: SHA-256 of the body as canonical JSON.",
        "schema": {"type": "string"},
    }
}
CONDITIONAL_GET: dict[int | str, dict[str, Any]] = {
    200: {"headers": _ETAG_HEADER},
    304: {"description": "Not modified: the `If-None-Match` ETag is current. No body."},
}
CONDITIONAL_UPDATE: dict[int | str, dict[str, Any]] = {
    200: {"headers": _ETAG_HEADER},
    **problem_responses(412, 428),
}

# -- idempotent creation ---------------------------------------------------------------------------

IDEMPOTENCY_KEY_PATTERN = r"^[\x21-\x7e]{1,255}$"


def _idempotency_key(
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            pattern=IDEMPOTENCY_KEY_PATTERN,
            description="A unique key (e.g. a UUID) per intended creation. A retry with the same "
            "key and request replays the first 2xx answer with `Idempotent-Replayed: true`; "
            "the same key with another request is 422, while the first is running 409.",
            examples=["4f7d2c1e-6b1a-4c55-9a0e-2a1f0a6e9b3d"],
        ),
    ] = None,
) -> str | None:
    return idempotency_key


IDEMPOTENT = Depends(_idempotency_key)
IDEMPOTENT_RESPONSES: dict[int | str, dict[str, Any]] = problem_responses(409, 422)

# Headers of a creating answer worth replaying; the rest is recomputed per answer.
_REPLAYED_HEADERS = ("location", "etag", "vary")


def _valid_key(key: str) -> bool:
    return 1 <= len(key) <= 255 and all(0x21 <= ord(c) <= 0x7E for c in key)


async def _request_hash(request: Request) -> str:
    """SHA-256 of method, path, query and the body's meaning.

    A multipart body is hashed by its fields and the SHA-256 of each file, not by
    its bytes: a client's retry picks a new boundary. JSON is hashed canonically.
    """
    digest = hashlib.sha256(f"{request.method} {request.url.path}?{request.url.query}\n".encode())
    content_type = request.headers.get("content-type", "").lower()
    if content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        parts: list[list[str]] = []
        for name, value in (await request.form()).multi_items():
            if isinstance(value, UploadFile):
                data = await value.read()
                await value.seek(0)
                file_hash = hashlib.sha256(data).hexdigest()
                parts.append(
                    ["file", name, value.filename or "", value.content_type or "", file_hash]
                )
            else:
                parts.append(["field", name, value])
        parts.sort(key=lambda part: part[:2])  # stable: repeated fields keep their order
        digest.update(json.dumps(parts, ensure_ascii=False).encode())
        return digest.hexdigest()
    body = await request.body()
    if "json" in content_type:
        # An invalid body is hashed as it is; the route answers 422.
        with contextlib.suppress(ValueError):
            body = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    digest.update(body)
    return digest.hexdigest()


class _InFlight:
    """The (user, key) pairs whose first request is running in this process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._keys: set[tuple[int, str]] = set()

    def claim(self, user_id: int, key: str) -> bool:
        with self._lock:
            if (user_id, key) in self._keys:
                return False
            self._keys.add((user_id, key))
            return True

    def release(self, user_id: int, key: str) -> None:
        with self._lock:
            self._keys.discard((user_id, key))


Handler = Callable[[Request], Coroutine[Any, Any, Response]]


async def _idempotent(request: Request, handler: Handler) -> Response:
    key = request.headers.get("idempotency-key")
    authorization = request.headers.get("authorization", "")
    scheme, _, token = authorization.partition(" ")
    if key is None or not _valid_key(key) or scheme.lower() != "bearer":
        return await handler(request)  # the route answers 422 or 401 itself
    store: Store = request.app.state.store
    user = await run_in_threadpool(store.user_for_token, token.strip())
    if user is None:
        return await handler(request)
    request_hash = await _request_hash(request)
    stored = await run_in_threadpool(store.idempotent_response, user.id, key)
    if stored is None:
        in_flight: _InFlight = request.app.state.idempotency_in_flight
        if not in_flight.claim(user.id, key):
            return problem_response(
                request, 409, "idempotency-key-in-use", "Idempotency key in use",
                f"a request with Idempotency-Key {key} is still running; retry later",
                headers={"Retry-After": "1"},
            )  # fmt: skip
        try:
            response = await handler(request)
            if 200 <= response.status_code < 300 and hasattr(response, "body"):
                headers = {
                    name: value
                    for name, value in response.headers.items()
                    if name in _REPLAYED_HEADERS
                }
                try:
                    await run_in_threadpool(
                        store.save_idempotent_response,
                        user.id, key, request.method, request.url.path, request_hash,
                        response.status_code, response.headers.get("content-type", ""),
                        bytes(response.body), headers,
                    )  # fmt: skip
                except Conflict:
                    # Another process finished the same key first; this answer still
                    # tells the truth about the work done here.
                    log.warning("idempotency key %s of user %s stored twice", key, user.id)
            return response
        finally:
            in_flight.release(user.id, key)
    if stored.request_hash != request_hash:
        return problem_response(
            request, 422, "idempotency-key-reused", "Idempotency key reused",
            f"Idempotency-Key {key} was first used for another request "
            f"({stored.method} {stored.path}); use a new key for a new request",
        )  # fmt: skip
    return Response(
        stored.body,
        status_code=stored.status,
        headers={**stored.headers, "Idempotent-Replayed": "true"},
        media_type=stored.content_type or None,
    )


class ConventionRoute(APIRoute):
    """An ``APIRoute`` that replays creating requests declared with ``IDEMPOTENT``."""

    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()
        if not any(d.call is _idempotency_key for d in self.dependant.dependencies):
            return handler

        async def idempotent_handler(request: Request) -> Response:
            return await _idempotent(request, handler)

        return idempotent_handler


# -- pages -----------------------------------------------------------------------------------------


class Page(BaseModel, Generic[ItemT]):
    """One page of a list, oldest (or first by name) first."""

    items: list[ItemT]
    next_cursor: str | None = Field(
        description="Pass as `?cursor=` for the next page; null on the last page.",
        examples=["eyJhZnRlciI6N30"],
    )


class PageRequest:
    def __init__(self, limit: int, cursor: str | None) -> None:
        self.limit, self.cursor = limit, cursor

    def _after(self, key_type: type[int] | type[str]) -> int | str | None:
        if self.cursor is None:
            return None
        try:
            padded = self.cursor + "=" * (-len(self.cursor) % 4)
            after = json.loads(base64.urlsafe_b64decode(padded.encode()))["after"]
        except (ValueError, KeyError, TypeError, binascii.Error):
            after = None
        if type(after) is not key_type:
            raise ProblemError(
                422, "invalid-cursor", "Invalid cursor",
                "cursor: not a cursor given by this list; start again without one",
            )  # fmt: skip
        return after

    def slice(
        self, items: Sequence[ItemT], key: Callable[[ItemT], int] | Callable[[ItemT], str]
    ) -> tuple[list[ItemT], str | None]:
        """The page of ``items`` (sorted by ``key``, ascending) after the cursor, and the next one."""
        key_of: Callable[[ItemT], Any] = key
        after = self._after(int if not items or isinstance(key_of(items[0]), int) else str)
        rest = [item for item in items if after is None or key_of(item) > after]
        page = rest[: self.limit]
        if len(rest) <= self.limit:
            return page, None
        cursor = json.dumps({"after": key_of(page[-1])}, separators=(",", ":")).encode()
        return page, base64.urlsafe_b64encode(cursor).decode().rstrip("=")


def _page_request(
    limit: Annotated[int, Query(ge=1, le=200, description="Items per page.")] = 50,
    cursor: Annotated[
        str | None, Query(description="The `next_cursor` of the previous page.", max_length=512)
    ] = None,
) -> PageRequest:
    return PageRequest(limit, cursor)


Paging = Annotated[PageRequest, Depends(_page_request)]

# -- HEAD ------------------------------------------------------------------------------------------


def _head_operation_id(operation_id: str) -> str:
    if operation_id.startswith("get"):
        return "head" + operation_id.removeprefix("get")
    return "head" + operation_id[:1].upper() + operation_id[1:]


def add_head_routes(router: APIRouter) -> APIRouter:
    """Give every ``GET`` of ``router`` a ``HEAD`` twin (once, however often called).

    The twin runs the same endpoint, so its status and headers (``ETag``,
    ``Content-Length`` included) are those of the ``GET``; Starlette sends no
    body for ``HEAD``.
    """
    routes = [r for r in router.routes if isinstance(r, APIRoute)]
    has_head = {r.path for r in routes if "HEAD" in (r.methods or ())}
    for route in routes:
        if "GET" not in (route.methods or ()) or route.path in has_head:
            continue
        operation_id = route.operation_id or route.name
        summary = route.summary or route.name.replace("_", " ").capitalize()
        router.add_api_route(
            route.path.removeprefix(router.prefix),
            route.endpoint,
            methods=["HEAD"],
            response_model=route.response_model,
            status_code=route.status_code,
            tags=[t for t in route.tags if t not in router.tags],
            dependencies=[d for d in route.dependencies if d not in router.dependencies],
            summary=f"{summary} (headers only)",
            description=route.description,
            responses={k: v for k, v in route.responses.items() if k not in router.responses},
            operation_id=_head_operation_id(operation_id),
            response_class=route.response_class,
            include_in_schema=route.include_in_schema,
            openapi_extra=route.openapi_extra,
        )
        has_head.add(route.path)
    return router


# -- the application -------------------------------------------------------------------------------

DESCRIPTION = """\
Shift rosters, swaps with evidence of agreement, and solve jobs.

## Conventions

- **Errors** are `application/problem+json` (RFC 9457) with a stable `type`
  under `/problems/`, a human `detail`, and `errors` with the field path of
  each invalid field.
- **ETag.** Teams, swaps and roster versions carry a strong `ETag` (SHA-256 of
  the body as canonical JSON). Send it back in `If-None-Match` on `GET`/`HEAD`
  for 304 Not Modified while it is current.
- **If-Match** is required on every update of a team (`PATCH /teams/{slug}`)
  and on every swap action (accept, decline, withdraw, approve, reject):
  428 without it, 412 when the resource has changed since it was read. The
  answer carries the new `ETag` (of the swap, for swap actions other than approve).
- **Idempotency-Key** on creating `POST`s: the first 2xx answer is kept per
  user and key with a hash of the request; a retry with the same key and the
  same request gets it again (same status, body and `Location`) with
  `Idempotent-Replayed: true`, and nothing is done twice. The same key with
  another request is 422 (`/problems/idempotency-key-reused`); a retry while
  the first request is still running is 409 (`/problems/idempotency-key-in-use`).
- **Pages.** Lists answer `{"items": [...], "next_cursor": "..."}`. Ask for
  the next page with `?cursor=<next_cursor>` (and the same `limit`, default
  50, at most 200); `next_cursor` is null on the last page. Cursors are opaque
  and continue after the last item seen, so nothing is skipped or repeated
  when items are added meanwhile.
- **HEAD** is answered wherever `GET` is, with the same headers and no body.
"""


def _openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = generate()
            # HEAD answers have the headers of the GET and no body.
            for item in document.get("paths", {}).values():
                for status, response in item.get("head", {}).get("responses", {}).items():
                    if status.startswith("2"):
                        response.pop("content", None)
        return app.openapi_schema or generate()

    return openapi


def install_conventions(app: FastAPI) -> None:
    """304 for :class:`NotModified`, the idempotency bookkeeping, and the OpenAPI touch-ups."""

    async def not_modified(_: Request, error: Exception) -> Response:
        assert isinstance(error, NotModified)
        return Response(status_code=304, headers=error.headers)

    app.add_exception_handler(NotModified, not_modified)
    app.state.idempotency_in_flight = _InFlight()
    app.description = DESCRIPTION
    app.openapi = _openapi(app)  # type: ignore[method-assign]
