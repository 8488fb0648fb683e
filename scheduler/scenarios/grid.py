"""Scenario files: a base instance and a grid of changes to it, validated.

A scenario file (YAML) names a base instance, relative to the scenario file,
and a ``grid`` of values per parameter::

    base: ../four-agents-two-days-off.yaml
    time_limit: 5
    grid:
      agents: [4, 5, 6]          # head count: copies of the first agent, or drop from the end
      days_off_min: [1, 2]       # rules.days_off_per_week.min
      allowed_same_day: [[], [[A, C]]]
      min_rest_hours: [11, 12]
      demand_scale: [1.0, 1.2]   # calls x 1.2 (needs a demand: section)
      aht_s: [240, 300]          # every interval's handle time
      target_sl: [0.8, 0.9]      # share answered within the section's answer_within_s

Every problem is reported with its field path, like an instance file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from scheduler.instance.errors import format_path
from scheduler.messages import text

DEMAND_KEYS = ("demand_scale", "aht_s", "target_sl")
PARAMETERS = (
    "agents",
    "days_off_min",
    "allowed_same_day",
    "min_rest_hours",
    "demand_scale",
    "aht_s",
    "target_sl",
)
"""Grid keys, in the order cases are labelled and the product is taken."""


class ScenarioError(ValueError):
    """A scenario file that cannot be used, with field paths like :class:`InstanceError`."""

    def __init__(self, source: str, problems: Sequence[str]):
        self.source = source
        self.problems = tuple(problems)
        super().__init__(self.describe())

    def describe(self, language: str = "en") -> str:
        lines = (f"  - {problem}" for problem in self.problems)
        heading = text("scenarios.invalid_file", language, source=self.source)
        return "\n".join([heading, *lines])


def _as_list(value: Any) -> Any:
    """A single value in the grid means a list of one."""
    return value if isinstance(value, list) else [value]


class Grid(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    agents: list[int] | None = Field(None, min_length=1)
    days_off_min: list[int] | None = Field(None, min_length=1)
    allowed_same_day: list[list[tuple[str, str]]] | None = Field(None, min_length=1)
    min_rest_hours: list[float] | None = Field(None, min_length=1)
    demand_scale: list[float] | None = Field(None, min_length=1)
    aht_s: list[float] | None = Field(None, min_length=1)
    target_sl: list[float] | None = Field(None, min_length=1)

    @field_validator(
        "agents",
        "days_off_min",
        "min_rest_hours",
        "demand_scale",
        "aht_s",
        "target_sl",
        mode="before",
    )
    @classmethod
    def _listify(cls, value: Any) -> Any:
        return None if value is None else _as_list(value)

    @field_validator("agents")
    @classmethod
    def _positive_agents(cls, value: list[int] | None) -> list[int] | None:
        if value is not None and any(count < 1 for count in value):
            raise ValueError("head counts must be at least 1")
        return value

    @field_validator("days_off_min")
    @classmethod
    def _days_in_week(cls, value: list[int] | None) -> list[int] | None:
        if value is not None and any(not 0 <= days <= 7 for days in value):
            raise ValueError("days off per week must be between 0 and 7")
        return value

    @field_validator("min_rest_hours")
    @classmethod
    def _rest_range(cls, value: list[float] | None) -> list[float] | None:
        if value is not None and any(not 0 <= hours <= 48 for hours in value):
            raise ValueError("rest hours must be between 0 and 48")
        return value

    @field_validator("demand_scale", "aht_s")
    @classmethod
    def _positive(cls, value: list[float] | None) -> list[float] | None:
        if value is not None and any(number <= 0 for number in value):
            raise ValueError("values must be positive")
        return value

    @field_validator("target_sl")
    @classmethod
    def _fraction(cls, value: list[float] | None) -> list[float] | None:
        if value is not None and any(not 0 < number < 1 for number in value):
            raise ValueError("service-level targets must be between 0 and 1 (0.8 is 80 %)")
        return value

    def varied(self) -> dict[str, list[Any]]:
        """The grid keys given, in :data:`PARAMETERS` order."""
        return {
            key: list(values) for key in PARAMETERS if (values := getattr(self, key)) is not None
        }

    def demand_keys(self) -> list[str]:
        return [key for key in DEMAND_KEYS if getattr(self, key) is not None]


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = ""
    description: str = ""
    base: str = Field(description="The base instance file, relative to the scenario file.")
    grid: Grid = Field(default_factory=Grid)
    time_limit: float = Field(10.0, gt=0, description="Seconds per case.")
    seed: int = Field(0, ge=0)
    solver_workers: int = Field(1, ge=1, description="CP-SAT workers per case.")
    base_dir: Path = Field(Path("."), exclude=True, description="Set by load_scenario.")

    @property
    def base_path(self) -> Path:
        return (self.base_dir / self.base).resolve()


def parse_scenario(data: Any, source: str = "scenario", base_dir: Path | None = None) -> Scenario:
    if not isinstance(data, dict):
        kind = "nothing" if data is None else type(data).__name__
        raise ScenarioError(source, [text("scenarios.not_mapping", "en", kind=kind)])
    if "base_dir" in data:
        raise ScenarioError(source, [text("scenarios.unknown_field", "en", field="base_dir")])
    try:
        return Scenario.model_validate({**data, "base_dir": base_dir or Path(".")})
    except ValidationError as error:
        problems = [
            f"{format_path(tuple(item['loc']))}: {item['msg'].removeprefix('Value error, ')}"
            for item in error.errors()
        ]
        raise ScenarioError(source, problems) from None


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file; the base instance is loaded by ``expand``."""
    path = Path(path)
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ScenarioError(
            str(path), [text("scenarios.cannot_read", "en", reason=reason)]
        ) from None
    try:
        data = yaml.safe_load(content)
    except yaml.YAMLError as error:
        raise ScenarioError(str(path), [text("scenarios.not_yaml", "en", problem=error)]) from None
    return parse_scenario(data, str(path), path.parent)
