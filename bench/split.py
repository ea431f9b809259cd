"""Where one ``weakties analyze INPUT --out OUT -q`` run spends its time, stage by stage.

    PYTHONPATH=SOURCE_TREE python bench/split.py INPUT OUT

Runs the command line in this process with the pages drawn in it too (``WEAKTIES_NO_FORK=1``, so
pages and CSV files are timed apart) and prints one JSON object of wall seconds: ``startup``
(from this script's first line to the first file read: the imports), ``read`` (importers),
``identity`` (mentions, evidence), ``graph`` (resolving people, building the graph; the time of
``weakties.load`` left after the two before), ``analyses`` (with this month's plan and
the ledger), ``csv`` (the report's CSV files and summary.json), ``pages`` (report.html and
network.html: ``onepage`` and ``map``) and ``tables`` (the people and ties tables both are
drawn from: the base tables and the analysis' columns joined), plus ``total``. It imports weakties
from ``PYTHONPATH``, so ``bench/run.py --baseline TREE`` runs it on another checkout in the same
run. Figures are printed, never asserted.
"""

from __future__ import annotations

import time

START = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from collections import defaultdict  # noqa: E402

SPENT: dict[str, float] = defaultdict(float)
FIRST: dict[str, float] = {}


def timed(module, attr: str, stage: str) -> None:
    """Add the wall time of every call of ``module.attr`` to ``SPENT[stage]``."""
    inner = getattr(module, attr)

    def wrapper(*args, **kwargs):
        t = time.perf_counter()
        FIRST.setdefault(stage, t)
        try:
            return inner(*args, **kwargs)
        finally:
            SPENT[stage] += time.perf_counter() - t

    setattr(module, attr, wrapper)


def main() -> None:
    source, out = sys.argv[1], sys.argv[2]
    os.environ["WEAKTIES_NO_FORK"] = "1"
    from weakties import cli

    if hasattr(cli, "_load_igraph_without_plotting"):
        cli._load_igraph_without_plotting()  # as every command does first
    import weakties.outputs.files as files  # before anything binds write_csv

    timed(files, "write_csv", "csv")
    timed(files, "write_json", "csv")
    import weakties.graph.tables as tables
    import weakties.identity.assemble as assemble
    import weakties.importers.inputs as inputs
    import weakties.outputs.report as report
    import weakties.pipeline as pipeline

    timed(inputs, "read_input", "read")
    timed(assemble, "assemble", "identity")
    # pipeline.load on a tree from before the graph stage built tables (bench/run.py --baseline)
    timed(pipeline, "network" if hasattr(pipeline, "network") else "load", "load")
    timed(tables, "people_table", "base")  # the base tables, when made outside write_report
    timed(tables, "ties_table", "base")
    timed(pipeline, "analyse", "analyses")
    import weakties.outputs.onepage as onepage
    import weakties.outputs.view as view

    timed(report, "write_report", "report")
    timed(onepage, "write_onepage", "onepage")
    timed(view, "write_html", "map")
    sys.argv = ["weakties", "analyze", source, "--out", out, "-q"]
    try:
        cli.cli()  # main() would end the process before the figures are printed
    except SystemExit as done:
        if done.code:
            raise
    total = time.perf_counter() - START
    figures = {
        "startup": FIRST.get("read", START) - START,
        "read": SPENT["read"], "identity": SPENT["identity"],
        "graph": SPENT["load"] - SPENT["read"] - SPENT["identity"],
        "analyses": SPENT["analyses"], "csv": SPENT["csv"],
        "pages": SPENT["onepage"] + SPENT["map"], "onepage": SPENT["onepage"],
        "map": SPENT["map"],
        "tables": SPENT["report"] - SPENT["csv"] - SPENT["onepage"] - SPENT["map"]
        + SPENT["base"],
        "total": total,
    }
    print(json.dumps({k: round(v, 3) for k, v in figures.items()}))


if __name__ == "__main__":
    main()
