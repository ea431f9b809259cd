"""Bridges and brokers: bridges, local bridges with span, betweenness, Burt's structural holes.

Engines, as measured (docs/design.md §5, and the timings in :func:`betweenness`):

- **bridges**: igraph's ``Graph.bridges()`` (0.6 s at 100k nodes / 500k ties where
  ``nx.bridges`` takes 6.5 s).
- **local bridges and span**: a tie with no common neighbour; its span is the distance between
  the endpoints once it is removed. ``nx.local_bridges(with_span=True)`` runs a weighted
  shortest path per local bridge: 43 s for 3,491 local bridges at 2,000 nodes, unfinished
  after 13 min at 10k. Here bridges get no search (their span is infinite) and the others a
  bidirectional BFS that stops where the two searches meet (spans are mostly 3-5), run for
  batches of ties at once in numpy (:func:`_batched_spans`: ~3.5 s for 50,000 spans at 200,000
  people and a million ties). Above ``Params.max_spans`` local bridges, spans are computed for
  the owners' ties and a seeded sample (and the summary says so).
- **betweenness**: igraph, exact while it fits the time budget (``Params``; the sources split
  over both cores, :func:`exact_raw`); else exact on the network folded by its twins when that
  fits (:mod:`._brandes`); else KADABRA's estimate with an (epsilon, delta) guarantee, from
  NetworKit (:func:`betweenness`).
- **constraint**: igraph ``Graph.constraint()`` (equal to ``nx.constraint`` to 1e-15 on the
  Florentine families, 0.6-1.8 s at 100k nodes where networkx's per-node loop takes minutes).
- **effective size**: Borgatti's unweighted k - 2t/k = k - C(k - 1) from igraph's local
  clustering C; ``nx.effective_size`` builds a dense n x n matrix (1.6 GB at 10k nodes).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import scipy.sparse as sp

from weakties._background import Split, can_fork
from weakties.analysis._brandes import fold, folded_parts, level_work, two_cores
from weakties.analysis._igraph import Indexed, to_igraph
from weakties.analysis._table import EdgeTable, edge_table
from weakties.analysis.engine import (
    betweenness_info,
    exact_betweenness,
    normalised_betweenness,
)
from weakties.analysis.params import DEFAULT_PARAMS, Params
from weakties.analysis.strength import edge_key

if TYPE_CHECKING:  # networkx is imported where a graph is built or read
    import networkx as nx

__all__ = ["bridges", "local_bridges", "local_bridge_spans", "betweenness", "betweenness_split",
           "structural_holes"]


def bridges(G: nx.Graph, ix: Indexed | None = None) -> set[tuple[str, str]]:
    """Ties whose removal disconnects their component, as (source, target) keys.

    igraph's bridge finder (C, linear): 10x faster than ``nx.bridges`` at 100k nodes. Pass
    ``ix`` (``to_igraph(G)``) when you already have it.

    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    >>> sorted(bridges(G))
    [('c', 'd')]
    """
    ix = ix or to_igraph(G)
    return {edge_key(ix.nodes[e.source], ix.nodes[e.target]) for e in ix.g.es[ix.g.bridges()]}


def local_bridges(G: nx.Graph, known_bridges: set[tuple[str, str]] | None = None, *,
                  max_spans: int | None = None, seed: int = 0, prefer: Iterable[str] = (),
                  table: EdgeTable | None = None) -> dict[tuple[str, str], float | None]:
    """Local bridges of ``G`` and their span: ``{(source, target): span}``.

    A local bridge is a tie whose endpoints have no common neighbour (Granovetter; Easley &
    Kleinberg ch. 3). Its span is the distance between them without the tie, ``math.inf``
    when it is also a bridge -- the answers of ``nx.local_bridges(G, with_span=True)``, 50-100x
    faster (module docstring). ``known_bridges`` (from :func:`bridges`) saves finding them;
    ``table`` (:func:`~weakties.analysis._table.edge_table` of ``G``) saves building it.

    With ``max_spans``, only that many spans are computed -- every tie of a node in ``prefer``
    (the owners) first, then a sample drawn with ``seed`` -- and the others are None.

    >>> import networkx as nx
    >>> G = nx.cycle_graph(5); G = nx.relabel_nodes(G, str)
    >>> local_bridges(G)[("0", "1")]   # the long way round the 5-cycle
    4
    """
    table = table if table is not None else edge_table(G)
    if known_bridges is None:
        known_bridges = bridges(G, Indexed(table.igraph(), table.nodes, table.index))
    at, spans = local_bridge_spans(table, known_bridges, max_spans=max_spans, seed=seed,
                                   prefer=prefer)
    ids = table.nodes
    out: dict[tuple[str, str], float | None] = {}
    for i, span in zip(at.tolist(), spans.tolist(), strict=True):
        out[(ids[table.s[i]], ids[table.t[i]])] = None if span is None else span
    return out


def local_bridge_spans(table: EdgeTable, known_bridges: set[tuple[str, str]], *,
                       max_spans: int | None = None, seed: int = 0, prefer: Iterable[str] = ()
                       ) -> tuple[np.ndarray, np.ndarray]:
    """:func:`local_bridges` as arrays: the table rows of the local bridges (sorted) and their
    spans (object array: an int, ``math.inf`` for a bridge, None when not computed).

    A tie between two people is a local bridge when the triangles give it no mutual contact;
    a self-loop when it is its person's only tie (no contact but the person themselves: its
    span is ``math.inf``). Spans are found for all of them at once by :func:`_batched_spans`.
    """
    s, t = table.s, table.t
    loop = s == t
    others = table.mutual()
    if table.selfloops:  # mutual() counts a person with a self-loop among their own contacts
        looped = np.zeros(table.n, dtype=np.int64)
        looped[s[loop]] = 1
        others = others - looped[s] - looped[t]
    at = np.flatnonzero(np.where(loop, table.degree[s] == 1, others == 0))
    s, t = s[at], t[at]
    bridge = np.zeros(table.m, dtype=bool)  # looked up by row: C has 457k local bridges
    if known_bridges:
        ends = list(zip(*known_bridges, strict=True))
        bridge[table.rows_of(list(ends[0]), list(ends[1]))] = True
    is_bridge = bridge[at]
    todo = np.flatnonzero(~is_bridge)
    if max_spans is not None and len(todo) > max_spans:
        prefer = set(prefer)
        mark = np.zeros(table.n, dtype=bool)
        mark[[table.index[p] for p in prefer if p in table.index]] = True
        preferred = mark[s[todo]] | mark[t[todo]]
        first = todo[preferred][:max_spans]
        rest = todo[~preferred]
        picked = random.Random(seed).sample(range(len(rest)), max_spans - len(first))
        todo = np.concatenate([first, rest[np.asarray(picked, dtype=np.int64)]])
    spans = np.full(len(at), None, dtype=object)
    spans[is_bridge] = math.inf
    if len(todo):
        found = np.full(len(todo), math.inf)
        pair = ~loop[at[todo]]
        found[pair] = _batched_spans(table.adj, s[todo][pair], t[todo][pair])
        spans[todo] = [math.inf if math.isinf(x) else int(x) for x in found.tolist()]
    return at, spans


#: Cells (ties x people) of each of the two visited bitmaps of one batch of
#: :func:`_batched_spans` (16 MB): a batch holds ``_SPAN_CELLS // people`` ties.
_SPAN_CELLS = 1 << 24
#: Ties scanned per local bridge in the first slice of a level, and the growth of each slice
#: after: a search stops in the slice that meets the other side instead of scanning the whole
#: level. C: 3.7 s with 32 and x2 (more slices, each a dozen numpy calls), ~3.3 s from 32 to
#: 256 and x4 or x8.
_FIRST_SLICE = 64
_GROWTH = 4
#: An end with more ties than this takes its first step without marking its neighbours while
#: the other side's frontier is at least this many times smaller (:class:`_Spans`).
_HUB = 1024


def _batched_spans(A: sp.csr_array, us: np.ndarray, vs: np.ndarray, cells: int | None = None
                   ) -> np.ndarray:
    """Distance from us[i] to vs[i] once the tie between them is removed, for every i.

    A level-synchronous bidirectional BFS per tie, run for a batch of ties at once on flat
    numpy arrays (:class:`_Spans`): a frontier is (tie, person) pairs, a ball one bitmap row
    per tie. Each step grows, per tie, the side whose frontier has fewer ties to follow; the
    first level whose new people meet the other side's ball gives the distance, the sum of the
    two depths (the previous step did not meet, so every meeting person is at the other side's
    last depth). The tie itself is skipped at each end's first step. A level is scanned in
    slices of growing size (:data:`_FIRST_SLICE`), and a tie leaves at the slice that meets:
    most of the work of a search is its last level (workload C: 138M ties scanned without
    slices, ~41M with). Self-loops change no distance and are followed harmlessly.

    C (200,000 people, a million ties, 50,000 spans): 14 s of CPU with sparse-matrix products,
    ~3.5 s here; B (owners' ties): 2.3 -> 0.05 s (:class:`_Spans`); ``nx.local_bridges`` takes
    minutes.
    """
    n = A.shape[0]
    k = max(1, min(len(us), (cells or _SPAN_CELLS) // max(n, 1)))
    dtype = np.int32 if k * n < 2**31 else np.int64  # (tie, person) keys: tie * n + person
    spans = _Spans(A, k, dtype)
    out = np.full(len(us), math.inf)
    for start in range(0, len(us), k):
        out[start:start + k] = spans.batch(us[start:start + k].astype(dtype),
                                           vs[start:start + k].astype(dtype))
    return out


class _Spans:
    """The searches of :func:`_batched_spans`, a batch of ties at a time.

    An end with many ties (an owner of 5,000 contacts at workload B) takes its first step
    lazily once the other side's frontier is much smaller: its ball stays implicit (the end,
    and its neighbours but the other end), the neighbours marked once per batch in a bitmap
    row of that end shared by every tie of the batch at it, not once per tie; they are copied
    into the tie's own ball only if the search must go on from them. B: the 6,947 spans of
    owners' ties 2.3 -> 0.05 s (each met the next level, after one owner's step).
    """

    def __init__(self, A: sp.csr_array, k: int, dtype) -> None:
        self.n = n = A.shape[0]
        self.indptr = A.indptr.astype(np.int64)
        self.indices = A.indices.astype(np.int32)
        self.degree = np.diff(self.indptr)
        self.seen = (np.zeros(k * n, dtype=bool), np.zeros(k * n, dtype=bool))
        self.hubs = bool(n) and int(self.degree.max()) > _HUB
        if self.hubs:
            self.around = A @ self.degree  # ties of a person's neighbours
            self.hub_ties = np.zeros(k * n, dtype=bool)  # a bitmap row per lazy end
            self.slot = np.full(n, -1, dtype=np.int64)  # that row, per person

    def batch(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """Spans of one batch (the bitmaps all False before and after)."""
        n, k, degree, seen = self.n, len(u), self.degree, self.seen
        ends = (u, v)
        rows = np.arange(k, dtype=u.dtype)
        frontier = [(rows, u), (rows, v)]
        marked: list[list[np.ndarray]] = [[rows * n + u], [rows * n + v]]
        for side in (0, 1):
            seen[side][marked[side][0]] = True
        lazy = [np.zeros(k, dtype=bool), np.zeros(k, dtype=bool)]
        depth = [np.zeros(k, dtype=np.int64), np.zeros(k, dtype=np.int64)]
        self.hubs_in_batch: list[int] = []
        self.result = np.full(k, math.inf)
        self.active = np.ones(k, dtype=bool)
        while True:
            cost = [np.bincount(r, weights=degree[x], minlength=k) for r, x in frontier]
            for side in (0, 1):
                if lazy[side].any():  # an implicit first step: its neighbours' ties
                    at = np.flatnonzero(lazy[side])
                    cost[side][at] += (self.around[ends[side][at]]
                                       - degree[ends[1 - side][at]])
            self.active &= (cost[0] > 0) & (cost[1] > 0)  # an empty side: a bridge
            if not self.active.any():
                break
            hubs = [np.zeros(k, dtype=bool), np.zeros(k, dtype=bool)]
            if self.hubs:  # a lazy first step: a lookup per person of the other frontier
                for side in (0, 1):
                    size = np.bincount(frontier[1 - side][0], minlength=k)
                    hubs[side] = ((depth[side] == 0) & (depth[1 - side] > 0)
                                  & (degree[ends[side]] > np.maximum(_HUB, _HUB * size)))
                    cost[side][hubs[side]] = size[hubs[side]]
            smaller = cost[0] <= cost[1]
            for side, grow in ((0, self.active & smaller), (1, self.active & ~smaller)):
                other = 1 - side
                hub = grow & hubs[side]
                if hub.any():
                    depth[side] += hub
                    lazy[side] |= hub
                    frontier[side] = self._lazy_step(frontier, side, hub, ends, depth)
                    grow &= ~hub & self.active
                todo = grow & lazy[side]
                if todo.any():
                    lazy[side] &= ~todo
                    frontier[side] = self._unfold(frontier[side], todo, ends, side,
                                                  marked[side])
                if not grow.any():
                    continue
                r, x = frontier[side]
                picked = grow[r]
                bar = np.where(depth[side] == 0, ends[other], -1)  # the tie, at a first step
                depth[side] += grow
                met, keys = self._scan(r[picked], x[picked],
                                       bar if (bar[grow] >= 0).any() else None, other,
                                       lazy[other], ends)
                self.result[met] = depth[0][met] + depth[1][met]
                self.active &= ~met
                keys = keys[~met[keys // n]]
                keys = np.sort(keys[~seen[side][keys]])
                if len(keys) > 1:
                    keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
                seen[side][keys] = True
                marked[side].append(keys)
                new = keys // n
                stay = ~picked & self.active[r]
                frontier[side] = (np.concatenate([r[stay], new]),
                                  np.concatenate([x[stay], keys - new * n]))
            for side in (0, 1):
                r, x = frontier[side]
                keep = self.active[r]
                frontier[side] = (r[keep], x[keep])
        for side in (0, 1):
            for keys in marked[side]:
                seen[side][keys] = False
        for at, h in enumerate(self.hubs_in_batch):
            self.hub_ties[at * n + self.indices[self.indptr[h]:self.indptr[h + 1]]] = False
            self.slot[h] = -1
        return self.result

    def _hub_rows(self, hubs: np.ndarray) -> np.ndarray:
        """The bitmap row of each of ``hubs`` (people), marking the ties of the new ones."""
        for h in np.unique(hubs[self.slot[hubs] < 0]).tolist():
            self.slot[h] = at = len(self.hubs_in_batch)
            self.hubs_in_batch.append(h)
            self.hub_ties[at * self.n + self.indices[self.indptr[h]:self.indptr[h + 1]]] = True
        return self.slot[hubs]

    def _in_lazy_ball(self, centre: np.ndarray, barred: np.ndarray, x: np.ndarray
                      ) -> np.ndarray:
        """Whether x[i] is a neighbour of the lazy end centre[i] other than barred[i]."""
        return self.hub_ties[self.slot[centre] * self.n + x] & (x != barred)

    def _lazy_step(self, frontier: list, side: int, hub: np.ndarray, ends: tuple,
                   depth: list) -> tuple[np.ndarray, np.ndarray]:
        """Side ``side`` of the ``hub`` ties steps to the end's neighbours without marking
        them in the tie's ball: do they meet the other side's frontier? The side's frontier,
        without the hub ties."""
        other = 1 - side
        self._hub_rows(ends[side][np.flatnonzero(hub)])
        r, y = frontier[other]
        pick = hub[r]
        r, y = r[pick], y[pick]
        met = np.zeros(len(hub), dtype=bool)
        met[r[self._in_lazy_ball(ends[side][r], ends[other][r], y)]] = True
        self.result[met] = depth[0][met] + depth[1][met]
        self.active &= ~met
        r, x = frontier[side]
        keep = ~hub[r]
        return r[keep], x[keep]

    def _unfold(self, front: tuple, todo: np.ndarray, ends: tuple, side: int,
                marked: list) -> tuple[np.ndarray, np.ndarray]:
        """Mark the neighbours of the lazy ends of the ``todo`` ties in their balls: their
        frontier."""
        at = np.flatnonzero(todo).astype(front[0].dtype)
        r, x = self._neighbours(at, ends[side][at], np.zeros(len(at), dtype=np.int64),
                                self.degree[ends[side][at]])
        keep = x != ends[1 - side][r]
        keys = r[keep] * self.n + x[keep]
        keys = keys[~self.seen[side][keys]]
        self.seen[side][keys] = True
        marked.append(keys)
        new = keys // self.n
        return (np.concatenate([front[0], new]), np.concatenate([front[1], keys - new * self.n]))

    def _neighbours(self, r: np.ndarray, x: np.ndarray, lo: np.ndarray, size: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray]:
        """(tie, person) pairs of the neighbours lo[i]:lo[i] + size[i] of each x[i]."""
        ends = np.cumsum(size)
        total = int(ends[-1]) if len(ends) else 0
        at = np.repeat(self.indptr[x] + lo - (ends - size), size) + np.arange(total)
        return np.repeat(r, size), self.indices[at]

    def _scan(self, r: np.ndarray, x: np.ndarray, bar: np.ndarray | None, other: int,
              lazy: np.ndarray, ends: tuple) -> tuple[np.ndarray, np.ndarray]:
        """One level of the searches: the ties that meet side ``other`` (its bitmap, and for
        its ``lazy`` ties the end's neighbours) from their frontier people ``x`` (ties ``r``),
        and the (tie, person) keys scanned -- in slices, a tie's scan stopping once it meets.
        ``bar[tie]`` is a person not to step to (the removed tie's other end), -1 for none."""
        n, k = self.n, len(lazy)
        volume = self.degree[x]
        order = np.argsort(r, kind="stable")
        before = np.cumsum(volume[order]) - volume[order]  # ties of the tie's frontier before x
        runs = np.flatnonzero(np.diff(r[order], prepend=-1))
        before -= np.repeat(before[runs], np.diff(np.append(runs, len(r))))
        lo = np.empty(len(r), dtype=np.int64)
        lo[order] = before
        hi = lo + volume
        met = np.zeros(k, dtype=bool)
        parts = []
        w0, w1 = 0, _FIRST_SLICE
        while len(r):
            a = np.maximum(lo, w0)
            rr, xx = self._neighbours(r, x, a - lo, np.maximum(np.minimum(hi, w1) - a, 0))
            if bar is not None:
                ok = xx != bar[rr]
                rr, xx = rr[ok], xx[ok]
            keys = rr * n + xx
            hit = self.seen[other][keys]
            if lazy.any():
                at = np.flatnonzero(lazy[rr])
                hit[at] |= self._in_lazy_ball(ends[other][rr[at]], ends[1 - other][rr[at]],
                                              xx[at])
            met[rr[hit]] = True
            parts.append(keys)
            keep = (hi > w1) & ~met[r]
            r, x, lo, hi = r[keep], x[keep], lo[keep], hi[keep]
            w0, w1 = w1, _GROWTH * w1
        return met, np.concatenate(parts) if parts else np.zeros(0, dtype=x.dtype)


def betweenness(ix: Indexed, params: Params = DEFAULT_PARAMS) -> tuple[pd.Series, dict]:
    """Normalised betweenness of every node, and how it was computed (with its guarantee).

    Exact (Brandes 2001, igraph) when :func:`~.engine.exact_betweenness` says it fits the time
    budget; above it, exact on the network folded by its twins (people with the same contacts,
    :mod:`._brandes`) if the folded network passes the same test and its level-by-level work
    stays under ``_FOLDED_MAX_WORK`` (info ``"engine": "numpy"`` and ``"folded"``: how many
    people were folded); else KADABRA (Borassi & Natale 2016, NetworKit): adaptive sampling of
    shortest paths that stops once every node's score is within ``betweenness_epsilon`` of the
    exact one with probability at least 1 - ``betweenness_delta``. Normalised by
    2/((n-1)(n-2)) like networkx, so the Medici score 0.522.

    Why not sampled sources any more: k = 500 sources (Brandes & Pich 2007) on a 20,000-node
    block model put only 5-6 of the exact top 20 in its top 20 (issue 18), and their error has
    no bound the summary could state. KADABRA's bound is absolute, so on such a flat network
    (top scores ~0.003) it does no better: hence exact up to 20,000 people (``Params``), and a
    stated epsilon beyond. ``bench/betweenness.py`` checks all three against exact.
    Returns ``(series indexed by node id, {"method", "k", "seed", "engine", "epsilon",
    "delta", "samples", "guarantee"[, "folded"]})``.
    """
    job = betweenness_split(ix, params)
    return job.finish(None if job.part is None else two_cores(job.part))


def betweenness_split(ix: Indexed, params: Params = DEFAULT_PARAMS) -> Split:
    """:func:`betweenness` as work in two halves (:func:`weakties._background.halves`), or in
    one piece (``part`` None) where it is not split over two cores: ``finish`` gives
    :func:`betweenness`'s result, the same floats wherever the halves ran. Exact betweenness
    is split when it takes ~2 s or more (``_PARALLEL_WORK``); KADABRA never (one seeded
    sampling thread), and it runs in the process that waits (``here``), as before."""
    g, n = ix.g, ix.g.vcount()

    def result(values: np.ndarray, info: dict) -> tuple[pd.Series, dict]:
        return pd.Series(values, index=ix.nodes, dtype=float), info

    if exact_betweenness(n, g.ecount(), params):
        info = betweenness_info("exact", params, engine="igraph")
        part = _igraph_halves(g) if n * g.ecount() >= _PARALLEL_WORK else None
        if part is None:
            return Split(None, lambda _: result(normalised_betweenness(
                exact_raw(g, parallel=False), n, None), info))
        return Split(part, lambda raw: result(normalised_betweenness(raw, n, None), info))
    ends = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    folded = fold(n, ends[:, 0], ends[:, 1], simple=g.is_simple(),
                  fits=lambda q, m: exact_betweenness(q, m, params))
    work = level_work(folded) if folded is not None else None
    if work is not None and work <= _FOLDED_MAX_WORK:
        info = {**betweenness_info("exact", params, engine="numpy"), "folded": folded.folded}
        part, post = folded_parts(folded)

        def finish(raw: np.ndarray) -> tuple[pd.Series, dict]:
            return result(normalised_betweenness(post(raw), n, None), info)

        if work >= _PARALLEL_WORK:
            return Split(part, finish)
        return Split(None, lambda _: finish(part(0, 1)))

    def estimate(_) -> tuple[pd.Series, dict]:
        values, samples = _kadabra(g, params, ends)
        return result(values, betweenness_info("KADABRA", params, engine="networkit",
                                               samples=samples))

    return Split(None, estimate, here=True)  # NetworKit's OpenMP: never in a forked child


#: Brandes' work (people x ties) above which exact betweenness takes both cores (~2 s alone):
#: below, a fork costs more than it saves.
_PARALLEL_WORK = 100_000_000

#: The most work (:func:`~._brandes.level_work`, ~1 ns a unit on one core) the folded exact
#: computation may take: ~40 s of one core. It bounds time on a deep folded graph (a long
#: chain costs a level per link), where KADABRA is used instead.
_FOLDED_MAX_WORK = 40_000_000_000


def exact_raw(g, parallel: bool = True) -> np.ndarray:
    """igraph's exact betweenness of every vertex (summed over unordered pairs), on two cores.

    igraph's betweenness from a subset of sources sums that subset's share of the pairs, so
    the figures from two halves of the sources add up to the exact ones (to 1e-13). With
    ``parallel`` where a child may be forked (:func:`weakties._background.can_fork`), a forked
    child takes the odd sources while this process takes the even ones
    (:func:`~._brandes.two_cores`): the second core halves the wait (48 s alone at 20,000
    people / 100k ties).
    """
    part = _igraph_halves(g) if parallel else None
    if part is None:
        return np.asarray(g.betweenness(directed=False), dtype=float)
    return two_cores(part)


def _igraph_halves(g) -> Callable[[int], np.ndarray] | None:
    """igraph's betweenness from the even (0) or the odd (1) sources; None where the sources
    are not split (fewer than 4 vertices, or no second core to fork for: then all at once,
    whose sum differs from the halves' in the last digits)."""
    n = g.vcount()
    if n < 4 or not can_fork():
        return None
    halves = list(range(0, n, 2)), list(range(1, n, 2))
    return lambda half: np.asarray(g.betweenness(directed=False, sources=halves[half]),
                                   dtype=float)


def _kadabra(g, params: Params, ends: np.ndarray | None = None) -> tuple[np.ndarray, int]:
    """KADABRA's estimate of every node's normalised betweenness, and how many shortest paths
    it sampled. Single-threaded and seeded: the same figures on every run.

    NetworKit scores an undirected graph as twice the share of sampled pairs whose path runs
    through v, i.e. ``2 (n-2) / n`` times networkx's normalisation; the error bound is scaled
    the same way. Half of ``epsilon`` is asked of the sampling and half kept for a bias: the
    estimates converge to about 1.01x the exact scores (measured on a path, the karate club,
    the Florentine families and Les Misérables, 0.9-1.0%; NetworKit 11), at most 0.005 for a
    score up to 0.5 -- so the stated ``epsilon`` holds for the figures as reported.
    """
    import networkit as nk

    n = g.vcount()
    G = nk.graph.Graph(n)
    if ends is None:
        ends = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    ends = ends.astype(np.uint64)
    if len(ends):
        G.addEdges((ends[:, 0].copy(), ends[:, 1].copy()))
    G.removeSelfLoops()
    G.removeMultiEdges()
    scale = 2.0 * (n - 2) / n  # NetworKit's normalisation over networkx's
    threads = nk.getMaxNumberOfThreads()
    nk.setNumberOfThreads(1)  # KADABRA's deterministic mode: one sampling thread
    try:
        nk.setSeed(params.seed, True)
        kadabra = nk.centrality.KadabraBetweenness(
            G, params.betweenness_epsilon / 2 * scale, params.betweenness_delta, True)
        kadabra.run()
        scores = np.asarray(kadabra.scores(), dtype=float) / scale
        return scores, int(kadabra.getNumberOfIterations())
    finally:
        nk.setNumberOfThreads(threads)


def structural_holes(ix: Indexed, nodes: Iterable[str] | None = None,
                     triangles: np.ndarray | None = None) -> pd.DataFrame:
    """Burt's constraint, effective size and efficiency (unweighted), for ``nodes`` or all.

    Unweighted on purpose: a structural measure of who knows whom, comparable with the
    literature (Burt 1992; Borgatti 1997), not mixed with interaction counts. NaN for a node
    without ties. ``triangles``: ``ix.g``'s ``list_triangles()`` as an array, when listed
    already (:meth:`~._table.EdgeTable.vertex_triangles`).
    """
    names = ix.nodes if nodes is None else sorted(nodes)
    vs = [ix.index[n] for n in names]
    k = np.asarray(ix.g.degree(vs), dtype=float)
    constraint = constraint_of(ix.g, None if nodes is None else vs, triangles
                               ) if ix.g.is_simple() else np.asarray(ix.g.constraint(vs),
                                                                      dtype=float)
    clustering = np.asarray(ix.g.transitivity_local_undirected(vs, mode="zero"), dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        effective = np.where(k > 0, k - clustering * (k - 1), np.nan)
        efficiency = effective / k
    constraint[k == 0] = np.nan
    return pd.DataFrame({"constraint": constraint, "effective_size": effective,
                         "efficiency": efficiency}, index=pd.Index(names, name="id"))


def constraint_of(g, vertices: list[int] | None = None, triangles: np.ndarray | None = None
                  ) -> np.ndarray:
    """Burt's constraint of every vertex of a simple graph (or of ``vertices``, in that
    order), unweighted, from its triangles (``g.list_triangles()``, or ``triangles`` when
    listed already).

    With p_ij = 1/k_i, c_i = sum_j (p_ij + sum_q p_iq p_qj)^2 = sum_j ((1 + s_ij) / k_i)^2 over
    i's neighbours j, where s_ij sums 1/k_q over the common neighbours q of i and j: one pass
    over the triangle list. Equal to igraph's ``Graph.constraint()`` to 1e-15, which follows
    every two-step path and took 6.8 s at workload B (owners with 5,000 contacts each) where
    this takes 0.15 s. 0 for a vertex without ties (the caller marks those missing).

    A triangle's sides are found by ``np.searchsorted`` on the sorted edge keys, not by
    igraph's ``get_eids`` on a Python list of pairs: workload A2's 50 group conversations of
    40 members hold 135,000 triangles, 0.43 -> 0.05 s. The sums are added in the same order
    as before (one ``bincount`` over both ends, as ``np.add.at`` end after end), so the
    figures are the same to the last bit. For some ``vertices`` (an ego network's owner) only
    the triangles through them are read: a tie's sum comes from the triangles holding both its
    ends, kept in their order, so the same bits (A2's owner: structural_holes 0.055 -> 0.021 s).
    """
    n = g.vcount()
    k = np.asarray(g.degree(), dtype=float)
    ends = np.fromiter(chain.from_iterable(g.get_edgelist()), np.int64,
                       2 * g.ecount()).reshape(-1, 2)
    keys = np.minimum(ends[:, 0], ends[:, 1]) * n + np.maximum(ends[:, 0], ends[:, 1])
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    s = np.zeros(len(ends))
    if triangles is None:
        found = g.list_triangles()
        triangles = np.fromiter(chain.from_iterable(found), np.int64,
                                3 * len(found)).reshape(-1, 3)
    if vertices is not None:
        wanted = np.zeros(n, dtype=bool)
        wanted[vertices] = True
        triangles = triangles[wanted[triangles].any(axis=1)]
    for a, b, q in ((0, 1, 2), (0, 2, 1), (1, 2, 0)):  # each side of a triangle, its apex q
        x, y = triangles[:, a], triangles[:, b]
        eids = order[np.searchsorted(sorted_keys, np.minimum(x, y) * n + np.maximum(x, y))]
        s += np.bincount(eids, weights=1.0 / k[triangles[:, q]], minlength=len(ends))
    out = np.bincount(ends.T.ravel(), weights=(((1.0 + s) / k[ends.T]) ** 2).ravel(),
                      minlength=n)
    return out if vertices is None else out[vertices]
