"""Betweenness against exact: is the tool's top 20 the exact top 20, how far off are its scores,
and how long does each take (issue 18: k = 500 sampled sources put 5 of the exact top 20 of a
20,000-node block model in its top 20).

    python bench/betweenness.py                       # block model and power law at 20k, 50k
    python bench/betweenness.py --graphs sbm --sizes 20000
    python bench/betweenness.py --team 20x5000        # a team's star-heavy graph (workload B)
    python bench/betweenness.py --team 20x5000 --no-naive   # without igraph's minutes

For every graph: igraph's exact betweenness (slow: cached in bench/cache/ once computed, and
its time printed when it was computed in this run), the tool's :func:`betweenness` with the
default ``Params`` (exact or KADABRA, as the run would choose), and, for comparison, the old
estimate from k = 500 sampled sources. Printed per method: time, how many of its top 20 are in
the exact top 20, the median relative error of the exact top 20's scores, the largest absolute
error over all nodes (KADABRA promises at most epsilon with probability 1 - delta). Figures are
printed, never asserted; the load average is printed with them (the machine is shared).

``--team 20x5000`` compares instead, on a team's star-heavy graph like workload B (20 owners of
5,000 contacts each, drawn 30% from a shared pool and 70% from a personal circle, the owners
tied to 6-12 teammates, 5,000 ties between contacts of one owner: ~45k people, ~105k ties,
most of them known to one or two owners), the three ways to compute it: igraph's exact Brandes
on the whole graph (the naive path), exact Brandes on the graph folded by its twins
(``analysis/_brandes.py``, what the tool now does; on one core and on two) and KADABRA (what it
did before), with wall and CPU seconds and the largest difference from igraph's figures.

Graphs (seeded): ``sbm`` -- 500-node blocks, ~10 ties inside a block per person and ~0.8 to
other blocks (a stochastic block model like an organisation of teams, the graph of issue 18);
``powerlaw`` -- Holme & Kim's power-law graph with clustering, 5 ties per new node, as
workload C.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))
sys.path.insert(0, str(ROOT))

from workloads import owner_circle  # noqa: E402

from weakties.analysis._igraph import Indexed  # noqa: E402
from weakties.analysis.brokers import betweenness  # noqa: E402
from weakties.analysis.engine import normalised_betweenness  # noqa: E402
from weakties.analysis.params import DEFAULT_PARAMS  # noqa: E402

CACHE = ROOT / "cache"
TOP = 20


def block_model(n: int, seed: int = 7) -> nx.Graph:
    blocks = n // 500
    inside, outside = 0.02, 0.8 / (n - 500)
    p = [[inside if i == j else outside for j in range(blocks)] for i in range(blocks)]
    return nx.stochastic_block_model([500] * blocks, p, seed=seed, sparse=True)


def power_law(n: int, seed: int = 7) -> nx.Graph:
    return nx.powerlaw_cluster_graph(n, 5, 0.3, seed=seed)


GRAPHS = {"sbm": block_model, "powerlaw": power_law}


def team_graph(owners: int = 20, contacts: int = 5_000, seed: int = 11) -> ig.Graph:
    """A team's contact graph drawn like bench/workloads.py's B (see the module docstring)."""
    rng = random.Random(seed)
    population = 60_000
    shared = rng.sample(range(population), 6_000)
    edges: set[tuple[int, int]] = set()
    circles = []
    for k in range(owners):
        chosen = owner_circle(rng, population, shared, contacts)
        circles.append(sorted(chosen))
        edges.update((k, owners + c) for c in chosen)
        edges.update((min(k, j), max(k, j)) for j in
                     rng.sample([j for j in range(owners) if j != k], rng.randrange(6, 13)))
    for _ in range(5_000):  # people who met in the owner's group conversations
        a, b = rng.sample(circles[rng.randrange(owners)], 2)
        edges.add((owners + min(a, b), owners + max(a, b)))
    used = sorted({v for e in edges for v in e})
    index = {v: i for i, v in enumerate(used)}
    return ig.Graph(n=len(used), edges=sorted((index[a], index[b]) for a, b in edges))


def team_comparison(owners: int, contacts: int, naive: bool = True) -> None:
    """Time igraph exact (unless not ``naive``: minutes), folded exact (one and two cores) and
    KADABRA on a team graph; differences are from the first exact figures timed."""
    from weakties.analysis._brandes import fold, folded_raw, level_work
    from weakties.analysis.brokers import _kadabra, exact_raw

    g = team_graph(owners, contacts)
    n, m = g.vcount(), g.ecount()
    degree = np.asarray(g.degree())
    ends = np.asarray(g.get_edgelist(), dtype=np.int64)
    start = time.perf_counter()
    f = fold(n, ends[:, 0], ends[:, 1])
    folding = time.perf_counter() - start
    print(f"team {owners}x{contacts}: {n} people, {m} ties, {(degree == 1).sum()} of them "
          f"known to one person only; folded by twins into {f.q} classes, {f.ties} ties "
          f"({folding:.2f} s): people x ties {n * m:.2g} -> {f.q * f.ties:.2g}, "
          f"level work {level_work(f):.2g}")
    print(f"{'method':<22} {'wall s':>7} {'cpu s':>7} {'max abs diff from exact':>25}  load")
    rows = []

    def timed(name, compute):
        wall, cpu = time.perf_counter(), time.process_time()
        values = compute()
        rows.append((name, time.perf_counter() - wall, time.process_time() - cpu, values))

    scale = 2.0 / ((n - 1) * (n - 2))
    os.environ.pop("WEAKTIES_NO_FORK", None)
    if naive:
        timed("igraph exact, 2 cores", lambda: exact_raw(g, parallel=True) * scale)
    timed("folded exact, 1 core", lambda: folded_raw(fold(n, ends[:, 0], ends[:, 1])) * scale)
    timed("folded exact, 2 cores",
          lambda: folded_raw(fold(n, ends[:, 0], ends[:, 1]), parallel=True) * scale)
    timed("KADABRA (1 thread)", lambda: _kadabra(g, DEFAULT_PARAMS)[0])
    exact = rows[0][3]
    for name, wall, cpu, values in rows:
        print(f"{name:<22} {wall:>7.1f} {cpu:>7.1f} {np.abs(values - exact).max():>25.2g}  "
              f"{os.getloadavg()[0]:.1f}")
    print("(cpu: this process only -- a forked child's core is not counted)")


def exact_of(name: str, g: ig.Graph) -> tuple[np.ndarray, float | None]:
    """Exact normalised betweenness, from the cache when computed before (time None)."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"betweenness_{name}_{g.vcount()}_{g.ecount()}.npy"
    if path.exists():
        return np.load(path), None
    start = time.perf_counter()
    raw = np.asarray(g.betweenness(directed=False), dtype=float)
    seconds = time.perf_counter() - start
    values = normalised_betweenness(raw, g.vcount(), None)
    np.save(path, values)
    return values, seconds


