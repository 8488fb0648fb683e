"""The roster under check, laid onto the indices of the compiled problem.

``x[a,d,s]`` of docs/rules.md is :meth:`Roster.works_shift` and ``works[a,d]``
is :meth:`Roster.works`. Days past the horizon end are taken modulo its length,
which is the wrap of a cyclic horizon; callers decide whether to wrap at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from scheduler.messages import text
from scheduler.problem import Problem
from scheduler.result import Assignment


@dataclass(frozen=True)
class Roster:
    problem: Problem
    duties: tuple[tuple[frozenset[int], ...], ...]  # [agent][day] -> shift indices worked

    @classmethod
    def build(cls, problem: Problem, assignments: Iterable[Assignment]) -> Roster:
        """Index ``assignments`` (a repeated one counts once); ValueError on unknown ids or dates."""
        agent_index = {agent: a for a, agent in enumerate(problem.agents)}
        shift_index = {shift: s for s, shift in enumerate(problem.shifts)}
        day_index = {date: d for d, date in enumerate(problem.dates)}
        cells: list[list[set[int]]] = [[set() for _ in problem.dates] for _ in problem.agents]
        problems: list[str] = []
        for assignment in assignments:
            found = _problem_with(assignment, problem, agent_index, shift_index, day_index)
            if found:
                problems.append(
                    text(
                        "check.assignment_problem",
                        agent=assignment.agent,
                        date=assignment.date,
                        shift=assignment.shift,
                        problem=found,
                    )
                )
                continue
            agent = agent_index[assignment.agent]
            day = day_index[assignment.date]
            cells[agent][day].add(shift_index[assignment.shift])
        if problems:
            header = text("check.assignments_invalid", count=len(problems))
            raise ValueError("\n".join([header, *(f"  - {line}" for line in problems)]))
        duties = tuple(tuple(frozenset(cell) for cell in row) for row in cells)
        return cls(problem, duties)

    @property
    def num_days(self) -> int:
        return self.problem.num_days

    def shifts_on(self, agent: int, day: int) -> frozenset[int]:
        """Shift indices ``agent`` starts on ``day`` (taken modulo the horizon)."""
        return self.duties[agent][day % self.num_days]

    def works(self, agent: int, day: int) -> bool:
        return bool(self.shifts_on(agent, day))

    def works_shift(self, agent: int, day: int, shift: int) -> bool:
        return shift in self.shifts_on(agent, day)

    def worked_days(self, agent: int) -> tuple[bool, ...]:
        return tuple(bool(cell) for cell in self.duties[agent])

    def minutes(self, agent: int, days: Iterable[int]) -> int:
        """Real elapsed minutes of the duties ``agent`` starts on ``days``."""
        minutes = self.problem.minutes
        return sum(minutes[day][shift] for day in days for shift in self.duties[agent][day])


def _problem_with(
    assignment: Assignment,
    problem: Problem,
    agent_index: dict[str, int],
    shift_index: dict[str, int],
    day_index: dict[dt.date, int],
) -> str | None:
    if assignment.agent not in agent_index:
        return text("instance.unknown_agent", id=assignment.agent, known=", ".join(problem.agents))
    if assignment.shift not in shift_index:
        return text("instance.unknown_shift", id=assignment.shift, known=", ".join(problem.shifts))
    if assignment.date not in day_index:
        return text(
            "instance.date_outside_horizon",
            date=assignment.date,
            start=problem.dates[0],
            end=problem.dates[-1],
        )
    return None
