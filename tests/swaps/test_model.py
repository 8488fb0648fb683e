"""The helpers added to the shared vocabulary: phrases and the base of every refusal."""

from __future__ import annotations

import pytest

from scheduler.swaps import IllegalTransition, InvalidChange, NotAllowed, Phrase, SwapError
from scheduler.swaps.evidence import DutyInPast, EvidenceError, TooLate


def test_phrases_nest_and_render_in_either_language() -> None:
    phrase = Phrase.of(
        "swaps.not_allowed",
        actor="a3",
        action=Phrase.of("swaps.action.accept"),
        subject=Phrase.of("swaps.subject.numbered", id=7),
        who=Phrase.of("swaps.party.supervisor"),
    )
    assert phrase.render() == "a3 may not accept swap request 7: only a supervisor may"
    assert phrase.render("zh") == "a3 不能同意第 7 号换班申请：只有主管 可以"
    assert phrase.render("fr") == phrase.render("en")


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (IllegalTransition, ValueError),
        (NotAllowed, PermissionError),
        (EvidenceError, ValueError),
        (TooLate, ValueError),
        (DutyInPast, TooLate),
        (InvalidChange, ValueError),
    ],
)
def test_every_refusal_is_a_swap_error_and_a_builtin(error: type, builtin: type) -> None:
    assert issubclass(error, SwapError)
    assert issubclass(error, builtin)


def test_a_swap_error_keeps_its_phrase() -> None:
    error = InvalidChange("swaps.change.same_agent", agent="a1")
    assert str(error) == "a1 cannot swap with themselves"
    assert error.args == ("a1 cannot swap with themselves",)
    assert error.describe("zh") == "a1 不能与自己换班"
