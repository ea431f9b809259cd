"""Apache Spark engine: the whole-network kernels as PySpark DataFrame joins (``weakties[spark]``).

For networks one machine cannot hold (thousands of merged exports, email metadata with tens of
millions of ties), the kernels of :mod:`.engine` run on an existing distributed engine, through
the DataFrame API only -- the same code in local mode, on a cluster and over Spark Connect.
GraphFrames ships no JVM jar on PyPI (so it cannot be installed offline) and GraphX is
deprecated, so every kernel here is a join:

- **mutual contacts** (common neighbours per tie): triangles listed once each by orienting every
  tie from its lower-(degree, id) end to its higher one and closing the wedges at the lower end
  (edge ⋈ edge on the shared endpoint, ⋈ edge again), O(m^1.5) rows instead of the
  sum of squared degrees; each triangle counts once for each of its three ties.
- **local bridges**: ties with no common neighbour; **Onnela overlap** from the counts and
  degrees (``n_ij / ((k_i - 1) + (k_j - 1) - n_ij)``, missing when undefined).
- **bridges**: a tie is a bridge iff it lies on no cycle. A tie with a common neighbour is on a
  triangle, so only local bridges can be bridges. Contract every connected component of the
  graph of the *other* ties (the ones with a common neighbour) into one vertex: a local bridge
  inside one component is on a cycle (the path through the component plus the tie); the rest
  are the edges of a multigraph on the components whose bridges are exactly the bridges of the
  whole graph (contracting connected vertex sets keeps every other edge's cycles). That
  multigraph has at most one edge per local bridge, so it is collected to the driver and solved
  with igraph, parallel edges excluded (two ties between the same components form a cycle).
- **components**: min-label propagation with pointer jumping, one pair of joins per round:
  every node takes the smallest label among itself and its neighbours, then the label of its
  label. Labels only decrease and always name a node of the same component, so at the fixed
  point every component carries its smallest node id.
- **second-degree contacts**: the owner's ties ⋈ ties on the contact, minus the owner, the
  owner's contacts and the other owners; one (introducer, person) row per introducer.
- **betweenness**: Brandes' algorithm from the sampled sources (or every node, for the exact
  figure), level-synchronous: a breadth-first level per join with path counts, then the
  dependencies summed back level by level. Exact up to ``exact_betweenness_max_nodes``
  nodes; above, an estimate from ``k`` sampled sources (Brandes & Pich 2007), which -- unlike
  the single-machine engine's KADABRA -- has no (epsilon, delta) bound: the summary says
  "sampled", the k, and that it guarantees nothing.

Measured on 2 cores (bench/spark.py): local Spark is 90-370x slower than the single-machine
engine (igraph + numpy) from 100k to 1M ties; it is for clusters, and the single-machine engine
stays the default. Communities (Leiden) and local-bridge spans stay on the driver in
:func:`weakties.analysis.run`; :func:`analyse_edge_list` (an edge list too large for the
driver) computes per-tie figures, degree and component only, and
:mod:`weakties.outputs.spark_report` writes them with what it skipped.
"""

from __future__ import annotations

import os
import shutil
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import igraph as ig
import numpy as np
import pandas as pd

from weakties.analysis._table import EdgeTable
from weakties.analysis.engine import (
    betweenness_info,
    betweenness_sources,
    normalised_betweenness,
)
from weakties.analysis.params import DEFAULT_PARAMS, Params
from weakties.errors import WeaktiesError

if TYPE_CHECKING:  # pyspark is optional: imported where a session is made or used
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["SparkEngine", "session", "mutual_contacts", "bridges", "components",
           "read_edge_list", "is_spark_path"]

INSTALL = ("install weakties[spark] (pip install 'weakties[spark]') and a Java 17 runtime "
           "(apt-get install openjdk-17-jre-headless)")

#: Settings for every session: no UI, no progress bar on stderr, Arrow for pandas transfers.
CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.log.level": "ERROR",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.sql.adaptive.enabled": "true",
}
#: Extra settings in local mode (``local[N]``), measured on 2 cores: the C1 JIT only and the
#: serial GC start the JVM in ~4 s, and a few shuffle partitions suit small machines (a
#: 10k-tie test suite: ~25 s, ~1.2 GB). A cluster keeps its own settings.
LOCAL_CONF = {
    "spark.driver.memory": "512m",
    "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
    "spark.sql.shuffle.partitions": "4",
    "spark.default.parallelism": "4",
}


