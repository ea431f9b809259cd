"""The command line loads igraph without matplotlib (0.6-0.8 s of every run), and the report's
plots need no matplotlib (weakties.outputs.charts), although it is installed here."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

SCRIPT = """
import sys
from weakties.cli import _load_igraph_without_plotting
_load_igraph_without_plotting()
import weakties.analysis  # igraph, as every command loads it
assert "igraph" in sys.modules
assert "matplotlib" not in sys.modules, "igraph pulled in matplotlib"  # nor left hidden
assert "wcwidth" not in sys.modules, "igraph's texttable pulled in wcwidth"
import igraph
print(len(igraph.Graph.Famous("Zachary").community_leiden(objective_function="modularity")) > 1)
print(len(igraph.Graph.Famous("Zachary").summary(verbosity=1)) > 0)  # its tables still print
import importlib, importlib.util  # both stay importable (wcwidth when installed)
assert importlib.util.find_spec("wcwidth") is None or importlib.import_module("wcwidth")
"""

needs_matplotlib = pytest.mark.skipif(find_spec("matplotlib") is None,
                                      reason="igraph imports pyplot only when it is installed")


@needs_matplotlib
def test_igraph_loads_without_matplotlib():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True"]


@needs_matplotlib
def test_analyze_never_imports_matplotlib(tmp_path):
    """The report imports the analysis package (igraph) before loading the graph: igraph must
    still come without pyplot (it did not when outputs.report was imported first: ~0.5 s), and
    the plots are drawn without matplotlib."""
    repo = Path(__file__).resolve().parent.parent
    code = ("import sys, atexit; from weakties.cli import main; "
            "sys.argv = ['weakties', *sys.argv[1:]]; "
            "atexit.register(lambda: print(sorted(m for m in sys.modules "
            "if m.split('.')[0] == 'matplotlib'))); main()")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, "analyze",
         str(repo / "sample_exports" / "team" / "dave_Connections.csv"), "--out",
         str(tmp_path / "report"), "-q"], capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(repo), "WEAKTIES_NO_FORK": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
    imported = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines()
                if line.startswith("import time:") and "|" in line}
    assert "igraph" in imported and "weakties.outputs.charts" in imported  # it drew the report
    assert done.stdout.strip() == "[]"  # igraph tried (importtime lists it), and failed
    page = (tmp_path / "report" / "report.html").read_text(encoding="utf-8")
    assert page.count("<svg ") == 5  # all but second degree (one export: no ties beyond)


def test_analyze_imports_only_what_the_run_uses(tmp_path):
    """A run on LinkedIn exports (no vCard, chat or phone number) loads none of the libraries
    of the formats it does not read, no scipy.spatial (its linear algebra: 0.1-0.3 s), no
    networkx (the analyses read tables; 0.06 s) and, with -q, no rich."""
    repo = Path(__file__).resolve().parent.parent
    code = ("import sys; from weakties.cli import main; "
            "sys.argv = ['weakties', *sys.argv[1:]]; main()")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, "analyze",
         str(repo / "sample_exports" / "team"), "--out", str(tmp_path / "report"), "-q"],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(repo), "WEAKTIES_NO_FORK": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
    imported = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines()
                if line.startswith("import time:") and "|" in line}
    assert (tmp_path / "report" / "network.html").exists()  # the map was drawn
    assert {"pandas", "igraph", "scipy.sparse"} <= imported
    unused = {"scipy.spatial", "scipy.linalg", "phonenumbers", "vobject", "msgspec", "pyspark",
              "rich", "networkx"}
    assert not imported & unused
