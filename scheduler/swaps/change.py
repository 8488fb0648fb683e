"""What a swap or a cover does to a roster, and whether the roster still keeps its rules.

A roster version is a mapping from :class:`~scheduler.swaps.model.DutyKey` to
the agent holding the duty. :func:`duty_keys` numbers the solver's
assignments into such keys, :func:`apply_change` moves holders (a cover hands
one duty over, a swap exchanges two), and :func:`rule_check` runs the
independent checker (:mod:`scheduler.check`) on both sides of the change. A
change is acceptable when it adds no hard-rule break: a hand-edited published
roster may already break a rule, and a swap should not be blocked by a
problem it did not cause, nor add one. :func:`suggestions` tries every cover
and every swap within a window of days and keeps those that pass.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from scheduler.check import RULE_FAMILIES, CheckReport, Violation
from scheduler.check.roster import Roster
from scheduler.explain.tradeoffs import rule_label
from scheduler.instance.models import Instance
from scheduler.messages import DEFAULT_LANGUAGE, text
from scheduler.problem import Problem, compile_problem
from scheduler.result import Assignment, Penalty
from scheduler.swaps.model import DutyKey, Phrase, SwapError, SwapKind, SwapRequest

Holders = Mapping[DutyKey, str]


class InvalidChange(SwapError, ValueError):
    """The change cannot be made on this roster (wrong holder, unknown duty ...)."""


def duty_keys(assignments: Iterable[Assignment]) -> dict[DutyKey, str]:
    """Key every assignment: slot ``n`` is the n-th agent on that date and shift, by agent id.

    A repeated assignment counts once. The result is ordered by key.
    """
    agents_on: dict[tuple[dt.date, str], set[str]] = defaultdict(set)
    for assignment in assignments:
        agents_on[assignment.date, assignment.shift].add(assignment.agent)
    duties: dict[DutyKey, str] = {}
    for (date, shift), agents in sorted(agents_on.items()):
        for slot, agent in enumerate(sorted(agents)):
            duties[DutyKey(date, shift, slot)] = agent
    return duties


def assignments_of(duties: Holders) -> list[Assignment]:
    """The roster as the solver would return it, sorted."""
    return sorted(Assignment(agent, key.date, key.shift) for key, agent in duties.items())


def apply_change(
    duties: Holders,
    kind: SwapKind,
    requester: str,
    requester_duty: DutyKey,
    counterpart: str,
    counterpart_duty: DutyKey | None,
) -> dict[DutyKey, str]:
    """The holders after the change; ``duties`` itself is left alone.

    A cover gives ``requester_duty`` to ``counterpart``; a swap also gives
    ``counterpart_duty`` to ``requester``. :class:`InvalidChange` when the
    requester does not hold the duty (or the counterpart theirs), the two
    agents are one, a key is unknown, a swap names the same duty twice or two
    duties of the same shift on the same day (nothing would change), a cover
    names a duty in return, or the change would give an agent the same shift
    twice on one day.
    """
    if requester == counterpart:
        raise InvalidChange("swaps.change.same_agent", agent=requester)
    _expect_holder(duties, requester_duty, requester)
    after = dict(duties)
    after[requester_duty] = counterpart
    if kind is SwapKind.COVER:
        if counterpart_duty is not None:
            raise InvalidChange("swaps.change.cover_in_return", duty=str(counterpart_duty))
    else:
        if counterpart_duty is None:
            raise InvalidChange("swaps.change.swap_needs_duty", agent=counterpart)
        if counterpart_duty == requester_duty:
            raise InvalidChange("swaps.change.same_duty", duty=str(requester_duty))
        _expect_holder(duties, counterpart_duty, counterpart)
        if (counterpart_duty.date, counterpart_duty.shift) == (
            requester_duty.date,
            requester_duty.shift,
        ):
            raise InvalidChange(
                "swaps.change.same_shift",
                shift=requester_duty.shift,
                date=requester_duty.date.isoformat(),
            )
        after[counterpart_duty] = requester
    moved = [(requester_duty, counterpart)]
    if kind is SwapKind.SWAP and counterpart_duty is not None:
        moved.append((counterpart_duty, requester))
    for key, agent in moved:
        for other, holder in after.items():
            if (
                other != key
                and holder == agent
                and (other.date, other.shift) == (key.date, key.shift)
            ):
                raise InvalidChange(
                    "swaps.change.already_on",
                    agent=agent,
                    shift=key.shift,
                    date=key.date.isoformat(),
                    duty=str(other),
                )
    return after


def apply_request(duties: Holders, request: SwapRequest) -> dict[DutyKey, str]:
    """:func:`apply_change` with the request's own agents and duties."""
    return apply_change(
        duties,
        request.kind,
        request.requester,
        request.requester_duty,
        request.counterpart,
        request.counterpart_duty,
    )


