"""One case per combination of a scenario grid: the base instance with the changes applied.

Demand keys change the base instance's ``demand:`` section (calls times
``demand_scale``, every interval's AHT set to ``aht_s``, the service-level
target set to ``target_sl``) and re-expand it, so the head count per interval
follows; the other keys change the team and the rules.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from scheduler.explain.staffing import with_extra_agents
from scheduler.instance import Instance, InstanceError, load_instance, parse_instance, with_demand
from scheduler.instance.errors import FieldProblem
from scheduler.messages import text
from scheduler.scenarios.grid import DEMAND_KEYS, Scenario, ScenarioError


@dataclass(frozen=True)
class Case:
    """One combination of the grid, applied to the base instance."""

    label: str
    params: dict[str, Any]
    instance: Instance
    time_limit: float
    seed: int
    solver_workers: int = 1


def format_value(value: Any) -> Any:
    """Grid values as they appear in labels and tables (``[A,C]``, ``5`` for ``5.0``)."""
    if isinstance(value, list | tuple):
        return "[" + ",".join(format_value(item) for item in value) + "]"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def label_of(params: dict[str, Any]) -> str:
    return ",".join(f"{key}={format_value(value)}" for key, value in params.items()) or "base"


def has_demand(instance: Instance) -> bool:
    return instance.demand is not None


def apply_demand(
    instance: Instance, params: dict[str, Any], base_dir: Any, source: str = "case"
) -> Instance:
    """``instance`` with its demand section changed by the demand keys in ``params``."""
    changes = {key: params[key] for key in DEMAND_KEYS if key in params}
    if not changes:
        return instance
    demand = instance.demand
    assert demand is not None  # expand() refuses demand keys without a demand section
    update: dict[str, Any] = {}
    if "demand_scale" in changes:
        update["scale"] = demand.scale * changes["demand_scale"]
    if "aht_s" in changes:
        update["aht_s"] = changes["aht_s"]
        update["aht_everywhere"] = True
    if "target_sl" in changes:
        update["target_sl"] = changes["target_sl"]
    return with_demand(instance, demand.model_copy(update=update), base_dir, source)


def apply_changes(instance: Instance, params: dict[str, Any], source: str = "case") -> Instance:
    """``instance`` with the team and rule keys in ``params`` (see :func:`apply_demand`)."""
    if "agents" in params:
        wanted = int(params["agents"])
        current = len(instance.team.agents)
        if wanted > current:
            instance = with_extra_agents(instance, None, wanted - current)
        elif wanted < current:
            instance = _without_last_agents(instance, current - wanted, source)
    data = instance.model_dump(mode="json")
    rules = data.setdefault("rules", {})
    if "days_off_min" in params:
        days_off = rules.get("days_off_per_week") or {}
        days_off["min"] = params["days_off_min"]
        preferred = days_off.get("preferred")
        if preferred is not None and preferred < days_off["min"]:
            days_off["preferred"] = days_off["min"]
        rules["days_off_per_week"] = days_off
    if "allowed_same_day" in params:
        rules["allowed_same_day"] = [list(pair) for pair in params["allowed_same_day"]]
    if "min_rest_hours" in params:
        rest = rules.get("min_rest") or {}
        rest["hours"] = params["min_rest_hours"]
        rules["min_rest"] = rest
    return parse_instance(data, source)


def _without_last_agents(instance: Instance, count: int, source: str) -> Instance:
    """Drop the last ``count`` agents and every pin and request naming them."""
    data = instance.model_dump(mode="json")
    agents = data["team"]["agents"]
    removed = {agent["id"] for agent in agents[len(agents) - count :]}
    data["team"]["agents"] = agents[: len(agents) - count]
    rules = data.get("rules") or {}
    for key in ("fixed_assignments", "requests"):
        rules[key] = [item for item in rules.get(key) or [] if item.get("agent") not in removed]
    return parse_instance(data, source)


def expand(scenario: Scenario, base: Instance | None = None) -> list[Case]:
    """Every combination of the grid, in file order (the last key varies fastest).

    Raises :class:`ScenarioError` when demand keys are given for a base without
    a ``demand:`` section, and :class:`InstanceError` when the base cannot be
    loaded or a combination makes an invalid instance.
    """
    if base is None:
        base = load_instance(scenario.base_path)
    demand_keys = scenario.grid.demand_keys()
    if demand_keys and not has_demand(base):
        reasons = [text("scenarios.demand_without_section", "en", key=key) for key in demand_keys]
        raise ScenarioError(str(scenario.base_path), reasons)
    varied = scenario.grid.varied()
    keys = list(varied)
    with_demand_of: dict[tuple[Any, ...], Instance] = {}  # one re-expansion per demand setting
    cases = []
    for combination in itertools.product(*(varied[key] for key in keys)):
        params = dict(zip(keys, combination, strict=True))
        label = label_of(params)
        demand_setting = tuple(params.get(key) for key in DEMAND_KEYS)
        try:
            if demand_setting not in with_demand_of:
                with_demand_of[demand_setting] = apply_demand(
                    base, params, scenario.base_path.parent, label
                )
            instance = apply_changes(with_demand_of[demand_setting], params, source=label)
        except InstanceError as error:
            problems = [
                FieldProblem(problem.path, problem.describe(), problem.key, problem.values)
                for problem in error.problems
            ]
            raise InstanceError(f"{scenario.base_path} with {label}", problems) from None
        cases.append(
            Case(
                label=label,
                params=params,
                instance=instance,
                time_limit=scenario.time_limit,
                seed=scenario.seed,
                solver_workers=scenario.solver_workers,
            )
        )
    return cases
