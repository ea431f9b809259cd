from __future__ import annotations

import math

import networkx as nx
import pytest
from test_analysis_helpers import edge_list, two_cliques

from weakties.analysis._igraph import to_igraph
from weakties.analysis.brokers import betweenness, bridges, local_bridges, structural_holes
from weakties.analysis.params import Params


@pytest.fixture(scope="module")
def karate() -> nx.Graph:
    return edge_list(nx.karate_club_graph())


@pytest.fixture(scope="module")
def florentine() -> nx.Graph:
    return edge_list(nx.florentine_families_graph())


def test_karate_only_bridge(karate):
    # Member 11 is tied to Mr. Hi (0) alone: the only tie whose removal cuts someone off.
    assert bridges(karate) == {("0", "11")}


def test_karate_local_bridges_with_span_3(karate):
    # Known answers (docs/concepts.md §13): these ties close no triangle, and without them the
    # endpoints are three steps apart.
    spans = local_bridges(karate)
    for pair in [("0", "31"), ("2", "9"), ("33", "9"), ("23", "25")]:
        assert spans[pair] == 3
    # The bridge (0, 11) is a local bridge of infinite span.
    assert spans[("0", "11")] == math.inf


def test_local_bridges_agree_with_networkx(karate):
    # An independent implementation: nx.local_bridges searches a weighted shortest path per
    # tie; ours a bidirectional BFS. Same ties, same spans.
    theirs = {tuple(sorted((u, v))): s for u, v, s in nx.local_bridges(karate, with_span=True)}
    assert local_bridges(karate) == theirs


def test_cycle_spans_go_the_long_way_round():
    # In a 5-cycle no tie closes a triangle; removing one leaves a path of 4 between its ends.
    spans = local_bridges(edge_list(nx.cycle_graph(5)))
    assert len(spans) == 5 and set(spans.values()) == {4}


def test_two_cliques_the_joining_tie_is_the_bridge():
    # a1-b1 is the only tie between the cliques: a bridge, a local bridge of infinite span.
    G = two_cliques()
    assert bridges(G) == {("a1", "b1")}
    assert local_bridges(G) == {("a1", "b1"): math.inf}


def test_span_budget_prefers_the_owners_ties():
    # A 5-cycle has five local bridges of span 4; with a budget of two, the two ties of the
    # preferred node "0" are measured and the rest left unmeasured (None).
    spans = local_bridges(edge_list(nx.cycle_graph(5)), max_spans=2, prefer=["0"])
    assert spans == {("0", "1"): 4, ("0", "4"): 4, ("1", "2"): None, ("2", "3"): None,
                     ("3", "4"): None}


def test_two_cliques_betweenness_by_hand():
    # Every path from {a2, a3, a4} to {b1, ..., b4} runs through a1: 3 x 4 = 12 of the
    # C(7, 2) = 21 pairs of other nodes, so a1 scores 12/21; a2 lies on no shortest path.
    b, info = betweenness(to_igraph(two_cliques()))
    assert b["a1"] == pytest.approx(12 / 21) and b["b1"] == pytest.approx(12 / 21)
    assert b["a2"] == 0
    assert info["method"] == "exact"


def test_karate_top_betweenness(karate):
    # Mr. Hi (0) and the officer (33) are the two brokers of the club.
    b, _ = betweenness(to_igraph(karate))
    assert set(b.sort_values(ascending=False).index[:2]) == {"0", "33"}


def test_florentine_medici(florentine):
    # Padgett & Ansell: the Medici brokered between families that were not tied to each other.
    b, _ = betweenness(to_igraph(florentine))
    assert b.idxmax() == "Medici"
    assert b["Medici"] == pytest.approx(0.522, abs=5e-4)
    holes = structural_holes(to_igraph(florentine))
    assert holes["constraint"].idxmin() == "Medici"


def test_florentine_bridges(florentine):
    expected = {("Acciaiuoli", "Medici"), ("Medici", "Salviati"), ("Albizzi", "Ginori"),
                ("Pazzi", "Salviati"), ("Guadagni", "Lamberteschi")}
    assert bridges(florentine) == expected


