"""The coverage-gap warning that ``roster solve`` and ``roster explain`` show.

:func:`gap_warning` turns the gaps found by
:func:`scheduler.explain.gaps.find_coverage_gaps` into one yellow block, one
line per interval and kind, with the weekdays it occurs on folded together
("22:00-24:00 on every day (Mon-Sun): ..."). It only builds the renderable;
the command decides where to print it. Piped into a file, rich drops the
colour and the text still says everything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from scheduler.explain.gaps import CoverageGap, GapKind
from scheduler.instance.clock import ALL_WEEKDAYS, Weekday, format_clock
from scheduler.messages import text

_Key = tuple[int, int, GapKind, tuple[int, int] | None]  # start, end, kind, window


def gap_warning(gaps: Sequence[CoverageGap], language: str) -> RenderableType:
    """A yellow block listing ``gaps``; an empty text when there is none."""
    if not gaps:
        return Text()
    lines = [Text(text("gaps.warning.intro", language))]
    lines += [Text("  - " + line, style="yellow") for line in gap_lines(gaps, language)]
    return Panel(
        Group(*lines),
        title=text("gaps.warning.title", language),
        title_align="left",
        border_style="yellow",
        expand=False,
    )


def gap_lines(gaps: Iterable[CoverageGap], language: str) -> list[str]:
    """One line per interval and kind; gaps that occur every week are grouped by weekday."""
    weekly: dict[_Key, set[Weekday]] = defaultdict(set)
    lines: list[tuple[_Key, str]] = []
    for gap in gaps:
        key = (gap.start, gap.end, gap.kind, gap.window)
        if gap.every_week:
            weekly[key].add(gap.weekday)
        else:
            dates = text("gaps.separator", language).join(day.isoformat() for day in gap.dates)
            lines.append((key, text("gaps.warning.dates", language, dates=dates)))
    lines += [(key, _weekdays(weekdays, language)) for key, weekdays in weekly.items()]
    lines.sort(key=lambda line: (line[0][0], line[0][1], line[0][2]))
    return [_line(key, days, language) for key, days in lines]


def _line(key: _Key, days: str, language: str) -> str:
    start, end, kind, window = key
    line = text(
        "gaps.warning.line",
        language,
        start=format_clock(start),
        end=format_clock(end),
        days=days,
        reason=text(f"gaps.kind.{kind.value}", language),
    )
    if window is None:
        return line
    hours = f"{format_clock(window[0])}-{format_clock(window[1])}"
    return text("gaps.warning.window", language, line=line, window=hours)


def _weekdays(weekdays: set[Weekday], language: str) -> str:
    """``every day``, or the weekdays with runs of three or more written as a range."""
    if len(weekdays) == len(ALL_WEEKDAYS):
        return text("gaps.warning.every_day", language)
    parts = [_run(run, language) for run in _runs(sorted(day.number for day in weekdays))]
    return text(
        "gaps.warning.weekdays", language, weekdays=text("gaps.separator", language).join(parts)
    )


def _runs(numbers: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return runs


def _run(run: list[int], language: str) -> str:
    names = [text(f"cli.weekday.{Weekday.of_index(n).value}", language) for n in run]
    if len(names) < 3:
        return text("gaps.separator", language).join(names)
    return text("gaps.warning.range", language, first=names[0], last=names[-1])
