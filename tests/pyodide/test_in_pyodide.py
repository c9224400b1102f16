"""The calculator test suite also passes inside Pyodide under Node.js, so what
the browser runs is what was tested.

Needs node, node_modules/pyodide (npm ci) and the wheels of
scripts/fetch_pyodide_wheels.sh; without them this test fails, it never skips.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "tests" / "pyodide" / "run_in_pyodide.mjs"
WHEELS = Path(os.environ.get("PYODIDE_WHEELS_DIR", ROOT / ".cache" / "pyodide-wheels"))
SUITE = "tests/calculators"
# The only tests allowed to skip in Pyodide, all run on the host: jsonschema
# needs rpds-py, a compiled extension with no pure-Python wheel; the test_babel_*
# tests check expected values against Babel and the build's scripts, which the
# browser never runs.
SKIPPABLE = ("test_texts_validate_against_the_schema", "test_babel_")


def _host_collection() -> list[str]:
    """The test ids the host collects from the calculator suite."""
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", SUITE],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return [line for line in completed.stdout.splitlines() if "::" in line]


def test_calculator_suite_passes_inside_pyodide():
    """Every calculator test collected on the host runs and passes in Pyodide (Python 3.14)."""
    node = shutil.which("node")
    assert node, "node is not on PATH: the Makefile installs Node.js"
    assert (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").is_file(), "run `npm ci` for node_modules/pyodide"
    assert any(WHEELS.glob("pytest-*.whl")), f"no wheels in {WHEELS}: run scripts/fetch_pyodide_wheels.sh"

    completed = subprocess.run(
        [node, str(RUNNER), SUITE], cwd=ROOT, capture_output=True, text=True, timeout=900, check=False
    )
    output = completed.stdout + completed.stderr
    found = re.search(r"^PYODIDE_SUMMARY (\{.*\})$", completed.stdout, re.MULTILINE)
    assert found, f"the runner printed no summary (exit {completed.returncode}):\n{output[-6000:]}"
    summary = json.loads(found.group(1))
    print(f"pyodide {summary['python']}: {summary}")

    assert completed.returncode == 0, output[-6000:]
    assert summary["failed"] == summary["errors"] == 0, output[-6000:]
    host = _host_collection()
    assert summary["collected"] == len(host), "Pyodide collected a different suite than the host"
    assert summary["skipped"] == sum(any(name in test for name in SKIPPABLE) for test in host), output[-6000:]
    assert summary["passed"] == summary["collected"] - summary["skipped"] - summary["xfailed"] > 0
    assert summary["python"].startswith("3.14")
