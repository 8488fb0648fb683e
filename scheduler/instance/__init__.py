"""The instance file format: pydantic models, loading and validation."""

from scheduler.instance.errors import FieldProblem, InstanceError, format_path
from scheduler.instance.loading import (
    load_instance,
    parse_instance,
    parse_instance_text,
    with_demand,
)
from scheduler.instance.models import (
    Agent,
    AgentLimits,
    Coverage,
    DemandCoverage,
    Horizon,
    Instance,
    IntervalCoverage,
    Language,
    Location,
    ServiceWindow,
    ShiftType,
    Team,
)

__all__ = [
    "Agent",
    "AgentLimits",
    "Coverage",
    "DemandCoverage",
    "FieldProblem",
    "Horizon",
    "Instance",
    "InstanceError",
    "IntervalCoverage",
    "Language",
    "Location",
    "ServiceWindow",
    "ShiftType",
    "Team",
    "format_path",
    "load_instance",
    "parse_instance",
    "parse_instance_text",
    "with_demand",
]