def test_burt_measures_agree_with_networkx(florentine):
    # networkx's constraint and effective size (per-node loops) are the reference.
    holes = structural_holes(to_igraph(florentine))
    for family, c in nx.constraint(florentine).items():
        assert holes.at[family, "constraint"] == pytest.approx(c)
    for family, e in nx.effective_size(florentine).items():
        assert holes.at[family, "effective_size"] == pytest.approx(e)


def test_star_hub_structural_holes_by_hand():
    # A hub with 4 unconnected contacts: each takes 1/4 of its ties, constraint 4 x (1/4)^2
    # = 0.25; no redundancy, effective size 4, efficiency 1.
    G = edge_list(nx.star_graph(4))
    holes = structural_holes(to_igraph(G))
    assert holes.at["0", "constraint"] == pytest.approx(0.25)
    assert holes.at["0", "effective_size"] == 4 and holes.at["0", "efficiency"] == 1
    # Tie two contacts together: t = 1 tie among the hub's 4 contacts, so the effective size
    # is 4 - 2 * 1 / 4 = 3.5 (Borgatti 1997).
    G.add_edge("1", "2")
    assert structural_holes(to_igraph(G), ["0"]).at["0", "effective_size"] == 3.5


def test_isolated_node_has_no_structural_holes():
    G = edge_list(nx.path_graph(2))
    G.add_node("lonely")
    holes = structural_holes(to_igraph(G))
    assert holes.loc["lonely"].isna().all()


#: Forced to the estimator: no graph is small enough for exact betweenness.
ESTIMATE = Params(exact_betweenness_max_nodes=0, exact_betweenness_max_work=0)


@pytest.mark.parametrize("make", [nx.karate_club_graph, nx.les_miserables_graph,
                                  nx.florentine_families_graph,
                                  lambda: nx.barbell_graph(8, 3)])
def test_estimate_is_within_epsilon_of_networkx_exact(make):
    # KADABRA promises |estimate - exact| <= epsilon for every node with probability >= 1 -
    # delta; with the seed fixed the draw is fixed, and this one must keep the promise.
    G = edge_list(make())
    b, info = betweenness(to_igraph(G), ESTIMATE)
    assert info["method"] == "KADABRA" and info["engine"] == "networkit"
    assert (info["epsilon"], info["delta"]) == (0.01, 0.1) and info["samples"] > 0
    assert info["guarantee"] == ("every score within ±0.01 of the exact one with probability "
                                 "≥ 0.9")
    exact = nx.betweenness_centrality(G)
    assert max(abs(b[n] - exact[n]) for n in G) <= 0.01
    # So the estimate's top broker is at most 2 epsilon below the exact one (on the barbell
    # the middle of the handle and its neighbours are that close).
    assert exact[b.idxmax()] >= max(exact.values()) - 2 * 0.01


def test_estimate_is_seeded():
    G = edge_list(nx.les_miserables_graph())
    first, _ = betweenness(to_igraph(G), ESTIMATE)
    again, _ = betweenness(to_igraph(G), ESTIMATE)
    other, _ = betweenness(to_igraph(G), Params(exact_betweenness_max_nodes=0,
                                                exact_betweenness_max_work=0, seed=5))
    assert first.equals(again) and not first.equals(other)


def test_a_smaller_epsilon_is_closer():
    G = edge_list(nx.karate_club_graph())
    exact = nx.betweenness_centrality(G)
    b, info = betweenness(to_igraph(G), Params(exact_betweenness_max_nodes=0,
                                               exact_betweenness_max_work=0,
                                               betweenness_epsilon=0.005))
    assert info["epsilon"] == 0.005 and max(abs(b[n] - exact[n]) for n in G) <= 0.005