def _pyspark():
    try:
        import pyspark.sql as sql
    except ImportError as err:
        raise WeaktiesError(f"--engine spark needs pyspark: {INSTALL}") from err
    # PySpark 4.x warns on every pandas transfer with pandas 3; the transfers here are plain
    # integer, float, bool and string columns, checked equal to the local engine's (tests).
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas",
                            category=FutureWarning)
    return sql


def session(master: str | None = None, conf: dict[str, str] | None = None) -> SparkSession:
    """A Spark session: ``local[2]`` by default, a cluster's master URL (``spark://host:7077``,
    ``yarn``, ``k8s://…``), or a Spark Connect server (``sc://host:15002``).

    Local masters get :data:`LOCAL_CONF` (a small, fast-starting driver); ``conf`` overrides
    any setting. Raises :class:`~weakties.errors.WeaktiesError` when pyspark or Java is
    missing, or the session cannot start.
    """
    sql = _pyspark()
    active = sql.SparkSession.getActiveSession()
    if active is not None and master is None and not conf:
        return active  # this process's session (e.g. a notebook's, or a test suite's)
    master = master or "local[2]"
    settings = dict(CONF)
    if master.startswith("sc://"):
        builder = sql.SparkSession.builder.remote(master)
        settings = {}  # a Spark Connect server runs with its own configuration
    else:
        if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
            raise WeaktiesError(f"--engine spark needs Java (no 'java' on PATH, no JAVA_HOME): "
                                f"{INSTALL}")
        builder = sql.SparkSession.builder.master(master)
        if master.startswith("local"):
            settings.update(LOCAL_CONF)
    settings.update(conf or {})
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        spark = builder.appName("weakties").getOrCreate()
    except Exception as err:  # the JVM or the connection failed: one line, not a Java trace
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise WeaktiesError(f"could not start Spark at {master}: {first} ({INSTALL})") from err
    return spark


# -- the kernels on DataFrames: E(s, t), s < t, no self-loops, no duplicate ties ---------------


def _both(E: DataFrame) -> DataFrame:
    """Every tie in both directions, as (a, b)."""
    return E.selectExpr("s AS a", "t AS b").unionByName(E.selectExpr("t AS a", "s AS b"))


def _degrees(E: DataFrame) -> DataFrame:
    """(v, degree) of every node with a tie."""
    return _both(E).groupBy("a").count().withColumnRenamed("a", "v") \
        .withColumnRenamed("count", "degree")


def mutual_contacts(E: DataFrame) -> DataFrame:
    """(s, t, mutual): the common neighbours of the two ends of every tie of ``E``."""
    from pyspark.sql import functions as F

    deg = _degrees(E)
    ends = (E.join(deg.selectExpr("v AS s", "degree AS ks"), "s")
            .join(deg.selectExpr("v AS t", "degree AS kt"), "t"))
    # each tie points from its lower-(degree, id) end to its higher one: a triangle's lowest
    # node then sees the other two as higher neighbours, and no other node sees the pair
    ks, kt = F.col("ks"), F.col("kt")
    low_first = (ks < kt) | ((ks == kt) & (F.col("s") < F.col("t")))
    up = ends.select(F.when(low_first, F.col("s")).otherwise(F.col("t")).alias("w"),
                     F.when(low_first, F.col("t")).otherwise(F.col("s")).alias("x"))
    wedges = (up.join(up.withColumnRenamed("x", "y"), "w").where(F.col("x") < F.col("y")))
    closed = wedges.join(E.withColumnRenamed("s", "x").withColumnRenamed("t", "y"), ["x", "y"])
    corners = (closed.select(F.least("w", "x").alias("s"), F.greatest("w", "x").alias("t"))
               .unionByName(closed.select(F.least("w", "y").alias("s"),
                                          F.greatest("w", "y").alias("t")))
               .unionByName(closed.select(F.col("x").alias("s"), F.col("y").alias("t"))))
    counts = corners.groupBy("s", "t").agg(F.count(F.lit(1)).alias("mutual"))
    return (E.select("s", "t").join(counts, ["s", "t"], "left")
            .select("s", "t", F.coalesce("mutual", F.lit(0)).cast("long").alias("mutual")))


