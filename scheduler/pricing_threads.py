"""Pricing several agents at once, in threads, where one agent's programme is large.

numpy releases the GIL inside its array operations, so on programmes with
large state arrays two threads price two agents in about the time of one;
on small programmes the Python between the operations holds the lock and
threads only add switching. Measured with one-off scripts on 2 cores
(every agent once, at random prices): Curtois & Qu Instance20 (182 days,
17 million state-days an agent) 5.3 s → 2.5 s, Instance21 (44 million)
1.7x, but Instance14 (0.7 million) 0.87x and Instance12 (0.16 million) 0.52x.
"""

from __future__ import annotations

import atexit
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from scheduler.cheapest_schedule import Costs, ScheduleSpace, state_days
from scheduler.schedule_pricing import Priced, SchedulePricer

PARALLEL_MIN_STATE_DAYS = 4_000_000
"""Mean states x days of the agents' programmes from which threads pay."""

_executors: dict[int, ThreadPoolExecutor] = {}
"""One pool per size, kept for the process: pricing calls come in many small batches."""


def at_once(spaces: Sequence[ScheduleSpace], workers: int) -> int:
    """How many agents to price together: ``workers`` on large programmes, else 1."""
    if workers < 2 or not spaces:
        return 1
    mean = sum(state_days(space) for space in spaces) / len(spaces)
    return workers if mean >= PARALLEL_MIN_STATE_DAYS else 1


def price_together(
    pricers: Sequence[SchedulePricer], prices: Costs | None, *, exact: bool = False
) -> list[Priced | None]:
    """Every pricer's cheapest schedule at ``prices``, each in its own thread when there are several.

    Each pricer keeps state of its own (its multipliers), so no two threads
    share one; ``prices`` is only read.
    """
    if len(pricers) < 2:
        return [_price(pricer, prices, exact) for pricer in pricers]
    futures = [_pool(len(pricers)).submit(_price, pricer, prices, exact) for pricer in pricers]
    return [future.result() for future in futures]


def _price(pricer: SchedulePricer, prices: Costs | None, exact: bool) -> Priced | None:
    return pricer.exact(prices) if exact else pricer(prices)


def _pool(threads: int) -> ThreadPoolExecutor:
    if threads not in _executors:
        _executors[threads] = ThreadPoolExecutor(threads, thread_name_prefix="pricing")
        atexit.register(_executors[threads].shutdown)
    return _executors[threads]
