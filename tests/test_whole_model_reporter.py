"""Progress of a large solve: the bound shown never falls back when a later phase knows less."""

from __future__ import annotations

import time

from scheduler.solve import Progress
from scheduler.whole_model import Reporter


def test_a_weaker_later_bound_does_not_replace_a_stronger_one() -> None:
    seen: list[Progress] = []
    reporter = Reporter(time.perf_counter(), seen.append)
    reporter.report(5213, 4769)  # column generation's bound
    reporter.report(5212, 0)  # a whole-model round's own bound
    reporter.report(5100, None)  # a part: no bound of its own
    reporter.report(5000, 4800)
    assert [p.best_bound for p in seen] == [4769, 4769, 4769, 4800]
    assert [p.objective for p in seen] == [5213, 5212, 5100, 5000]
