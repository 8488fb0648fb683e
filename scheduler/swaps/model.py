"""The vocabulary of duty changes between agents: duties, requests, agreements, states.

The rota policy lets an agent who cannot work a duty arrange a change with a
colleague, report it in advance with proof that both agreed, and makes that
proof decide who is responsible if something goes wrong. These plain types
are shared by the rule logic (:mod:`scheduler.swaps.rules`), the store and the
command line; they know nothing of databases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from scheduler.messages import DEFAULT_LANGUAGE, text


class SwapKind(StrEnum):
    SWAP = "swap"  # two agents exchange one duty each
    COVER = "cover"  # a colleague takes a duty with nothing in return


class SwapState(StrEnum):
    REQUESTED = "requested"  # filed by the requester, waiting for the counterpart
    ACCEPTED = "accepted"  # the counterpart agreed, waiting for a supervisor
    DECLINED = "declined"
    APPROVED = "approved"  # approved and applied: a new roster version exists
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def final(self) -> bool:
        return self not in (SwapState.REQUESTED, SwapState.ACCEPTED)


class Action(StrEnum):
    ACCEPT = "accept"
    DECLINE = "decline"
    APPROVE = "approve"
    REJECT = "reject"
    WITHDRAW = "withdraw"


class Channel(StrEnum):
    """How an agreement was given; the evidence says where to look for it."""

    IN_PERSON = "in_person"
    PHONE = "phone"
    CHAT = "chat"
    EMAIL = "email"
    OTHER = "other"


@dataclass(frozen=True, order=True)
class DutyKey:
    """A duty's identity, stable across roster versions: date, shift type, slot.

    ``slot`` numbers the agents on the same shift on the same day (0, 1, ...)
    in the order of the version the duty first appeared in; a swap changes the
    holder of a duty, never its key. ``str(key)`` is ``2026-11-30/A/0``.
    """

    date: dt.date
    shift: str
    slot: int = 0

    def __str__(self) -> str:
        return f"{self.date.isoformat()}/{self.shift}/{self.slot}"

    @classmethod
    def parse(cls, value: str) -> DutyKey:
        try:
            day, shift, slot = value.split("/")
            return cls(dt.date.fromisoformat(day), shift, int(slot))
        except ValueError as error:
            raise ValueError(
                f"a duty is written DATE/SHIFT/SLOT, e.g. 2026-11-30/A/0, not {value!r}"
            ) from error


@dataclass(frozen=True)
class Duty:
    """A duty of one roster version: who holds it, and who answers for it."""

    key: DutyKey
    holder: str  # agent id working it
    responsible: str  # agent id who bears responsibility under the policy
    reason: str = "roster"  # "roster" or "swap:<id>" or "swap:<id>:no-evidence"


@dataclass(frozen=True)
class Agreement:
    """One side's recorded agreement: who, when, how, and optional proof."""

    agent: str
    at: dt.datetime  # aware, UTC
    channel: Channel
    note: str = ""
    attachment_sha256: str | None = None


@dataclass(frozen=True)
class SwapRequest:
    id: int
    kind: SwapKind
    requester: str
    requester_duty: DutyKey
    counterpart: str
    counterpart_duty: DutyKey | None  # None for a cover
    state: SwapState
    agreements: tuple[Agreement, ...] = ()
    filed_by_supervisor: bool = False

    @property
    def evidence_complete(self) -> bool:
        """Both sides' agreement is on record."""
        agreed = {agreement.agent for agreement in self.agreements}
        return {self.requester, self.counterpart} <= agreed


@dataclass(frozen=True)
class Phrase:
    """A catalogue sentence not yet put into a language: its key and values.

    Values may be phrases themselves (a state's name, "the requester a1"), so
    a whole refusal can be rendered in any language long after it was raised.
    """

    key: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, /, **values: object) -> Phrase:
        return cls(key, tuple(values.items()))

    def render(self, language: str = DEFAULT_LANGUAGE) -> str:
        filled = {
            name: value.render(language) if isinstance(value, Phrase) else value
            for name, value in self.values
        }
        return text(self.key, language, **filled)


class SwapError(Exception):
    """Base of every refusal by the swap logic; :meth:`describe` says why, in plain words.

    Concrete errors also derive from the matching built-in (``ValueError``,
    ``PermissionError``), so callers may catch either.
    """

    def __init__(self, key: str, /, **values: object) -> None:
        self.phrase = Phrase.of(key, **values)
        super().__init__(self.phrase.render())

    def describe(self, language: str = DEFAULT_LANGUAGE) -> str:
        return self.phrase.render(language)

    def __str__(self) -> str:
        return self.describe()
