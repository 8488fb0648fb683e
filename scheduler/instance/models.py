"""The problem a supervisor describes: team, shift types, horizon and coverage.

These pydantic v2 models are the instance file format. They check each value on
its own (types, ranges, a start that is a Monday); checks that relate one part
of the file to another (a coverage entry naming an unknown shift type) live in
:mod:`scheduler.instance.references` so that every problem is reported with its
field path. The solver never works on these objects directly: it compiles them
once into :class:`scheduler.problem.Problem`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from scheduler.instance.clock import ALL_WEEKDAYS, EndTime, StartTime, Weekday
from scheduler.instance.rules import Rules

Identifier = Annotated[
    str,
    Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.\-]+$"),
]
"""Ids of agents and shift types: letters, digits, ``_ . -``; used in CSV files and URLs."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Language(StrEnum):
    EN = "en"
    ZH = "zh"


class Location(StrEnum):
    OFFICE = "office"
    HOME = "home"


class AgentLimits(_Strict):
    """Per-agent values that replace the team rule of the same meaning for this agent."""

    max_shifts: dict[str, Annotated[int, Field(ge=0)]] = Field(
        default_factory=dict,
        description="Most shifts of each type over the horizon, e.g. {C: 6}; 0 means never.",
    )
    min_minutes_per_horizon: Annotated[int, Field(ge=0)] | None = None
    max_minutes_per_horizon: Annotated[int, Field(ge=0)] | None = None
    min_minutes_per_week: Annotated[int, Field(ge=0)] | None = None
    max_minutes_per_week: Annotated[int, Field(ge=0)] | None = None
    min_consecutive_working_days: Annotated[int, Field(ge=1)] | None = None
    max_consecutive_working_days: Annotated[int, Field(ge=1)] | None = None
    min_consecutive_days_off: Annotated[int, Field(ge=1)] | None = None
    max_weekends: Annotated[int, Field(ge=0)] | None = None


class Agent(_Strict):
    id: Identifier
    name: str = Field("", description="Display name; the id is shown when empty.")
    limits: AgentLimits = Field(default_factory=AgentLimits)
    unavailable: list[dt.date] = Field(
        default_factory=list, description="Dates on which the agent cannot work at all (hard)."
    )

    @property
    def display_name(self) -> str:
        return self.name or self.id


class Team(_Strict):
    name: str = ""
    timezone: str = Field(description="IANA time zone of all wall-clock times, e.g. Asia/Shanghai.")
    language: Language = Language.EN
    agents: list[Agent] = Field(min_length=1)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown IANA time zone {value!r}") from error
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class ShiftType(_Strict):
    id: Identifier
    label: str = ""
    start: StartTime
    end: EndTime = Field(
        description="Wall-clock end; 24:00 is midnight, an end before the start runs past midnight."
    )
    location: Location = Location.OFFICE
    on_call: bool = False

    @model_validator(mode="after")
    def _not_empty(self) -> ShiftType:
        if self.start == self.end % (24 * 60):
            raise ValueError("end must differ from start (a shift cannot last 0 or 24 hours)")
        return self

    @property
    def overnight(self) -> bool:
        """True when the shift ends on the next calendar day (24:00 counts)."""
        return self.end <= self.start or self.end == 24 * 60

    @property
    def end_after_start(self) -> int:
        """The end in minutes after the start day's midnight (past 1440 when overnight)."""
        return self.end if self.end > self.start else self.end + 24 * 60

    def overlaps(self, other: ShiftType) -> bool:
        """Both started on the same day, the two shifts share some wall-clock time."""
        return self.start < other.end_after_start and other.start < self.end_after_start


class Horizon(_Strict):
    start: dt.date = Field(description="First day; must be a Monday.")
    weeks: int = Field(ge=1, le=104)
    cyclic: bool = Field(
        False,
        description="The pattern repeats: rules spanning days also hold from the last day to the first.",
    )

    @field_validator("start")
    @classmethod
    def _monday(cls, value: dt.date) -> dt.date:
        if value.weekday() != 0:
            raise ValueError(f"{value.isoformat()} is a {value.strftime('%A')}, not a Monday")
        return value

    @property
    def days(self) -> int:
        return self.weeks * 7

    @property
    def end(self) -> dt.date:
        """The last day of the horizon (inclusive)."""
        return self.start + dt.timedelta(days=self.days - 1)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


