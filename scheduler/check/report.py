"""What the checker finds: hard violations, soft penalties and their total.

A :class:`Violation` is a hard rule the roster breaks; it adds nothing to the
objective and can say what is wrong in plain words. Soft rules come out as the
same :class:`scheduler.result.Penalty` records the solver reports, so the two
can be compared rule by rule. :class:`Findings` is the collector each rule
family fills: it sends a broken rule to the violations or the penalties by its
hardness and drops zero amounts and zero weights.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from scheduler.messages import DEFAULT_LANGUAGE, text
from scheduler.problem import Problem
from scheduler.result import Penalty, cost_by_rule


@dataclass(frozen=True)
class Violation:
    """A hard rule broken by the roster.

    ``rule`` and ``amount`` follow docs/rules.md (bounds as ``<key>.min`` /
    ``<key>.max``); ``agent``, ``date`` and ``shift`` say where. ``message`` is
    the catalogue key of the sentence and ``values`` the extra numbers it needs.
    """

    rule: str
    amount: int
    agent: str | None = None
    date: dt.date | None = None
    shift: str | None = None
    message: str = ""
    values: tuple[tuple[str, object], ...] = ()

    def describe(self, language: str = DEFAULT_LANGUAGE) -> str:
        """One plain sentence, e.g. ``a3 works 7 days in a row from 2026-12-14 (at most 6 allowed)``."""
        return text(
            self.message or f"check.{self.rule}",
            language,
            agent=self.agent or "",
            date=self.date or "",
            shift=self.shift or "",
            amount=self.amount,
            **dict(self.values),
        )


@dataclass(frozen=True)
class CheckReport:
    violations: tuple[Violation, ...]
    penalties: tuple[Penalty, ...]

    @property
    def objective(self) -> int:
        """The objective the roster scores: the cost of every soft penalty."""
        return sum(penalty.cost for penalty in self.penalties)

    @property
    def feasible(self) -> bool:
        """True when no hard rule is broken."""
        return not self.violations

    def cost_by_rule(self) -> dict[str, int]:
        return cost_by_rule(self.penalties)


@dataclass
class Findings:
    """Violations and penalties of one rule family, with places as ids and dates."""

    problem: Problem
    violations: list[Violation] = field(default_factory=list)
    penalties: list[Penalty] = field(default_factory=list)

    def add(
        self,
        rule: str,
        amount: int,
        *,
        hard: bool,
        weight: int = 0,
        agent: int | None = None,
        day: int | None = None,
        shift: int | None = None,
        interval: str | None = None,
        message: str = "",
        **values: object,
    ) -> None:
        """Record ``amount`` units of ``rule`` broken at (agent, day, shift) indices.

        ``interval`` (``HH:MM-HH:MM``) is the interval of ``day`` an
        interval-coverage rule counts. Hard: a violation described by
        ``message`` (default ``check.<rule>``) filled with ``values`` and the
        interval. Soft: a penalty of ``weight`` per unit at that interval.
        Nothing is recorded for a zero amount, nor for a soft rule of weight 0
        (switched off: it costs nothing, and the solver lists no such term).
        """
        if amount <= 0 or (not hard and weight == 0):
            return
        problem = self.problem
        agent_id = None if agent is None else problem.agents[agent]
        date = None if day is None else problem.dates[day]
        shift_id = None if shift is None else problem.shifts[shift]
        if hard:
            if interval is not None:
                values = {"interval": interval, **values}
            self.violations.append(
                Violation(rule, amount, agent_id, date, shift_id, message, tuple(values.items()))
            )
        else:
            self.penalties.append(Penalty(rule, amount, weight, agent_id, date, shift_id, interval))
