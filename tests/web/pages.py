"""Driving the pages as a browser would: the token cookie, and forms with their CSRF field."""

from __future__ import annotations

import re
from collections.abc import Mapping

import httpx
from fastapi.testclient import TestClient

from api.web.session import CSRF_COOKIE, TOKEN_COOKIE


def sign_in(client: TestClient, tokens: Mapping[str, str], who: str) -> None:
    """Sign in through the sign-in form (so the cookie is the one the page sets)."""
    client.cookies.clear()
    page = client.get("/signin")
    assert page.status_code == 200
    answer = post_form(client, "/signin", {"token": tokens[who]})
    assert answer.status_code == 303, answer.text
    assert client.cookies.get(TOKEN_COOKIE) == tokens[who]


def csrf(client: TestClient) -> str:
    value = client.cookies.get(CSRF_COOKIE)
    if value is None:
        client.get("/signin")
        value = client.cookies.get(CSRF_COOKIE)
    assert value, "no CSRF cookie was set"
    return value


def post_form(
    client: TestClient,
    url: str,
    data: Mapping[str, str] | None = None,
    files: Mapping[str, tuple[str, bytes, str]] | None = None,
) -> httpx.Response:
    """POST a page form with the CSRF field; redirects are not followed, so they can be checked."""
    fields = {"csrf": csrf(client), **(data or {})}
    return client.post(url, data=fields, files=files, follow_redirects=False)


def text_of(html: str) -> str:
    """The page's text without tags and with whitespace collapsed, for plain assertions."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()