def _checkpoint(df: DataFrame) -> DataFrame:
    """Materialise ``df`` and cut its lineage (iterative algorithms otherwise grow a plan per
    round)."""
    return df.localCheckpoint(eager=True)


def components(nodes: DataFrame, E: DataFrame) -> DataFrame:
    """(v, component): every node of ``nodes`` (column ``v``) with the smallest node id of its
    connected component in the graph of ties ``E`` (module docstring)."""
    from pyspark.sql import functions as F

    D = _both(E)
    labels = nodes.select("v", F.col("v").alias("c"))
    while True:
        offered = D.join(labels.withColumnRenamed("v", "b"), "b").selectExpr("a AS v", "c")
        smallest = labels.unionByName(offered).groupBy("v").agg(F.min("c").alias("c"))
        jumped = smallest.join(smallest.selectExpr("v AS c", "c AS cc"), "c") \
            .select("v", F.col("cc").alias("c"))
        # one shuffle job per round: the new labels and whether any moved, materialised together
        new = _checkpoint(jumped.join(labels.withColumnRenamed("c", "old"), "v")
                          .select("v", "c", (F.col("c") != F.col("old")).alias("moved")))
        labels = new.select("v", "c")
        if not new.where("moved").limit(1).count():
            return labels.withColumnRenamed("c", "component")


def bridges(E: DataFrame, mutual: DataFrame | None = None) -> DataFrame:
    """(s, t): the bridges of the graph of ties ``E`` (module docstring). ``mutual`` is
    :func:`mutual_contacts` of ``E`` when already computed."""
    from pyspark.sql import functions as F

    mutual = mutual if mutual is not None else mutual_contacts(E)
    spark = E.sparkSession
    nodes = _both(E).select(F.col("a").alias("v")).distinct()
    inner = mutual.where("mutual > 0").select("s", "t")
    comp = components(nodes, inner)
    local = mutual.where("mutual = 0").select("s", "t")
    crossing = (local.join(comp.selectExpr("v AS s", "component AS cs"), "s")
                .join(comp.selectExpr("v AS t", "component AS ct"), "t")
                .where(F.col("cs") != F.col("ct")).select("s", "t", "cs", "ct"))
    found = _multigraph_bridges(crossing.toPandas())
    schema = E.select("s", "t").schema
    return spark.createDataFrame(found, schema=schema)


def _multigraph_bridges(crossing: pd.DataFrame) -> pd.DataFrame:
    """The rows (s, t) of ``crossing`` (local bridges between components ``cs`` and ``ct``)
    that are bridges of the multigraph on the components: bridges of the simple graph that no
    parallel edge doubles (igraph, on the driver)."""
    if crossing.empty:
        return crossing[["s", "t"]]
    a = np.minimum(crossing["cs"].to_numpy(), crossing["ct"].to_numpy())
    b = np.maximum(crossing["cs"].to_numpy(), crossing["ct"].to_numpy())
    labels, inverse = np.unique(np.concatenate([a, b]), return_inverse=True)
    pairs = pd.DataFrame({"a": inverse[:len(a)], "b": inverse[len(a):]})
    simple = pairs.groupby(["a", "b"]).size().reset_index(name="copies")
    g = ig.Graph(n=len(labels), edges=list(zip(simple["a"].tolist(), simple["b"].tolist(),
                                                strict=True)))
    single = simple.iloc[g.bridges()]
    single = single[single["copies"] == 1][["a", "b"]]
    keep = pairs.merge(single, on=["a", "b"], how="left", indicator=True)["_merge"] == "both"
    return crossing.loc[keep.to_numpy(), ["s", "t"]].reset_index(drop=True)


def introducer_pairs(E: DataFrame, owner, skip: list) -> DataFrame:
    """(introducer, person): one row per introducer of every person at distance exactly 2 from
    ``owner`` who is not the owner, not a contact of the owner and not in ``skip``."""
    from pyspark.sql import functions as F

    D = _both(E)
    first = D.where(F.col("a") == F.lit(owner)).selectExpr("b AS introducer")
    pairs = first.join(D.withColumnRenamed("a", "introducer"), "introducer") \
        .selectExpr("introducer", "b AS person")
    pairs = pairs.join(first.withColumnRenamed("introducer", "person"), "person", "left_anti")
    return pairs.where(~F.col("person").isin([owner, *skip]))


