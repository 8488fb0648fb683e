"""The rules section of an instance file.

Every rule is hard (must hold) or soft (may be broken at ``weight`` per unit of
violation; the unit is stated on each rule). Numbers set here are team-wide; an
agent's ``limits`` replace them for that agent. Weeks are calendar weeks of the
horizon (Monday to Sunday); a weekend is a Saturday and the Sunday after it.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HardOrSoft(_Strict):
    hard: bool = True
    weight: int = Field(1, ge=0, description="Penalty per unit of violation when soft.")


class _Bounds(HardOrSoft):
    @model_validator(mode="after")
    def _ordered(self) -> _Bounds:
        low, high = getattr(self, "min", None), getattr(self, "max", None)
        if low is not None and high is not None and high < low:
            raise ValueError(f"max ({high}) is below min ({low})")
        return self


class MinRest(HardOrSoft):
    """Hours between the end of a duty and the start of a duty on a later day.

    Measured in real elapsed time in the team's zone. Soft unit: each pair of
    duties too close together. Duties on the same day are governed by
    ``allowed_same_day`` instead.
    """

    hours: float = Field(ge=0, le=48)


class ForbiddenSuccession(HardOrSoft):
    """Shift ``then`` may not be worked the day after shift ``first``. Soft unit: each occurrence."""

    first: str
    then: str


class DaysOffPerWeek(HardOrSoft):
    """Days with no duty in each calendar week. Soft unit: each day off short of ``min``."""

    min: int = Field(0, ge=0, le=7)
    preferred: int | None = Field(None, ge=0, le=7)
    preferred_weight: int = Field(1, ge=0, description="Per day off short of ``preferred``.")


class ConsecutiveWorkingDays(_Bounds):
    """Length of each run of working days. Soft unit: each day a run is too short or too long."""

    min: Annotated[int, Field(ge=1)] | None = None
    max: Annotated[int, Field(ge=1)] | None = None


class ConsecutiveDaysOff(_Bounds):
    """Length of each run of days off. Soft unit: each day a run is too short or too long."""

    min: Annotated[int, Field(ge=1)] | None = None
    max: Annotated[int, Field(ge=1)] | None = None


class MaxWeekends(HardOrSoft):
    """Weekends with a duty on Saturday or Sunday. Soft unit: each weekend over."""

    max: int = Field(ge=0)


class MinutesBounds(_Bounds):
    """Minutes worked (real elapsed time). Soft unit: each minute short or over."""

    min: Annotated[int, Field(ge=0)] | None = None
    max: Annotated[int, Field(ge=0)] | None = None


class MaxShiftsPerType(HardOrSoft):
    """Most shifts of each type per agent over the horizon. Soft unit: each shift over."""

    max: dict[str, Annotated[int, Field(ge=0)]]


class FixedAssignment(_Strict):
    """A pin (hard): the agent works ``shift`` that day, or is off when ``shift`` is null."""

    agent: str
    date: dt.date
    shift: str | None


class Want(StrEnum):
    ON = "on"
    OFF = "off"


def _yaml_on_off(value: object) -> object:
    # YAML 1.1 reads an unquoted on/off as true/false; take them as meant.
    if value is True:
        return Want.ON
    if value is False:
        return Want.OFF
    return value


class ShiftRequest(_Strict):
    """An agent's wish (soft): to work (``on``) or not to work (``off``) a shift on a date.

    With no ``shift``, an ``on`` request is any duty that day and an ``off``
    request is the whole day off. Each unmet request costs ``weight``.
    """

    agent: str
    date: dt.date
    shift: str | None = None
    want: Annotated[Want, BeforeValidator(_yaml_on_off)]
    weight: int = Field(1, ge=0)


class FairnessMeasure(StrEnum):
    ON_CALL = "on_call"
    WEEKEND_DUTIES = "weekend_duties"
    MINUTES = "minutes"


class FairnessMethod(StrEnum):
    SPREAD = "spread"
    DEVIATION = "deviation"


class Fairness(_Strict):
    """Even sharing of a measure across agents (soft).

    ``spread``: weight x (largest - smallest value). ``deviation``: weight x
    sum over agents of |n x value - total|, that is n times the total absolute
    deviation from the mean, kept integral.
    """

    measure: FairnessMeasure
    method: FairnessMethod = FairnessMethod.SPREAD
    weight: int = Field(1, ge=0)


class Rules(_Strict):
    min_rest: MinRest | None = None
    allowed_same_day: list[tuple[str, str]] = Field(
        default_factory=list,
        description="Pairs of shift types one agent may work on the same day; by default none.",
    )
    forbidden_successions: list[ForbiddenSuccession] = Field(default_factory=list)
    days_off_per_week: DaysOffPerWeek | None = None
    consecutive_working_days: ConsecutiveWorkingDays | None = None
    consecutive_days_off: ConsecutiveDaysOff | None = None
    max_weekends: MaxWeekends | None = None
    minutes_per_week: MinutesBounds | None = None
    minutes_per_horizon: MinutesBounds | None = None
    max_shifts_per_type: MaxShiftsPerType | None = None
    fixed_assignments: list[FixedAssignment] = Field(default_factory=list)
    requests: list[ShiftRequest] = Field(default_factory=list)
    fairness: list[Fairness] = Field(default_factory=list)
