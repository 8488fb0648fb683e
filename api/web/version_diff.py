"""What changed between two roster versions, and for whom.

Duties keep their key (date, shift, slot) across versions, so two versions
are compared key by key: a duty changed when another agent works it or
answers for it, or when it exists in one version only. Each agent then has
the duties they gained and lost, and those they now answer for or no longer
do (a swap without evidence moves the work but not the responsibility).
Plain data for the compare page; no HTML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from scheduler.swaps import Duty, DutyKey


@dataclass(frozen=True)
class DutyChange:
    """One duty whose holder or responsible agent differs; ``None`` where it does not exist."""

    key: DutyKey
    holder_before: str | None
    holder_after: str | None
    responsible_before: str | None
    responsible_after: str | None
    reason_after: str | None

    @property
    def moved(self) -> bool:
        return self.holder_before != self.holder_after


@dataclass(frozen=True)
class AgentChanges:
    """What one agent gains and loses from one version to the other."""

    agent: str
    gained: list[DutyKey] = field(default_factory=list)
    lost: list[DutyKey] = field(default_factory=list)
    now_answers_for: list[DutyKey] = field(default_factory=list)
    no_longer_answers_for: list[DutyKey] = field(default_factory=list)


@dataclass(frozen=True)
class VersionDiff:
    changes: tuple[DutyChange, ...]  # by key
    agents: tuple[AgentChanges, ...]  # only the agents concerned, by id

    @property
    def agent_ids(self) -> list[str]:
        return [changes.agent for changes in self.agents]

    def marks(self) -> dict[tuple[str, dt.date], str]:
        """The grid cells to mark: each agent who gains or loses a duty, on its date."""
        marks: dict[tuple[str, dt.date], str] = {}
        for change in self.changes:
            for agent in (change.holder_before, change.holder_after):
                if agent is not None and change.moved:
                    marks[agent, change.key.date] = "changed"
        return marks


def diff_versions(before: Iterable[Duty], after: Iterable[Duty]) -> VersionDiff:
    """The duties of ``after`` that differ from ``before`` in holder or responsibility."""
    old = {duty.key: duty for duty in before}
    new = {duty.key: duty for duty in after}
    changes = []
    for key in sorted(old.keys() | new.keys()):
        was, now = old.get(key), new.get(key)
        change = DutyChange(
            key,
            holder_before=was.holder if was else None,
            holder_after=now.holder if now else None,
            responsible_before=was.responsible if was else None,
            responsible_after=now.responsible if now else None,
            reason_after=now.reason if now else None,
        )
        if change.moved or change.responsible_before != change.responsible_after:
            changes.append(change)
    by_agent: dict[str, AgentChanges] = {}

    def of(agent: str) -> AgentChanges:
        return by_agent.setdefault(agent, AgentChanges(agent))

    for change in changes:
        if change.holder_before != change.holder_after:
            if change.holder_before is not None:
                of(change.holder_before).lost.append(change.key)
            if change.holder_after is not None:
                of(change.holder_after).gained.append(change.key)
        if change.responsible_before != change.responsible_after:
            if change.responsible_before is not None:
                of(change.responsible_before).no_longer_answers_for.append(change.key)
            if change.responsible_after is not None:
                of(change.responsible_after).now_answers_for.append(change.key)
    return VersionDiff(tuple(changes), tuple(by_agent[agent] for agent in sorted(by_agent)))
