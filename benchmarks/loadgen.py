"""The load generator both HTTP benchmarks use: threads, a barrier, a deadline, latencies.

Each thread opens its connection (and warms it) outside the measurement,
waits for the others, then sends requests until the deadline or a request
bound. Only answers that ``ok`` accepts count as latencies; the others are
counted by status (or error type).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

MAX_REQUESTS_PER_THREAD = 200_000  # a bound besides the time


def percentile(ordered: list[float], fraction: float) -> float:
    """Nearest-rank percentile of sorted values."""
    if not ordered:
        return float("nan")
    rank = max(1, round(fraction * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass(frozen=True)
class Timing:
    latencies: list[float]  # seconds, sorted, of the accepted answers
    errors: dict[str, int]
    seconds: float

    @property
    def requests(self) -> int:
        return len(self.latencies) + sum(self.errors.values())

    def summary(self) -> dict[str, float]:
        """Throughput (accepted answers per second) and p50/p99/mean/max in ms."""
        ms, ordered = 1000.0, self.latencies
        return {
            "throughput": round(len(ordered) / self.seconds, 1),
            "p50_ms": round(percentile(ordered, 0.50) * ms, 2),
            "p99_ms": round(percentile(ordered, 0.99) * ms, 2),
            "mean_ms": round(sum(ordered) / max(len(ordered), 1) * ms, 2),
            "max_ms": round((ordered[-1] if ordered else float("nan")) * ms, 2),
        }


def hammer(
    open_client: Callable[[], httpx.Client],
    send: Callable[[httpx.Client], httpx.Response],
    ok: Callable[[int], bool],
    *,
    seconds: float,
    concurrency: int,
    warm_up: Callable[[httpx.Client], object] | None = None,
) -> Timing:
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    errors: dict[str, int] = {}
    lock = threading.Lock()
    start_together = threading.Barrier(concurrency + 1, timeout=30)
    deadline = [0.0]

    def worker(index: int) -> None:
        with open_client() as client:
            (warm_up or send)(client)  # open the connection outside the measurement
            start_together.wait()
            mine = latencies[index]
            for _ in range(MAX_REQUESTS_PER_THREAD):
                sent = time.perf_counter()
                if sent >= deadline[0]:
                    return
                try:
                    code = send(client).status_code
                    status, accepted = str(code), ok(code)
                except httpx.HTTPError as error:
                    status, accepted = type(error).__name__, False
                if accepted:
                    mine.append(time.perf_counter() - sent)
                else:
                    with lock:
                        errors[status] = errors.get(status, 0) + 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    deadline[0] = time.perf_counter() + seconds
    started = time.perf_counter()
    start_together.wait()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    elapsed = time.perf_counter() - started
    ordered = sorted(t for per_thread in latencies for t in per_thread)
    return Timing(latencies=ordered, errors=errors, seconds=round(elapsed, 3))
