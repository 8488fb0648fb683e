"""Signing in to the pages, CSRF, roles, the page language, and the roster grid."""

from __future__ import annotations

import datetime as dt
import re

from fastapi.testclient import TestClient

from api.web.grid import build_grid, team_today
from api.web.session import CSRF_COOKIE, TOKEN_COOKIE
from scheduler.instance import Instance
from tests.web.pages import csrf, post_form, sign_in

TEAM = "four-agents"
ROSTER = f"/teams/{TEAM}/roster"


def test_a_page_without_sign_in_redirects_to_the_sign_in_form(client: TestClient) -> None:
    answer = client.get(ROSTER, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/signin?next={ROSTER}"


def test_an_unknown_token_is_refused_with_a_reason(client: TestClient) -> None:
    client.get("/signin?lang=en")
    answer = post_form(client, "/signin", {"token": "rst_not-a-token"})
    assert answer.status_code == 401
    assert "unknown or revoked" in answer.text
    assert TOKEN_COOKIE not in client.cookies


def test_the_token_cookie_is_httponly_and_same_site_strict(
    client: TestClient, tokens: dict[str, str]
) -> None:
    client.get("/signin")
    answer = post_form(client, "/signin", {"token": tokens["lead"], "next": ROSTER})
    assert answer.status_code == 303
    assert answer.headers["location"] == ROSTER
    cookie = next(
        c for c in answer.headers.get_list("set-cookie") if c.startswith(f"{TOKEN_COOKIE}=")
    )
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie or "SameSite=Strict" in cookie


def test_sign_in_never_follows_a_next_that_leaves_the_site(
    client: TestClient, tokens: dict[str, str]
) -> None:
    client.get("/signin")
    answer = post_form(client, "/signin", {"token": tokens["lead"], "next": "//evil.example/x"})
    assert answer.headers["location"] == ROSTER


def test_a_form_without_the_csrf_field_is_refused(
    client: TestClient, tokens: dict[str, str]
) -> None:
    sign_in(client, tokens, "lead")
    answer = client.post("/signout", data={}, follow_redirects=False)
    assert answer.status_code == 403
    assert "CSRF" in answer.text
    wrong = client.post("/signout", data={"csrf": "guess"}, follow_redirects=False)
    assert wrong.status_code == 403
    # Still signed in: nothing happened.
    assert client.get(ROSTER, follow_redirects=False).status_code == 200


def test_a_form_posted_from_another_origin_is_refused(
    client: TestClient, tokens: dict[str, str]
) -> None:
    sign_in(client, tokens, "lead")
    answer = client.post(
        "/signout",
        data={"csrf": csrf(client)},
        headers={"Origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert answer.status_code == 403


def test_sign_out_forgets_the_token(client: TestClient, tokens: dict[str, str]) -> None:
    sign_in(client, tokens, "lead")
    assert post_form(client, "/signout").status_code == 303
    assert client.get(ROSTER, follow_redirects=False).status_code == 303


def test_an_agent_cannot_open_a_supervisor_page(client: TestClient, tokens: dict[str, str]) -> None:
    sign_in(client, tokens, "a1")
    answer = client.get(f"{ROSTER}?lang=en")
    assert answer.status_code == 403
    assert "Only a supervisor" in answer.text


def test_the_api_keeps_answering_problem_json(client: TestClient) -> None:
    answer = client.get(f"/api/v1/teams/{TEAM}")
    assert answer.status_code == 401
    assert answer.headers["content-type"].startswith("application/problem+json")


def test_an_unknown_version_is_a_404_page(client: TestClient, tokens: dict[str, str]) -> None:
    sign_in(client, tokens, "lead")
    answer = client.get(f"{ROSTER}?version=99")
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")


def test_pages_are_chinese_for_the_default_team_and_switch_to_english(
    client: TestClient, tokens: dict[str, str]
) -> None:
    sign_in(client, tokens, "lead")
    assert "排班表" in client.get(ROSTER).text
    english = client.get(f"{ROSTER}?lang=en")
    assert "Roster of" in english.text
    # The choice is remembered for the next page.
    assert "Roster of" in client.get(ROSTER).text


def test_the_grid_has_every_agent_and_day_and_covers_every_shift(
    client: TestClient, tokens: dict[str, str]
) -> None:
    sign_in(client, tokens, "lead")
    html = client.get(f"{ROSTER}?lang=en").text
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    rows = re.findall(r'<tr data-agent="(a\d)">', body)
    assert rows == ["a1", "a2", "a3", "a4"]
    days = re.findall(r'<th scope="col" class="day[^"]*" data-date="([\d-]+)"', html)
    assert len(days) == 21 and days[0] == "2026-11-30"
    weekend_heads = re.findall(r'<th scope="col" class="day weekend', html)
    assert len(weekend_heads) == 6
    duties = re.findall(r'data-duty="([\d-]+)/([ABC])/\d"', body)
    # One A, one B and one C every day: the default team's coverage.
    for day in days:
        assert sorted(s for d, s in duties if d == day) == ["A", "B", "C"], day
    assert "on-call" in body and "☎" in body
    assert "Responsible: " in body  # in each duty's title (hover)


def test_the_csrf_cookie_is_set_with_the_first_page(client: TestClient) -> None:
    client.get("/signin")
    assert client.cookies.get(CSRF_COOKIE)


def test_today_is_the_date_on_the_teams_clock_and_is_highlighted(
    default_instance: Instance,
) -> None:
    # 17:30 UTC on 1 December is already 2 December in Shanghai.
    today = team_today(default_instance, dt.datetime(2026, 12, 1, 17, 30, tzinfo=dt.UTC))
    assert today == dt.date(2026, 12, 2)
    grid = build_grid(default_instance, [], today)
    assert [day.date for day in grid.days if day.today] == [today]
    assert [len(week) for week in grid.weeks] == [7, 7, 7]
    assert sum(day.weekend for day in grid.days) == 6


def test_pages_refuse_framing_and_foreign_scripts(client: TestClient) -> None:
    headers = client.get("/signin").headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"
