"""The decision variables: who works which shift type on which day.

``shift[a, d, s]`` is 1 when agent ``a`` works shift type ``s`` starting on
day ``d``; ``works[a, d]`` is 1 when ``a`` works anything that day. Their
number is linear in agents x days x shift types; every rule family builds on
these two only.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.problem import Problem


@dataclass(frozen=True)
class Variables:
    shift: dict[tuple[int, int, int], cp_model.IntVar]
    works: dict[tuple[int, int], cp_model.IntVar]

    def day_shifts(self, agent: int, day: int, num_shifts: int) -> list[cp_model.IntVar]:
        return [self.shift[agent, day, s] for s in range(num_shifts)]


def create_variables(problem: Problem, model: cp_model.CpModel) -> Variables:
    shift: dict[tuple[int, int, int], cp_model.IntVar] = {}
    works: dict[tuple[int, int], cp_model.IntVar] = {}
    for a, agent in enumerate(problem.agents):
        for d, day in enumerate(problem.dates):
            for s, shift_id in enumerate(problem.shifts):
                shift[a, d, s] = model.new_bool_var(f"shift[{agent},{day.isoformat()},{shift_id}]")
            works[a, d] = model.new_bool_var(f"works[{agent},{day.isoformat()}]")
    return Variables(shift=shift, works=works)