def _expect_holder(duties: Holders, key: DutyKey, agent: str) -> None:
    if key not in duties:
        raise InvalidChange("swaps.change.unknown_duty", duty=str(key))
    if duties[key] != agent:
        raise InvalidChange(
            "swaps.change.not_holder", agent=agent, duty=str(key), holder=duties[key]
        )


class Scorer:
    """The checker with the instance compiled once, for scoring many variants of a roster."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.problem: Problem = compile_problem(instance)
        self._agents = frozenset(self.problem.agents)

    def report(self, duties: Holders) -> CheckReport:
        """What :func:`scheduler.check.check` says of the roster ``duties``."""
        unknown = sorted(set(duties.values()) - self._agents)
        if unknown:
            raise InvalidChange("swaps.change.unknown_agent", agent=", ".join(unknown))
        roster = Roster.build(self.problem, assignments_of(duties))
        violations: list[Violation] = []
        penalties: list[Penalty] = []
        for _name, family in RULE_FAMILIES:
            findings = family(roster)
            violations += findings.violations
            penalties += findings.penalties
        return CheckReport(tuple(violations), tuple(penalties))


Place = tuple[str, str | None, dt.date | None, str | None, object]


def _place(violation: Violation) -> Place:
    """Where a violation is: rule, agent, date, shift and, for intervals, the interval
    (two interval minimums broken on one day are two places)."""
    interval = dict(violation.values).get("interval")
    return (violation.rule, violation.agent, violation.date, violation.shift, interval)


@dataclass(frozen=True)
class RuleCheck:
    """The checker's verdict on a change: hard breaks it adds, soft penalty before and after.

    A violation is new when no violation of the same rule at the same agent,
    date, shift (and interval) existed before, or when one did with a smaller amount (a
    shortfall made worse is a new break too).
    """

    new_violations: tuple[Violation, ...]
    penalty_before: int
    penalty_after: int
    cost_before: Mapping[str, int]  # cost by rule key
    cost_after: Mapping[str, int]

    @classmethod
    def between(cls, before: CheckReport, after: CheckReport) -> RuleCheck:
        amount_before: dict[Place, int] = {}
        for violation in before.violations:
            place = _place(violation)
            amount_before[place] = max(amount_before.get(place, 0), violation.amount)
        new = tuple(
            violation
            for violation in after.violations
            if violation.amount > amount_before.get(_place(violation), 0)
        )
        return cls(
            new, before.objective, after.objective, before.cost_by_rule(), after.cost_by_rule()
        )

    @property
    def ok(self) -> bool:
        return not self.new_violations

    @property
    def delta(self) -> int:
        """The change of the soft penalty; negative when the roster gets better."""
        return self.penalty_after - self.penalty_before

    def cost_changes(self) -> dict[str, int]:
        """Per rule key, how much its cost changes (rules that do not change left out)."""
        rules = sorted(self.cost_before.keys() | self.cost_after.keys())
        changes = {
            rule: self.cost_after.get(rule, 0) - self.cost_before.get(rule, 0) for rule in rules
        }
        return {rule: change for rule, change in changes.items() if change}

    def describe(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The verdict in plain words: the rules it would break, then the penalty change."""
        if self.ok:
            lines = [text("swaps.check.ok", language)]
        else:
            lines = [text("swaps.check.breaks", language, count=len(self.new_violations))]
            lines += [f"  - {violation.describe(language)}" for violation in self.new_violations]
        lines.append(_penalty_sentence(self.penalty_before, self.penalty_after, language))
        for rule, change in self.cost_changes().items():
            lines.append(
                "  - "
                + text(
                    "swaps.check.cost_change",
                    language,
                    label=rule_label(rule, language),
                    change=f"{change:+d}",
                )
            )
        return "\n".join(lines)


