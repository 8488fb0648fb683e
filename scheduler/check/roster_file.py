"""Reading a roster from a CSV file with the columns ``agent,date,shift``.

One row per assignment, as the command line writes them; a blank shift cell or
a missing row is a day off. A UTF-8 byte-order mark and extra columns are
accepted. Every problem is collected with its row number (the header is row 1,
as a spreadsheet shows it) into one :class:`RosterFileError`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scheduler.instance.models import Instance
from scheduler.messages import DEFAULT_LANGUAGE, text
from scheduler.result import Assignment

if TYPE_CHECKING:
    from _csv import Reader

COLUMNS = ("agent", "date", "shift")

Values = tuple[tuple[str, object], ...]
"""Named values that fill a catalogue message."""


@dataclass(frozen=True)
class RosterProblem:
    """One thing wrong with a roster file: a catalogue key, its values and the row (if any)."""

    row: int | None
    message: str
    values: Values = ()

    def describe(self, language: str = DEFAULT_LANGUAGE) -> str:
        problem = text(self.message, language, **dict(self.values))
        if self.row is None:
            return problem
        return text("check.roster_row", language, row=self.row, problem=problem)


class RosterFileError(ValueError):
    """A roster file that cannot be read, with every problem found."""

    def __init__(self, source: str, problems: Sequence[RosterProblem]):
        self.source = source
        self.problems = tuple(problems)
        super().__init__(self.describe())

    def describe(self, language: str = DEFAULT_LANGUAGE) -> str:
        header = text(
            "check.roster_invalid", language, source=self.source, count=len(self.problems)
        )
        lines = [f"  - {problem.describe(language)}" for problem in self.problems]
        return "\n".join([header, *lines])


def read_roster_csv(path: str | Path, instance: Instance) -> list[Assignment]:
    """The assignments of a roster CSV file, in file order; RosterFileError on bad input."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            content = file.read()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        problem = RosterProblem(
            None, "check.roster_file_missing", (("path", path), ("reason", reason))
        )
        raise RosterFileError(str(path), [problem]) from None
    assignments, problems = _parse(csv.reader(io.StringIO(content, newline="")), instance)
    if problems:
        raise RosterFileError(str(path), problems)
    return assignments


def _parse(reader: Reader, instance: Instance) -> tuple[list[Assignment], list[RosterProblem]]:
    header = [cell.strip().lower() for cell in next(reader, [])]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        return [], [RosterProblem(1, "check.roster_header", (("missing", ", ".join(missing)),))]
    position = {column: header.index(column) for column in COLUMNS}
    assignments: list[Assignment] = []
    problems: list[RosterProblem] = []
    first_row: dict[Assignment, int] = {}
    for cells in reader:
        row = reader.line_num  # the last physical line of the record
        if not any(cell.strip() for cell in cells):
            continue
        agent, date_text, shift = (
            cells[position[column]].strip() if position[column] < len(cells) else ""
            for column in COLUMNS
        )
        date, found = _read_cells(agent, date_text, shift, instance)
        problems += [RosterProblem(row, message, values) for message, values in found]
        if found or date is None or not shift:  # a blank shift is a day off
            continue
        assignment = Assignment(agent, date, shift)
        if assignment in first_row:
            values = (("agent", agent), ("date", date), ("shift", shift))
            duplicate = (*values, ("first", first_row[assignment]))
            problems.append(RosterProblem(row, "check.roster_duplicate", duplicate))
            continue
        first_row[assignment] = row
        assignments.append(assignment)
    return assignments, problems


def _read_cells(
    agent: str, date_text: str, shift: str, instance: Instance
) -> tuple[dt.date | None, list[tuple[str, Values]]]:
    """The date of one row and what is wrong with its cells, as (catalogue key, values)."""
    agents = [known.id for known in instance.team.agents]
    shifts = [known.id for known in instance.shift_types]
    horizon = instance.horizon
    found: list[tuple[str, Values]] = []
    if not agent:
        found.append(("check.roster_empty_cell", (("column", "agent"),)))
    elif agent not in agents:
        found.append(("instance.unknown_agent", (("id", agent), ("known", ", ".join(agents)))))
    date = None
    if not date_text:
        found.append(("check.roster_empty_cell", (("column", "date"),)))
    else:
        try:
            date = dt.date.fromisoformat(date_text)
        except ValueError:
            found.append(("check.roster_bad_date", (("value", date_text),)))
        else:
            if not horizon.contains(date):
                values = (("date", date), ("start", horizon.start), ("end", horizon.end))
                found.append(("instance.date_outside_horizon", values))
    if shift and shift not in shifts:
        found.append(("instance.unknown_shift", (("id", shift), ("known", ", ".join(shifts)))))
    return date, found
