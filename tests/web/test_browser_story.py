"""The whole story in a real browser: generate, publish, swap, accept, approve, and the feed.

A real ``roster serve`` on a free loopback port, driven by Debian's Chromium
through Playwright. The supervisor generates and publishes the default
roster; agent a1 asks a2 for a swap with evidence; a2 accepts; the supervisor
approves; the grid shows the change and a1's calendar feed no longer has that
duty. Screenshots of the key pages are kept in ``test-artifacts/browser`` (or
``$ROSTER_TEST_ARTIFACTS/browser``), and every page must render without a
console error.
"""

from __future__ import annotations

import struct
from pathlib import Path

import httpx
import icalendar

from tests.api.server import TEAM, Server
from tests.web.browser import ARTIFACTS, ConsoleWatch, chromium
from tests.web.story_setup import prepare_team

WAIT_MS = 30_000
SOLVE_WAIT_MS = 120_000


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


class Story:
    """One browser context per person, all sharing one console watch and one screenshot folder."""

    def __init__(self, browser: object, base_url: str, tokens: dict[str, str]) -> None:
        self.browser = browser
        self.base_url = base_url
        self.tokens = tokens
        self.console = ConsoleWatch()
        self.shots = ARTIFACTS / "browser"
        self.shots.mkdir(parents=True, exist_ok=True)

    def sign_in(self, who: str, language: str | None = None) -> object:
        """A new browser for ``who``, signed in; pages in ``language`` or else the team's."""
        context = self.browser.new_context(base_url=self.base_url)  # type: ignore[attr-defined]
        page = context.new_page()
        self.console.watch(page)
        page.goto("/signin" + (f"?lang={language}" if language else ""))
        page.fill("#token", self.tokens[who])
        page.click("form[action='/signin'] button[type=submit]")
        page.wait_for_load_state()
        return page

    def shot(self, page: object, name: str) -> Path:
        path = self.shots / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
        width, height = _png_size(path)
        assert width > 300 and height > 200, f"{name}.png is {width}x{height}"
        return path


def _grid_shape(page: object) -> tuple[int, int]:
    rows = page.locator("table.grid tbody tr").count()  # type: ignore[attr-defined]
    days = page.locator("table.grid thead th.day").count()  # type: ignore[attr-defined]
    return rows, days


def _holder_in_grid(page: object, duty: str) -> str:
    cell = page.locator(f"table.grid button.duty[data-duty='{duty}']")  # type: ignore[attr-defined]
    assert cell.count() == 1, f"duty {duty} appears {cell.count()} times in the grid"
    agent: str = cell.locator("xpath=ancestor::tr").get_attribute("data-agent")
    return agent


def _feed_uids(url: str) -> set[str]:
    answer = httpx.get(url, timeout=10)
    answer.raise_for_status()
    calendar = icalendar.Calendar.from_ical(answer.content)
    return {str(event["UID"]) for event in calendar.walk("VEVENT")}


