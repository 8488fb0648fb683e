"""The live display while CP-SAT searches: elapsed time against the limit, best
objective, bound, gap and rosters found.

CP-SAT calls :meth:`LiveProgress.update` from its own threads; the display
only keeps the latest snapshot (one attribute assignment, atomic in Python)
and renders it on rich's refresh thread, so the clock keeps ticking between
solutions. Only used when stdout is a terminal: piped output stays plain.
"""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console, RenderableType
from rich.live import Live
from rich.progress_bar import ProgressBar
from rich.spinner import Spinner
from rich.table import Table

from cli.render import format_number
from scheduler.messages import text
from scheduler.solve import Progress


class LiveProgress:
    """Context manager showing solve progress; pass :meth:`update` as ``on_progress``."""

    def __init__(self, console: Console, time_limit: float, language: str):
        self._console = console
        self._time_limit = time_limit
        self.output_language = language
        self._latest: Progress | None = None
        self._started = time.perf_counter()
        self._spinner = Spinner("dots")
        self._live = Live(self, console=console, refresh_per_second=8, transient=True)

    def update(self, progress: Progress) -> None:
        self._latest = progress

    def __enter__(self) -> LiveProgress:
        self._started = time.perf_counter()
        self._live.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._live.stop()

    def __rich__(self) -> RenderableType:
        language = self.output_language
        elapsed = time.perf_counter() - self._started
        latest = self._latest
        objective = None if latest is None else latest.objective
        bound = None if latest is None else latest.best_bound
        solutions = 0 if latest is None else latest.solutions
        gap = "-"
        if objective is not None and bound is not None and objective:
            gap = f"{max(0.0, (objective - bound) / abs(objective)):.1%}"

        grid = Table.grid(padding=(0, 2))
        grid.add_column()
        grid.add_column()
        grid.add_row(
            self._spinner,
            text(
                "cli.progress.elapsed",
                language,
                seconds=f"{elapsed:.1f}",
                limit=f"{self._time_limit:g}",
            ),
        )
        limit = max(self._time_limit, 1e-9)
        grid.add_row("", ProgressBar(total=limit, completed=min(elapsed, limit), width=40))
        grid.add_row(
            "",
            text(
                "cli.progress.search",
                language,
                objective=format_number(objective),
                bound=format_number(bound),
                gap=gap,
                solutions=solutions,
            ),
        )
        return grid