def _penalty_sentence(before: int, after: int, language: str) -> str:
    if after > before:
        key = "swaps.check.penalty_up"
    elif after < before:
        key = "swaps.check.penalty_down"
    else:
        key = "swaps.check.penalty_same"
    return text(key, language, before=before, after=after, change=abs(after - before))


def rule_check(instance: Instance, before: Holders, after: Holders) -> RuleCheck:
    """Check both rosters with the independent checker and compare them."""
    scorer = Scorer(instance)
    return RuleCheck.between(scorer.report(before), scorer.report(after))


@dataclass(frozen=True)
class Suggestion:
    """A change that keeps every hard rule: a cover, or a swap for the counterpart's duty."""

    kind: SwapKind
    counterpart: str
    counterpart_duty: DutyKey | None
    delta: int
    penalty_after: int

    def describe(self, language: str = DEFAULT_LANGUAGE) -> str:
        change = Phrase.of(
            "swaps.suggestion.change", delta=f"{self.delta:+d}", after=self.penalty_after
        )
        if self.counterpart_duty is None:
            phrase = Phrase.of(
                "swaps.suggestion.cover", counterpart=self.counterpart, change=change
            )
        else:
            phrase = Phrase.of(
                "swaps.suggestion.swap",
                counterpart=self.counterpart,
                duty=str(self.counterpart_duty),
                change=change,
            )
        return phrase.render(language)


def suggestions(
    instance: Instance,
    duties: Holders,
    duty: DutyKey,
    requester: str,
    *,
    limit: int | None = 10,
    window_days: int = 7,
    scorer: Scorer | None = None,
) -> list[Suggestion]:
    """Covers and swaps for ``requester``'s ``duty`` that add no hard-rule break, best first.

    Candidates: every other agent of the team as a cover, and every duty of
    another agent dated within ``window_days`` of ``duty`` as a swap. Ranked by
    penalty change, then colleague id, then the colleague's duty (a cover
    before a swap). ``limit=None`` returns them all. :class:`InvalidChange` when
    ``requester`` does not hold ``duty``. Pass a ``scorer`` to reuse the
    compiled instance across calls.
    """
    if window_days < 0:
        raise ValueError(f"window_days must not be negative, not {window_days}")
    scorer = scorer or Scorer(instance)
    _expect_holder(duties, duty, requester)
    before = scorer.report(duties)
    window = dt.timedelta(days=window_days)
    candidates: list[tuple[str, DutyKey | None]] = [
        (agent, None) for agent in scorer.problem.agents if agent != requester
    ]
    candidates += [
        (holder, key)
        for key, holder in sorted(duties.items())
        if holder != requester and abs(key.date - duty.date) <= window
    ]
    found: list[Suggestion] = []
    for counterpart, counterpart_duty in candidates:
        kind = SwapKind.COVER if counterpart_duty is None else SwapKind.SWAP
        try:
            after = apply_change(duties, kind, requester, duty, counterpart, counterpart_duty)
        except InvalidChange:
            continue  # e.g. the same shift on the same day: nothing to exchange
        verdict = RuleCheck.between(before, scorer.report(after))
        if verdict.ok:
            found.append(
                Suggestion(
                    kind, counterpart, counterpart_duty, verdict.delta, verdict.penalty_after
                )
            )
    found.sort(
        key=lambda s: (
            s.delta,
            s.counterpart,
            s.counterpart_duty is not None,
            s.counterpart_duty or duty,
        )
    )
    return found if limit is None else found[:limit]
