"""pyworkforce in a venv of its own, and the call into it.

pyworkforce is a peer library to measure against, never a dependency of
roster: it pins its own pandas and OR-Tools, which must not touch the
project's venv. So it lives in ``benchmarks/.venv-pyworkforce`` (ignored by
git), made on first use, and is only ever run in a subprocess that exchanges
JSON with :mod:`benchmarks.pyworkforce_side`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCHMARKS = Path(__file__).parent
VENV = BENCHMARKS / ".venv-pyworkforce"
SIDE_SCRIPT = BENCHMARKS / "pyworkforce_side.py"
# The version the published results were measured with; change it on purpose.
REQUIREMENT = "pyworkforce==0.5.1"


def pyworkforce_python(given: Path | None = None) -> Path:
    """An interpreter that can import pyworkforce: ``given``, else the benchmark venv,
    created and filled on first use."""
    if given is not None:
        if not _imports_pyworkforce(given):
            raise SystemExit(f"{given} cannot import pyworkforce")
        return given
    python = VENV / "bin" / "python"
    if not python.exists():
        # The project targets 3.11; any python3 will do if 3.11 is missing.
        base = shutil.which("python3.11") or sys.executable
        print(f"creating {VENV} with {base}", file=sys.stderr)
        subprocess.run([base, "-m", "venv", str(VENV)], check=True)
    if not _imports_pyworkforce(python):
        print(f"installing {REQUIREMENT} into {VENV}", file=sys.stderr)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", REQUIREMENT], check=True)
    return python


def run_side(python: Path, request: dict[str, Any]) -> dict[str, Any]:
    """Send one request to the pyworkforce side; its answer plus the subprocess's
    own wall time (interpreter start and imports included) as ``process_s``."""
    started = time.perf_counter()
    completed = subprocess.run(
        [str(python), str(SIDE_SCRIPT)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"pyworkforce side failed:\n{completed.stderr}")
    answer: dict[str, Any] = json.loads(completed.stdout)
    answer["process_s"] = time.perf_counter() - started
    return answer


def _imports_pyworkforce(python: Path) -> bool:
    probe = subprocess.run(
        [str(python), "-c", "import pyworkforce"], capture_output=True, check=False
    )
    return probe.returncode == 0
