"""Teams, agents, instances and solve results."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from scheduler.instance import Instance
from scheduler.result import Penalty, Result, Status
from scheduler.store import Conflict, NotFound, Store, StoreError
from scheduler.store.schema import SolveResultRow


def test_a_team_is_created_with_its_agents_and_default_settings(store: Store) -> None:
    created = store.create_team("t", "Team", "Asia/Shanghai", "zh", [("a2", "Bo"), ("a1", "Ann")])
    assert created == store.team("t")
    assert created.notice_hours == 24
    assert created.auto_approve is False
    assert [agent.code for agent in created.agents] == ["a1", "a2"]
    assert created.agent_codes == {"a1", "a2"}


def test_a_team_slug_is_taken_once(store: Store) -> None:
    store.create_team("t", "Team", "UTC", "en")
    with pytest.raises(Conflict):
        store.create_team("t", "Other", "UTC", "en")
    assert store.team("t").name == "Team"


def test_settings_change_one_at_a_time(store: Store) -> None:
    store.create_team("t", "Team", "UTC", "en", [("a1", "Ann")])
    updated = store.update_team_settings("t", notice_hours=48, auto_approve=True)
    assert (updated.notice_hours, updated.auto_approve, updated.language) == (48, True, "en")
    assert store.add_agents("t", [("a2", "Bo")]).agent_codes == {"a1", "a2"}
    with pytest.raises(Conflict):
        store.add_agents("t", [("a2", "Bo again")])


def test_not_found_names_what_is_missing_in_both_languages(store: Store) -> None:
    with pytest.raises(NotFound) as missing:
        store.team("nope")
    assert str(missing.value) == "team nope not found"
    assert missing.value.describe("en") == "team nope not found"
    assert missing.value.describe("zh") == "找不到团队 nope"
    store.create_team("t", "Team", "UTC", "en")
    with pytest.raises(NotFound) as no_version:
        store.version("t", 4)
    assert no_version.value.describe("zh") == "团队 t 没有第 4 版排班表"
    with pytest.raises(NotFound, match="swap request 9 not found"):
        store.swap(9)


def test_an_instance_comes_back_validated_and_its_source_as_uploaded(
    store: Store, instance: Instance
) -> None:
    store.create_team("t", "Team", "UTC", "en", [("a1", "Ann")])
    source = "# as uploaded, comments and all\nteam: {}\n"
    record = store.save_instance("t", instance, source)
    assert store.load_instance_record(record.id) == instance
    assert store.instance_source(record.id) == source
    assert store.instance_record(record.id) == record
    assert len(record.sha256) == 64
    assert record.created_at.tzinfo == dt.UTC


def test_a_team_lists_its_own_instances_newest_first(store: Store, instance: Instance) -> None:
    store.create_team("t", "Team", "UTC", "en")
    store.create_team("u", "Other", "UTC", "en")
    first = store.save_instance("t", instance, "first")
    store.save_instance("u", instance, "elsewhere")
    second = store.save_instance("t", instance, "second")
    assert store.instances("t") == (second, first)
    with pytest.raises(NotFound):
        store.instances("nobody")


def test_a_solve_result_round_trips(store: Store, instance: Instance) -> None:
    store.create_team("t", "Team", "UTC", "en")
    instance_id = store.save_instance("t", instance, "x").id
    penalty = Penalty("fairness.minutes", 3, 2, agent="a1", date=dt.date(2026, 12, 1))
    # Two interval penalties of one day differ only in their interval.
    intervals = tuple(
        Penalty("interval_coverage.over", 1, 1, date=dt.date(2026, 12, 1), interval=interval)
        for interval in ("12:00-12:30", "12:30-13:00")
    )
    penalties = (penalty, Penalty("min_rest", 1, 5), *intervals)
    result = Result(Status.FEASIBLE, 6, 4.5, 1.25, (), penalties, (), ())
    result_id = store.save_result(instance_id, result)
    stored = store.result_record(result_id)
    assert (stored.status, stored.objective, stored.best_bound, stored.wall_time_s) == (
        Status.FEASIBLE,
        6,
        4.5,
        1.25,
    )
    assert stored.penalties == result.penalties
    assert [p.interval for p in stored.penalties] == [None, None, "12:00-12:30", "12:30-13:00"]
    with pytest.raises(NotFound):
        store.save_result(12345, result)


def test_a_result_stored_before_penalties_named_their_interval_loads(
    store: Store, instance: Instance
) -> None:
    store.create_team("t", "Team", "UTC", "en")
    instance_id = store.save_instance("t", instance, "x").id
    penalty = Penalty("interval_coverage.under", 2, 5, date=dt.date(2026, 12, 1))
    result = Result(Status.FEASIBLE, 10, 10.0, 0.5, (), (penalty,), (), ())
    result_id = store.save_result(instance_id, result)
    # The penalty as it was written then: the same keys but no "interval".
    old = {
        "rule": "interval_coverage.under",
        "amount": 2,
        "weight": 5,
        "agent": None,
        "date": "2026-12-01",
        "shift": None,
    }
    with store.engine.begin() as connection:
        connection.execute(
            update(SolveResultRow).where(SolveResultRow.id == result_id).values(penalties=[old])
        )
    assert store.result_record(result_id).penalties == (penalty,)


def test_text_with_a_nul_character_is_refused_on_every_backend(store: Store) -> None:
    # PostgreSQL cannot store NUL in text; the store refuses it everywhere alike.
    with pytest.raises(StoreError) as refused:
        store.create_team("nul", "bad\x00name", "UTC", "en")
    assert "NUL" in refused.value.describe("en")
    assert [team.slug for team in store.teams() if team.slug == "nul"] == []
