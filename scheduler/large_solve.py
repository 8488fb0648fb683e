"""Solving large instances: the entry point the public benchmarks (issue 8) use.

:func:`solve_large` has the signature of :func:`scheduler.solve.solve` minus
hints, and reports progress times from its own start (model building
included), because on a year-long instance building the model is part of
the time to a first roster.
"""

from __future__ import annotations

import time

from scheduler.instance import Instance
from scheduler.result import Result
from scheduler.solve import Progress, ProgressCallback, solve


def solve_large(
    instance: Instance,
    *,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
    on_progress: ProgressCallback | None = None,
) -> Result:
    """The best roster found within ``time_limit`` seconds, counted from this call."""
    started = time.perf_counter()

    def shifted(progress: Progress) -> None:
        if on_progress is not None:
            elapsed = time.perf_counter() - started
            on_progress(
                Progress(elapsed, progress.objective, progress.best_bound, progress.solutions)
            )

    return solve(
        instance,
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        on_progress=shifted if on_progress else None,
        deterministic=False,
    )
