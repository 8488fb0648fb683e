"""Erlang C and A: the published reference case, shape, limits and a simulation check."""

from __future__ import annotations

import math

import pytest

from scheduler.demand.erlang import (
    Model,
    erlang_a,
    erlang_b,
    erlang_c,
    erlang_c_wait_probability,
    offered_load,
    required_agents,
)


def test_reference_case() -> None:
    # The published case: 100 calls in 30 minutes at 180 s AHT is 10 Erlangs;
    # 13 agents give 79.6 % within 20 s, so 14 is the first to reach 80 %.
    staffing = required_agents(100, 1800, 180, target_sl=0.8, answer_within_s=20, shrinkage=0.3)
    assert staffing.agents_on_phone == 14
    assert round(staffing.service_level or 0, 3) == 0.888
    assert round(staffing.wait_probability, 3) == 0.174
    # 14 / (1 - 0.3) is exactly 20; floating point must not round it up to 21.
    assert staffing.agents_scheduled == 20
    assert staffing.occupancy == pytest.approx(10 / 14)
    assert staffing.abandonment == 0.0


def test_erlang_b_small_case() -> None:
    # B(2, 1) = (1/2) / (1 + 1 + 1/2) = 0.2
    assert erlang_b(2, 1.0) == pytest.approx(0.2)
    assert erlang_b(0, 5.0) == 1.0


def test_more_agents_raise_service_level_and_lower_asa() -> None:
    for model, patience in (("C", None), ("A", 90.0)):
        previous_sl, previous_asa = -1.0, math.inf
        for agents in range(11, 30):
            if model == "C":
                metrics = erlang_c(100, 1800, 180, agents, answer_within_s=20)
            else:
                assert patience is not None
                metrics = erlang_a(100, 1800, 180, patience, agents, answer_within_s=20)
            assert metrics.service_level is not None
            assert metrics.service_level > previous_sl
            assert metrics.asa_s < previous_asa
            previous_sl, previous_asa = metrics.service_level, metrics.asa_s


def test_hundreds_of_agents_do_not_overflow() -> None:
    # 5000 calls in 30 minutes at 180 s is 500 Erlangs: 500! alone overflows a float.
    staffing = required_agents(5000, 1800, 180, target_sl=0.8, answer_within_s=20)
    assert 500 < staffing.agents_on_phone < 560
    assert 0.8 <= (staffing.service_level or 0) < 0.9
    assert math.isfinite(staffing.asa_s)
    assert 0 < erlang_c_wait_probability(staffing.agents_on_phone, 500.0) < 1
    abandoning = required_agents(
        5000, 1800, 180, target_sl=0.8, answer_within_s=20, model="A", patience_s=120
    )
    assert 0 < abandoning.agents_on_phone <= staffing.agents_on_phone
    assert 0.8 <= (abandoning.service_level or 0) < 0.9


def test_zero_calls_need_no_agents() -> None:
    cases: list[tuple[Model, float | None]] = [("C", None), ("A", 60.0)]
    for model, patience in cases:
        staffing = required_agents(
            0, 1800, 180, target_sl=0.8, answer_within_s=20, model=model, patience_s=patience
        )
        assert staffing.agents_on_phone == 0
        assert staffing.agents_scheduled == 0
        assert staffing.service_level == 1.0
        assert staffing.wait_probability == 0.0


def test_too_few_agents_for_erlang_c_are_unstable() -> None:
    metrics = erlang_c(100, 1800, 180, 10, answer_within_s=20)
    assert metrics.wait_probability == 1.0
    assert metrics.service_level == 0.0
    assert metrics.asa_s == math.inf


def test_asa_and_occupancy_targets() -> None:
    # ASA at 14 agents is 7.8 s, at 13 agents 17.1 s: a 10 s target needs 14.
    assert required_agents(100, 1800, 180, target_asa_s=10).agents_on_phone == 14
    # Occupancy 10 / n <= 0.7 needs n >= 14.3, so 15.
    assert required_agents(100, 1800, 180, max_occupancy=0.7).agents_on_phone == 15
    # Every target must hold: the strictest one decides.
    both = required_agents(100, 1800, 180, target_sl=0.8, answer_within_s=20, max_occupancy=0.7)
    assert both.agents_on_phone == 15


