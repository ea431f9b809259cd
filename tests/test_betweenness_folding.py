"""Exact betweenness on the graph folded by its twins (leaves of one person, contacts shared by
the same people) against networkx's plain Brandes: folding must change no figure."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pytest
from test_analysis_helpers import edge_list

import weakties.analysis._brandes as brandes
from weakties.analysis import brokers
from weakties.analysis._igraph import to_igraph
from weakties.analysis.brokers import betweenness
from weakties.analysis.engine import normalised_betweenness
from weakties.analysis.params import Params


def folded_betweenness(G: nx.Graph, parallel: bool = False) -> dict:
    """Normalised betweenness of ``G`` (labels made strings) through fold + folded_raw."""
    ix = to_igraph(nx.relabel_nodes(G, str))
    n = ix.g.vcount()
    ends = np.asarray(ix.g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    raw = brandes.folded_raw(brandes.fold(n, ends[:, 0], ends[:, 1]), parallel=parallel)
    values = normalised_betweenness(raw, n, None)
    return {node: values[i] for node, i in ix.index.items()}


def assert_like_networkx(G: nx.Graph, got: dict) -> None:
    G = nx.relabel_nodes(G, str)
    expected = nx.betweenness_centrality(G)
    assert set(got) == set(expected)
    worst = max((abs(got[v] - expected[v]) for v in G), default=0.0)
    assert worst <= 1e-9, worst


def with_leaves(seed: int, people: int = 60, ties: int = 100, leaves: int = 150) -> nx.Graph:
    """A random core with pendant leaves hung on a few of its people (most on the first
    three, like owners), an isolated tie, an isolated person and a two-tie path."""
    rng = random.Random(seed)
    G = nx.gnm_random_graph(people, ties, seed=seed)
    for i in range(leaves):
        G.add_edge(f"leaf{i}", rng.choice([0, 1, 2, rng.randrange(people)]))
    G.add_edge("lone-a", "lone-b")
    G.add_node("alone")
    G.add_edges_from([("p0", "p1"), ("p1", "p2")])
    return G


def owners_with_shared_contacts(seed: int, owners: int = 5, contacts: int = 40) -> nx.Graph:
    """Workload B in small: owners tied to each other, each contact known to 1-3 owners
    (many share the same owners: twins), a few contacts tied to each other."""
    rng = random.Random(seed)
    G = nx.Graph()
    for i in range(owners):
        for j in range(i + 1, owners):
            if rng.random() < 0.6:
                G.add_edge(f"o{i}", f"o{j}")
    for c in range(owners * contacts):
        for o in rng.sample(range(owners), rng.choice([1, 1, 1, 2, 2, 3])):
            G.add_edge(f"o{o}", f"c{c}")
    for _ in range(contacts // 4):
        a, b = rng.sample(range(owners * contacts), 2)
        G.add_edge(f"c{a}", f"c{b}")
    return G


def double_star(a: int, b: int) -> nx.Graph:
    G = nx.Graph([("hub-a", "hub-b")])
    G.add_edges_from(("hub-a", f"a{i}") for i in range(a))
    G.add_edges_from(("hub-b", f"b{i}") for i in range(b))
    return G


FIXED = {
    "star": lambda: nx.star_graph(9),
    "double star": lambda: double_star(6, 4),
    "path (leaves at both ends)": lambda: nx.path_graph(9),
    "single tie": lambda: nx.path_graph(2),
    "isolated ties and people": lambda: nx.Graph([(0, 1), (2, 3), (4, 5), (5, 6)]),
    "complete bipartite (twins on both sides)": lambda: nx.complete_bipartite_graph(3, 6),
    "karate": nx.karate_club_graph,
    "les miserables": nx.les_miserables_graph,
    "barbell": lambda: nx.barbell_graph(5, 3),
    "stars and a triangle": lambda: nx.union_all([nx.star_graph(5), nx.star_graph(3),
                                                  nx.cycle_graph(3)], rename=("s", "t", "c")),
}


@pytest.mark.parametrize("name", sorted(FIXED))
def test_folded_equals_networkx_on_known_graphs(name):
    G = FIXED[name]()
    G.add_node("isolate")
    assert_like_networkx(G, folded_betweenness(G))


@pytest.mark.parametrize("seed", range(5))
def test_folded_equals_networkx_on_seeded_graphs(seed):
    for G in (with_leaves(seed), owners_with_shared_contacts(seed),
              nx.random_labeled_tree(60, seed=seed)):
        assert_like_networkx(G, folded_betweenness(G))


def test_folding_merges_leaves_and_shared_contacts():
    # Hand count: hub-a's 6 leaves are one class, hub-b's 4 another; the hubs stay alone.
    G = double_star(6, 4)
    ix = to_igraph(G)
    ends = np.asarray(ix.g.get_edgelist()).reshape(-1, 2)
    f = brandes.fold(ix.g.vcount(), ends[:, 0], ends[:, 1])
    assert (f.q, f.ties, f.folded) == (4, 3, 8)
    assert sorted(f.count.tolist()) == [1, 1, 4, 6]
    # the closed form: hub-a lies on the 15 pairs of its leaves, the 6 x 5 pairs of a leaf and
    # someone across, nothing else -- networkx's raw figure is the same 45
    raw = brandes.folded_raw(f)
    assert raw[ix.index["hub-a"]] == pytest.approx(15 + 6 * 5)
    assert raw[ix.index["a0"]] == 0


@pytest.mark.parametrize("seed", range(3))
def test_small_batches_and_many_components(monkeypatch, seed):
    # Tiny batches and arrays: a component split over batches, small components packed together
    monkeypatch.setattr(brandes, "BATCH", 3)
    monkeypatch.setattr(brandes, "_CELLS", 40)
    G = nx.union_all([with_leaves(seed), nx.path_graph(7), nx.star_graph(4), nx.cycle_graph(5),
                      owners_with_shared_contacts(seed, owners=3, contacts=5)],
                     rename=("w", "p", "s", "c", "o"))
    assert_like_networkx(G, folded_betweenness(G))


@pytest.mark.parametrize("no_fork", ["", "1"])
def test_folded_on_two_cores_equals_one(monkeypatch, no_fork):
    monkeypatch.setenv("WEAKTIES_NO_FORK", no_fork)
    G = owners_with_shared_contacts(7)
    one, two = folded_betweenness(G), folded_betweenness(G, parallel=True)
    assert max(abs(one[v] - two[v]) for v in G) <= 1e-12
    assert_like_networkx(G, two)


def test_hashed_twins_equal_exact_grouping(monkeypatch):
    # The hash only proposes classes; they are checked, and on a collision built from the
    # neighbour sets themselves. Both ways give the same classes.
    for G in (with_leaves(1), owners_with_shared_contacts(2), nx.karate_club_graph()):
        ix = to_igraph(nx.relabel_nodes(G, str))
        n = ix.g.vcount()
        ends = np.asarray(ix.g.get_edgelist()).reshape(-1, 2)
        hashed = brandes.fold(n, ends[:, 0], ends[:, 1])
        adj = [sorted(a) for a in ix.g.get_adjlist()]
        # twins by definition: same class exactly when same neighbours
        first = {}
        for v, a in enumerate(adj):
            assert first.setdefault(tuple(a), hashed.label[v]) == hashed.label[v]
        assert len(first) == hashed.q
        # a forced collision: every vertex hashed alike, the check fails, the exact way runs
        monkeypatch.setattr(np.random, "default_rng", lambda seed: _Zeros())
        collided = brandes.fold(n, ends[:, 0], ends[:, 1])
        monkeypatch.undo()
        assert np.array_equal(collided.label, hashed.label)
        assert np.array_equal(collided.count, hashed.count)


class _Zeros:
    def integers(self, low, high, size, dtype, endpoint):
        return np.zeros(size, dtype=dtype)


def test_no_ties_and_tiny_graphs():
    for G in (nx.empty_graph(5), nx.path_graph(2), nx.empty_graph(1), nx.empty_graph(0)):
        assert all(v == 0 for v in folded_betweenness(G).values())


def folded_budget(G: nx.Graph) -> tuple[int, int]:
    """(people x ties of G, of G folded)."""
    ix = to_igraph(G)
    ends = np.asarray(ix.g.get_edgelist()).reshape(-1, 2)
    f = brandes.fold(ix.g.vcount(), ends[:, 0], ends[:, 1])
    return ix.g.vcount() * ix.g.ecount(), f.q * f.ties


def test_over_the_budget_but_folded_under_it_is_exact():
    G = edge_list(owners_with_shared_contacts(3))
    full, folded = folded_budget(G)
    assert folded < full
    params = Params(exact_betweenness_max_nodes=0, exact_betweenness_max_work=folded)
    b, info = betweenness(to_igraph(G), params)
    assert (info["method"], info["engine"], info["guarantee"]) == ("exact", "numpy", "exact")
    # folded: everyone but one person per distinct set of contacts
    assert info["folded"] == len(G) - len({frozenset(G[v]) for v in G}) > 0
    assert_like_networkx(G, b.to_dict())
    # one unit less and even the folded graph is over: KADABRA, as before
    b, info = betweenness(to_igraph(G), Params(exact_betweenness_max_nodes=0,
                                               exact_betweenness_max_work=folded - 1))
    assert info["method"] == "KADABRA" and "folded" not in info


def test_within_the_budget_igraph_as_before():
    G = edge_list(nx.karate_club_graph())
    b, info = betweenness(to_igraph(G), Params())
    assert info["engine"] == "igraph" and "folded" not in info


def test_a_deep_folded_graph_goes_to_kadabra(monkeypatch):
    # The folded search costs a level per link of a chain: past _FOLDED_MAX_WORK, KADABRA.
    G = edge_list(nx.path_graph(40))
    G.add_edges_from(("0", f"leaf{i}") for i in range(30))
    _, folded = folded_budget(G)
    params = Params(exact_betweenness_max_nodes=0, exact_betweenness_max_work=folded)
    assert betweenness(to_igraph(G), params)[1]["method"] == "exact"
    monkeypatch.setattr(brokers, "_FOLDED_MAX_WORK", 1000)
    assert betweenness(to_igraph(G), params)[1]["method"] == "KADABRA"


def test_a_run_reports_the_folded_exact_figures():
    # Through run() and the LocalEngine: the people table carries the exact figures and the
    # summary's figures say how they were computed.
    from weakties.analysis import run

    G = edge_list(owners_with_shared_contacts(5))
    _, folded = folded_budget(G)
    r = run(G, Params(exact_betweenness_max_nodes=0, exact_betweenness_max_work=folded))
    info = r.figures["betweenness"]
    assert (info["method"], info["engine"], info["guarantee"]) == ("exact", "numpy", "exact")
    assert info["folded"] == len(G) - len({frozenset(G[v]) for v in G})
    assert_like_networkx(G, r.people["betweenness"].to_dict())


@pytest.mark.parametrize("seed", range(3))
def test_narrow_levels_give_the_same_floats_as_whole_products(monkeypatch, seed):
    # _spread multiplies a narrow level through its rows or columns of A only: every figure
    # must be the very float the whole product gives (the reports are compared byte for byte)
    G = nx.union_all([owners_with_shared_contacts(seed, owners=6, contacts=80),
                      nx.random_labeled_tree(40, seed=seed), nx.path_graph(12)],
                     rename=("o", "t", "p"))
    calls = {"part": 0}
    spread = brandes._spread

    def counted(A, degree, x, rows, wanted):
        if rows is not None or 2 * int(degree[wanted].sum()) < A.nnz:
            calls["part"] += 1
        return spread(A, degree, x, rows, wanted)

    monkeypatch.setattr(brandes, "_spread", counted)
    narrow = folded_betweenness(G)
    assert calls["part"] > 0  # the narrow paths ran

    def whole(A, degree, x, rows, wanted):
        if rows is None:
            return A @ x
        full = np.zeros((A.shape[0], x.shape[1]))
        full[rows] = x
        return A @ full

    monkeypatch.setattr(brandes, "_spread", whole)
    assert narrow == folded_betweenness(G)
    assert_like_networkx(G, narrow)


def _paths(monkeypatch, which: str) -> Params:
    """Params (and a patched threshold) that send a small graph down one betweenness path,
    split in halves: igraph's exact one, the folded one, or KADABRA's estimate (one piece)."""
    monkeypatch.setattr(brokers, "_PARALLEL_WORK", 1)  # split even a small graph in halves
    if which == "igraph":
        return Params()
    if which == "folded":
        return Params(exact_betweenness_max_nodes=10, exact_betweenness_max_work=30_000)
    return Params(exact_betweenness_max_nodes=10, exact_betweenness_max_work=1)


@pytest.mark.parametrize("which", ["igraph", "folded", "kadabra"])
@pytest.mark.parametrize("late", [False, True])
def test_betweenness_beside_the_run_is_the_same_floats(monkeypatch, which, late):
    # Computed in a forked child beside other work (both halves there, or one here when
    # waited for early): the same floats as computed in one go, and networkx's figures.
    import time

    from weakties import _background

    params = _paths(monkeypatch, which)
    G = nx.relabel_nodes(owners_with_shared_contacts(5, owners=6, contacts=60), str)
    ix = to_igraph(G)
    expected, info = betweenness(ix, params)
    task = _background.halves(lambda: brokers.betweenness_split(ix, params))
    if late:
        time.sleep(0.5)
    got, got_info = task.wait()
    assert got_info == info
    assert info["method"] == ("KADABRA" if which == "kadabra" else "exact")
    assert info["engine"] == {"igraph": "igraph", "folded": "numpy"}.get(which, "networkit")
    assert np.array_equal(got.to_numpy(), expected.to_numpy())  # to the bit
    if which != "kadabra":
        assert_like_networkx(G, got.to_dict())


@pytest.mark.parametrize("which", ["igraph", "folded"])
def test_run_computes_betweenness_beside_its_other_analyses(monkeypatch, which):
    # analysis.run forks for the betweenness above _BESIDE_WORK: same figures as networkx.
    import weakties.analysis as analysis

    params = _paths(monkeypatch, which)
    monkeypatch.setattr(analysis, "_BESIDE_WORK", 1)
    G = nx.relabel_nodes(owners_with_shared_contacts(3, owners=6, contacts=60), str)
    G.graph.update(owners=[], whole_network=True, as_of="")
    result = analysis.run(G, params)
    assert_like_networkx(G, result.people["betweenness"].to_dict())
    assert result.figures["betweenness"]["engine"] == {"igraph": "igraph",
                                                       "folded": "numpy"}[which]
