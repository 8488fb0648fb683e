"""Erlang C and Erlang A: from call volume to the agents a service level needs.

Both models take the calls offered in one interval, the interval length and the
average handle time (AHT), and treat the interval as a stationary queue with
Poisson arrivals and exponential handle times and ``agents`` servers. Erlang C
(M/M/n) assumes no caller ever hangs up; Erlang A (M/M/n+M, Palm 1943; Garnett,
Mandelbaum and Reiman 2002) gives every caller an exponential patience and lets
them abandon. Everything is computed without factorials or large powers, so
thousands of agents neither overflow nor lose precision; scipy is not needed.

Service level is the share of *all* offered calls answered within
``answer_within_s`` seconds (a call that abandons counts as not answered).
ASA is the mean wait of the calls that are answered.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

Model = Literal["C", "A"]

# Stationary probabilities below exp(-_LOG_TAIL) of the largest one are dropped.
_LOG_TAIL = 45.0


@dataclass(frozen=True)
class QueueMetrics:
    """How one interval performs with a given number of agents on the phone.

    ``service_level`` is None when no ``answer_within_s`` was given. Erlang C
    with no more agents than the offered load is unstable: every call waits,
    the service level is 0 and the ASA is infinite.
    """

    agents: int
    wait_probability: float
    service_level: float | None
    asa_s: float
    occupancy: float
    abandonment: float


@dataclass(frozen=True)
class Staffing:
    """Agents an interval needs and how it performs with them.

    ``agents_on_phone`` is what the queue needs; ``agents_scheduled`` adds
    shrinkage (breaks, training, absence): ``ceil(on_phone / (1 - shrinkage))``.
    ``abandonment`` is 0 under Erlang C, which assumes no caller hangs up.
    """

    agents_on_phone: int
    agents_scheduled: int
    service_level: float | None
    wait_probability: float
    asa_s: float
    occupancy: float
    abandonment: float


def offered_load(calls: float, interval_s: float, aht_s: float) -> float:
    """Traffic intensity in Erlangs: ``calls * aht_s / interval_s``."""
    _check_traffic(calls, interval_s, aht_s)
    return calls * aht_s / interval_s


def erlang_b(agents: int, load: float) -> float:
    """Blocking probability of M/M/n/n with the stable recursion
    ``B(0) = 1, B(n) = A·B(n-1) / (n + A·B(n-1))``."""
    _check_agents(agents)
    _check_non_negative("load", load)
    blocking = 1.0
    for servers in range(1, agents + 1):
        blocking = load * blocking / (servers + load * blocking)
    return blocking


def erlang_c_wait_probability(agents: int, load: float) -> float:
    """Probability that a call waits in M/M/n: ``C = n·B / (n - A(1 - B))``;
    1 when ``agents <= load`` (the queue grows without bound)."""
    _check_agents(agents)
    _check_non_negative("load", load)
    if load == 0:
        return 0.0
    if agents <= load:
        return 1.0
    blocking = erlang_b(agents, load)
    return agents * blocking / (agents - load * (1 - blocking))


def erlang_c(
    calls: float,
    interval_s: float,
    aht_s: float,
    agents: int,
    *,
    answer_within_s: float | None = None,
) -> QueueMetrics:
    """Erlang C (M/M/n, no abandonment) for one interval.

    Service level ``1 - C·exp(-(n - A)·T / AHT)``; ASA ``C·AHT / (n - A)``
    (over all calls, as usual for Erlang C: the answered calls are all calls);
    occupancy ``A / n``.
    """
    load = offered_load(calls, interval_s, aht_s)
    _check_agents(agents)
    if answer_within_s is not None:
        _check_non_negative("answer_within_s", answer_within_s)
    if load == 0:
        return QueueMetrics(agents, 0.0, None if answer_within_s is None else 1.0, 0.0, 0.0, 0.0)
    if agents <= load:
        service_level = None if answer_within_s is None else 0.0
        occupancy = 1.0 if agents > 0 else 0.0
        return QueueMetrics(agents, 1.0, service_level, math.inf, occupancy, 0.0)
    wait_probability = erlang_c_wait_probability(agents, load)
    spare = agents - load
    service_level = None
    if answer_within_s is not None:
        service_level = 1 - wait_probability * math.exp(-spare * answer_within_s / aht_s)
    asa_s = wait_probability * aht_s / spare
    return QueueMetrics(agents, wait_probability, service_level, asa_s, load / agents, 0.0)


def erlang_a(
    calls: float,
    interval_s: float,
    aht_s: float,
    patience_s: float,
    agents: int,
    *,
    answer_within_s: float | None = None,
) -> QueueMetrics:
    """Erlang A (M/M/n+M: exponential patience with mean ``patience_s``) for one interval.

    Method: the birth-death stationary distribution (arrival rate λ; departure
    rate ``min(j, n)·μ + max(j - n, 0)·θ`` in state j), built in log space and
    truncated where the tail falls below e^-45 of the peak. By PASTA a caller
    meets that distribution. A caller who finds k others queued moves up at
    rate ``nμ + iθ`` with i callers ahead, and reaches an agent before their own
    patience runs out with probability ``nμ / (nμ + (k+1)θ)``. Abandonment is
    ``θ·E[queue] / λ``. The service level is the probability of reaching an
    agent within T before abandoning: the absorption of that pure-death chain
    (killed at rate θ) by time T, computed by uniformisation (all terms are
    non-negative, so it is stable). ASA is ``E[wait; answered] / P(answered)``
    with ``E[wait; answered | k] = nμ/(nμ+(k+1)θ) · Σ_{i=1..k+1} 1/(nμ+iθ)``.
    """
    _check_traffic(calls, interval_s, aht_s)
    _check_positive("patience_s", patience_s)
    _check_agents(agents)
    if answer_within_s is not None:
        _check_non_negative("answer_within_s", answer_within_s)
    if calls == 0:
        return QueueMetrics(agents, 0.0, None if answer_within_s is None else 1.0, 0.0, 0.0, 0.0)
    arrival_rate = calls / interval_s
    service_rate = 1 / aht_s
    abandon_rate = 1 / patience_s
    if agents == 0:
        # Nobody answers: every caller waits and eventually abandons.
        service_level = None if answer_within_s is None else 0.0
        return QueueMetrics(0, 1.0, service_level, 0.0, 0.0, 1.0)

    queued = _queued_distribution(arrival_rate, service_rate, abandon_rate, agents)
    wait_probability = float(queued.sum())
    mean_queue = float(np.dot(np.arange(queued.size), queued))
    abandonment = abandon_rate * mean_queue / arrival_rate
    answered = 1 - abandonment
    occupancy = min(1.0, arrival_rate * answered / service_rate / agents)

    capacity = agents * service_rate
    ahead = np.arange(queued.size, dtype=float)  # k callers already queued
    reach_agent = capacity / (capacity + (ahead + 1) * abandon_rate)
    wait_terms = np.cumsum(1 / (capacity + np.arange(1, queued.size + 1) * abandon_rate))
    answered_wait = float(np.dot(queued, reach_agent * wait_terms))
    asa_s = answered_wait / answered if answered > 0 else 0.0

    service_level = None
    if answer_within_s is not None:
        no_wait = 1 - wait_probability
        service_level = no_wait + _answered_within(queued, capacity, abandon_rate, answer_within_s)
        service_level = min(1.0, max(0.0, service_level))
    return QueueMetrics(
        agents, wait_probability, service_level, asa_s, occupancy, min(1.0, abandonment)
    )


def required_agents(
    calls: float,
    interval_s: float,
    aht_s: float,
    *,
    target_sl: float | None = None,
    answer_within_s: float | None = None,
    target_asa_s: float | None = None,
    max_occupancy: float | None = None,
    shrinkage: float = 0.0,
    model: Model = "C",
    patience_s: float | None = None,
) -> Staffing:
    """The fewest agents on the phone that meet every target given.

    Targets: service level ``target_sl`` (a fraction) within ``answer_within_s``
    seconds (both or neither), ``target_asa_s``, ``max_occupancy``; at least one.
    Under Erlang C the answer is also always more than the offered load. Every
    metric is monotone in the number of agents, so the search doubles and then
    bisects. Zero calls need zero agents.
    """
    _check_traffic(calls, interval_s, aht_s)
    if (target_sl is None) != (answer_within_s is None):
        raise ValueError("target_sl and answer_within_s must be given together")
    if target_sl is not None and not 0 < target_sl < 1:
        raise ValueError(f"target_sl must be in (0, 1), got {target_sl}")
    if answer_within_s is not None:
        _check_non_negative("answer_within_s", answer_within_s)
    if target_asa_s is not None:
        _check_positive("target_asa_s", target_asa_s)
    if max_occupancy is not None and not 0 < max_occupancy <= 1:
        raise ValueError(f"max_occupancy must be in (0, 1], got {max_occupancy}")
    if target_sl is None and target_asa_s is None and max_occupancy is None:
        raise ValueError("give at least one of target_sl, target_asa_s, max_occupancy")
    if not 0 <= shrinkage < 1:
        raise ValueError(f"shrinkage must be in [0, 1), got {shrinkage}")
    if model not in ("C", "A"):
        raise ValueError(f"model must be 'C' or 'A', got {model!r}")
    if model == "A":
        if patience_s is None:
            raise ValueError("patience_s is required for model 'A'")
        _check_positive("patience_s", patience_s)
    elif patience_s is not None:
        raise ValueError("patience_s applies to model 'A' only")

    def evaluate(agents: int) -> QueueMetrics:
        if model == "A":
            assert patience_s is not None
            return erlang_a(
                calls, interval_s, aht_s, patience_s, agents, answer_within_s=answer_within_s
            )
        return erlang_c(calls, interval_s, aht_s, agents, answer_within_s=answer_within_s)

    def meets(metrics: QueueMetrics) -> bool:
        if model == "C" and metrics.agents <= load:
            return False
        if target_sl is not None:
            assert metrics.service_level is not None
            if metrics.service_level < target_sl:
                return False
        if target_asa_s is not None and metrics.asa_s > target_asa_s:
            return False
        return max_occupancy is None or metrics.occupancy <= max_occupancy

    load = calls * aht_s / interval_s
    if calls == 0:
        best = evaluate(0)
    else:
        low = 0  # known not to meet the targets
        high = max(1, math.ceil(load))
        while not meets(evaluate(high)):
            low, high = high, high * 2
        while high - low > 1:
            middle = (low + high) // 2
            if meets(evaluate(middle)):
                high = middle
            else:
                low = middle
        best = evaluate(high)
    # Round before ceil so that 14 / 0.7 = 20.000000000000004 stays 20.
    scheduled = math.ceil(round(best.agents / (1 - shrinkage), 9))
    return Staffing(
        agents_on_phone=best.agents,
        agents_scheduled=scheduled,
        service_level=best.service_level,
        wait_probability=best.wait_probability,
        asa_s=best.asa_s,
        occupancy=best.occupancy,
        abandonment=best.abandonment,
    )


def _queued_distribution(
    arrival_rate: float, service_rate: float, abandon_rate: float, agents: int
) -> np.ndarray:
    """Stationary probabilities of M/M/n+M for the states with all agents busy:
    index k is state n + k, k callers queued."""
    # Log weights relative to state n, downwards: w(j-1) = w(j) · jμ/λ.
    servers = np.arange(1, agents + 1, dtype=float)
    down = np.log(servers * service_rate / arrival_rate)[::-1]  # j = n, n-1, ..., 1
    below = np.cumsum(down)[::-1]  # log w(j) for j = 0..n-1
    # Upwards: w(n+k) = w(n+k-1) · λ / (nμ + kθ); stop once decreasing and negligible.
    capacity = agents * service_rate
    above = [0.0]
    peak = max(0.0, float(below.max()) if below.size else 0.0)
    queued = 0
    while True:
        queued += 1
        step = math.log(arrival_rate / (capacity + queued * abandon_rate))
        value = above[-1] + step
        above.append(value)
        peak = max(peak, value)
        if step < 0 and value < peak - _LOG_TAIL:
            break
    log_weights = np.concatenate([below, np.array(above)])
    weights = np.exp(log_weights - log_weights.max())
    probabilities: np.ndarray = weights / weights.sum()
    return probabilities[agents:]


def _answered_within(
    queued: np.ndarray, capacity: float, abandon_rate: float, within_s: float
) -> float:
    """P(a caller who has to queue reaches an agent within ``within_s`` seconds),
    times the queueing probability: weights ``queued[k]`` over callers ahead."""
    if within_s == 0:
        return 0.0
    ahead = np.arange(queued.size, dtype=float)
    move_rate = capacity + ahead * abandon_rate  # to one fewer ahead, or to an agent
    uniform_rate = float(move_rate[-1]) + abandon_rate
    move = move_rate / uniform_rate
    stay = 1 - (move_rate + abandon_rate) / uniform_rate
    mean_steps = uniform_rate * within_s
    # Poisson weights in log space, as mean_steps may be large; beyond mean + 12 sd
    # the Poisson tail is far below 1e-15.
    last_step = math.ceil(mean_steps + 12 * math.sqrt(mean_steps) + 30)
    state = queued.astype(float).copy()
    served = 0.0
    total = 0.0
    log_mean = math.log(mean_steps)
    for step in range(last_step + 1):
        weight = math.exp(step * log_mean - mean_steps - math.lgamma(step + 1))
        total += weight * served
        moved = state * move
        served += float(moved[0])
        state = state * stay
        state[:-1] += moved[1:]
    return total


def _check_traffic(calls: float, interval_s: float, aht_s: float) -> None:
    _check_non_negative("calls", calls)
    _check_positive("interval_s", interval_s)
    _check_positive("aht_s", aht_s)


def _check_agents(agents: int) -> None:
    if isinstance(agents, bool) or not isinstance(agents, int) or agents < 0:
        raise ValueError(f"agents must be a non-negative integer, got {agents!r}")


def _check_non_negative(name: str, value: float) -> None:
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number >= 0, got {value}")


def _check_positive(name: str, value: float) -> None:
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value}")