class Coverage(_Strict):
    """Head count wanted on one shift type on some weekdays or dates.

    ``min`` and ``max`` are hard; ``preferred`` is soft: each agent short costs
    ``under_weight``, each agent over costs ``over_weight``.
    """

    shift: str
    weekdays: list[Weekday] = Field(default_factory=lambda: list(ALL_WEEKDAYS))
    dates: list[dt.date] = Field(
        default_factory=list, description="If given, the entry applies to these dates only."
    )
    min: int = Field(0, ge=0)
    max: int | None = Field(None, ge=0)
    preferred: int | None = Field(None, ge=0)
    under_weight: int = Field(1, ge=0)
    over_weight: int = Field(1, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Coverage:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max ({self.max}) is below min ({self.min})")
        if self.dates and "weekdays" in self.model_fields_set:
            raise ValueError("give weekdays or dates, not both (dates apply on any weekday)")
        return self


class ServiceWindow(_Strict):
    """Hours in which enquiries must be answered; compared with the shifts by the gap report."""

    weekdays: list[Weekday] = Field(default_factory=lambda: list(ALL_WEEKDAYS))
    start: StartTime
    end: EndTime

    @model_validator(mode="after")
    def _not_empty(self) -> ServiceWindow:
        # 00:00-24:00 is a whole day of service; 09:00-09:00 is nothing.
        if self.start == self.end:
            raise ValueError("end must differ from start")
        return self


class Forecast(_Strict):
    """The calls behind an interval's head count, so that reports can say how
    well a roster answers them (the service level it reaches)."""

    calls: float = Field(ge=0, description="Calls forecast in one interval.")
    aht_s: float = Field(gt=0, description="Average handle time of those calls, in seconds.")


class IntervalCoverage(_Strict):
    """Head count wanted in every interval of a stretch of the day, whatever the shifts.

    ``start``-``end`` is cut into intervals of ``interval_minutes``; an agent
    counts for an interval when a duty of theirs covers all of it. ``min`` is
    hard; ``preferred`` is soft: each agent short costs ``under_weight``, each
    agent over costs ``over_weight``. Entries made from a ``demand:`` section
    carry their ``forecast`` (one interval each).
    """

    weekdays: list[Weekday] = Field(default_factory=lambda: list(ALL_WEEKDAYS))
    dates: list[dt.date] = Field(
        default_factory=list, description="If given, the entry applies to these dates only."
    )
    start: StartTime
    end: EndTime = Field(description="Wall-clock end on the same day; 24:00 is midnight.")
    interval_minutes: Literal[15, 30, 60] = 30
    min: int = Field(0, ge=0)
    preferred: int | None = Field(None, ge=0)
    under_weight: int = Field(1, ge=0)
    over_weight: int = Field(1, ge=0)
    forecast: Forecast | None = Field(
        None, description="Set by the loader from a demand profile: the calls in this interval."
    )

    @model_validator(mode="after")
    def _valid_stretch(self) -> IntervalCoverage:
        if self.end <= self.start:
            raise ValueError("end must be after start on the same day (use 24:00 for midnight)")
        length = self.interval_minutes
        if self.start % length or self.end % length:
            raise ValueError(f"start and end must fall on a multiple of {length} minutes")
        if self.dates and "weekdays" in self.model_fields_set:
            raise ValueError("give weekdays or dates, not both (dates apply on any weekday)")
        if self.forecast is not None and self.end - self.start != length:
            raise ValueError("an entry with a forecast must be one interval long")
        return self

    @property
    def intervals(self) -> list[tuple[int, int]]:
        """(start, end) in minutes after midnight of every interval of the stretch."""
        step = self.interval_minutes
        return [(begin, begin + step) for begin in range(self.start, self.end, step)]


class DemandCoverage(_Strict):
    """Interval coverage derived from a forecast of calls (Erlang C or A).

    ``profile`` is a demand CSV (``weekday,interval_start,calls[,aht_s]``, see
    :mod:`scheduler.demand.profile`), relative to the instance file. Loading the
    file turns every row into one ``interval_coverage`` entry whose head count
    is the agents needed *on the phone*; shrinkage is not added, because the
    roster schedules the people who are present. With ``hard`` the head count
    is the hard ``min``; otherwise it is the soft ``preferred``.
    """

    profile: str = Field(min_length=1, description="Demand CSV, relative to the instance file.")
    scale: float = Field(
        1.0,
        gt=0,
        description="Multiplies every interval's calls (1.2: what if volume grows 20 %).",
    )
    aht_s: float | None = Field(
        None, gt=0, description="Average handle time for rows that give none."
    )
    aht_everywhere: bool = Field(
        False, description="Use aht_s for every row, ignoring the profile's aht_s column."
    )
    target_sl: float | None = Field(None, gt=0, lt=1)
    answer_within_s: float | None = Field(None, ge=0)
    target_asa_s: float | None = Field(None, gt=0)
    max_occupancy: float | None = Field(None, gt=0, le=1)
    shrinkage: float = Field(0.0, ge=0, lt=1)
    model: Literal["C", "A"] = "C"
    patience_s: float | None = Field(None, gt=0)
    hard: bool = False
    under_weight: int = Field(10, ge=0)
    over_weight: int = Field(1, ge=0)

    @model_validator(mode="after")
    def _targets(self) -> DemandCoverage:
        if (self.target_sl is None) != (self.answer_within_s is None):
            raise ValueError("target_sl and answer_within_s must be given together")
        if self.target_sl is None and self.target_asa_s is None and self.max_occupancy is None:
            raise ValueError("give target_sl with answer_within_s, or target_asa_s")
        if self.model == "A" and self.patience_s is None:
            raise ValueError("patience_s is required for model A")
        if self.model == "C" and self.patience_s is not None:
            raise ValueError("patience_s applies to model A only")
        if self.aht_everywhere and self.aht_s is None:
            raise ValueError("aht_everywhere needs aht_s")
        return self


class Instance(_Strict):
    name: str = ""
    description: str = ""
    team: Team
    shift_types: list[ShiftType] = Field(min_length=1)
    horizon: Horizon
    service_windows: list[ServiceWindow] = Field(default_factory=list)
    coverage: list[Coverage] = Field(default_factory=list)
    interval_coverage: list[IntervalCoverage] = Field(default_factory=list)
    demand: DemandCoverage | None = Field(
        None,
        description="Interval coverage from a call forecast; expanded into interval_coverage "
        "when the file is loaded.",
    )
    demand_expanded: bool = Field(
        False,
        description="Set by the loader once demand is in interval_coverage; not written by hand.",
    )
    rules: Rules = Field(default_factory=Rules)

    def shift_type(self, shift_id: str) -> ShiftType:
        for shift_type in self.shift_types:
            if shift_type.id == shift_id:
                return shift_type
        raise KeyError(shift_id)

    def agent(self, agent_id: str) -> Agent:
        for agent in self.team.agents:
            if agent.id == agent_id:
                return agent
        raise KeyError(agent_id)
