"""Exact betweenness of a graph folded by its twins: Brandes with multiplicities, in numpy.

A contact network is mostly people whose contacts are the same few people: the contacts of one
owner only (degree-1 leaves of that owner), the contacts two owners share, and so on. Such
**twins** (u and v with the same neighbours, N(u) = N(v); never adjacent) are interchangeable
for shortest paths, so each class of c twins is folded into one vertex of multiplicity c --
folding a hub's leaves into one vertex is the case N = {hub} (Baglioni et al. 2012; Sarıyüce et
al. 2013, "identical vertices"). Betweenness of the whole graph then follows exactly from
Brandes' algorithm on the folded graph (:func:`folded_raw`):

- A source class S stands for c_S sources with the same search tree: its dependencies count
  c_S times. In that search, a class V at distance d holds c_V people each reached by the same
  sigma(V) shortest paths, so sigma(W) = sum over predecessor classes V of c_V sigma(V) (the
  source itself counts once), and the dependency of one member of V is
  delta(V) = sum over successor classes W of c_W sigma(V) / sigma(W) (1 + delta(W)).
  The source's own twins are at distance 2 and never inside a shortest path from it.
- Pairs of twins of one class (c choose 2 of them) are joined by one path through each of their
  d common neighbours: each neighbour gets (c choose 2) / d. For leaves (d = 1) that is
  ``C(l, 2)`` to their hub, and the hub's share of the pairs between its leaves and the rest
  (l (n - 1 - l) per component) comes out of the weighted search.
- Components of two folded vertices (a star, a single tie) have no inner vertex on any path
  but the star's centre, whose share is the closed form above.

The search runs level by level for a batch of sources at once: frontier, path counts and
dependencies are dense (people x sources) arrays, one step is one sparse product (scipy), so a
level costs all the ties of the component: the work is sources x levels x ties, cheap on the
small-world graphs people make (levels ~ 4-6), and :func:`level_work` lets the caller refuse a
deep graph. A level few classes reach (the first, the last) costs only their rows and ties
(:func:`_spread`; workload B: 4.8 -> 3.9 s of CPU, the same floats). Sources are batched
by connected component (a batch multiplies only its components' block), at most ``BATCH`` at
a time so the arrays stay small (``_CELLS``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from weakties import _background

__all__ = ["Folded", "fold", "folded_raw", "folded_parts", "level_work", "two_cores"]

#: Sources per batch: 16 was the fastest on workload B's folded graph (8,656 classes, 47k ties:
#: 0.68 s of CPU for 1,443 sources, 0.74 with 8, 0.86 with 24, 1.0 with 32, 1.1 with 128) and on
#: a B-like team graph's (12,483 classes): a batch's arrays (~1 MB each) stay in the L2 cache.
BATCH = 16
#: At most this many (people x sources) cells per array (16 MB of float64): bounds memory on
#: a large component (about eight such arrays are alive at once).
_CELLS = 1 << 21


@dataclass
class Folded:
    """A graph folded by its twins: ``label[v]`` is the class of vertex v, ``count[c]`` the
    size of class c; ``A`` the classes' adjacency (0/1, symmetric), classes numbered so that
    every connected component is a contiguous block ``bounds[i]:bounds[i + 1]``."""

    label: np.ndarray
    count: np.ndarray
    A: sp.csr_array
    bounds: np.ndarray

    @property
    def q(self) -> int:
        return len(self.count)

    @property
    def ties(self) -> int:
        return self.A.nnz // 2

    @property
    def folded(self) -> int:
        """How many people were folded into a twin (the vertices saved)."""
        return len(self.label) - self.q


def fold(n: int, s: np.ndarray, t: np.ndarray, fits: Callable[[int, int], bool] | None = None,
         simple: bool = False) -> Folded | None:
    """Fold the graph of ``n`` vertices and ties ``(s[i], t[i])`` by its twins (same neighbours).

    Self-loops and repeated ties are ignored (they change no shortest path); ``simple`` says
    there are none (saves a sort). Twins are proposed by a 64-bit hash of each neighbour set (a
    sum of random numbers, order-free) and then checked neighbour by neighbour against their
    class's first member; should two different sets ever collide, the classes are built
    exactly from the sets themselves instead. With ``fits``, None as soon as
    ``fits(classes, folded ties)`` is False -- first asked with a lower bound of both (before
    the check and the folded ties are built: 0.4 s on a 1M-tie graph that does not fold).
    """
    if n == 0:
        return Folded(np.zeros(0, np.int64), np.zeros(0, np.int64), sp.csr_array((0, 0)),
                      np.zeros(1, np.int64))
    s, t = np.asarray(s, dtype=np.int64), np.asarray(t, dtype=np.int64)
    a, b = (s, t) if simple else _unique_pairs(s, t, n)
    degree = np.bincount(a, minlength=n) + np.bincount(b, minlength=n)
    group, first = _hash_groups(n, a, b, degree)
    if fits is not None:
        tied = np.count_nonzero(degree[first])  # classes with ties: at least half as many ties
        if not fits(len(first), (tied + 1) // 2):
            return None
    adj = sp.csr_array((np.ones(2 * len(a), dtype=np.int8),
                        (np.concatenate([a, b]), np.concatenate([b, a]))), shape=(n, n))
    adj.sort_indices()
    cols, indptr = adj.indices.astype(np.int64), adj.indptr.astype(np.int64)
    if _same_neighbours(cols, indptr, degree, first[group]):
        label = _by_first_member(group, first)
    else:  # a hash collision: rare, still exact
        label = _exact_labels(n, cols, indptr)
    count = np.bincount(label)
    q = len(count)
    a, b = _unique_pairs(label[a], label[b], q)
    if fits is not None and not fits(q, len(a)):
        return None
    # number the classes component by component, largest first: a component is a block of A
    pattern = sp.csr_array((np.ones(len(a)), (a, b)), shape=(q, q))
    from scipy.sparse.csgraph import connected_components  # loads scipy.linalg: only here

    _, comp = connected_components(pattern, directed=False)
    sizes = np.bincount(comp)
    rank = np.empty(len(sizes), dtype=np.int64)
    rank[np.argsort(-sizes, kind="stable")] = np.arange(len(sizes))
    new = np.empty(q, dtype=np.int64)
    new[np.argsort(rank[comp], kind="stable")] = np.arange(q)
    a, b = new[a], new[b]
    A = sp.csr_array((np.ones(2 * len(a)), (np.concatenate([a, b]), np.concatenate([b, a]))),
                     shape=(q, q))
    A.sort_indices()
    bounds = np.concatenate([[0], np.cumsum(np.sort(sizes)[::-1])])
    order = np.empty(q, dtype=np.int64)
    order[new] = np.arange(q)
    return Folded(new[label], count[order], A, bounds)


def _unique_pairs(s: np.ndarray, t: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ties {s, t}, s != t, as (smaller ends, larger ends): sorted 1-d keys."""
    keep = s != t
    lo, hi = np.minimum(s[keep], t[keep]), np.maximum(s[keep], t[keep])
    key = np.sort(lo * np.int64(n) + hi)  # (np.unique's hashing: 7 s on 1M ties, numpy 2.4)
    key = key[np.concatenate([[True], key[1:] != key[:-1]])] if len(key) else key
    return key // n, key % n


