"""Swap requests between agents, as pure domain logic: no database, no clock of its own.

The rota policy lets an agent who cannot work a duty arrange a change with a
colleague, report it in advance with proof that both agreed, and makes that
proof decide who answers for the duty. This package holds the rules of that
flow; the store keeps requests and roster versions, and a service combines
the two.

- :mod:`~scheduler.swaps.model`: the shared vocabulary (kinds, states,
  actions, duty keys, duties, agreements, requests) and :class:`SwapError`,
  the base of every refusal, which can :meth:`~SwapError.describe` itself in
  any catalogue language.
- :mod:`~scheduler.swaps.rules`: the state machine and who may act.
- :mod:`~scheduler.swaps.evidence`: attachments checked and hashed, notice.
- :mod:`~scheduler.swaps.change`: applying a cover or swap to a roster,
  checking it against the instance's rules, suggesting changes.
- :mod:`~scheduler.swaps.responsibility`: who answers for each duty, and why.
"""

from __future__ import annotations

from scheduler.swaps.change import (
    InvalidChange,
    RuleCheck,
    Scorer,
    Suggestion,
    apply_change,
    apply_request,
    assignments_of,
    duty_keys,
    rule_check,
    suggestions,
)
from scheduler.swaps.evidence import (
    DEFAULT_NOTICE,
    AttachmentInfo,
    AttachmentPolicy,
    DutyInPast,
    EvidenceError,
    TooLate,
    check_notice,
    inspect_attachment,
    start_of_duty,
)
from scheduler.swaps.model import (
    Action,
    Agreement,
    Channel,
    Duty,
    DutyKey,
    Phrase,
    SwapError,
    SwapKind,
    SwapRequest,
    SwapState,
)
from scheduler.swaps.responsibility import (
    after_change,
    explain_responsibility,
    original_duties,
    parse_reason,
    swap_reason,
)
from scheduler.swaps.rules import (
    TRANSITIONS,
    IllegalTransition,
    NotAllowed,
    Party,
    allowed_actions,
    check_actor,
    next_state,
    who_may,
)

__all__ = [
    "DEFAULT_NOTICE",
    "TRANSITIONS",
    "Action",
    "Agreement",
    "AttachmentInfo",
    "AttachmentPolicy",
    "Channel",
    "Duty",
    "DutyInPast",
    "DutyKey",
    "EvidenceError",
    "IllegalTransition",
    "InvalidChange",
    "NotAllowed",
    "Party",
    "Phrase",
    "RuleCheck",
    "Scorer",
    "Suggestion",
    "SwapError",
    "SwapKind",
    "SwapRequest",
    "SwapState",
    "TooLate",
    "after_change",
    "allowed_actions",
    "apply_change",
    "apply_request",
    "assignments_of",
    "check_actor",
    "check_notice",
    "duty_keys",
    "explain_responsibility",
    "inspect_attachment",
    "next_state",
    "original_duties",
    "parse_reason",
    "rule_check",
    "start_of_duty",
    "suggestions",
    "swap_reason",
    "who_may",
]
