"""``cli.tradeoffs.tradeoff_tables``: the sentences, the costs and the fairness summary in text."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console, RenderableType

from cli.tradeoffs import tradeoff_tables
from scheduler.explain.tradeoffs import tradeoffs
from scheduler.instance import load_instance
from scheduler.messages import text
from scheduler.problem import Problem, compile_problem
from scheduler.result import Result, Status
from scheduler.solve import solve


def render(renderable: RenderableType) -> str:
    console = Console(width=120, file=io.StringIO())
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def solved(four_agents: Path) -> tuple[Problem, Result]:
    instance = load_instance(four_agents)
    return compile_problem(instance), solve(instance, time_limit=30)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_tables_show_sentences_costs_and_spreads(
    solved: tuple[Problem, Result], language: str
) -> None:
    problem, result = solved
    output = render(tradeoff_tables(tradeoffs(problem, result), problem, language))
    for key in ("tradeoffs.title", "tradeoffs.by_agent_title", "tradeoffs.by_week_title"):
        assert text(key, language) in output
    assert text("tradeoffs.fairness_title", language) in output
    assert text("rule.days_off_per_week.preferred", language) in output
    assert text("tradeoffs.total", language, cost=600) in output
    assert "王芳 (a1)" in output and text("tradeoffs.spread", language) in output
    if language == "en":
        assert "works a six-day week in week" in output
        assert "(spread 240 minutes, weight 1)" in output


def test_a_roster_without_penalties_says_so(solved: tuple[Problem, Result]) -> None:
    problem, _ = solved
    result = Result(Status.OPTIMAL, 0, 0.0, 0.0, (), (), problem.agents, problem.dates)
    output = render(tradeoff_tables(tradeoffs(problem, result), problem, "en"))
    assert text("tradeoffs.none", "en") in output
    assert text("tradeoffs.by_agent_title", "en") not in output
