"""Every script of benchmarks/ still loads as the docs run it (`.venv/bin/python
benchmarks/NAME.py`: no PYTHONPATH, the script's folder first on the path): a renamed or
removed API, or a helper found only through a PYTHONPATH the docs do not give, breaks the
command, and nothing else runs these in the fast layer. Two did: the rolling benchmark read a
ranker table the architecture step had removed, and the API fuzzer imported the tests' helpers
from a folder that was not on the path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"
SCRIPTS = sorted(BENCHMARKS.glob("*.py"))
LOAD = """
import importlib.util, sys
script = sys.argv[1]
sys.path.insert(0, sys.argv[2])
spec = importlib.util.spec_from_file_location("benchmark_script", script)
module = importlib.util.module_from_spec(spec)
sys.modules["benchmark_script"] = module
spec.loader.exec_module(module)
assert module.__doc__, "says nothing of what it measures"
"""


def test_there_are_scripts() -> None:
    assert len(SCRIPTS) >= 10


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.stem)
def test_a_benchmark_script_loads_as_the_docs_run_it(script: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-I", "-c", LOAD, str(script), str(BENCHMARKS)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.strip().splitlines()[-1:]