def sampled(g: ig.Graph, k: int = 500, seed: int = 0) -> np.ndarray:
    """The estimate weakties used before: k sources, Brandes & Pich (2007)."""
    sources = random.Random(seed).sample(range(g.vcount()), k)
    raw = 2 * np.asarray(g.betweenness(directed=False, sources=sources), dtype=float)
    return normalised_betweenness(raw, g.vcount(), sources)


def compare(exact: np.ndarray, estimate: np.ndarray) -> tuple[int, float, float]:
    top = np.argsort(-exact, kind="stable")[:TOP]
    mine = np.argsort(-estimate, kind="stable")[:TOP]
    overlap = len(set(top.tolist()) & set(mine.tolist()))
    relative = statistics.median(abs(estimate[i] - exact[i]) / exact[i] for i in top)
    return overlap, relative, float(np.abs(estimate - exact).max())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--graphs", default="sbm,powerlaw")
    parser.add_argument("--sizes", default="20000,50000")
    parser.add_argument("--no-sampled", action="store_true", help="skip the old k=500 estimate")
    parser.add_argument("--team", metavar="OWNERSxCONTACTS",
                        help="compare exact, folded exact and KADABRA on a team graph")
    parser.add_argument("--no-naive", action="store_true",
                        help="with --team: skip igraph's exact betweenness of the whole graph")
    args = parser.parse_args()
    if args.team:
        owners, contacts = map(int, args.team.split("x"))
        team_comparison(owners, contacts, naive=not args.no_naive)
        return
    print(f"{'graph':>9} {'people':>7} {'ties':>7}  {'method':<8} {'seconds':>8} "
          f"{'top 20 in exact top 20':>22} {'median rel. err (top 20)':>24} "
          f"{'max abs err':>11}  load")
    for name in args.graphs.split(","):
        for n in map(int, args.sizes.split(",")):
            G = GRAPHS[name](n)
            g = ig.Graph(n=n, edges=list(G.edges()))
            m = g.ecount()
            exact, seconds = exact_of(name, g)
            load = os.getloadavg()[0]
            shown = "cached" if seconds is None else f"{seconds:.1f}"
            print(f"{name:>9} {n:>7} {m:>7}  {'exact':<8} {shown:>8} {TOP:>22} {0:>24.1%} "
                  f"{0:>11.2g}  {load:.1f}")
            ix = Indexed(g, [str(i) for i in range(n)], {str(i): i for i in range(n)})
            start = time.perf_counter()
            values, info = betweenness(ix, DEFAULT_PARAMS)
            seconds = time.perf_counter() - start
            overlap, relative, worst = compare(exact, values.to_numpy())
            print(f"{name:>9} {n:>7} {m:>7}  {info['method']:<8} {seconds:>8.1f} {overlap:>22} "
                  f"{relative:>24.1%} {worst:>11.2g}  {os.getloadavg()[0]:.1f}"
                  f"   ({info['guarantee']}; {info['samples']} paths)")
            if not args.no_sampled:
                start = time.perf_counter()
                estimate = sampled(g)
                seconds = time.perf_counter() - start
                overlap, relative, worst = compare(exact, estimate)
                print(f"{name:>9} {n:>7} {m:>7}  {'k=500':<8} {seconds:>8.1f} {overlap:>22} "
                      f"{relative:>24.1%} {worst:>11.2g}  {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