def test_exact_while_it_fits_the_work_budget(karate):
    # karate: 34 people x 78 ties = 2,652 units of Brandes' O(nm) work; folded by its twins
    # (14, 15, 18, 20, 22 all know exactly 32 and 33; 17 and 21 exactly 0 and 1) 29 x 68 = 1,972.
    for params, method, engine in (
            (Params(exact_betweenness_max_nodes=10), "exact", "igraph"),
            (Params(exact_betweenness_max_nodes=10, exact_betweenness_max_work=2_652), "exact",
             "igraph"),
            (Params(exact_betweenness_max_nodes=10, exact_betweenness_max_work=2_651), "exact",
             "numpy"),
            (Params(exact_betweenness_max_nodes=10, exact_betweenness_max_work=1_972), "exact",
             "numpy"),
            (Params(exact_betweenness_max_nodes=10, exact_betweenness_max_work=1_971), "KADABRA",
             "networkit")):
        b, info = betweenness(to_igraph(karate), params)
        assert (info["method"], info["engine"]) == (method, engine)
        assert info.get("folded") == (5 if engine == "numpy" else None)
        if method == "exact":
            assert info["guarantee"] == "exact"
            reference = nx.betweenness_centrality(karate)
            assert max(abs(b[n] - reference[n]) for n in karate) < 1e-12


def test_constraint_from_triangles_equals_igraphs_two_step_paths():
    # constraint_of sums 1/k_q over each tie's common neighbours; igraph follows every two-step
    # path. Karate, a random graph with isolated people, and two hubs with 300 contacts each
    # (a team's owners), half of them shared and some tied to each other.
    import random

    import igraph as ig
    import numpy as np

    from weakties.analysis.brokers import constraint_of

    rng = random.Random(7)
    hubs = [(h, c) for h in (0, 1) for c in range(2, 602) if (c < 302) == (h == 0) or c % 2]
    hubs += [(rng.randrange(2, 602), rng.randrange(2, 602)) for _ in range(900)]
    hub_graph = ig.Graph(n=602, edges=hubs).simplify()
    # Group conversations: an owner tied to everyone, cliques of 40 and 7 members sharing two
    # people (triangles with sides in either vertex order), a pendant and an isolated vertex.
    groups = [list(range(1, 41)), list(range(39, 46))]
    conversations = [(0, m) for m in range(1, 47)] + [
        (a, b) for members in groups for i, a in enumerate(members) for b in members[i + 1:]]
    groups_graph = ig.Graph(n=48, edges=conversations).simplify()
    for g in (ig.Graph.Famous("Zachary"), ig.Graph.Erdos_Renyi(400, 0.005, loops=False),
              hub_graph, groups_graph, ig.Graph(n=3, edges=[(2, 0)]), ig.Graph()):
        expected = np.asarray(g.constraint(), dtype=float)
        ours = constraint_of(g)
        isolated = np.asarray(g.degree()) == 0
        assert np.allclose(ours[~isolated], expected[~isolated], rtol=1e-12, atol=0)
        assert (ours[isolated] == 0).all()
        # some vertices only (an ego network's owner; in any order, isolated ones too), and
        # with the triangles listed beforehand: the same figures to the bit
        triangles = np.array(g.list_triangles(), dtype=np.int64).reshape(-1, 3)
        for vertices in ([0], [g.vcount() - 1, 0, 2], list(range(0, g.vcount(), 3))):
            vertices = [v for v in vertices if 0 <= v < g.vcount()]
            some = constraint_of(g, vertices)
            assert some.tolist() == ours[vertices].tolist()
            assert constraint_of(g, vertices, triangles).tolist() == some.tolist()
        assert constraint_of(g, None, triangles).tolist() == ours.tolist()


@pytest.mark.parametrize("no_fork", ["", "1"])
def test_exact_on_two_cores_equals_igraph_on_one(monkeypatch, no_fork):
    # The even sources here, the odd ones in a forked child: their sums add up to the exact
    # figures (and without fork, the plain call).
    import igraph as ig
    import numpy as np

    from weakties.analysis.brokers import exact_raw

    monkeypatch.setenv("WEAKTIES_NO_FORK", no_fork)
    sparse = nx.gnm_random_graph(300, 900, seed=3)
    for g in (ig.Graph.Famous("Zachary"), ig.Graph(n=300, edges=list(sparse.edges()))):
        expected = np.asarray(g.betweenness(directed=False), dtype=float)
        assert np.allclose(exact_raw(g, parallel=True), expected, rtol=1e-12, atol=1e-9)