def _hash_groups(n: int, a: np.ndarray, b: np.ndarray, degree: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Vertices grouped by (degree, hash of the neighbour set): each vertex's group, and each
    group's smallest vertex. Equal sets always share a group; unequal ones almost never."""
    r = np.random.default_rng(0x7717).integers(0, np.iinfo(np.uint64).max, size=n,
                                               dtype=np.uint64, endpoint=True)
    h = np.zeros(n, dtype=np.uint64)
    np.add.at(h, a, r[b])  # wraps mod 2**64
    np.add.at(h, b, r[a])
    order = np.lexsort((np.arange(n), h, degree))
    starts = np.ones(n, dtype=bool)
    starts[1:] = (h[order][1:] != h[order][:-1]) | (degree[order][1:] != degree[order][:-1])
    group = np.empty(n, dtype=np.int64)
    group[order] = np.cumsum(starts) - 1
    return group, order[starts]  # order breaks ties by vertex: the first is the smallest


def _same_neighbours(cols: np.ndarray, indptr: np.ndarray, degree: np.ndarray,
                     rep: np.ndarray) -> bool:
    """Whether every vertex's sorted neighbour list equals that of ``rep[v]`` (same degree)."""
    offset = np.arange(len(cols)) - np.repeat(indptr[:-1], degree)
    return bool(np.array_equal(cols, cols[np.repeat(indptr[:-1][rep], degree) + offset]))


def _by_first_member(group: np.ndarray, first: np.ndarray) -> np.ndarray:
    """Group numbers renumbered in the order of their smallest vertex."""
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return rank[group]


def _exact_labels(n: int, cols: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    """Classes numbered by first member, from the neighbour lists themselves (no hashing)."""
    seen: dict[tuple[int, ...], int] = {}
    return np.array([seen.setdefault(tuple(cols[indptr[v]:indptr[v + 1]].tolist()), len(seen))
                     for v in range(n)], dtype=np.int64)


def _batches(f: Folded) -> list[tuple[int, int, np.ndarray]]:
    """``(lo, hi, sources)``: the sources of one batch and the block ``lo:hi`` of the classes
    they reach. A large component gets batches of its own (at most ``BATCH`` sources and
    ``_CELLS`` cells); small ones share a batch. Components of one or two classes are left
    out: no shortest path there has an inner vertex (a star's centre gets its share in
    closed form). Components are numbered largest first (:func:`fold`), so a run of small
    ones is one block."""
    out: list[tuple[int, int, np.ndarray]] = []
    lo = hi = 0
    for a, b in zip(f.bounds[:-1].tolist(), f.bounds[1:].tolist(), strict=True):
        size = b - a
        if size <= 2:
            break  # the rest are as small
        if size > BATCH:
            per = max(1, min(BATCH, _CELLS // size))
            out.extend((a, b, np.arange(start, min(b, start + per)))
                       for start in range(a, b, per))
            lo = hi = b
            continue
        if hi - lo + size > BATCH:
            out.append((lo, hi, np.arange(lo, hi)))
            lo = a
        hi = b
    if hi > lo:
        out.append((lo, hi, np.arange(lo, hi)))
    return out


def level_work(f: Folded) -> int:
    """An upper bound of the batched search's work: every level multiplies the whole block of
    the batch (its components' ties, and a dozen array passes over its classes). A search from
    any source of a component has at most 2 e levels, e the eccentricity of the component's
    best-connected class (one breadth-first search each); a small component at most its
    size."""
    levels = {}
    degree = np.diff(f.A.indptr)
    for a, b in zip(f.bounds[:-1].tolist(), f.bounds[1:].tolist(), strict=True):
        if b - a <= BATCH:
            break  # the rest are as small
        hub = int(np.argmax(degree[a:b]))
        from scipy.sparse.csgraph import shortest_path  # loads scipy.linalg: only here

        far = shortest_path(f.A[a:b][:, a:b], unweighted=True, indices=hub)
        levels[a] = 2 * int(far.max())
    work = 0
    for lo, hi, src in _batches(f):
        depth = levels.get(lo, hi - lo)
        block = int(f.A.indptr[hi] - f.A.indptr[lo])
        work += len(src) * depth * (block + 12 * (hi - lo))
    return work


def folded_raw(f: Folded, parallel: bool = False) -> np.ndarray:
    """Exact betweenness (summed over unordered pairs, as igraph's) of every original vertex.

    With ``parallel``, the batches are split over two processes (:func:`two_cores`).
    """
    part, finish = folded_parts(f)
    return finish(two_cores(part) if parallel else part(0, 1))


def folded_parts(f: Folded) -> tuple[Callable[..., np.ndarray],
                                     Callable[[np.ndarray], np.ndarray]]:
    """:func:`folded_raw` in pieces: ``finish(part(0) + part(1))`` is the figure on two cores,
    ``finish(part(0, 1))`` on one (the batches summed in another order: equal to ~1e-15)."""
    batches = _batches(f)
    c = f.count.astype(float)
    size = np.repeat(np.diff(f.bounds), np.diff(f.bounds))  # each class's component size

    def part(half: int, halves: int = 2) -> np.ndarray:
        out = np.zeros(f.q)
        for lo, hi, src in batches[half::halves]:
            A = f.A[lo:hi][:, lo:hi].tocsr() if (lo, hi) != (0, f.q) else f.A
            delta = _dependencies(A, c[lo:hi], src - lo, int(size[src].sum()))
            out[lo:hi] += (delta * c[src][None, :]).sum(axis=1)
        return out

    def finish(raw: np.ndarray) -> np.ndarray:
        raw = raw / 2.0  # each unordered pair was counted from both ends
        # pairs of twins: one shortest path through each of their d common neighbours
        degree = f.A @ c
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(degree > 0, c * (c - 1) / 2 / np.where(degree > 0, degree, 1), 0.0)
        raw += f.A @ share
        return raw[f.label]

    return part, finish


def _dependencies(A: sp.csr_array, c: np.ndarray, src: np.ndarray, reach: int
                  ) -> np.ndarray:
    """delta[v, j]: the dependency of one member of class v on source class src[j] (summed
    over targets counted with their multiplicity), by a level-synchronous search; ``reach``
    is how many (class, source) cells the searches reach (their components' sizes), so the
    search stops without a last, empty step.

    A level that few classes reach (the sources' neighbours, the last one) is worked on its
    rows only, and multiplied through its rows of A (:func:`_spread`): the same floats, and on
    workload B about half of the products' work."""
    q, k = A.shape[0], len(src)
    cols = np.arange(k)
    cc = c[:, None]
    degree = np.diff(A.indptr)
    ones = np.ones(k)
    sigma = np.zeros((q, k))
    sigma[src, cols] = 1.0
    unseen = np.ones((q, k))
    unseen[src, cols] = 0.0
    seen = k
    level = 0
    rows_at = [np.unique(src)]  # the classes some search reaches at each level
    # which (class, source) cells each level reaches: on its rows_at rows (a narrow level) or
    # on all (a wide one), kept for the backward sweep instead of a distance per cell that it
    # compared level by level (B, both halves: 5.5 -> 4.9 s of CPU on a busy machine; the same
    # floats)
    reached: list[np.ndarray | None] = [None]
    step = A[src].T.toarray()  # the first step: the sources' neighbours, one path each
    while True:
        rows = np.flatnonzero(step @ ones)  # paths are counted, so > 0 where reached
        if not len(rows):
            break
        level += 1
        rows_at.append(rows)
        if 2 * len(rows) < q:  # a narrow level: its rows only
            part = step[rows]
            new = part > 0
            seen += np.count_nonzero(new)
            sigma[rows] += part
            unseen[rows] -= new
            reached.append(new)
            if seen >= reach:
                break
            part *= cc[rows]
            step = _spread(A, degree, part, rows, unseen @ ones > 0)
        else:
            new = step > 0
            seen += np.count_nonzero(new)
            sigma += step
            unseen -= new
            reached.append(new)
            if seen >= reach:
                break
            step *= cc  # the next frontier: each of c_v members passes its paths on
            step = _spread(A, degree, step, None, unseen @ ones > 0)
        step *= unseen
    del unseen
    weight = np.divide(cc, sigma, out=np.zeros_like(sigma), where=sigma > 0)
    delta = np.zeros((q, k))
    for at in range(level, 1, -1):
        upper, lower = rows_at[at], rows_at[at - 1]
        if 2 * len(upper) < q:
            tmp = delta[upper] + 1.0
            tmp *= weight[upper]
            tmp *= reached[at]
        else:
            tmp = delta + 1.0
            tmp *= weight
            tmp *= reached[at]
            upper = None
        wanted = np.zeros(q, dtype=bool)
        wanted[lower] = True
        back = _spread(A, degree, tmp, upper, wanted)
        if 2 * len(lower) < q:
            back = back[lower]
            back *= sigma[lower]
            back *= reached[at - 1]
            delta[lower] += back
        else:
            back *= sigma
            back *= reached[at - 1]
            delta += back
    return delta


def _spread(A: sp.csr_array, degree: np.ndarray, x: np.ndarray, rows: np.ndarray | None,
            wanted: np.ndarray) -> np.ndarray:
    """``A @ X`` (q x k), where X is ``x`` on the classes ``rows`` and 0 elsewhere (``rows``
    None: X = x), and only the rows ``wanted`` of the result are read (the others may hold
    anything finite): through the rows of A that are wanted, or those whose columns X fills
    (A is symmetric), when that is fewer ties. Same floats as the whole product: each result
    row adds the same terms in the same column order, skipping zeros."""
    q = A.shape[0]
    by_rows = int(degree[wanted].sum())
    by_cols = A.nnz if rows is None else int(degree[rows].sum())
    if by_rows < by_cols and 2 * by_rows < A.nnz:
        full = x
        if rows is not None:
            full = np.zeros((q, x.shape[1]))
            full[rows] = x
        at = np.flatnonzero(wanted)
        out = np.zeros((q, x.shape[1]))
        out[at] = A[at] @ full
        return out
    if rows is None:
        return A @ x
    return A[rows].T @ x


def two_cores(part: Callable[[int], np.ndarray]) -> np.ndarray:
    """``part(0) + part(1)``, ``part(1)`` computed by a forked child on the other core
    (:mod:`weakties._background`: on Linux, not with ``WEAKTIES_NO_FORK`` nor in such a child;
    else both here). Should this process be interrupted, the child is killed (it must not
    outlive the run).
    """
    task = _background.start(lambda: np.asarray(part(1), dtype=float))
    try:
        mine = np.asarray(part(0), dtype=float)
    except BaseException:
        task.cancel()
        raise
    return mine + task.wait()
