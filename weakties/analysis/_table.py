"""The graph as integer arrays, built once per run, for the vectorised analyses.

networkx stays the model; the per-tie and per-person figures are computed on arrays: nodes in
sorted order (as in :mod:`._igraph`), ties as ``(s, t)`` index pairs with ``s < t`` sorted like
``ties.csv`` (``sorted`` node ids, so index order is string order), a CSR adjacency, and the
mutual-contact count of every tie from igraph's triangle listing. Why: the per-tie Python loop
(a set intersection per tie, then a dict per row) took 20 s for 105k ties at workload B and
minutes at a million; these arrays take under a second at a million (bench/run.py).

A self-loop makes a node its own neighbour: the set-based definitions count it, the triangle
listing (on the igraph copy, which has no self-loops) does not, so :meth:`EdgeTable.mutual` adds
it back from the CSR adjacency, which holds the self-loop.

The ties' evidence (docs/graph-model.md) is read the same way: :meth:`EdgeTable.column` takes
one edge attribute of every tie into an array in table order, once per run, and every analysis
reads that array instead of walking the edge dicts again (workload B: the strength, ledger,
reconnect, plan and worlds each walked 105k dicts).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING

import igraph as ig
import numpy as np
import pandas as pd
import pyarrow as pa
import scipy.sparse as sp

from weakties._frames import values
from weakties.graph.tables import Network, by_end

if TYPE_CHECKING:  # networkx is imported where a graph is built or read
    import networkx as nx

__all__ = ["EdgeTable", "edge_table", "network_table", "as_table", "EVIDENCE"]


#: The per-tie evidence :meth:`EdgeTable.column` reads: edge attribute -> (value when absent,
#: how it is read). Counts become floats (``float(x or 0)``: the strength formulas take logs),
#: kinds one space-joined text (as in ties.csv), texts ``str`` ("" when empty), flags ``bool``.
EVIDENCE = {
    "kinds": ((), "kinds"),
    "inferred": (False, "flag"),
    "weight": (1.0, "number"),
    **{key: (0, "count") for key in ("messages", "group_conversations", "meetings",
                                      "coparticipation", "endorsements", "recommendations")},
    **{key: ("", "text") for key in ("invited_by", "last_interaction", "connected_on")},
}
#: Per-tie ``{node id: count}`` attributes, read as two columns by :meth:`EdgeTable.by_end`.
BY_END = ("sent", "endorsed_by", "recommended_by")


@dataclass
class EdgeTable:
    """Arrays of one graph: see the module docstring."""

    nodes: list[str]
    index: dict[str, int]
    s: np.ndarray  # tie sources (node index), s < t, sorted by (s, t)
    t: np.ndarray
    degree: np.ndarray  # len(G.adj[n]) per node
    adj: sp.csr_array  # symmetric 0/1 adjacency, sorted indices
    ig_edges: list[tuple[int, int]]  # (i, j), i < j, in networkx's G.edges(sorted nodes) order
    selfloops: bool
    _mutual: np.ndarray | None = field(default=None, repr=False)
    _graph: ig.Graph | None = field(default=None, repr=False)
    #: The graph the arrays describe (for the evidence columns), and the columns taken so far.
    G: nx.Graph | None = field(default=None, repr=False)
    _columns: dict = field(default_factory=dict, repr=False)
    #: Graph-level facts (``owners``, ``whole_network``, ``as_of``, ``as_of_by_owner``,
    #: ``events``: docs/graph-model.md), what ``G.graph`` holds for a networkx graph.
    meta: dict = field(default_factory=dict, repr=False)
    _people: pd.DataFrame | None = field(default=None, repr=False)
    #: (the table this one was filtered from, its rows of our ties, its positions of our nodes
    #: or None when the nodes are the same): evidence columns and people are read from there.
    _within: tuple | None = field(default=None, repr=False)
    _triangles: np.ndarray | None = field(default=None, repr=False)

    @property
    def n(self) -> int:
        return len(self.nodes)

    @property
    def m(self) -> int:
        return len(self.s)

    @property
    def people(self) -> pd.DataFrame:
        """The people's attributes (docs/graph-model.md: name, organisation, position,
        location, url, email, owner, sources, circles; absent as NaN), one row per node in
        table order, indexed by node id."""
        if self._people is None and self._within is not None:
            parent, _, kept = self._within
            self._people = parent.people if kept is None else parent.people.iloc[kept]
        if self._people is None:
            node = self.G._node if self.G is not None else {}
            self._people = pd.DataFrame.from_records(
                [node.get(n, {}) for n in self.nodes], index=pd.Index(self.nodes, dtype=object),
                columns=None)
        return self._people

    def keys(self) -> np.ndarray:
        """One int64 per tie, s * n + t: sorted, for np.searchsorted lookups (made once: the
        plan looks up one tie at a time, a thousand times at workload B)."""
        if "_keys" not in self._columns:
            self._columns["_keys"] = self.s * np.int64(max(self.n, 1)) + self.t
        return self._columns["_keys"]

    def positions(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Row of tie (a, b) in the table (either order); the ties must exist."""
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        return np.searchsorted(self.keys(), lo * np.int64(max(self.n, 1)) + hi)

    def igraph(self) -> ig.Graph:
        """The igraph copy (vertices = nodes, edges in networkx order, as ``to_igraph``)."""
        if self._graph is None:
            self._graph = ig.Graph(n=self.n, edges=self.ig_edges)
        return self._graph

    def without(self, drop: Iterable[str]) -> EdgeTable:
        """The table of the graph without the people ``drop`` (the owners: the ego network's
        contacts), filtered from these arrays instead of built again from a subgraph view
        (A: two passes over 30k adjacency dicts through networkx's filters). Same arrays as
        :func:`edge_table` of the subgraph, in the same order."""
        gone = np.zeros(self.n, dtype=bool)
        gone[[self.index[x] for x in drop if x in self.index]] = True
        kept = np.flatnonzero(~gone)
        renumber = np.full(self.n, -1, dtype=np.int64)
        renumber[kept] = np.arange(len(kept))
        nodes = [self.nodes[i] for i in kept.tolist()]
        rows = ~(gone[self.s] | gone[self.t])
        s, t = renumber[self.s[rows]], renumber[self.t[rows]]
        A = self.adj[kept][:, kept]
        A.sort_indices()
        ig = np.asarray(self.ig_edges, dtype=np.int64).reshape(-1, 2)
        ig = renumber[ig[~(gone[ig[:, 0]] | gone[ig[:, 1]])]]
        G = None if self.G is None else self.G.subgraph(nodes)
        return EdgeTable(nodes, {n: i for i, n in enumerate(nodes)}, s, t,
                         np.diff(A.indptr).astype(np.int64), A,
                         list(zip(ig[:, 0].tolist(), ig[:, 1].tolist(), strict=True)),
                         bool((s == t).any()), G=G, meta=self.meta,
                         # the people are in table order: by position, not 30k ids (A2:
                         # 0.016 of without's 0.032 s)
                         _people=None if self._people is None else self._people.iloc[kept],
                         _within=(self, np.flatnonzero(rows), kept))

    def only(self, keep: np.ndarray) -> EdgeTable:
        """The table of the same people with only the ties where ``keep`` (a bool per tie)
        holds: the working graph without inferred ties, filtered from these arrays instead of
        built from a copy of the graph. Same arrays as :func:`edge_table` of that graph; the
        igraph copy keeps this table's edge order. ``self`` when every tie is kept."""
        keep = np.asarray(keep, dtype=bool)
        if keep.all():
            return self
        A = self.adj
        r = np.repeat(np.arange(self.n, dtype=np.int64), np.diff(A.indptr))
        entry = keep[self.positions(r, A.indices.astype(np.int64))]
        indptr = np.zeros(self.n + 1, dtype=np.int64)
        np.cumsum(np.bincount(r[entry], minlength=self.n), out=indptr[1:])
        B = sp.csr_array((A.data[entry], A.indices[entry], indptr), shape=A.shape)
        ig = np.asarray(self.ig_edges, dtype=np.int64).reshape(-1, 2)
        ig = ig[keep[self.positions(ig[:, 0], ig[:, 1])]]
        s, t = self.s[keep], self.t[keep]
        return EdgeTable(self.nodes, self.index, s, t, np.diff(indptr), B,
                         list(zip(ig[:, 0].tolist(), ig[:, 1].tolist(), strict=True)),
                         bool((s == t).any()), meta=self.meta, _people=self._people,
                         _within=(self, np.flatnonzero(keep), None))

    def rows_of(self, source: list[str], target: list[str]) -> np.ndarray:
        """The table row of each tie (source, target ids; every tie must be in the table).

        Ties listed in table order (the analysis' ties are: :func:`~.strength.tie_strength`
        keeps it) are recognised by comparing the ids, without a look-up per id: B's 105k
        ties 10 ms instead of 45 ms, at each of the five analyses that ask."""
        if len(source) == self.m and self.m:
            s, t = self.ids()
            if (np.array_equal(np.asarray(source, dtype=object), s)
                    and np.array_equal(np.asarray(target, dtype=object), t)):
                return np.arange(self.m)
        index = self.index
        return self.positions(np.fromiter((index[x] for x in source), np.int64, len(source)),
                              np.fromiter((index[x] for x in target), np.int64, len(target)))

    def rows_in(self, index: pd.Index) -> np.ndarray:
        """Position in ``index`` of each node (-1 where absent). The analyses' frames are
        indexed by the nodes in table order: that is recognised by comparing the ids, an arange
        without a look-up per id (A2's 30k contacts: 1 ms instead of 8 ms per ``.loc``). The
        answer is kept for the last few indexes asked (an Index cannot change): the analyses
        ask a dozen times about the same people's index."""
        known = self._columns.setdefault("_rows_in", [])
        for asked, rows in known:
            if asked is index:
                return rows
        rows = np.arange(self.n) if self._are_nodes(index) else None
        if rows is None:
            rows = index.get_indexer(pd.Index(self.nodes, dtype=object))
        rows.flags.writeable = False
        known[:] = [*known[-3:], (index, rows)]
        return rows

    def by_node(self, series: pd.Series, fill, dtype=object) -> np.ndarray:
        """``series.reindex(self.nodes, fill_value=fill).to_numpy(dtype=dtype)``, taken by
        position (:meth:`rows_in`): a reindex on 30k ids cost ~5 ms, and reconnect, plan and
        worlds made eight."""
        rows = self.rows_in(series.index)
        absent = rows < 0
        if not len(series) or absent.all():
            return np.full(self.n, fill, dtype=dtype)
        out = series.to_numpy(dtype=dtype)[rows]
        if absent.any():
            out[absent] = fill
        return out

    def _are_nodes(self, index: pd.Index) -> bool:
        """Whether ``index`` lists the nodes in table order. A pyarrow-backed index (pandas'
        ``str``) is compared as arrow arrays: every Series of a frame has an Index object of
        its own, and converting each to Python strings to compare cost 2 ms a time at A2
        (30k ids), the arrow comparison 0.1 ms."""
        if len(index) != self.n:
            return False
        arrow = getattr(index.array, "__arrow_array__", None)
        if arrow is not None:
            got = arrow()
            got = got if isinstance(got, pa.ChunkedArray) else pa.chunked_array([got])
            want = self._columns.get("_arrow_nodes")
            if want is None or want.type != got.type:
                want = self._columns["_arrow_nodes"] = pa.chunked_array(
                    [pa.array(self.nodes, type=got.type)])
            return got.null_count == 0 and got.equals(want)
        if "_nodes" not in self._columns:
            self._columns["_nodes"] = np.asarray(self.nodes, dtype=object)
        return np.array_equal(index.to_numpy(dtype=object), self._columns["_nodes"])

    def ids(self) -> tuple[np.ndarray, np.ndarray]:
        """(source ids, target ids) of every tie, as object arrays."""
        if "_ids" not in self._columns:
            nodes = np.asarray(self.nodes, dtype=object)
            self._columns["_ids"] = (nodes[self.s], nodes[self.t])
        return self._columns["_ids"]

    def _edge_data(self) -> list[dict]:
        if "_data" not in self._columns:
            adj = self.G._adj
            self._columns["_data"] = [adj[u][v] for u, v in zip(
                *(x.tolist() for x in self.ids()), strict=True)]
        return self._columns["_data"]

    def column(self, key: str) -> np.ndarray:
        """Edge attribute ``key`` (one of :data:`EVIDENCE`) of every tie, in table order:
        taken from the edge dicts once, then shared by every analysis (and by the tables
        filtered from this one)."""
        if key not in self._columns and self._within is not None:
            parent, rows, _ = self._within
            self._columns[key] = parent.column(key)[rows]
        if key not in self._columns:
            self._columns.update(self._evidence())
        return self._columns[key]

    def _evidence(self) -> dict[str, np.ndarray]:
        """Every :data:`EVIDENCE` column, one list comprehension each (no container per tie:
        a tuple per tie set off the garbage collector over the whole graph, 3x slower)."""
        data = self._edge_data()
        out = {}
        for key, (default, how) in EVIDENCE.items():
            values = [d.get(key, default) for d in data]
            if how == "kinds":
                out[key] = np.array([" ".join(x or ()) for x in values], dtype=object)
            elif how == "flag":
                out[key] = np.fromiter(map(bool, values), dtype=bool, count=len(values))
            elif how == "text":
                values = [x or "" for x in values]
                if not set(map(type, values)) <= {str}:
                    values = [x if isinstance(x, str) else str(x) for x in values]
                out[key] = np.array(values, dtype=object)
            else:
                out[key] = np.array([x or 0 for x in values] if how == "count" else values,
                                    dtype=float)
        return out

    def by_end(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        """(by the source, by the target) of a ``{node id: count}`` attribute (one of
        :data:`BY_END`: messages sent, endorsements, recommendations given), as floats."""
        if key not in self._columns and self._within is not None:
            parent, rows, _ = self._within
            self._columns[key] = tuple(x[rows] for x in parent.by_end(key))
        if key not in self._columns:
            src, tgt = (x.tolist() for x in self.ids())
            m = self.m
            a, b = np.zeros(m), np.zeros(m)
            for i, d in enumerate(self._edge_data()):
                given = d.get(key)
                if given:
                    a[i], b[i] = given.get(src[i], 0), given.get(tgt[i], 0)
            self._columns[key] = (a, b)
        return self._columns[key]

    def mutual(self) -> np.ndarray:
        """Common neighbours of the two ends of every tie (int64), from the triangles; a node
        with a self-loop is its own neighbour (a self-loop's ends share all their neighbours)."""
        if self._mutual is None:
            counts = np.bincount(self.triangle_ties().ravel(), minlength=self.m).astype(np.int64)
            if self.selfloops:
                loop = self.s == self.t
                looped = np.zeros(self.n, dtype=np.int64)
                looped[self.s[loop]] = 1
                counts = counts + looped[self.s] + looped[self.t]
                counts[loop] = self.degree[self.s[loop]]
            self._mutual = counts
        return self._mutual


    def vertex_triangles(self) -> np.ndarray:
        """igraph's ``list_triangles()`` of :meth:`igraph`, as an int64 array of shape (-1, 3),
        listed once: the mutual counts and Burt's constraint both read it (A2's 175,000
        triangles: 0.015 s a listing)."""
        if "_vertex_triangles" not in self._columns:
            found = self.igraph().list_triangles()
            self._columns["_vertex_triangles"] = np.fromiter(
                chain.from_iterable(found), np.int64, 3 * len(found)).reshape(-1, 3)
        return self._columns["_vertex_triangles"]

    def triangle_ties(self) -> np.ndarray:
        """The rows of every triangle's three ties, one triangle a row (int64, shape (-1, 3)).

        A table filtered from another (:meth:`without`, :meth:`only`) keeps the triangles of
        that table whose three ties it kept, when that table listed its own: the triangles
        igraph would list here, not listed again (workload A2's 50 group conversations of 40
        members: 135,000 triangles, 0.04 s each time they are listed and placed).
        """
        if self._triangles is None:
            parent = None if self._within is None else self._within[0]
            if parent is not None and parent._triangles is not None and not parent.selfloops:
                ours = np.full(parent.m, -1, dtype=np.int64)
                ours[self._within[1]] = np.arange(self.m)
                sides = ours[parent._triangles]
                self._triangles = sides[(sides >= 0).all(axis=1)]
            else:
                tri = self.vertex_triangles()
                self._triangles = self.positions(tri[:, [0, 0, 1]].ravel(),
                                                 tri[:, [1, 2, 2]].ravel()).reshape(-1, 3)
        return self._triangles


def network_table(net: Network) -> EdgeTable:
    """Arrays of a :class:`~weakties.graph.tables.Network`, read from its columns: the same
    arrays as :func:`edge_table` of ``net.to_networkx()`` (whose adjacency lists each node's
    ties in the network's row order), without building that graph."""
    ids = values(net.nodes.index)
    nodes = ids if net.nodes.index.is_monotonic_increasing else sorted(ids)
    index = {x: i for i, x in enumerate(nodes)}
    at = pd.Index(nodes, dtype=object)
    a, b = (at.get_indexer(net.edges[c]).astype(np.int64) for c in ("source", "target"))
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    n, m = len(nodes), len(lo)
    order = np.lexsort((hi, lo))  # table order
    loop = lo == hi
    rows = np.concatenate([lo, hi[~loop]])
    cols = np.concatenate([hi, lo[~loop]])
    A = sp.csr_array((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(n, n))
    A.sort_indices()
    # networkx's G.edges(sorted nodes): per node, its later neighbours in row order
    upper = np.flatnonzero(~loop)
    upper = upper[np.lexsort((upper, lo[upper]))]
    table = EdgeTable(list(nodes), index, lo[order], hi[order], np.diff(A.indptr).astype(np.int64),
                      A, list(zip(lo[upper].tolist(), hi[upper].tolist(), strict=True)),
                      bool(loop.any()), meta=net.meta, _people=net.nodes.reindex(at))
    edges = net.edges
    for key, (default, how) in EVIDENCE.items():
        column = edges[key].to_numpy()[order] if key in edges else np.full(m, default)
        if how == "flag":
            column = column.astype(bool)
        elif how in ("count", "number"):
            column = column.astype(float)
        else:
            column = column.astype(object)
        table._columns[key] = column
    for key in BY_END:
        src, tgt = by_end(net, key)
        flip = a[order] > b[order]  # a row whose source sorts after its target
        src, tgt = src[order].astype(float), tgt[order].astype(float)
        table._columns[key] = (np.where(flip, tgt, src), np.where(flip, src, tgt))
    return table


def as_table(data: EdgeTable | nx.Graph) -> EdgeTable:
    """``data`` as an :class:`EdgeTable`: a networkx graph (as library callers and tests
    pass) is converted, a table is returned as it is."""
    return data if isinstance(data, EdgeTable) else edge_table(data)


def edge_table(G: nx.Graph, ix=None) -> EdgeTable:
    """Arrays of ``G`` (see :class:`EdgeTable`). ``ix`` (an :class:`~._igraph.Indexed` of all of
    ``G``) is reused for the triangles when given."""
    nodes = sorted(G)
    index = {n: i for i, n in enumerate(nodes)}
    adj = G._adj
    n = len(nodes)
    degree = np.fromiter((len(adj[u]) for u in nodes), dtype=np.int64, count=n)
    total = int(degree.sum())
    indices = np.fromiter((index[v] for u in nodes for v in adj[u]), dtype=np.int64, count=total)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(degree, out=indptr[1:])
    rows = np.repeat(np.arange(n, dtype=np.int64), degree)
    selfloops = bool((indices == rows).any())
    # networkx's G.edges(nodes) order: per node, its later neighbours in insertion order
    upper = indices > rows
    ig_edges = list(zip(rows[upper].tolist(), indices[upper].tolist(), strict=True))
    A = sp.csr_array((np.ones(total, dtype=np.int32), indices, indptr), shape=(n, n))
    A.sort_indices()
    r = np.repeat(np.arange(n, dtype=np.int64), np.diff(A.indptr))
    keep = A.indices >= r  # a self-loop is a tie (u, u) too
    table = EdgeTable(nodes, index, r[keep], A.indices[keep].astype(np.int64), degree, A,
                      ig_edges, selfloops, G=G, meta=G.graph)
    if ix is not None and ix.nodes == nodes:
        table._graph = ix.g
    return table
