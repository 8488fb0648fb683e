"""Why a job found no roster: the explanation of a conflict, computed once per job and language.

Explaining runs several solves (the conflict, then a check of each
relaxation), so the result is kept in a small bounded cache on the app, and a
second request for a job being explained waits for the first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from fastapi import Request

from scheduler.explain.report import Infeasibility, explain_infeasibility
from scheduler.instance import Instance
from scheduler.jobs import JobRecord

# At most this long for the conflict and for each relaxation's check.
EXPLAIN_TIME_LIMIT = 10.0
VERIFY_TIME_LIMIT = 5.0
KEEP_EXPLANATIONS = 16


class ExplanationCache:
    """Infeasibility explanations by (job id, language), the latest ``size`` kept.

    A second request for a key being computed waits for the first instead of
    solving the same models again.
    """

    def __init__(self, size: int = KEEP_EXPLANATIONS) -> None:
        self._size = size
        self._entries: OrderedDict[tuple[str, str], Infeasibility] = OrderedDict()
        self._computing: dict[tuple[str, str], threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str], compute: Callable[[], Infeasibility]) -> Infeasibility:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
            key_lock = self._computing.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._entries:
                    return self._entries[key]
            try:
                value = compute()
            finally:
                with self._lock:
                    self._computing.pop(key, None)
            with self._lock:
                self._entries[key] = value
                while len(self._entries) > self._size:
                    self._entries.popitem(last=False)
        return value


_CACHE_LOCK = threading.Lock()


def _explanations(request: Request) -> ExplanationCache:
    with _CACHE_LOCK:
        cache: ExplanationCache | None = getattr(request.app.state, "generate_explanations", None)
        if cache is None:
            cache = request.app.state.generate_explanations = ExplanationCache()
    return cache


def infeasibility_of(
    request: Request, job: JobRecord, instance: Instance, language: str
) -> Infeasibility:
    def compute() -> Infeasibility:
        return explain_infeasibility(
            instance,
            language,
            time_limit=min(job.time_limit, EXPLAIN_TIME_LIMIT),
            verify_time_limit=min(job.time_limit, VERIFY_TIME_LIMIT),
            workers=1,  # on the web server's own threads: leave the cores to the solve jobs
            seed=job.seed,
        )

    return _explanations(request).get((job.id, language), compute)
