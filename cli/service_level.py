"""The service a roster gives on its call forecast, as ``roster solve`` prints it."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from scheduler.explain.service_level import ServiceReport
from scheduler.messages import text


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f} %"


def service_view(report: ServiceReport, language: str) -> Group:
    """Two or three sentences: calls answered in time, the ASA, intervals meeting the target."""
    none = text("service_level.no_target", language)
    lines = [Text(text("service_level.title", language), style="bold")]
    level = report.service_level
    if level is not None:
        target = none if report.target_sl is None else _percent(report.target_sl)
        met = report.target_sl is None or level >= report.target_sl
        answered = text("service_level.answered", language, level=_percent(level), calls=f"{report.calls:g}", within=f"{report.answer_within_s:g}", target=target)  # fmt: skip
        lines.append(Text(answered, style="green" if met else "red"))
    if report.asa_s == float("inf"):
        lines.append(Text(text("service_level.asa_unbounded", language), style="red"))
    else:
        target = none if report.target_asa_s is None else f"{report.target_asa_s:g} s"
        lines.append(Text(text("service_level.asa", language, asa=f"{report.asa_s:.1f}", target=target)))  # fmt: skip
    intervals = text(
        "service_level.intervals",
        language,
        met=report.intervals_meeting_target,
        total=len(report.intervals),
        short=report.intervals_short,
    )
    lines.append(Text(intervals, style="yellow" if report.intervals_short else ""))
    return Group(*lines)
