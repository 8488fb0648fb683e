"""Demand to staffing: Erlang C/A per interval and demand profiles read from CSV."""

from scheduler.demand.erlang import (
    Model,
    QueueMetrics,
    Staffing,
    erlang_a,
    erlang_b,
    erlang_c,
    erlang_c_wait_probability,
    offered_load,
    required_agents,
)
from scheduler.demand.profile import (
    DemandInterval,
    DemandProfile,
    DemandProfileError,
    IntervalStaffing,
    parse_profile,
    read_profile,
    required_by_interval,
)

__all__ = [
    "DemandInterval",
    "DemandProfile",
    "DemandProfileError",
    "IntervalStaffing",
    "Model",
    "QueueMetrics",
    "Staffing",
    "erlang_a",
    "erlang_b",
    "erlang_c",
    "erlang_c_wait_probability",
    "offered_load",
    "parse_profile",
    "read_profile",
    "required_agents",
    "required_by_interval",
]
