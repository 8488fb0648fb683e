"""The penalty breakdown of ``roster solve`` and ``roster check``: where each penalty is."""

from __future__ import annotations

import datetime as dt
import io

from rich.console import Console, RenderableType

from cli.render import penalty_breakdown
from scheduler.problem import compile_problem
from scheduler.result import Penalty
from tests.builders import build_instance

TUESDAY = dt.date(2026, 12, 1)


def plain(renderable: RenderableType) -> str:
    out = io.StringIO()
    Console(file=out, width=120, color_system=None).print(renderable)
    return out.getvalue()


def test_interval_penalties_show_their_interval_next_to_the_date() -> None:
    problem = compile_problem(build_instance())
    penalties = [
        Penalty("interval_coverage.under", 1, 5, date=TUESDAY, interval="12:30-13:00"),
        Penalty("interval_coverage.under", 2, 5, date=TUESDAY, interval="12:00-12:30"),
        Penalty("request.off", 1, 3, "a1", TUESDAY, "E"),
    ]
    lines = plain(penalty_breakdown(penalties, problem, "en")).splitlines()
    dated = [line.split() for line in lines if "2026-12-01" in line]
    # In time order, each with its own cost; the request has no interval.
    assert [row[1:3] for row in dated[:2]] == [
        ["2026-12-01", "12:00-12:30"],
        ["2026-12-01", "12:30-13:00"],
    ]
    assert dated[0][-1] == "10" and dated[1][-1] == "5"
    assert dated[2][:3] == ["a1", "2026-12-01", "E"]