def betweenness(E: DataFrame, sources: DataFrame) -> DataFrame:
    """(v, raw): the sum over ``sources`` (column ``src``) of Brandes' dependency of each node
    (a source's own figure left out), level-synchronous (module docstring)."""
    from pyspark.sql import functions as F

    D = _both(E)
    level = _checkpoint(sources.select("src", F.col("src").alias("v"),
                                       F.lit(1.0).alias("sigma")))
    levels = [level]
    previous = level.limit(0)
    while True:  # forward: shortest-path counts, one breadth-first level per round
        reached = level.join(D.withColumnRenamed("a", "v"), "v") \
            .groupBy("src", F.col("b").alias("v")).agg(F.sum("sigma").alias("sigma"))
        seen = previous.unionByName(level).select("src", "v")
        nxt = _checkpoint(reached.join(seen, ["src", "v"], "left_anti"))
        if not nxt.limit(1).count():
            break
        previous, level = level, nxt
        levels.append(nxt)
    delta = levels[-1].select("src", "v", F.lit(0.0).alias("delta"))
    parts = []
    for depth in range(len(levels) - 2, -1, -1):  # backward: dependencies, deepest level first
        below = delta.join(levels[depth + 1].withColumnRenamed("sigma", "sigma_w"), ["src", "v"])
        below = below.selectExpr("src", "v AS b", "(1.0 + delta) / sigma_w AS share")
        up = below.join(D, "b").groupBy("src", "a").agg(F.sum("share").alias("share"))
        here = levels[depth].join(up.withColumnRenamed("a", "v"), ["src", "v"], "left")
        delta = _checkpoint(here.select("src", "v", (F.col("sigma") * F.coalesce(
            "share", F.lit(0.0))).alias("delta")))
        if depth > 0:  # the source itself (depth 0) is never between its own pairs
            parts.append(delta.select("v", "delta"))
    if not parts:
        return E.sparkSession.createDataFrame([], "v long, raw double")
    every = parts[0]
    for part in parts[1:]:
        every = every.unionByName(part)
    return every.groupBy("v").agg(F.sum("delta").alias("raw"))


# -- the engine -------------------------------------------------------------------------------


