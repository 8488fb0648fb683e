"""Generating a roster from the pages: pick or upload, watch the solve, publish or relax."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.web.explanation_cache import ExplanationCache
from api.web.generate import instance_source, parse_time_limit
from api.web.solve_view import number_text
from scheduler.explain.report import Infeasibility
from scheduler.instance import Instance, load_instance, parse_instance_text
from scheduler.jobs import JobRecord, JobState
from scheduler.store import Role, Store
from tests.web.pages import post_form, sign_in, text_of

TEAM = "four-agents"
GENERATE = f"/teams/{TEAM}/generate"
INSTANCES = Path(__file__).parents[2] / "instances"
JOB_PATH = re.compile(rf"^/teams/{TEAM}/jobs/([0-9a-f]+)$")
SOLVE_WAIT_S = 60.0  # a bound for a spawned solve of 2 s, never reached when all is well


def _start(client: TestClient, instance_id: int, time_limit: str = "2") -> str:
    answer = post_form(
        client, GENERATE, {"instance_id": str(instance_id), "time_limit": time_limit}
    )
    assert answer.status_code == 303, answer.text
    match = JOB_PATH.match(answer.headers["location"])
    assert match, answer.headers["location"]
    return match.group(1)


def _finished(client: TestClient, job_id: str) -> JobRecord:
    job = client.app.state.jobs.wait(job_id, timeout=SOLVE_WAIT_S)  # type: ignore[attr-defined]
    assert job.state.finished, f"job still {job.state} after {SOLVE_WAIT_S} s"
    return job


def _upload(client: TestClient, name: str, content: bytes) -> int:
    answer = post_form(
        client, f"{GENERATE}/upload", files={"file": (name, content, "application/yaml")}
    )
    assert answer.status_code == 303, text_of(answer.text)
    location = answer.headers["location"]
    assert location.startswith(f"{GENERATE}?uploaded=")
    return int(location.rsplit("=", 1)[1])


def _signed_in_lead(client: TestClient, tokens: dict[str, str]) -> None:
    sign_in(client, tokens, "lead")
    client.get(f"{GENERATE}?lang=en")  # English from here on (the cookie remembers it)


# -- the pure helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [("10", 10.0), (" 2.5 ", 2.5), ("0,5", 0.5), ("3600", 3600.0), ("0", None),
     ("-1", None), ("3601", None), ("nan", None), ("inf", None), ("ten", None), ("", None)],
)  # fmt: skip
def test_a_time_limit_is_above_zero_and_at_most_an_hour(typed: str, seconds: float | None) -> None:
    assert parse_time_limit(typed) == seconds


def test_numbers_print_without_a_needless_decimal() -> None:
    assert number_text(600.0, "-") == "600"
    assert number_text(299.96, "-") == "300.0"
    assert number_text(None, "-") == "-"


def test_a_relaxed_instance_is_stored_as_a_file_that_reads_back_the_same() -> None:
    instance = load_instance(INSTANCES / "four-agents-two-days-off.yaml")
    assert parse_instance_text(instance_source(instance)) == instance


def test_an_explanation_is_computed_once_per_key() -> None:
    cache = ExplanationCache(size=2)
    calls: list[str] = []

    def compute(name: str) -> Infeasibility:
        calls.append(name)
        return Infeasibility(conflict=(), minimal=True, relaxations=())

    for key in ("a", "a", "b", "a", "c", "a"):
        cache.get((key, "en"), lambda key=key: compute(key))
    # "a" is computed once while it stays among the two latest; "b" and "c" once each.
    assert calls == ["a", "b", "c"]


# -- the generate page ------------------------------------------------------------------------


def test_the_generate_page_lists_the_teams_instances_newest_first(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    _signed_in_lead(client, tokens)
    (record,) = store.instances(TEAM)
    html = client.get(GENERATE).text
    assert 'class="start-solve"' in html
    assert re.search(rf'name="instance_id" value="{record.id}"[^>]*checked', html)
    assert 'name="time_limit"' in html and 'value="10"' in html
    page = text_of(html)
    assert "four-agents" in page and f"#{record.id}" in page
    assert "2026-11-20 17:00" in page  # uploaded at 09:00 UTC, shown on Shanghai's clock


def test_starting_a_solve_redirects_to_its_live_page(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    _signed_in_lead(client, tokens)
    instance_id = store.instances(TEAM)[0].id
    job_id = _start(client, instance_id, "5")
    job = client.app.state.jobs.get(job_id)  # type: ignore[attr-defined]
    assert job.labels == {"team": TEAM, "instance_id": str(instance_id)}
    assert job.time_limit == 5.0
    html = client.get(f"/teams/{TEAM}/jobs/{job_id}").text
    for marker in ('id="job-state"', 'id="job-objective"', 'id="job-bound"'):
        assert marker in html
    if 'id="job-result"' not in html:  # still running: the live part and its script
        assert '<progress id="job-progress"' in html and 'max="5.0"' in html
        assert f'data-status-url="/teams/{TEAM}/jobs/{job_id}/status"' in html
        assert "/static/generate.js" in html


def test_a_bad_time_limit_stays_on_the_form_and_starts_nothing(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    _signed_in_lead(client, tokens)
    instance_id = store.instances(TEAM)[0].id
    answer = post_form(client, GENERATE, {"instance_id": str(instance_id), "time_limit": "0"})
    assert answer.status_code == 422
    assert "above 0 and at most 3600" in text_of(answer.text)
    assert client.app.state.jobs.list() == []  # type: ignore[attr-defined]


def test_the_status_answers_the_supervisor_only(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    _signed_in_lead(client, tokens)
    job_id = _start(client, store.instances(TEAM)[0].id)
    status_path = f"/teams/{TEAM}/jobs/{job_id}/status"
    status = client.get(status_path).json()
    assert status["state"] in ("queued", "running", "done")
    assert status["time_limit"] == 2.0
    assert set(status) >= {"elapsed_s", "objective", "best_bound", "solutions", "done"}
    assert status["text"]["state"]  # in the page language, for the script to show

    sign_in(client, tokens, "a1")
    assert client.get(status_path).status_code == 403
    client.cookies.clear()
    signed_out = client.get(status_path, follow_redirects=False)
    assert signed_out.status_code == 303 and signed_out.headers["location"].startswith("/signin")


def test_a_solved_roster_shows_as_a_grid_and_publishing_makes_it_current(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    _signed_in_lead(client, tokens)
    before = store.current_version(TEAM)
    assert before is not None
    job_id = _start(client, store.instances(TEAM)[0].id)
    job = _finished(client, job_id)
    assert job.state is JobState.DONE

    html = client.get(f"/teams/{TEAM}/jobs/{job_id}").text
    assert '<section id="job-result" data-state="done" data-outcome="roster">' in html
    assert 'data-rows="4" data-days="21"' in html
    assert re.findall(r'<tr data-agent="(a\d)">', html) == ["a1", "a2", "a3", "a4"]
    assert 'id="publish"' in html
    page = text_of(html)
    assert "What this roster gives up" in page and "Total" in page  # the penalty breakdown

    answer = post_form(client, f"/teams/{TEAM}/jobs/{job_id}/publish")
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/teams/{TEAM}/roster"
    after = store.current_version(TEAM)
    assert after is not None and after.number == before.number + 1
    assert job.result is not None
    solved = {(a["agent"], a["date"], a["shift"]) for a in job.result["assignments"]}
    published = {(d.holder, d.key.date.isoformat(), d.key.shift) for d in after.duties}
    assert published == solved


def test_an_infeasible_instance_shows_its_conflict_and_a_way_out_solves_again(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    _signed_in_lead(client, tokens)
    source = (INSTANCES / "four-agents-two-days-off.yaml").read_bytes()
    instance_id = _upload(client, "four-agents-two-days-off.yaml", source)
    assert "four-agents-two-days-off" in text_of(
        client.get(f"{GENERATE}?uploaded={instance_id}").text
    )
    job_id = _start(client, instance_id)
    assert _finished(client, job_id).state is JobState.DONE
    # While the finished page works out why, the live part says so.
    status = client.get(f"/teams/{TEAM}/jobs/{job_id}/status?lang=en").json()
    assert status["done"] and "finding out why" in status["text"]["state"]

    html = client.get(f"/teams/{TEAM}/jobs/{job_id}").text
    assert 'data-outcome="infeasible"' in html
    page = text_of(html)
    assert "No roster can keep every hard rule" in page
    assert "at least 2 days off in every week" in page  # one rule of the conflict
    buttons = re.findall(rf'action="/teams/{TEAM}/jobs/{job_id}/relax/(\d+)"', html)
    assert buttons, "no verified relaxation to apply"
    # Reloading shows the same explanation without solving again (it is kept per job).
    assert client.get(f"/teams/{TEAM}/jobs/{job_id}").text == html

    count = len(store.instances(TEAM))
    answer = post_form(client, f"/teams/{TEAM}/jobs/{job_id}/relax/{buttons[0]}")
    assert answer.status_code == 303
    match = JOB_PATH.match(answer.headers["location"])
    assert match and match.group(1) != job_id
    new_job = client.app.state.jobs.get(match.group(1))  # type: ignore[attr-defined]
    new_instance_id = int(new_job.labels["instance_id"])
    assert new_instance_id != instance_id and len(store.instances(TEAM)) == count + 1
    assert new_job.time_limit == 2.0
    relaxed = store.load_instance_record(new_instance_id)
    original = store.load_instance_record(instance_id)
    assert relaxed.model_dump(exclude={"description"}) != original.model_dump(
        exclude={"description"}
    )
    # The first way out is verified: the new solve finds a roster.
    assert _finished(client, new_job.id).result["status"] in ("OPTIMAL", "FEASIBLE")  # type: ignore[index]


def test_a_broken_file_shows_its_field_problems_and_stores_nothing(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    _signed_in_lead(client, tokens)
    count = len(store.instances(TEAM))
    broken = (INSTANCES / "four-agents.yaml").read_text(encoding="utf-8")
    broken = broken.replace("weeks: 3", "weeks: three")
    answer = post_form(
        client,
        f"{GENERATE}/upload",
        files={"file": ("broken.yaml", broken.encode(), "application/yaml")},
    )
    assert answer.status_code == 422
    page = text_of(answer.text)
    assert "nothing was stored" in page
    assert "horizon.weeks" in page
    assert len(store.instances(TEAM)) == count
    # In Chinese too, with the same field path.
    chinese = post_form(
        client,
        f"{GENERATE}/upload?lang=zh",
        files={"file": ("broken.yaml", broken.encode(), "application/yaml")},
    )
    assert "未保存任何内容" in chinese.text and "horizon.weeks" in chinese.text


def test_an_empty_upload_asks_for_a_file(client: TestClient, tokens: dict[str, str]) -> None:
    _signed_in_lead(client, tokens)
    answer = post_form(
        client, f"{GENERATE}/upload", files={"file": ("empty.yaml", b"", "application/yaml")}
    )
    assert answer.status_code == 422
    assert "Choose a file" in text_of(answer.text)


def test_forms_without_the_csrf_field_are_refused(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    _signed_in_lead(client, tokens)
    instance_id = store.instances(TEAM)[0].id
    answer = client.post(
        GENERATE, data={"instance_id": str(instance_id), "time_limit": "2"}, follow_redirects=False
    )
    assert answer.status_code == 403
    assert client.app.state.jobs.list() == []  # type: ignore[attr-defined]
    upload = client.post(
        f"{GENERATE}/upload",
        files={"file": ("x.yaml", (INSTANCES / "four-agents.yaml").read_bytes(), "text/yaml")},
        follow_redirects=False,
    )
    assert upload.status_code == 403
    assert len(store.instances(TEAM)) == 1


def test_a_running_solve_can_be_cancelled(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    _signed_in_lead(client, tokens)
    job_id = _start(client, store.instances(TEAM)[0].id, "60")
    answer = post_form(client, f"/teams/{TEAM}/jobs/{job_id}/cancel")
    assert answer.status_code == 303
    assert client.app.state.jobs.get(job_id).state is JobState.CANCELLED  # type: ignore[attr-defined]
    html = client.get(f"/teams/{TEAM}/jobs/{job_id}").text
    assert 'data-state="cancelled"' in html and "The solve was cancelled." in text_of(html)
    # Nothing to publish.
    assert post_form(client, f"/teams/{TEAM}/jobs/{job_id}/publish").status_code == 409


def test_an_unknown_job_is_a_404_and_another_teams_job_a_403(
    client: TestClient, tokens: dict[str, str], store: Store, default_instance: Instance
) -> None:
    _signed_in_lead(client, tokens)
    missing = client.get(f"/teams/{TEAM}/jobs/0123abcd")
    assert missing.status_code == 404 and "no solve job 0123abcd" in text_of(missing.text)
    jobs = client.app.state.jobs  # type: ignore[attr-defined]
    other = jobs.submit(
        default_instance, time_limit=1, labels={"team": "other", "instance_id": "1"}
    )
    jobs.cancel(other.id)
    for path in ("", "/status"):
        answer = client.get(f"/teams/{TEAM}/jobs/{other.id}{path}")
        assert answer.status_code == 403
        assert "another team" in text_of(answer.text)
    assert post_form(client, f"/teams/{TEAM}/jobs/{other.id}/publish").status_code == 403


def test_a_team_without_instances_is_offered_the_example(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    store.create_team("new-team", "New team", "Europe/Berlin", "en", [("a1", "Ann")])
    store.create_user("boss", Role.SUPERVISOR)
    token = store.create_token("boss")[0]
    sign_in(client, {"boss": token}, "boss")
    html = client.get("/teams/new-team/generate").text
    assert "four-agents.yaml" in html and 'class="start-solve"' not in html
    answer = post_form(client, "/teams/new-team/generate/example")
    assert answer.status_code == 303
    (record,) = store.instances("new-team")
    assert record.name == "four-agents"
    # Once the team has an instance, the example is no longer offered.
    assert "/generate/example" not in client.get("/teams/new-team/generate").text
    # Another team's supervisor cannot solve it.
    _signed_in_lead(client, tokens)
    refused = post_form(client, GENERATE, {"instance_id": str(record.id), "time_limit": "2"})
    assert refused.status_code == 403
    assert f"does not belong to team {TEAM}" in text_of(refused.text)
    assert client.app.state.jobs.list() == []  # type: ignore[attr-defined]
