"""Known answers on graphs of other shapes than karate, Florentine and Les Misérables (issue 18).

Each graph goes the way a user's file would: written as an edge list, read by
``weakties.load``, analysed by ``run``. Every expected figure is computed here by networkx on the
graph that was written, never captured from weakties:

- a **weighted bipartite projection**: Davis' southern women tied by the events they shared
  (Davis, Gardner & Gardner 1941), weight = number of shared events;
- **many components and isolates**: small cycles, paths, stars, cliques and a barbell side by
  side, plus people with no tie, written as self-loops (``x x``: the only way an edge list names
  a person without a tie; the loop itself is dropped and counted);
- **hub-heavy degrees**: a Barabási–Albert graph (a few people know most of the others), with
  ``--owner`` naming its biggest hub, whose second-degree contacts are checked too.
"""

from __future__ import annotations

import math

import networkx as nx
import pytest
from networkx.algorithms import bipartite

import weakties
from weakties.analysis import run


def projection() -> nx.Graph:
    B = nx.davis_southern_women_graph()
    women = [n for n, d in B.nodes(data=True) if d["bipartite"] == 0]
    return bipartite.weighted_projected_graph(B, women)


def components_and_isolates() -> nx.Graph:
    parts = [nx.cycle_graph(5), nx.path_graph(4), nx.star_graph(3), nx.complete_graph(4),
             nx.barbell_graph(3, 1), nx.path_graph(2)]
    G = nx.disjoint_union_all(parts)
    G.add_nodes_from(range(100, 106))  # six people without a tie
    return nx.relabel_nodes(G, lambda n: f"p{n}")


def hubs() -> nx.Graph:
    return nx.relabel_nodes(nx.barabasi_albert_graph(200, 2, seed=11), lambda n: f"n{n}")


def write(G: nx.Graph, path, *, weighted: bool = False) -> None:
    """``G`` as an edge-list file: Gephi's header with weights, else ``u v`` lines; a person
    without a tie as a self-loop line."""
    lines = ["Source,Target,Weight"] if weighted else []
    for u, v, w in G.edges(data="weight"):
        lines.append(f"{u},{v},{w}" if weighted else f"{u} {v}")
    lines += [f"{n} {n}" for n in nx.isolates(G)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def key(u: str, v: str) -> frozenset:
    return frozenset((u, v))


def check_against_networkx(G: nx.Graph, r) -> None:
    """Degree, betweenness, Burt's measures, mutual contacts, overlap, bridges, local bridges
    and their span: each from networkx on the graph that was written."""
    people = r.people
    assert set(people.index) == set(G)
    exact = nx.betweenness_centrality(G)
    assert r.figures["betweenness"]["method"] == "exact"
    for n in G:
        assert people.at[n, "betweenness"] == pytest.approx(exact[n], abs=1e-12), n
    constraint = nx.constraint(G)
    effective = nx.effective_size(G)
    for n in G:
        if G.degree(n) == 0:  # no ties: no structural holes to measure
            assert math.isnan(people.at[n, "constraint"])
            assert math.isnan(people.at[n, "effective_size"])
        else:
            assert people.at[n, "constraint"] == pytest.approx(constraint[n], abs=1e-12), n
            assert people.at[n, "effective_size"] == pytest.approx(effective[n], abs=1e-12), n
    ties = {key(s, t): row for s, t, row in zip(r.ties["source"], r.ties["target"],
                                                r.ties.to_dict("records"), strict=True)}
    assert set(ties) == {key(u, v) for u, v in G.edges()}
    bridges = {key(u, v) for u, v in nx.bridges(G)}
    spans = {key(u, v): s for u, v, s in nx.local_bridges(G, with_span=True)}
    for (u, v) in G.edges():
        row = ties[key(u, v)]
        common = len(list(nx.common_neighbors(G, u, v)))
        assert row["mutual_contacts"] == common
        rest = (G.degree(u) - 1) + (G.degree(v) - 1) - common
        if rest > 0:
            assert row["overlap"] == pytest.approx(common / rest)
        else:  # a tie between two people with no other contact: overlap undefined
            assert row["overlap"] is None or math.isnan(row["overlap"])
        assert bool(row["bridge"]) == (key(u, v) in bridges)
        assert bool(row["local_bridge"]) == (key(u, v) in spans)
        if key(u, v) in spans and key(u, v) not in bridges:
            assert row["span"] == spans[key(u, v)]


def test_weighted_projection_of_the_southern_women(tmp_path):
    P = projection()
    path = tmp_path / "women.csv"
    write(P, path, weighted=True)
    G, report = weakties.load(path)
    assert (G.number_of_nodes(), G.number_of_edges()) == (18, 139)  # Davis: 18 women
    r = run(G)
    check_against_networkx(P, r)
    # The weights are the shared events, as written; the heaviest tie (Evelyn and Theresa,
    # 7 events together) is the largest weight in the file.
    weights = {key(u, v): w for u, v, w in G.edges(data="weight")}
    assert weights == {key(u, v): w for u, v, w in P.edges(data="weight")}
    assert max(weights, key=weights.get) == key("Evelyn Jefferson", "Theresa Anderson")


def test_many_components_and_isolates(tmp_path):
    C = components_and_isolates()
    path = tmp_path / "parts.txt"
    write(C, path)
    G, report = weakties.load(path)
    # Six isolates written as self-loops: the people are kept, the loops dropped and counted.
    assert report.dropped["evidence linking a person to themselves"] == 6
    assert sorted(nx.isolates(G)) == sorted(nx.isolates(C))
    assert nx.number_connected_components(G) == nx.number_connected_components(C) == 12
    r = run(G)
    check_against_networkx(C, r)


def test_hub_heavy_degrees_and_the_hubs_second_degree(tmp_path):
    H = hubs()
    hub = max(H, key=H.degree)
    path = tmp_path / "hubs.txt"
    write(H, path)
    G, _ = weakties.load(path, owner=hub)
    assert G.graph["owners"] == [hub]
    assert dict(G.degree()) == dict(H.degree())
    r = run(G)
    check_against_networkx(H, r)
    # Second degree: exactly the people two steps from the hub, each with as many
    # introducers as they share contacts with the hub.
    distance = nx.single_source_shortest_path_length(H, hub, cutoff=2)
    second = r.second_degree.set_index("person")
    assert set(second.index) == {n for n, d in distance.items() if d == 2}
    for person, row in second.iterrows():
        assert row["introducers"] == len(list(nx.common_neighbors(H, hub, person)))