class SparkEngine:
    """The :class:`~weakties.analysis.engine.Engine` on Apache Spark: each kernel is a set of
    DataFrame joins over the run's ties (uploaded once per table through Arrow), the answer
    collected back in table order.

    Used as ``run(G, engine=SparkEngine(session()))`` (:func:`weakties.analysis.run`); a
    session takes 10-20 s to start, so the tests in ``tests/test_spark_engine.py`` show it at
    work rather than a doctest here.
    """

    name = "spark"

    def __init__(self, spark: SparkSession):
        self.spark = spark
        self._frames: dict[int, tuple[EdgeTable, DataFrame, DataFrame | None]] = {}

    def _edges(self, table: EdgeTable) -> DataFrame:
        known = self._frames.get(id(table))
        if known is not None and known[0] is table:
            return known[1]
        plain = table.s != table.t  # a self-loop is on no cycle and closes no triangle
        frame = pd.DataFrame({"s": table.s[plain], "t": table.t[plain]})
        E = _checkpoint(self.spark.createDataFrame(frame, schema="s long, t long"))
        if len(self._frames) >= 2:  # the run's table and, on an ego network, the contacts'
            self._frames.pop(next(iter(self._frames)))
        self._frames[id(table)] = (table, E, None)
        return E

    def _mutual(self, table: EdgeTable) -> DataFrame:
        E = self._edges(table)
        known = self._frames[id(table)][2]
        if known is None:
            known = _checkpoint(mutual_contacts(E))
            self._frames[id(table)] = (table, E, known)
        return known

    def _in_table_order(self, table: EdgeTable, frame: pd.DataFrame) -> np.ndarray:
        return table.positions(frame["s"].to_numpy(np.int64), frame["t"].to_numpy(np.int64))

    def mutual_contacts(self, table: EdgeTable) -> np.ndarray:
        found = self._mutual(table).toPandas()
        out = np.zeros(table.m, dtype=np.int64)
        if len(found):
            out[self._in_table_order(table, found)] = found["mutual"].to_numpy(np.int64)
        return out

    def bridges(self, table: EdgeTable) -> np.ndarray:
        found = bridges(self._edges(table), self._mutual(table)).toPandas()
        out = np.zeros(table.m, dtype=bool)
        if len(found):
            out[self._in_table_order(table, found)] = True
        return out

    def components(self, table: EdgeTable) -> np.ndarray:
        nodes = self.spark.range(table.n).withColumnRenamed("id", "v")
        found = components(nodes, self._edges(table)).toPandas()
        out = np.empty(table.n, dtype=np.int64)
        out[found["v"].to_numpy(np.int64)] = found["component"].to_numpy(np.int64)
        return out

    def introducer_pairs(self, table: EdgeTable, owner: int, skip) -> tuple[np.ndarray,
                                                                             np.ndarray]:
        found = introducer_pairs(self._edges(table), int(owner),
                                 [int(x) for x in skip]).toPandas()
        c = found["introducer"].to_numpy(np.int64)
        x = found["person"].to_numpy(np.int64)
        order = np.lexsort((c, x))
        return c[order], x[order]

    def betweenness(self, table: EdgeTable, params: Params = DEFAULT_PARAMS
                    ) -> tuple[np.ndarray, dict]:
        n = table.n
        chosen = betweenness_sources(n, table.m, params)
        src = pd.DataFrame({"src": np.arange(n, dtype=np.int64) if chosen is None
                            else np.asarray(chosen, dtype=np.int64)})
        found = betweenness(self._edges(table),
                            self.spark.createDataFrame(src, schema="src long")).toPandas()
        raw = np.zeros(n)
        raw[found["v"].to_numpy(np.int64)] = found["raw"].to_numpy(float)
        if chosen is None:
            raw /= 2  # every unordered pair was counted from both of its ends
        info = betweenness_info("exact" if chosen is None else "sampled", params,
                                engine="spark", k=None if chosen is None else len(chosen))
        return normalised_betweenness(raw, n, chosen), info


# -- an edge list too large for the driver ------------------------------------------------------

_SCHEMES = ("hdfs://", "s3a://", "s3://", "gs://", "abfs://", "abfss://", "wasbs://", "file://",
            "dbfs:/")
#: Header pairs that name an edge list's endpoints (as the edge-list importer reads them).
_PAIRS = (("source", "target"), ("u", "v"), ("node1", "node2"), ("src", "dst"), ("from", "to"))
_WEIGHTS = ("weight", "w", "value")


def is_spark_path(path: str | Path) -> bool:
    """Whether ``analyze --engine spark`` hands ``path`` to Spark's own reader: a Parquet file
    or folder of Parquet files, or any URL Spark reads (``hdfs://``, ``s3a://``, ``file://``…)."""
    text = str(path)
    if text.startswith(_SCHEMES):
        return True
    p = Path(text)
    if p.suffix.lower() == ".parquet":
        return True
    return p.is_dir() and any(p.glob("*.parquet")) and not any(p.glob("*.csv"))


@dataclass
class EdgeListResult:
    """The per-tie and per-person figures of an edge list read by Spark (still distributed)."""

    ties: DataFrame  # source, target, weight, mutual_contacts, overlap, local_bridge, bridge
    people: DataFrame  # id, degree, component
    figures: dict


