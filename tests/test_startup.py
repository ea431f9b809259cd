"""The command line loads igraph without matplotlib.pyplot (0.6-0.8 s of every run)."""

from __future__ import annotations

import subprocess
import sys

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
