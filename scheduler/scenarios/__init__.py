"""What-if scenarios: one base instance, a grid of changes, every combination solved.

:mod:`~scheduler.scenarios.grid` reads the scenario file,
:mod:`~scheduler.scenarios.cases` applies each combination to the base instance,
:mod:`~scheduler.scenarios.run` solves the cases on any ``concurrent.futures``
executor (a local process pool or a Dask cluster), and
:mod:`~scheduler.scenarios.tables` and :mod:`~scheduler.scenarios.plots` write
the results.
"""

from scheduler.scenarios.cases import (
    Case,
    apply_changes,
    apply_demand,
    expand,
    format_value,
    has_demand,
    label_of,
)
from scheduler.scenarios.grid import (
    DEMAND_KEYS,
    PARAMETERS,
    Grid,
    Scenario,
    ScenarioError,
    load_scenario,
    parse_scenario,
)
from scheduler.scenarios.plots import MatplotlibMissingError, write_plots
from scheduler.scenarios.run import (
    CaseResult,
    DaskMissingError,
    IntervalCell,
    run_all,
    run_case,
)
from scheduler.scenarios.tables import RESULT_FILES, results_frame, write_tables

__all__ = [
    "DEMAND_KEYS",
    "PARAMETERS",
    "RESULT_FILES",
    "Case",
    "CaseResult",
    "DaskMissingError",
    "Grid",
    "IntervalCell",
    "MatplotlibMissingError",
    "Scenario",
    "ScenarioError",
    "apply_changes",
    "apply_demand",
    "expand",
    "format_value",
    "has_demand",
    "label_of",
    "load_scenario",
    "parse_scenario",
    "results_frame",
    "run_all",
    "run_case",
    "write_plots",
    "write_tables",
]
