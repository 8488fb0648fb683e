"""Reading instance files (YAML or JSON) into a validated :class:`Instance`.

Every failure becomes an :class:`InstanceError` that lists all problems with
their field paths; nothing here lets a traceback reach the user.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from scheduler.instance.demand import DemandError, demand_interval_coverage
from scheduler.instance.errors import FieldProblem, InstanceError
from scheduler.instance.models import DemandCoverage, Instance
from scheduler.instance.references import find_reference_problems


def parse_instance(
    data: Any, source: str = "instance", *, base_dir: str | Path | None = None
) -> Instance:
    """Validate already-parsed data (a mapping) into an instance, or raise InstanceError.

    This reads no file unless ``base_dir`` is given: a ``demand:`` section that
    is not yet expanded needs it to find its profile CSV (relative paths are
    taken from there) and is then turned into ``interval_coverage`` entries.
    An instance that was loaded before (``demand_expanded``) parses as is.
    """
    if not isinstance(data, dict):
        kind = "nothing" if data is None else type(data).__name__
        raise InstanceError(source, [FieldProblem.of((), "instance.not_mapping", kind=kind)])
    try:
        instance = Instance.model_validate(data)
    except ValidationError as error:
        raise InstanceError.from_validation(source, error) from None
    if instance.demand is not None and not instance.demand_expanded:
        instance = _expand_demand(instance, source, base_dir)
    problems = find_reference_problems(instance)
    if problems:
        raise InstanceError(source, problems)
    return instance


def _expand_demand(instance: Instance, source: str, base_dir: str | Path | None) -> Instance:
    assert instance.demand is not None
    if base_dir is None:
        problem = FieldProblem.of(("demand", "profile"), "instance.demand_no_base_dir")
        raise InstanceError(source, [problem])
    try:
        entries = demand_interval_coverage(instance.demand, base_dir)
    except DemandError as error:
        raise InstanceError(source, error.problems) from None
    return instance.model_copy(
        update={
            "interval_coverage": [*instance.interval_coverage, *entries],
            "demand_expanded": True,
        }
    )


def with_demand(
    instance: Instance, demand: DemandCoverage, base_dir: str | Path, source: str = "instance"
) -> Instance:
    """``instance`` staffed from ``demand`` instead of its own ``demand:`` section.

    The interval coverage that came from a forecast is dropped and the new
    section expanded in its place (its profile is found from ``base_dir``);
    interval coverage written by hand stays. Raises InstanceError like the loader.
    """
    try:
        # Re-validated: callers build it with model_copy, which checks nothing.
        demand = DemandCoverage.model_validate(demand.model_dump())
    except ValidationError as error:
        raise InstanceError.from_validation(source, error, prefix=("demand",)) from None
    kept = [entry for entry in instance.interval_coverage if entry.forecast is None]
    bare = instance.model_copy(
        update={"interval_coverage": kept, "demand": demand, "demand_expanded": False}
    )
    expanded = _expand_demand(bare, source, base_dir)
    problems = find_reference_problems(expanded)
    if problems:
        raise InstanceError(source, problems)
    return expanded


def parse_instance_text(
    content: str, source: str = "instance", *, base_dir: str | Path | None = None
) -> Instance:
    """Parse YAML (JSON is YAML too) and validate it (``base_dir``: see parse_instance)."""
    try:
        data = yaml.safe_load(content)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = FieldProblem.of(
            (), "instance.yaml_syntax", line=line, column=column, problem=error.problem
        )
        raise InstanceError(source, [problem]) from None
    except yaml.YAMLError as error:
        problem = FieldProblem.of((), "instance.yaml_syntax", line=0, column=0, problem=str(error))
        raise InstanceError(source, [problem]) from None
    return parse_instance(data, source, base_dir=base_dir)


def load_instance(path: str | Path) -> Instance:
    """Read and validate an instance file; a demand profile is found next to it."""
    path = Path(path)
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        problem = FieldProblem.of((), "instance.file_missing", file=path, reason=reason)
        raise InstanceError(str(path), [problem]) from None
    return parse_instance_text(content, str(path), base_dir=path.parent)
