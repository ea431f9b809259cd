"""Benchmark: the per-tie figures (mutual contacts, local bridges, bridges) on both engines.

    python bench/spark.py                       # workload C: 1,000,000 ties, 200,000 people
    python bench/spark.py --ties 100000         # the same generator at a tenth of the size
    python bench/spark.py --master local[2] --driver-memory 4g --partitions 8

Workload C is bench/workloads.py's Holme-Kim edge list (generated once, cached in
bench/cache/); ``--ties N`` builds the same generator with N ties among N/5 people. Timed in
one run, on the same graph:

- ``networkx engine``: :class:`weakties.analysis.engine.LocalEngine` (igraph triangles and
  bridges) on the run's :class:`~weakties.analysis._table.EdgeTable`;
- ``spark engine``: :class:`weakties.analysis.spark.SparkEngine` on the same table (upload
  through Arrow, joins, results collected in table order) -- what ``analyze --engine spark``
  does;
- ``spark edge list``: the CSV read by Spark itself, then the same figures
  (:func:`weakties.analysis.spark.read_edge_list`, ``mutual_contacts``, ``bridges``) -- the
  path for inputs too large for the driver.

Both engines' answers are checked equal before any figure is printed. The Spark session's start
is timed on its own (it is paid once per run). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))
sys.path.insert(0, str(ROOT))

from workloads import workload_c  # noqa: E402


def _timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ties", type=int, default=1_000_000)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--driver-memory", default="4g")
    parser.add_argument("--partitions", type=int, default=8)
    args = parser.parse_args()

    import networkx as nx
    import numpy as np
    import pandas as pd

    from weakties.analysis._table import edge_table
    from weakties.analysis.engine import LocalEngine
    from weakties.analysis.spark import SparkEngine, read_edge_list, session
    from weakties.analysis.spark import bridges as spark_bridges
    from weakties.analysis.spark import mutual_contacts as spark_mutual

    path = workload_c() if args.ties == 1_000_000 else workload_c(n=args.ties // 5,
                                                                  ties=args.ties)
    edges = pd.read_csv(path, dtype={"Source": str, "Target": str})
    G = nx.from_pandas_edgelist(edges, "Source", "Target")
    t_table, table = _timed(lambda: edge_table(G))
    print(f"{path.name}: {table.n:,} people, {table.m:,} ties; {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; edge table built in {t_table:.1f} s")

    local = LocalEngine()
    t_local, (mutual, bridge) = _timed(lambda: (local.mutual_contacts(table),
                                                local.bridges(table)))

    conf = {"spark.driver.memory": args.driver_memory,
            "spark.sql.shuffle.partitions": str(args.partitions),
            "spark.default.parallelism": str(args.partitions)}
    t_session, spark = _timed(lambda: session(args.master, conf=conf))
    engine = SparkEngine(spark)
    t_spark, (s_mutual, s_bridge) = _timed(lambda: (engine.mutual_contacts(table),
                                                    engine.bridges(table)))
    assert np.array_equal(mutual, s_mutual) and np.array_equal(bridge, s_bridge)

    def edge_list():
        ties, _ = read_edge_list(spark, path.resolve().as_uri())
        E = ties.selectExpr("source AS s", "target AS t").localCheckpoint(eager=True)
        m = spark_mutual(E).localCheckpoint(eager=True)
        found = spark_bridges(E, m)
        return int(m.where("mutual = 0").count()), found.count()

    t_direct, (local_bridges, bridges) = _timed(edge_list)
    assert (local_bridges, bridges) == (int((mutual == 0).sum()), int(bridge.sum()))

    print(f"local bridges {local_bridges:,}, bridges {bridges:,} (same on both engines)")
    print(f"Spark session start ({args.master}, driver {args.driver_memory}, "
          f"{args.partitions} partitions): {t_session:.1f} s")
    print(f"{'engine':<18}{'seconds':>9}{'x networkx':>12}")
    for name, t in (("networkx engine", t_local), ("spark engine", t_spark),
                    ("spark edge list", t_direct)):
        print(f"{name:<18}{t:>9.1f}{t / t_local:>12.1f}")
    spark.stop()


if __name__ == "__main__":
    main()