def test_erlang_a_tends_to_erlang_c_as_patience_grows() -> None:
    for agents in (11, 14, 20):
        c = erlang_c(100, 1800, 180, agents, answer_within_s=20)
        a = erlang_a(100, 1800, 180, 1e9, agents, answer_within_s=20)
        assert a.wait_probability == pytest.approx(c.wait_probability, abs=1e-6)
        assert a.service_level == pytest.approx(c.service_level, abs=1e-6)
        assert a.asa_s == pytest.approx(c.asa_s, rel=1e-4)
        assert a.abandonment < 1e-6


def test_erlang_a_is_stable_when_overloaded() -> None:
    # Fewer agents than the offered load: Erlang A stays finite because callers leave,
    # and the answered calls cannot exceed what the agents can handle.
    metrics = erlang_a(100, 1800, 180, 60, 6, answer_within_s=20)
    assert metrics.abandonment >= 1 - 6 / 10 - 1e-9
    assert 0 <= (metrics.service_level or 0) < 0.6
    assert metrics.occupancy <= 1


def test_offered_load() -> None:
    assert offered_load(100, 1800, 180) == pytest.approx(10.0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"calls": -1}, "calls"),
        ({"interval_s": 0}, "interval_s"),
        ({"aht_s": math.nan}, "aht_s"),
        ({"target_sl": 1.2}, "target_sl"),
        ({"target_sl": None}, "target_sl and answer_within_s"),
        ({"answer_within_s": -5}, "answer_within_s"),
        ({"shrinkage": 1.0}, "shrinkage"),
        ({"max_occupancy": 0}, "max_occupancy"),
        ({"target_asa_s": -1}, "target_asa_s"),
        ({"model": "A"}, "patience_s"),
        ({"model": "A", "patience_s": 0}, "patience_s"),
        ({"model": "B"}, "model"),
        ({"patience_s": 60}, "patience_s"),
    ],
)
def test_bad_parameters_are_named(kwargs: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {
        "calls": 100,
        "interval_s": 1800,
        "aht_s": 180,
        "target_sl": 0.8,
        "answer_within_s": 20,
    }
    arguments.update(kwargs)
    with pytest.raises(ValueError, match=message):
        required_agents(**arguments)  # type: ignore[arg-type]


def test_no_target_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one"):
        required_agents(100, 1800, 180)


def test_negative_agents_are_rejected() -> None:
    with pytest.raises(ValueError, match="agents"):
        erlang_c(100, 1800, 180, -1)


def _simulate(
    calls: float, interval_s: float, aht_s: float, patience_s: float, agents: int
) -> tuple[float, float]:
    """Abandonment and service level (answered within 20 s, over all calls) of a
    simulated M/M/n+M queue, after a warm-up, with a fixed seed."""
    ciw = pytest.importorskip("ciw")
    ciw.seed(7)
    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(calls / interval_s)],
        service_distributions=[ciw.dists.Exponential(1 / aht_s)],
        number_of_servers=[agents],
        reneging_time_distributions=[ciw.dists.Exponential(1 / patience_s)],
    )
    simulation = ciw.Simulation(network)
    horizon, warm_up, cool_down = 400_000, 5_000, 5_000
    simulation.simulate_until_max_time(horizon)
    records = [
        record
        for record in simulation.get_all_records()
        if warm_up < record.arrival_date < horizon - cool_down
    ]
    answered = [record for record in records if record.record_type == "service"]
    abandoned = [record for record in records if record.record_type == "renege"]
    offered = len(answered) + len(abandoned)
    within = sum(record.waiting_time <= 20 for record in answered)
    return len(abandoned) / offered, within / offered


@pytest.mark.parametrize(
    ("calls", "patience_s", "agents"),
    [
        (100, 120, 12),  # near the reference case, some abandonment
        (100, 60, 8),  # overloaded: 10 Erlangs on 8 agents, heavy abandonment
        (300, 300, 30),  # larger group, patient callers
    ],
)
def test_erlang_a_matches_simulation(calls: float, patience_s: float, agents: int) -> None:
    # Tolerance: 2 percentage points on abandonment and service level. About
    # 20,000-70,000 simulated calls put the sampling error well inside that.
    abandonment, service_level = _simulate(calls, 1800, 180, patience_s, agents)
    metrics = erlang_a(calls, 1800, 180, patience_s, agents, answer_within_s=20)
    assert metrics.abandonment == pytest.approx(abandonment, abs=0.02)
    assert metrics.service_level == pytest.approx(service_level, abs=0.02)
