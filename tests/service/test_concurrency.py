"""Two people acting on the same duty at the same moment: exactly one succeeds."""

from __future__ import annotations

import threading
from collections.abc import Callable

from scheduler.service import RosterService
from scheduler.store import Conflict, StoreError
from scheduler.swaps import SwapError, SwapState
from tests.service.conftest import TEAM
from tests.service.test_swap_flow import _first_safe_change


def _race(*actions: Callable[[], object]) -> list[object]:
    """Run the actions in threads released together; each outcome is a value or the error."""
    barrier = threading.Barrier(len(actions))
    outcomes: list[object] = [None] * len(actions)

    def run(index: int, action: Callable[[], object]) -> None:
        barrier.wait()
        try:
            outcomes[index] = action()
        except (StoreError, SwapError) as error:
            outcomes[index] = error

    threads = [threading.Thread(target=run, args=item) for item in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_approvals_touching_the_same_duty(service: RosterService) -> None:
    duty, colleague, their_duty = _first_safe_change(service, "a1")
    requests = [
        service.request(
            TEAM, requester="a1", duty=duty, counterpart=colleague, counterpart_duty=their_duty
        )
        for _ in range(2)
    ]
    for request in requests:
        service.accept(request.id, actor=colleague)
    outcomes = _race(*(lambda r=r: service.approve(r.id, supervisor="lead") for r in requests))
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], Conflict), outcomes
    assert service.current(TEAM)[0].number == 2  # one new version, nothing half-applied
    states = sorted(service.store.swap(r.id).state.value for r in requests)
    assert states == [SwapState.ACCEPTED.value, SwapState.APPROVED.value]
    assert service.store.verify_audit().ok


def test_two_acceptances_of_the_same_request(service: RosterService) -> None:
    duty, colleague, their_duty = _first_safe_change(service, "a1")
    request = service.request(TEAM, requester="a1", duty=duty, counterpart=colleague,
                              counterpart_duty=their_duty)  # fmt: skip
    outcomes = _race(
        lambda: service.accept(request.id, actor=colleague),
        lambda: service.accept(request.id, actor=colleague),
    )
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1, outcomes
    assert service.store.swap(request.id).state is SwapState.ACCEPTED
    assert len(service.store.swap(request.id).agreements) == 2
    assert service.store.verify_audit().ok
