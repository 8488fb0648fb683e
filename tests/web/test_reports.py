"""The supervisor's reports: coverage with its gaps, fairness, penalties, versions, comparison."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

from fastapi.testclient import TestClient

from api.web.coverage_table import GAP, OVER, SHORT, interval_table, shift_table
from api.web.version_diff import diff_versions
from scheduler.explain.service_level import service_report
from scheduler.instance import Instance, load_instance
from scheduler.problem import compile_problem
from scheduler.result import Assignment, Result
from scheduler.service import RosterService
from scheduler.store import Store
from scheduler.swaps import Duty, DutyKey
from tests.web.pages import sign_in, text_of

TEAM = "four-agents"
COVERAGE = f"/teams/{TEAM}/coverage"
VERSIONS = f"/teams/{TEAM}/versions"
COMPARE = f"/teams/{TEAM}/compare"
INSTANCES = Path(__file__).parents[2] / "instances"


def _section(html: str, name: str) -> str:
    return html.split(f'<section id="{name}">')[1].split("</section>")[0]


def _shift_cells(html: str) -> list[tuple[str, str, str, int]]:
    """(date, shift, class, count) of every cell of the per-shift table."""
    cells = []
    for date, row in re.findall(r'<tr data-date="([\d-]+)"[^>]*>(.*?)</tr>', html, re.S):
        for classes, shift, count in re.findall(
            r'<td class="num ([^"]*)" data-shift="(\w+)" data-count="(\d+)"', row
        ):
            cells.append((date, shift, classes, int(count)))
    return cells


def _without(store: Store, key: DutyKey) -> None:
    """A new current version: the current one with the duty ``key`` left out."""
    current = store.current_version(TEAM)
    assert current is not None
    duties = [duty for duty in current.duties if duty.key != key]
    assert len(duties) == len(current.duties) - 1
    store.new_version(TEAM, current.number, duties, "a duty removed by hand")


# --- Coverage ---------------------------------------------------------------------------


def test_the_default_roster_has_one_a_b_and_c_every_day_and_no_gap(
    client: TestClient, tokens: dict[str, str]
) -> None:
    sign_in(client, tokens, "lead")
    html = client.get(f"{COVERAGE}?lang=en").text
    cells = _shift_cells(_section(html, "by-shift"))
    assert len(cells) == 21 * 3
    assert {(shift, count) for _, shift, _, count in cells} == {("A", 1), ("B", 1), ("C", 1)}
    assert {classes for _, _, classes, _ in cells} == {"ok"}
    intervals = _section(html, "by-interval")
    # 09:00-24:00 in 30 minutes: 30 intervals a day, none below its minimum.
    assert len(re.findall(r'<th scope="col" class="interval">', intervals)) == 30
    assert 'class="num gap"' not in html
    text = text_of(html)
    assert "Every shift has at least its minimum on every day." in text
    assert "Every interval has at least its minimum on duty." in text
    assert "This version keeps every hard rule." in text
    # The page speaks the team's language unless asked otherwise.
    client.cookies.delete("roster_lang")
    assert "覆盖情况" in client.get(COVERAGE).text


def test_a_removed_duty_shows_as_a_gap_per_shift_and_per_interval(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    _without(store, DutyKey(dt.date(2026, 12, 2), "C", 0))
    sign_in(client, tokens, "lead")
    html = client.get(f"{COVERAGE}?lang=en").text
    cells = _shift_cells(_section(html, "by-shift"))
    gaps = [(date, shift, count) for date, shift, classes, count in cells if classes == GAP]
    assert gaps == [("2026-12-02", "C", 0)]
    assert "Shifts below their minimum: 1." in text_of(_section(html, "by-shift"))
    text = text_of(_section(html, "by-interval"))
    # C is the only duty from 20:00; without it nobody answers until midnight.
    assert "Wed 2026-12-02 20:00-24:00: 0 on duty, 1 needed" in text
    intervals = _section(html, "by-interval")
    row = re.search(r'<tr data-date="2026-12-02"[^>]*>(.*?)</tr>', intervals, re.S)
    assert row is not None
    marked = re.findall(r'class="num gap" data-interval="([\d:-]+)"', row.group(1))
    assert marked == ["20:00-20:30", "20:30-21:00", "21:00-21:30", "21:30-22:00",
                      "22:00-22:30", "22:30-23:00", "23:00-23:30", "23:30-24:00"]  # fmt: skip
    assert "Hard rules this version breaks (1):" in text_of(_section(html, "hard-rules"))
    # The version before it still has no gap.
    assert 'class="num gap"' not in client.get(f"{COVERAGE}?version=1").text


def test_the_literal_policy_leaves_22_to_24_open_every_day(default_result: Result) -> None:
    literal = load_instance(INSTANCES / "four-agents-policy-literal.yaml")
    problem = compile_problem(literal)
    assert not shift_table(problem, default_result.assignments).with_status(GAP)
    table = interval_table(problem, default_result.assignments)
    assert table is not None and table.step == 30
    gaps = table.gaps()
    assert [(gap.date, gap.label, gap.on_duty, gap.min) for gap in gaps] == [
        (date, "22:00-24:00", 0, 1) for date in problem.dates
    ]
    assert table.cell(problem.dates[0], 21 * 60).on_duty == 1  # C still answers until 22:00


def test_more_agents_than_the_maximum_are_over(
    default_instance: Instance, default_result: Result
) -> None:
    problem = compile_problem(default_instance)
    day = dt.date(2026, 12, 1)
    holder = next(a.agent for a in default_result.assignments if (a.date, a.shift) == (day, "A"))
    extra = Assignment(next(a for a in problem.agents if a != holder), day, "A")
    table = shift_table(problem, [*default_result.assignments, extra])
    assert [(c.date, c.shift, c.count) for c in table.with_status(OVER)] == [(day, "A", 2)]
    # Two on A from 12:00 to 17:00 adds one in each interval then.
    intervals = interval_table(problem, [*default_result.assignments, extra])
    assert intervals is not None
    assert intervals.cell(day, 12 * 60).on_duty == 3 and intervals.cell(day, 9 * 60).on_duty == 2


def test_interval_counts_agree_with_the_forecast_report(default_result: Result) -> None:
    demand = load_instance(INSTANCES / "demand-example" / "four-agents-demand.yaml")
    problem = compile_problem(demand)
    table = interval_table(problem, default_result.assignments)
    report = service_report(demand, default_result.assignments, problem)
    assert table is not None and report is not None
    assert len(report.intervals) == 21 * 30
    for service in report.intervals:
        cell = table.cell(service.date, service.start)
        assert (cell.on_duty, cell.preferred or 0) == (service.scheduled, service.wanted)
        assert (cell.status == SHORT) == (service.short > 0)


def test_fairness_and_penalties_list_every_agent(
    client: TestClient, tokens: dict[str, str]
) -> None:
    sign_in(client, tokens, "lead")
    html = client.get(f"{COVERAGE}?lang=en").text
    fairness = _section(html, "fairness")
    assert re.findall(r'<tr data-agent="(a\d)">', fairness) == ["a1", "a2", "a3", "a4"]
    # Each agent's duties add up to the 63 of the horizon (3 a day for 21 days).
    totals = re.findall(r'<tr data-agent="a\d">.*?</th>(.*?)</tr>', fairness, re.S)
    assert sum(int(re.findall(r">(\d+)<", row)[3]) for row in totals) == 63
    penalties = _section(html, "penalties")
    assert re.findall(r'<tr data-agent="(a\d)">', penalties) == ["a1", "a2", "a3", "a4"]
    text = text_of(penalties)
    assert "Total penalty of this version: 600." in text
    assert "fewer days off than preferred in a week" in text
    assert "on-call duties range from" in text  # each penalty in a sentence


# --- Versions and comparison ------------------------------------------------------------


def test_the_versions_page_lists_every_version_with_its_links(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    current = store.current_version(TEAM)
    assert current is not None
    store.new_version(TEAM, 1, current.duties, "draft for review", published=False)
    sign_in(client, tokens, "lead")
    html = client.get(f"{VERSIONS}?lang=en").text
    assert re.findall(r'<tr data-version="(\d+)"', html) == ["2", "1"]  # newest first
    row = html.split('<tr data-version="2"')[1].split("</tr>")[0]
    assert "current" in row and "not published" in row and "draft for review" in row
    assert f'href="/teams/{TEAM}/roster?version=2"' in row
    assert f'href="{COMPARE}?a=1&amp;b=2"' in row
    first = html.split('<tr data-version="1"')[1].split("</tr>")[0]
    assert "first version" in text_of(first) and "compare" not in first
    assert "2026-11-20 17:00" in text_of(first)  # created at 09:00 UTC, on Shanghai's clock
    assert "cannot be published afterwards" in text_of(html)


def _approved_swap(client: TestClient) -> tuple[str, DutyKey, str, DutyKey]:
    """a1 swaps a duty with a colleague, accepted and approved: version 2."""
    service: RosterService = client.app.state.service  # type: ignore[attr-defined]
    version, _ = service.current(TEAM)
    for duty in (d.key for d in version.duties if d.holder == "a1"):
        found = [s for s in service.suggest(TEAM, duty, "a1") if s.counterpart_duty is not None]
        if found:
            break
    else:
        raise AssertionError("no swap for a1")
    colleague, their_duty = found[0].counterpart, found[0].counterpart_duty
    assert their_duty is not None
    request = service.request(
        TEAM, requester="a1", duty=duty, counterpart=colleague, counterpart_duty=their_duty
    )
    service.accept(request.id, actor=colleague)
    assert service.approve(request.id, supervisor="lead").number == 2
    return "a1", duty, colleague, their_duty


def test_the_diff_of_a_swap_names_exactly_the_two_agents_and_duties(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    requester, duty, colleague, their_duty = _approved_swap(client)
    diff = diff_versions(store.version(TEAM, 1).duties, store.version(TEAM, 2).duties)
    assert [change.key for change in diff.changes] == sorted([duty, their_duty])
    assert diff.agent_ids == sorted([requester, colleague])
    mine = next(changes for changes in diff.agents if changes.agent == requester)
    assert (mine.gained, mine.lost) == ([their_duty], [duty])
    assert mine.now_answers_for == [their_duty]  # both agreed: responsibility moves too
    assert set(diff.marks()) == {
        (agent, key.date) for agent in (requester, colleague) for key in (duty, their_duty)
    }


def test_the_compare_page_shows_for_whom_and_marks_the_grid(
    client: TestClient, tokens: dict[str, str]
) -> None:
    requester, duty, colleague, their_duty = _approved_swap(client)
    sign_in(client, tokens, "lead")
    html = client.get(f"{COMPARE}?lang=en").text  # by default: the current one and its parent
    assert "Version 1 → version 2" in text_of(html)
    for_whom = _section(html, "for-whom")
    assert re.findall(r'<tr data-agent="(a\d)">', for_whom) == sorted([requester, colleague])
    gained = re.search(rf'<tr data-agent="{requester}">.*?<td class="gained">(.*?)</td>', for_whom, re.S)  # fmt: skip
    assert gained is not None and f'data-duty="{their_duty}"' in gained.group(1)
    changes = _section(html, "changes")
    assert re.findall(r'<tr data-duty="([^"]+)">', changes) == sorted([str(duty), str(their_duty)])
    grid = _section(html, "grid")
    marked = set()
    for agent, row in re.findall(r'<tr data-agent="(a\d)">(.*?)</tr>', grid, re.S):
        marked |= {(agent, day) for day in re.findall(r'changed" data-date="([\d-]+)"', row)}
    assert marked == {
        (agent, key.date.isoformat()) for agent in (requester, colleague) for key in (duty, their_duty)
    }  # fmt: skip
    # The same two versions the other way round: the same duties change.
    back = client.get(f"{COMPARE}?a=2&b=1").text
    assert len(re.findall(r'<tr data-duty="', _section(back, "changes"))) == 2


def test_responsibility_stays_when_the_work_moves_without_evidence() -> None:
    key = DutyKey(dt.date(2026, 12, 1), "A", 0)
    before = [Duty(key, "a1", "a1")]
    after = [Duty(key, "a2", "a1", "swap:7:no-evidence"), Duty(dataclasses.replace(key, slot=1), "a3", "a3")]  # fmt: skip
    diff = diff_versions(before, after)
    assert [(c.holder_before, c.holder_after) for c in diff.changes] == [("a1", "a2"), (None, "a3")]
    by_agent = {changes.agent: changes for changes in diff.agents}
    assert by_agent["a1"].lost == [key] and not by_agent["a1"].no_longer_answers_for
    assert by_agent["a2"].gained == [key] and not by_agent["a2"].now_answers_for
    assert by_agent["a3"].now_answers_for == [DutyKey(key.date, "A", 1)]
    assert diff_versions(before, before).changes == ()


def test_an_unknown_version_is_a_404_page(client: TestClient, tokens: dict[str, str]) -> None:
    sign_in(client, tokens, "lead")
    assert client.get(f"{COVERAGE}?version=9").status_code == 404
    assert client.get(f"{COMPARE}?a=1&b=9").status_code == 404


def test_agents_may_not_open_the_reports(client: TestClient, tokens: dict[str, str]) -> None:
    sign_in(client, tokens, "a1")
    for path in (COVERAGE, VERSIONS, COMPARE):
        answer = client.get(f"{path}?lang=en")
        assert answer.status_code == 403, path
        assert "Only a supervisor" in answer.text
        assert "Total penalty" not in answer.text
