"""Bridges and brokers: bridges, local bridges with span, betweenness, Burt's structural holes.

Engines, as measured (DESIGN.md "Measured facts", and the timings in :func:`betweenness`):

- **bridges**: ``nx.bridges`` (chain decomposition, linear).
- **local bridges and span**: a tie with no common neighbour; its span is the distance between
  the endpoints once it is removed. ``nx.local_bridges(with_span=True)`` runs a weighted
  shortest path per local bridge (~7 ms each at 10k nodes, ~170 ms at 100k: hours for a large
  network). Here global bridges get no search at all (their span is infinite) and the others a
  bidirectional BFS, which stops where the two searches meet -- at the span, usually 3-4 hops.
- **betweenness**: igraph, exact up to ``exact_betweenness_max_nodes``, else ``k`` sampled
  sources (Brandes & Pich 2007) using igraph's source-subset betweenness.
- **constraint**: igraph ``Graph.constraint()`` (equal to ``nx.constraint`` to 1e-15 on the
  Florentine families, 0.6-1.8 s at 100k nodes where networkx's per-node loop takes minutes).
- **effective size**: Borgatti's unweighted k - 2t/k = k - C(k - 1) from igraph's local
  clustering C; ``nx.effective_size`` builds a dense n x n matrix (1.6 GB at 10k nodes).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable

import networkx as nx
import numpy as np
import pandas as pd

from weakties.analysis._igraph import Indexed
from weakties.analysis.params import Params
from weakties.analysis.strength import edge_key

__all__ = ["bridges", "local_bridges", "betweenness", "structural_holes"]


def bridges(G: nx.Graph) -> set[tuple[str, str]]:
    """Ties whose removal disconnects their component, as (source, target) keys.

    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    >>> sorted(bridges(G))
    [('c', 'd')]
    """
    return {edge_key(u, v) for u, v in nx.bridges(G)}


def local_bridges(G: nx.Graph, known_bridges: set[tuple[str, str]] | None = None
                  ) -> dict[tuple[str, str], int | None]:
    """Local bridges of ``G`` and their span: ``{(source, target): span}``.

    A local bridge is a tie whose endpoints have no common neighbour (Granovetter; Easley &
    Kleinberg ch. 3). Its span is the distance between them without the tie; None when the tie
    is also a bridge (infinite span). Same answers as ``nx.local_bridges(G, with_span=True)``,
    faster: pass ``known_bridges`` (from :func:`bridges`) to skip searching bridges.

    >>> G = nx.cycle_graph(5); G = nx.relabel_nodes(G, str)
    >>> local_bridges(G)[("0", "1")]   # the long way round the 5-cycle
    4
    """
    if known_bridges is None:
        known_bridges = bridges(G)
    adj = {n: set(nbrs) for n, nbrs in G.adjacency()}  # set operations run in C
    out: dict[tuple[str, str], int | None] = {}
    for u, v in G.edges():
        if adj[u].isdisjoint(adj[v]):  # no common neighbour
            key = edge_key(u, v)
            out[key] = None if key in known_bridges else _span(adj, u, v)
    return dict(sorted(out.items()))


def _span(adj: dict[str, set[str]], u: str, v: str) -> int | None:
    """Distance from u to v without the tie u-v: level-synchronous bidirectional BFS.

    Each step expands the smaller frontier; the first level that meets the other side gives
    the distance (the minimum over that level: its nodes meet the other side at different
    depths).
    """
    dist = ({u: 0}, {v: 0})
    frontier = ([u], [v])
    while frontier[0] and frontier[1]:
        side = 0 if len(frontier[0]) <= len(frontier[1]) else 1
        mine, other = dist[side], dist[1 - side]
        best = math.inf
        nxt: list[str] = []
        for x in frontier[side]:
            nbrs = adj[x] - {u, v} if x == u or x == v else adj[x]  # without the tie
            met = nbrs & other.keys()
            if met:
                best = min(best, mine[x] + 1 + min(other[y] for y in met))
            new = nbrs - mine.keys()
            depth = mine[x] + 1
            for y in new:
                mine[y] = depth
            nxt.extend(new)
        if best < math.inf:
            return int(best)
        frontier = (nxt, frontier[1]) if side == 0 else (frontier[0], nxt)
    return None


def betweenness(ix: Indexed, params: Params = Params()) -> tuple[pd.Series, dict]:
    """Normalised betweenness of every node, and how it was computed.

    Exact (Brandes 2001) when the graph has at most ``exact_betweenness_max_nodes`` nodes; else
    estimated from ``betweenness_k`` source nodes drawn with ``seed`` (Brandes & Pich 2007),
    scaled as networkx does (same sources, same figures). Normalised by 2/((n-1)(n-2)) like networkx, so the Medici score 0.522.

    Measured on 2 cores, 10k nodes / 50k ties (Barabasi-Albert m=5): igraph exact 11 s vs
    networkx exact ~240 s; sampled k=500: igraph 0.6 s, networkx 12 s. Returns
    ``(series indexed by node id, {"method", "k", "seed", "engine"})``.
    """
    g, n = ix.g, ix.g.vcount()
    if n <= params.exact_betweenness_max_nodes or params.betweenness_k >= n:
        raw = np.asarray(g.betweenness(directed=False), dtype=float)
        scale = np.full(n, 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0)
        info = {"method": "exact", "k": None, "seed": params.seed, "engine": "igraph"}
    else:
        k = max(params.betweenness_k, 2)
        sources = random.Random(params.seed).sample(range(n), k)
        # igraph sums each (source, target) pair once: 2x that is the sum over ordered pairs.
        raw = 2 * np.asarray(g.betweenness(directed=False, sources=sources), dtype=float)
        # Unbiased scaling (as networkx >= 3.5): a source is never between its own pairs, so
        # it is estimated from the other k - 1 sources; every other node from all k.
        scale = np.full(n, 1.0 / (k * (n - 2)))
        scale[sources] = 1.0 / ((k - 1) * (n - 2))
        info = {"method": "sampled", "k": k, "seed": params.seed, "engine": "igraph"}
    return pd.Series(raw * scale, index=ix.nodes, dtype=float), info


def structural_holes(ix: Indexed, nodes: Iterable[str] | None = None) -> pd.DataFrame:
    """Burt's constraint, effective size and efficiency (unweighted), for ``nodes`` or all.

    Unweighted on purpose: a structural measure of who knows whom, comparable with the
    literature (Burt 1992; Borgatti 1997), not mixed with interaction counts. NaN for a node
    without ties.
    """
    names = ix.nodes if nodes is None else sorted(nodes)
    vs = [ix.index[n] for n in names]
    k = np.asarray(ix.g.degree(vs), dtype=float)
    constraint = np.asarray(ix.g.constraint(vs), dtype=float)
    clustering = np.asarray(ix.g.transitivity_local_undirected(vs, mode="zero"), dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        effective = np.where(k > 0, k - clustering * (k - 1), np.nan)
        efficiency = effective / k
    constraint[k == 0] = np.nan
    return pd.DataFrame({"constraint": constraint, "effective_size": effective,
                         "efficiency": efficiency}, index=pd.Index(names, name="id"))
