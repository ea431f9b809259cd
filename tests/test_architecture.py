"""The layout keeps the flow (docs/architecture.md) and start-up stays light."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
HEAVY = ("pandas", "numpy", "networkx", "igraph", "matplotlib", "scipy", "pyspark", "pyvis")


def test_import_contract_keeps_the_flow():
    """import-linter's layers contract (pyproject.toml): no stage imports a later one."""
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.fail("import-linter is not installed: it is in the test extra")
    done = subprocess.run([str(lint)], cwd=REPO, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout


def _imported(*argv: str) -> set[str]:
    """Top-level modules imported while the CLI runs ``argv`` (from ``python -X importtime``)."""
    code = ("import sys; from weakties.cli import main; "
            "sys.argv = ['weakties', *sys.argv[1:]]; main()")
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", code, *argv], cwd=REPO,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr[-2000:]
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    assert "click" in names  # the measurement itself worked
    return names


@pytest.mark.parametrize("argv", [("--help",), ("analyze", "--help"), ("--version",)])
def test_help_imports_no_heavy_library(argv):
    assert not _imported(*argv) & set(HEAVY)


def test_formats_imports_no_graph_or_plot_library():
    assert not _imported("formats") & {"networkx", "igraph", "matplotlib", "scipy", "pyspark"}
