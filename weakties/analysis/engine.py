"""The engine boundary: the whole-network kernels, on one machine or on Apache Spark.

:func:`weakties.analysis.run` computes everything else itself; only these kernels go through an
:class:`Engine`, each taking the run's :class:`~weakties.analysis._table.EdgeTable` (integer
node indices ``0..n-1``, ties ``(s[i], t[i])`` with ``s < t``) and returning numpy arrays in
table order, so the rest of the code never knows which engine ran:

- ``mutual_contacts(table)``: common neighbours of the two ends of every tie (int64 per tie);
- ``bridges(table)``: whether each tie is a bridge (bool per tie);
- ``components(table)``: connected component of every node, named by its smallest node index
  (int64 per node);
- ``introducer_pairs(table, owner, skip)``: ``(introducer, person)`` index pairs, one per
  introducer of every person at distance exactly 2 from ``owner`` who is not in ``skip``,
  sorted by (person, introducer);
- ``betweenness(table, params)``: normalised betweenness per node and how it was computed
  (:func:`betweenness_info`: ``{"method", "k", "seed", "engine", "epsilon", "delta",
  "samples", "guarantee"}``).

:class:`LocalEngine` (the default) runs the igraph/numpy kernels in this process;
:class:`weakties.analysis.spark.SparkEngine` runs the same kernels as Spark DataFrame joins.
Local-bridge spans (a bounded BFS per local bridge, :mod:`.brokers`), clusters (Leiden) and the
per-owner rankings stay on the driver with either engine: they need the whole graph in one
place, and :func:`run` has it there anyway.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from typing import Protocol, runtime_checkable

import numpy as np

from weakties._background import Split
from weakties.analysis._igraph import Indexed
from weakties.analysis._table import EdgeTable
from weakties.analysis.params import DEFAULT_PARAMS, Params

__all__ = ["Engine", "LocalEngine", "betweenness_info", "betweenness_sources", "exact_betweenness",
           "ENGINES"]

#: The engine names ``weakties analyze --engine`` accepts (the first is the default).
ENGINES = ("networkx", "spark")


@runtime_checkable
class Engine(Protocol):
    """What :func:`weakties.analysis.run` asks of an engine (see the module docstring)."""

    name: str

    def mutual_contacts(self, table: EdgeTable) -> np.ndarray: ...

    def bridges(self, table: EdgeTable) -> np.ndarray: ...

    def components(self, table: EdgeTable) -> np.ndarray: ...

    def introducer_pairs(self, table: EdgeTable, owner: int, skip: Iterable[int]
                         ) -> tuple[np.ndarray, np.ndarray]: ...

    def betweenness(self, table: EdgeTable, params: Params = DEFAULT_PARAMS
                    ) -> tuple[np.ndarray, dict]: ...


def exact_betweenness(n: int, m: int, params: Params) -> bool:
    """Whether the single-machine engine computes betweenness exactly: up to
    ``exact_betweenness_max_nodes`` nodes, or while nodes x ties (Brandes' O(nm) work) stays
    under ``exact_betweenness_max_work``; above, an (epsilon, delta) estimate (:mod:`.brokers`).
    """
    return n <= params.exact_betweenness_max_nodes or n * m <= params.exact_betweenness_max_work


def betweenness_info(method: str, params: Params, *, engine: str, samples: int | None = None,
                     k: int | None = None) -> dict:
    """How betweenness was computed, for summary.json: the method and what it guarantees."""
    if method == "exact":
        guarantee = "exact"
    elif method == "KADABRA":
        guarantee = (f"every score within ±{params.betweenness_epsilon:g} of the exact one with "
                     f"probability ≥ {1 - params.betweenness_delta:g}")
    else:
        guarantee = "none: an estimate from k sampled sources (Brandes & Pich 2007)"
    eps = method == "KADABRA"
    return {"method": method, "k": k, "seed": params.seed, "engine": engine,
            "epsilon": params.betweenness_epsilon if eps else None,
            "delta": params.betweenness_delta if eps else None,
            "samples": samples, "guarantee": guarantee}


def betweenness_sources(n: int, m: int, params: Params) -> list[int] | None:
    """The sampled sources of the Spark engine's betweenness, or None for exact betweenness.

    Exact up to ``exact_betweenness_max_nodes`` nodes; above, ``betweenness_k`` sources (capped
    by ``betweenness_max_work`` ties x sources) drawn with ``seed`` (Brandes & Pich 2007: an
    estimate without a stated bound, and the summary says so). The single-machine engine
    uses :func:`exact_betweenness` and KADABRA instead.
    """
    if n <= params.exact_betweenness_max_nodes or params.betweenness_k >= n:
        return None
    k = max(params.betweenness_k, 2)
    if params.betweenness_max_work:  # a bounded sample on very large graphs (Params)
        k = min(k, max(100, params.betweenness_max_work // max(m, 1)))
    return random.Random(params.seed).sample(range(n), k)


def normalised_betweenness(raw: np.ndarray, n: int, sources: list[int] | None) -> np.ndarray:
    """Scale raw betweenness like networkx (normalised by 2/((n-1)(n-2)); a sampled estimate
    scaled by the number of sources that could count each node).

    ``raw`` is the sum over unordered pairs {s, t} (exact), or over the ordered pairs (s, t)
    with s a sampled source (sampled).
    """
    if sources is None:
        return raw * (2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0)
    k = len(sources)
    # Unbiased scaling (as networkx >= 3.5): a source is never between its own pairs, so it is
    # estimated from the other k - 1 sources; every other node from all k.
    scale = np.full(n, 1.0 / (k * (n - 2)))
    scale[sources] = 1.0 / ((k - 1) * (n - 2))
    return raw * scale


class LocalEngine:
    """The single-machine engine: igraph (C) and numpy kernels on the driver.

    >>> import networkx as nx
    >>> from weakties.analysis._table import edge_table
    >>> table = edge_table(nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]))
    >>> LocalEngine().bridges(table).tolist()   # ties a-b, a-c, b-c, c-d
    [False, False, False, True]
    """

    name = "networkx"

    def mutual_contacts(self, table: EdgeTable) -> np.ndarray:
        return table.mutual()

    def bridges(self, table: EdgeTable) -> np.ndarray:
        g = table.igraph()
        ends = np.asarray(table.ig_edges, dtype=np.int64).reshape(-1, 2)[g.bridges()]
        out = np.zeros(table.m, dtype=bool)
        if len(ends):
            out[table.positions(ends[:, 0], ends[:, 1])] = True
        return out

    def components(self, table: EdgeTable) -> np.ndarray:
        membership = np.asarray(table.igraph().connected_components().membership,
                                dtype=np.int64)
        smallest = np.full(membership.max() + 1 if len(membership) else 0, table.n,
                           dtype=np.int64)
        np.minimum.at(smallest, membership, np.arange(table.n, dtype=np.int64))
        return smallest[membership]

    def introducer_pairs(self, table: EdgeTable, owner: int, skip: Iterable[int]
                         ) -> tuple[np.ndarray, np.ndarray]:
        from weakties.analysis.second_degree import _pairs

        return _pairs(table, owner, skip)

    def betweenness(self, table: EdgeTable, params: Params = DEFAULT_PARAMS
                    ) -> tuple[np.ndarray, dict]:
        from weakties.analysis.brokers import betweenness

        values, info = betweenness(Indexed(table.igraph(), table.nodes, table.index), params)
        return values.to_numpy(), info

    def betweenness_split(self, table: EdgeTable, params: Params = DEFAULT_PARAMS) -> Split:
        """:meth:`betweenness` as work in halves (:func:`weakties._background.halves`), for
        :func:`weakties.analysis.run` to compute beside its other analyses."""
        from weakties.analysis.brokers import betweenness_split

        job = betweenness_split(Indexed(table.igraph(), table.nodes, table.index), params)

        def finish(raw):
            values, info = job.finish(raw)
            return values.to_numpy(), info

        return Split(job.part, finish)
