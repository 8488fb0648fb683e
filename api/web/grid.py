"""A roster version as a grid: agents by dates, grouped in weeks, each cell its duties.

Plain data for the templates (the supervisor's roster, an agent's calendar,
the comparison of two versions): no HTML here. A cell knows its shift's times,
location and on-call flag, and who is responsible for the duty under the
policy, so that a click on it can say all of that.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from scheduler.instance import Instance
from scheduler.instance.models import ShiftType
from scheduler.swaps import Duty, DutyKey


def clock_time(minutes: int) -> str:
    """``540`` → ``09:00``; 24:00 stays 24:00 (the end of the day, as the instance writes it)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class ShiftInfo:
    id: str
    label: str
    start: str
    end: str
    location: str
    on_call: bool
    colour: int  # an index into the page's palette, by position in the instance

    @classmethod
    def of(cls, shift: ShiftType, colour: int) -> ShiftInfo:
        return cls(
            shift.id,
            shift.label or shift.id,
            clock_time(shift.start),
            clock_time(shift.end),
            shift.location.value,
            shift.on_call,
            colour,
        )


@dataclass(frozen=True)
class Slot:
    """Where a duty sits in the roster: its key, its day and its shift (not who holds it)."""

    key: str  # e.g. 2026-12-04/A/0, as in the swap page's address
    date: dt.date
    shift: ShiftInfo | None  # None when the current instance no longer has that shift type


def slot_of(key: DutyKey, shifts: Mapping[str, ShiftInfo]) -> Slot:
    return Slot(str(key), key.date, shifts.get(key.shift))


@dataclass(frozen=True)
class Cell:
    duty: str  # the duty key, e.g. 2026-11-30/A/0
    shift: ShiftInfo
    holder: str
    responsible: str
    reason: str

    @property
    def swapped(self) -> bool:
        return self.reason.startswith("swap:")


@dataclass(frozen=True)
class Day:
    date: dt.date
    weekend: bool
    today: bool


@dataclass(frozen=True)
class Row:
    agent: str
    name: str
    cells: dict[dt.date, list[Cell]]


@dataclass(frozen=True)
class Grid:
    weeks: list[list[Day]]
    rows: list[Row]
    shifts: list[ShiftInfo]

    @property
    def days(self) -> list[Day]:
        return [day for week in self.weeks for day in week]


def shift_infos(instance: Instance) -> dict[str, ShiftInfo]:
    return {s.id: ShiftInfo.of(s, index) for index, s in enumerate(instance.shift_types)}


def horizon_dates(instance: Instance) -> list[dt.date]:
    start = instance.horizon.start
    return [start + dt.timedelta(days=offset) for offset in range(instance.horizon.days)]


def build_grid(
    instance: Instance,
    duties: Iterable[Duty],
    today: dt.date,
    agents: Iterable[str] | None = None,
) -> Grid:
    """The grid of ``duties``; only the rows of ``agents`` when given (an agent's own calendar)."""
    shifts = shift_infos(instance)
    names = {agent.id: agent.name for agent in instance.team.agents}
    wanted = list(agents) if agents is not None else list(names)
    cells: dict[str, dict[dt.date, list[Cell]]] = defaultdict(lambda: defaultdict(list))
    for duty in duties:
        cell = Cell(
            str(duty.key), shifts[duty.key.shift], duty.holder, duty.responsible, duty.reason
        )
        cells[duty.holder][duty.key.date].append(cell)
    dates = horizon_dates(instance)
    days = [Day(d, d.weekday() >= 5, d == today) for d in dates]
    weeks = [days[i : i + 7] for i in range(0, len(days), 7)]
    rows = [Row(agent, names.get(agent, agent), dict(cells[agent])) for agent in wanted]
    return Grid(weeks, rows, list(shifts.values()))


def team_today(instance: Instance, now: dt.datetime) -> dt.date:
    """The date on the team's own clock (its IANA zone), which is what "today" means to them."""
    return now.astimezone(ZoneInfo(instance.team.timezone)).date()
