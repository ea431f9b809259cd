"""The command line loads igraph without matplotlib.pyplot (0.6-0.8 s of every run)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys
from weakties.cli import _load_igraph_without_plotting
_load_igraph_without_plotting()
import weakties.analysis  # igraph, as every command loads it
assert "igraph" in sys.modules
assert "matplotlib.pyplot" not in sys.modules, "igraph pulled in pyplot"
assert "matplotlib" not in sys.modules
from matplotlib.figure import Figure  # matplotlib itself still loads (the one-page report)
Figure().add_subplot().bar([1], [2])
import igraph
print(len(igraph.Graph.Famous("Zachary").community_leiden(objective_function="modularity")) > 1)
"""


def test_igraph_loads_without_pyplot_and_matplotlib_still_works():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"


def test_analyze_never_imports_pyplot(tmp_path):
    """The report imports the analysis package (igraph) before loading the graph: igraph must
    still come without pyplot (it did not when outputs.report was imported first: ~0.5 s)."""
    repo = Path(__file__).resolve().parent.parent
    code = ("import sys; from weakties.cli import main; "
            "sys.argv = ['weakties', *sys.argv[1:]]; main()")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, "analyze",
         str(repo / "sample_exports" / "team" / "dave_Connections.csv"), "--out",
         str(tmp_path / "report"), "-q"], capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(repo), "WEAKTIES_NO_FORK": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
    imported = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines()
                if line.startswith("import time:") and "|" in line}
    assert "igraph" in imported and "matplotlib.figure" in imported  # it did draw the report
    assert "matplotlib.pyplot" not in imported