def _swap_with_a2(base_url: str, tokens: dict[str, str]) -> tuple[str, str]:
    """A duty of a1 that a2 can swap for one of theirs, keeping every hard rule (the API says)."""
    headers = {"Authorization": f"Bearer {tokens['a1']}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=30) as api:
        roster = api.get(f"/api/v1/teams/{TEAM}/rosters/current").json()
        for duty in roster["duties"]:
            if duty["holder"] != "a1":
                continue
            candidates = api.get(f"/api/v1/teams/{TEAM}/duties/{duty['id']}/swap-candidates")
            for candidate in candidates.json():
                if candidate["kind"] == "swap" and candidate["counterpart"] == "a2":
                    return duty["id"], candidate["counterpart_duty"]
    raise AssertionError("no duty of a1 can be swapped with a2")


def test_generate_publish_swap_accept_approve_in_a_browser(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'roster.db'}"
    tokens = prepare_team(database_url)
    with Server(tmp_path, database_url) as server, chromium() as browser:
        story = Story(browser, server.base_url, tokens)

        # The supervisor generates the default roster and publishes it.
        # The supervisor reads English; the agents keep the team's Chinese.
        lead = story.sign_in("lead", "en")
        lead.goto(f"/teams/{TEAM}/generate")
        story.shot(lead, "01-generate")
        lead.fill("input[name=time_limit]", "5")
        lead.click("form.start-solve button[type=submit]")
        lead.wait_for_selector("#job-state", timeout=WAIT_MS)
        lead.wait_for_selector("#job-result[data-state=done]", timeout=SOLVE_WAIT_MS)
        story.shot(lead, "02-solve-result")
        lead.click("#publish")
        lead.wait_for_url(f"**/teams/{TEAM}/roster", timeout=WAIT_MS)
        assert _grid_shape(lead) == (4, 21)
        # A click on a duty says its times, place and who answers for it.
        lead.locator("table.grid button.duty").first.click()
        assert "Responsible:" in lead.locator("#duty-info").inner_text()
        story.shot(lead, "03-published-roster")

        # a1 subscribes to their feed, then asks a2 for a swap, with evidence.
        duty, counterpart_duty = _swap_with_a2(server.base_url, tokens)
        a1 = story.sign_in("a1")
        a1.goto("/me")
        if a1.locator("#feed-https").count() == 0:
            a1.click("form.feed-create button[type=submit]")
        feed_url = a1.locator("#feed-https").get_attribute("href")
        assert feed_url and "/feeds/" in feed_url
        feed_url = server.base_url + feed_url[feed_url.index("/feeds/") :]
        assert any(
            uid.startswith(f"{TEAM}-{duty.replace('/', '-')}@") for uid in _feed_uids(feed_url)
        )
        story.shot(a1, "04-agent-duties")
        a1.goto(f"/me/duties/{duty}/swap")
        option = a1.locator(
            f"form.swap-option[data-counterpart='a2'][data-counterpart-duty='{counterpart_duty}']"
        )
        evidence = tmp_path / "agreed.txt"
        evidence.write_text("a1 and a2 agreed in the team chat", encoding="utf-8")
        option.locator("input[type=file]").set_input_files(str(evidence))
        option.locator("textarea[name=note], input[name=note]").first.fill("agreed in chat")
        story.shot(a1, "05-swap-request")
        option.locator("button[type=submit]").click()
        a1.wait_for_url("**/me/requests", timeout=WAIT_MS)

        # a2 accepts.
        a2 = story.sign_in("a2")
        a2.goto("/me/requests")
        request = a2.locator("article.request").first
        swap_id = request.get_attribute("data-swap-id")
        assert "agreed in chat" not in a2.content()  # a1's evidence is a1's and the supervisors'
        story.shot(a2, "06-incoming-request")
        request.locator("button[name=action][value=accept]").click()
        a2.wait_for_load_state()

        # The supervisor approves from the inbox.
        lead.goto(f"/teams/{TEAM}/swaps")
        pending = lead.locator(f"article.swap[data-swap-id='{swap_id}']")
        assert pending.get_attribute("data-state") == "accepted"
        story.shot(lead, "07-swap-inbox")
        pending.locator("button.approve").click()
        lead.wait_for_load_state()

        # The grid shows the change, and a1's feed no longer has the duty.
        lead.goto(f"/teams/{TEAM}/roster")
        assert _grid_shape(lead) == (4, 21)
        assert _holder_in_grid(lead, duty) == "a2"
        assert _holder_in_grid(lead, counterpart_duty) == "a1"
        story.shot(lead, "08-roster-after-swap")
        lead.goto(f"/teams/{TEAM}/compare")
        # a1's and a2's cells on the day (or the two days) of the two duties.
        swap_days = {duty.split("/")[0], counterpart_duty.split("/")[0]}
        assert lead.locator("table.grid td.changed").count() == 2 * len(swap_days)
        story.shot(lead, "09-compare-versions")
        lead.goto(f"/teams/{TEAM}/coverage")
        assert lead.locator("td.gap").count() == 0  # the swap keeps one A, B and C every day
        story.shot(lead, "10-coverage")
        uids = _feed_uids(feed_url)
        assert not any(uid.startswith(f"{TEAM}-{duty.replace('/', '-')}@") for uid in uids)
        assert any(uid.startswith(f"{TEAM}-{counterpart_duty.replace('/', '-')}@") for uid in uids)

        assert story.console.errors == []
