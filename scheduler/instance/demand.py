"""The ``demand:`` section: a call forecast turned into interval coverage.

The profile CSV is read with :func:`scheduler.demand.read_profile` and every
interval gets the agents Erlang C (or A) says it needs *on the phone*
(``Staffing.agents_on_phone``). Shrinkage is deliberately not added: the
roster schedules the people who are present, so the head count to cover is
the one that answers calls. Each (weekday, interval) row becomes one
:class:`IntervalCoverage` entry. This module reads a file, so only the loader
calls it, with the folder of the instance file.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from scheduler.demand import DemandProfile, DemandProfileError, read_profile, required_by_interval
from scheduler.instance.clock import Weekday
from scheduler.instance.errors import FieldProblem
from scheduler.instance.models import DemandCoverage, Forecast, IntervalCoverage

PROFILE_PATH = ("demand", "profile")
_LINE = re.compile(r"line (\d+)")


class DemandError(Exception):
    """The demand section cannot be expanded; carries the problems with their paths."""

    def __init__(self, problems: list[FieldProblem]):
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


def profile_path(demand: DemandCoverage, base_dir: str | Path) -> Path:
    """The profile file, resolved relative to the folder of the instance file."""
    return Path(base_dir) / demand.profile


def demand_interval_coverage(
    demand: DemandCoverage, base_dir: str | Path
) -> list[IntervalCoverage]:
    """One interval coverage entry per weekday and interval of the profile.

    The head count is the agents on the phone (before shrinkage); it becomes
    ``min`` when ``demand.hard``, else ``preferred`` with the section's weights.
    Each entry keeps its forecast (calls times ``demand.scale``, and the AHT
    used). Raises :class:`DemandError` with ``demand.profile`` problems for a
    missing or malformed CSV (the message names the row).
    """
    profile = adjusted_profile(_read(demand, base_dir), demand)
    try:
        staffed = required_by_interval(
            profile,
            aht_s=demand.aht_s,
            target_sl=demand.target_sl,
            answer_within_s=demand.answer_within_s,
            target_asa_s=demand.target_asa_s,
            max_occupancy=demand.max_occupancy,
            shrinkage=demand.shrinkage,
            model=demand.model,
            patience_s=demand.patience_s,
        )
    except ValueError as error:
        raise DemandError(
            [FieldProblem.of(("demand",), "instance.demand_staffing", problem=str(error))]
        ) from None
    length = profile.interval_minutes
    entries = []
    for interval, row in zip(profile.intervals, staffed, strict=True):
        start = row.start.hour * 60 + row.start.minute
        agents = row.staffing.agents_on_phone
        aht_s = interval.aht_s if interval.aht_s is not None else demand.aht_s
        assert aht_s is not None  # required_by_interval refused a row without one
        entries.append(
            IntervalCoverage(
                weekdays=[Weekday(row.weekday)],
                start=start,
                end=start + length,
                interval_minutes=length,
                min=agents if demand.hard else 0,
                preferred=None if demand.hard else agents,
                under_weight=demand.under_weight,
                over_weight=demand.over_weight,
                forecast=Forecast(calls=interval.calls, aht_s=aht_s),
            )
        )
    return entries


def adjusted_profile(profile: DemandProfile, demand: DemandCoverage) -> DemandProfile:
    """The profile with calls times ``demand.scale`` and, with ``aht_everywhere``,
    every row's AHT replaced by ``demand.aht_s``."""
    intervals = tuple(
        replace(
            interval,
            calls=interval.calls * demand.scale,
            aht_s=demand.aht_s if demand.aht_everywhere else interval.aht_s,
        )
        for interval in profile.intervals
    )
    return replace(profile, intervals=intervals)


def _read(demand: DemandCoverage, base_dir: str | Path) -> DemandProfile:
    path = profile_path(demand, base_dir)
    try:
        return read_profile(path)
    except DemandProfileError as error:
        match = _LINE.search(str(error))
        line = int(match.group(1)) if match else 0
        raise DemandError(
            [
                FieldProblem.of(
                    PROFILE_PATH, "instance.demand_profile_row", line=line, problem=str(error)
                )
            ]
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise DemandError(
            [FieldProblem.of(PROFILE_PATH, "instance.file_missing", file=path, reason=reason)]
        ) from None
