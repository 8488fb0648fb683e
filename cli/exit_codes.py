"""Exit codes of the ``roster`` command, one meaning each, so scripts can branch on them."""

from __future__ import annotations

from enum import IntEnum

from scheduler.result import Status


class ExitCode(IntEnum):
    OK = 0
    """A roster was found (solve), or every hard rule holds (check, validate)."""
    RULES_BROKEN = 1
    """check: the roster breaks at least one hard rule; audit verify: the chain is broken."""
    REFUSED = 1
    """swap, reroster ...: the change is refused by a rule, a state or the notice period."""
    INVALID_INPUT = 2
    """A file or option the user gave cannot be used (the message says why and where)."""
    INFEASIBLE = 3
    """solve: proven that the hard rules cannot all hold."""
    NO_ROSTER = 4
    """solve: no roster found within the time limit (not proven infeasible)."""
    CONFLICT = 5
    """Someone else changed the roster or the request first; nothing was written."""


def exit_code_for(status: Status) -> ExitCode:
    """The exit code of ``roster solve`` for a solve status."""
    if status.has_roster:
        return ExitCode.OK
    if status is Status.INFEASIBLE:
        return ExitCode.INFEASIBLE
    # UNKNOWN; MODEL_INVALID never reaches here (solve() raises on it).
    return ExitCode.NO_ROSTER