def read_edge_list(spark: SparkSession, path: str) -> tuple[DataFrame, dict]:
    """Ties (source < target, string ids, the largest weight of a tie listed twice, 1.0 when
    none) of a Parquet or CSV edge list, and what was dropped.

    A CSV needs a header naming the endpoints (``Source,Target[,Weight]``, or ``u,v``,
    ``node1,node2``, ``src,dst``, ``from,to``); Parquet columns are named the same way.
    """
    from pyspark.sql import functions as F

    text = str(path)
    try:
        if text.lower().rstrip("/").endswith((".csv", ".tsv", ".txt")):
            sep = "\t" if text.lower().endswith(".tsv") else ","
            raw = spark.read.option("header", True).option("sep", sep).csv(text)
        else:
            raw = spark.read.parquet(text)
    except Exception as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise WeaktiesError(f"{text}: Spark could not read it as an edge list: {first}") from err
    columns = {c.strip().lower(): c for c in raw.columns}
    pair = next((p for p in _PAIRS if p[0] in columns and p[1] in columns), None)
    if pair is None:
        raise WeaktiesError(f"{text}: expected an edge list with columns Source,Target[,Weight] "
                            f"(or u,v / node1,node2 / src,dst / from,to), found "
                            f"{', '.join(raw.columns) or 'no columns'}")
    weight = next((columns[w] for w in _WEIGHTS if w in columns), None)
    a = F.trim(F.col(f"`{columns[pair[0]]}`").cast("string"))
    b = F.trim(F.col(f"`{columns[pair[1]]}`").cast("string"))
    w = F.col(f"`{weight}`").cast("double") if weight else F.lit(None).cast("double")
    rows = raw.select(a.alias("a"), b.alias("b"), w.alias("w"))
    ok = F.col("a").isNotNull() & F.col("b").isNotNull() & (F.col("a") != "") & (F.col("b") != "")
    loops = F.col("a") == F.col("b")
    counts = rows.agg(F.count(F.lit(1)).alias("rows"),
                      F.sum(F.when(~ok, 1).otherwise(0)).alias("missing"),
                      F.sum(F.when(ok & loops, 1).otherwise(0)).alias("loops")).first()
    ties = (rows.where(ok & ~loops)
            .select(F.least("a", "b").alias("source"), F.greatest("a", "b").alias("target"), "w")
            .groupBy("source", "target")
            .agg(F.coalesce(F.max("w"), F.lit(1.0)).alias("weight")))
    dropped = {"rows": int(counts["rows"]), "missing_endpoint": int(counts["missing"] or 0),
               "self_loops": int(counts["loops"] or 0)}
    return ties, dropped


def analyse_edge_list(spark: SparkSession, path: str) -> EdgeListResult:
    """Mutual contacts, overlap, local bridges and bridges of every tie, degree and component
    of every person, of an edge list read and analysed entirely in Spark."""
    from pyspark.sql import functions as F

    ties, dropped = read_edge_list(spark, path)
    ties = _checkpoint(ties)
    E = ties.selectExpr("source AS s", "target AS t")
    mutual = _checkpoint(mutual_contacts(E))
    found = bridges(E, mutual).withColumn("bridge", F.lit(True))
    deg = _checkpoint(_degrees(E))
    comp = components(deg.select("v"), E)
    denom = F.col("ks") - 1 + F.col("kt") - 1 - F.col("mutual")
    figures = (ties.withColumnRenamed("source", "s").withColumnRenamed("target", "t")
               .join(mutual, ["s", "t"])
               .join(deg.selectExpr("v AS s", "degree AS ks"), "s")
               .join(deg.selectExpr("v AS t", "degree AS kt"), "t")
               .join(found, ["s", "t"], "left")
               .select(F.col("s").alias("source"), F.col("t").alias("target"), "weight",
                       F.col("mutual").alias("mutual_contacts"),
                       F.when(denom > 0, F.col("mutual") / denom).alias("overlap"),
                       F.coalesce("bridge", F.lit(False)).alias("bridge"),
                       (F.col("mutual") == 0).alias("local_bridge")))
    figures = _checkpoint(figures)
    people = _checkpoint(deg.join(comp, "v").select(F.col("v").alias("id"), "degree",
                                                    "component"))
    sizes = people.groupBy("component").count()
    totals = figures.agg(F.count(F.lit(1)).alias("ties"),
                         F.sum(F.col("bridge").cast("long")).alias("bridges"),
                         F.sum(F.col("local_bridge").cast("long")).alias("local_bridges")).first()
    comp_stats = sizes.agg(F.count(F.lit(1)).alias("components"),
                           F.max("count").alias("largest"), F.sum("count").alias("people")).first()
    figures_dict = {
        "engine": "spark", "evidence_level": "whole network",
        "people": int(comp_stats["people"] or 0), "ties": int(totals["ties"]),
        "bridges": int(totals["bridges"] or 0),
        "local_bridges": int(totals["local_bridges"] or 0),
        "components": int(comp_stats["components"] or 0),
        "largest_component": int(comp_stats["largest"] or 0),
        "dropped": dropped,
    }
    return EdgeListResult(figures, people, figures_dict)
