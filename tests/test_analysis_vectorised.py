"""The vectorised paths give exactly what the per-tie / per-row reference code gives.

Each array version (numpy, sparse matrices, igraph triangles) replaced a Python loop that is
kept as the reference: these tests run both on graphs chosen for their edge cases (cycles and
paths where every tie is a local bridge, bridges with infinite span, hubs, isolated people,
self-loops that send the analysis back to the loops, equal edge-list weights, re-annotation).
"""

from __future__ import annotations

import itertools
import math
import random

import networkx as nx
import pandas as pd
import pytest
from test_analysis_helpers import chat, person, tie

from weakties.analysis import annotate, brokers, evidence, run, strength
from weakties.analysis._igraph import Indexed, to_igraph
from weakties.analysis._table import edge_table
from weakties.analysis.reconnect import introductions
from weakties.analysis.second_degree import (
    find_introducers,
    introducer_pairs,
    ranked_second_degree,
    second_degree,
)


def _str(G: nx.Graph) -> nx.Graph:
    return nx.relabel_nodes(G, str)


SHAPES = {
    "cycle": _str(nx.cycle_graph(9)),
    "path": _str(nx.path_graph(6)),
    "barbell": _str(nx.barbell_graph(5, 3)),
    "grid": _str(nx.grid_2d_graph(5, 7)),
    "karate": _str(nx.karate_club_graph()),
    "sparse random": _str(nx.gnm_random_graph(300, 380, seed=2)),
    "clustered": _str(nx.powerlaw_cluster_graph(600, 2, 0.3, seed=3)),
    "two components": _str(nx.disjoint_union(nx.cycle_graph(6), nx.star_graph(4))),
}


def _two_owners() -> nx.Graph:
    """Workload B's shape: owners a and b, not tied, with 50 contacts each and ten shared
    (s0..s9); x0..x4 know a and s0..s4; a00 knows b00; p knows only a01. Owners c and d are
    tied, and so are their contacts c0 and d0. a's ties are scanned in several slices of
    :func:`brokers._scan` (65 of them)."""
    G = nx.Graph()
    G.add_edges_from(("a", f"a{i:02d}") for i in range(50))
    G.add_edges_from(("b", f"b{i:02d}") for i in range(50))
    G.add_edges_from((o, f"s{i}") for o in "ab" for i in range(10))
    G.add_edges_from((f"x{i}", y) for i in range(5) for y in ("a", f"s{i}"))
    G.add_edges_from([("a00", "b00"), ("a01", "p"), ("c", "d"), ("c", "c0"), ("d", "d0"),
                      ("c0", "d0")])
    return G


def _with_loops() -> nx.Graph:
    """Karate with self-loops: on a local bridge's end ("0"), on a bridge's end ("11"), and a
    person "loner" whose only tie is a loop; plus isolated people and a separate triangle."""
    G = SHAPES["karate"].copy()
    G.add_edges_from([("0", "0"), ("11", "11"), ("loner", "loner"), ("t1", "t2"),
                      ("t2", "t3"), ("t3", "t1")])
    G.add_nodes_from(["iso1", "iso2"])
    return G


SPAN_SHAPES = {**SHAPES, "two owners": _two_owners(), "self-loops": _with_loops(),
               "isolated people": nx.union(SHAPES["cycle"], nx.empty_graph(["i1", "i2"]))}


def _spans_by_definition(G: nx.Graph) -> dict[tuple[str, str], float]:
    """Local bridges and their spans straight from the definition, with networkx: ends with no
    common contact besides themselves; span the length of a shortest path once the tie is
    removed (inf when none). A self-loop whose person has no other tie counts (inf)."""
    out = {}
    H = G.copy()
    for u, v in G.edges():
        a, b = strength.edge_key(u, v)
        if (set(G[a]) & set(G[b])) - {a, b}:
            continue
        if a == b:
            out[(a, b)] = math.inf
            continue
        H.remove_edge(a, b)
        out[(a, b)] = (nx.shortest_path_length(H, a, b) if nx.has_path(H, a, b)
                       else math.inf)
        H.add_edge(a, b)
    return out


@pytest.mark.parametrize("name", sorted(SPAN_SHAPES))
def test_batched_spans_equal_the_definition(name):
    G = SPAN_SHAPES[name]
    table = edge_table(G)
    at, spans = brokers.local_bridge_spans(table, brokers.bridges(G))
    got = {(table.nodes[table.s[i]], table.nodes[table.t[i]]): s
           for i, s in zip(at.tolist(), spans.tolist(), strict=True)}
    assert got == _spans_by_definition(G)
    assert at.tolist() == sorted(at.tolist())


@pytest.mark.parametrize("name", sorted(SPAN_SHAPES))
def test_spans_with_lazy_hubs_equal_the_definition(monkeypatch, name):
    # every end with more than 2 ties counts as a hub (workload B's owners have 5,000), in
    # batches of 1 and 5 ties as well as all at once
    monkeypatch.setattr(brokers, "_HUB", 2)
    G = SPAN_SHAPES[name]
    table = edge_table(G)
    want = _spans_by_definition(G)
    for per_batch in (1, 5, table.n):
        monkeypatch.setattr(brokers, "_SPAN_CELLS", per_batch * table.n)
        at, spans = brokers.local_bridge_spans(table, brokers.bridges(G))
        got = {(table.nodes[table.s[i]], table.nodes[table.t[i]]): s
               for i, s in zip(at.tolist(), spans.tolist(), strict=True)}
        assert got == want


def test_spans_between_owners_by_hand():
    spans = brokers.local_bridges(_two_owners())
    assert spans[("a00", "b00")] == 4  # a00-a-s5-b-b00
    assert spans[("a", "s5")] == 3  # a-s6-b-s5: B's contact of two owners
    assert ("a", "s0") not in spans  # x0 knows both
    assert spans[("c", "d")] == 3  # owners tied: c-c0-d0-d
    assert spans[("a01", "p")] == math.inf  # also a bridge


def test_batched_spans_in_small_batches_and_with_a_sample():
    G = SHAPES["clustered"]
    table = edge_table(G)
    at = table.mutual() == 0
    us, vs = table.s[at], table.t[at]
    whole = brokers._batched_spans(table.adj, us, vs)
    for per_batch in (1, 7):
        got = brokers._batched_spans(table.adj, us, vs, cells=per_batch * table.n)
        assert list(got) == list(whole)
    spans = brokers.local_bridges(G, max_spans=50, seed=4, prefer=["0"])
    assert sum(s is not None for s in spans.values()) == 50
    assert all(s is not None for (a, b), s in spans.items() if "0" in (a, b))


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_mutual_contacts_from_triangles(name):
    G = SHAPES[name]
    table = edge_table(G)
    got = table.mutual().tolist()
    want = [strength.embeddedness(G, table.nodes[s], table.nodes[t])[0]
            for s, t in zip(table.s.tolist(), table.t.tolist(), strict=True)]
    assert got == want


def _exported(seed: int) -> nx.Graph:
    """Owner O with messages both ways, one-way, none, endorsements, invitations and old ties;
    contacts tied among themselves; a weighted edge-list tie and an unparseable date."""
    rng = random.Random(seed)
    G = nx.Graph(owners=["O"], whole_network=False, as_of="2024-06-01")
    person(G, "O", "Owner", owner=True)
    for i in range(40):
        person(G, f"c{i:02d}", f"C {i}", organisation=f"Org {i % 5}")
    for i in range(40):
        extra = {}
        if i % 4 == 0:
            extra = chat("O", f"c{i:02d}", rng.randrange(1, 9), f"2024-0{1 + i % 5}-01")
        elif i % 4 == 1:
            extra = {"messages": 3, "sent": {"O": 3}, "last_interaction": "2019-02-02"}
        elif i % 4 == 2:
            extra = {"endorsements": 2, "invited_by": "O", "last_interaction": "not a date"}
        tie(G, "O", f"c{i:02d}", connected_on=f"20{10 + i % 15}-03-01", **extra)
    for _ in range(60):
        a, b = rng.sample(range(40), 2)
        tie(G, f"c{a:02d}", f"c{b:02d}", kinds=["group"], group_conversations=1, inferred=True)
    G.add_edge("c00", "c01", kinds=["edge"], weight=3.0)
    return G


@pytest.mark.parametrize("include_star", [False, True])
def test_tie_strength_vectorised_equals_the_loop(include_star):
    G = _exported(1)
    if include_star:
        G.remove_edges_from([(u, v) for u, v in G.edges() if "O" not in (u, v)])
    owners = evidence.owners_of(G)
    level = evidence.evidence_level(G)
    pd.testing.assert_frame_equal(strength.tie_strength(G, owners, level),
                                  strength._tie_strength_loop(G, owners, level),
                                  check_exact=True)


def test_tie_strength_on_weighted_and_equal_weight_edge_lists():
    for weights in ([1.0, 1.0, 1.0], [1.0, 5.0, 0.5]):
        G = _str(nx.karate_club_graph())
        G.graph.update(owners=[], whole_network=True, as_of="")
        for i, (u, v) in enumerate(G.edges()):
            G[u][v].update(kinds=["edge"], weight=weights[i % 3])
        args = ([], evidence.WHOLE_NETWORK)
        pd.testing.assert_frame_equal(strength.tie_strength(G, *args),
                                      strength._tie_strength_loop(G, *args), check_exact=True)


def _with_selfloops(G: nx.Graph, nodes) -> nx.Graph:
    """``G`` with a self-loop on each of ``nodes`` (a contact who messaged themselves, an edge
    list's "a,a" row): the node becomes its own neighbour in the set-based definitions."""
    G = G.copy()
    for n in nodes:
        G.add_edge(n, n, kinds=["message"], messages=2, sent={n: 2},
                   last_interaction="2024-01-01")
    return G


SELF_LOOPS = {
    # a hub, a leaf (degree 1 before its loop) and two ends of one tie
    "karate": (_str(nx.karate_club_graph()), ["0", "11", "5", "6"]),
    "path": (_str(nx.path_graph(5)), ["0", "2"]),
    "owner and contacts": (_exported(1), ["O", "c00", "c01", "c07"]),
}


@pytest.mark.parametrize("name", sorted(SELF_LOOPS))
def test_self_loops_from_the_table_equal_the_per_tie_reference(name):
    base, loops = SELF_LOOPS[name]
    G = _with_selfloops(base, loops)
    G.graph.setdefault("as_of", "2024-06-01")
    table = edge_table(G)
    assert table.selfloops
    # mutual contacts: the set intersection of the two ends' neighbours, loops included (a
    # looped node is a common neighbour of its ties; a loop's ends share all neighbours)
    want = [strength.embeddedness(G, table.nodes[s], table.nodes[t])[0]
            for s, t in zip(table.s.tolist(), table.t.tolist(), strict=True)]
    assert table.mutual().tolist() == want
    assert strength.degrees(table).tolist() == [G.degree(n) for n in table.nodes]
    owners = evidence.owners_of(G)
    for level in (evidence.WHOLE_NETWORK, evidence.EGO_NETWORK, evidence.EGO_STAR):
        pd.testing.assert_frame_equal(strength.tie_strength(table, owners, level),
                                      strength._tie_strength_loop(G, owners, level),
                                      check_exact=True)


def test_self_loop_figures_by_hand():
    # Hub 0 with 11 leaves and a self-loop, and a tie 1-2. networkx counts the loop twice in
    # the degree (13, which the sweet-spot band reads); 0 is its own neighbour, so it is a
    # mutual contact of its ties, and the loop's two ends share all 12 of 0's neighbours.
    G = nx.star_graph(11)
    G = _str(G)
    G.add_edge("1", "2")
    G.add_edge("0", "0")
    G.graph.update(owners=[], whole_network=True, as_of="")
    table = edge_table(G)
    assert strength.degrees(table)[table.index["0"]] == 13
    ties = strength.tie_strength(table, [], evidence.WHOLE_NETWORK).set_index(
        ["source", "target"])
    # 0-1: common neighbours 2 and 0 itself (the loop), 1-2: 0
    assert ties.loc[("0", "1"), "mutual_contacts"] == 2
    assert ties.loc[("1", "2"), "mutual_contacts"] == 1
    assert ties.loc[("0", "0"), "mutual_contacts"] == 12  # all of 0's neighbours, 0 included


def test_a_self_loop_keeps_the_vectorised_figures_equal_to_the_loops():
    G = SHAPES["karate"].copy()
    G.graph.update(owners=[], whole_network=True, as_of="")
    G.add_edge("0", "0")
    table = edge_table(G)
    assert table.selfloops
    args = ([], evidence.WHOLE_NETWORK)
    pd.testing.assert_frame_equal(strength.tie_strength(table, *args),
                                  strength._tie_strength_loop(G, *args), check_exact=True)
    assert brokers.local_bridges(G, table=table) == _spans_by_definition(G)
    assert run(G).ties["span"].notna().any()


def test_to_igraph_keeps_networkx_edge_order():
    G = SHAPES["clustered"]
    nodes = sorted(G)[:200]
    ix = to_igraph(G, nodes, weight="weight")
    index = {n: i for i, n in enumerate(sorted(nodes))}
    want = [(index[u], index[v]) for u, v in G.edges(sorted(nodes))
            if u in index and v in index and u != v]
    assert ix.g.get_edgelist() == want
    assert edge_table(G).ig_edges == to_igraph(G).g.get_edgelist()


def _team() -> nx.Graph:
    G = _str(nx.powerlaw_cluster_graph(400, 3, 0.2, seed=9))
    G.graph.update(owners=["0", "1", "7"], whole_network=True, as_of="2024-01-01")
    for n in G:
        G.nodes[n].update(name=f"P{n}", organisation=f"Org {int(n) % 11}" if int(n) % 3 else "",
                          owner=n in ("0", "1", "7"))
    for u, v in G.edges():
        G[u][v]["kinds"] = ["connection"]
        G[u][v]["connected_on"] = f"20{10 + (int(u) + int(v)) % 14}-01-01"
    return G


@pytest.mark.parametrize("variant", ["team", "owners without second degree"])
def test_second_degree_arrays_equal_the_reference(variant):
    G = _team()
    if variant != "team":
        # owners sorted between the others: "00" has no tie (no second-degree people at
        # all), "05" knows only owner "0" (its every second-degree contact is introduced by
        # an owner) and works at "ORG 1", the org_key of "Org 1"
        G.add_node("00", name="P00", organisation="", owner=True)
        G.add_edge("05", "0", kinds=["connection"], connected_on="2020-01-01")
        G.nodes["05"].update(name="P05", organisation="ORG 1", owner=True)
        G.graph["owners"] = ["0", "00", "05", "1", "7"]
    result = run(G)
    owners = evidence.owners_of(G)
    attrs = __import__("weakties.analysis.clusters", fromlist=["x"]).people_attributes(G)
    labels = dict(zip(result.clusters["cluster"], result.clusters["label"], strict=True))
    strengths = dict(zip(zip(result.ties["source"], result.ties["target"], strict=True),
                         result.ties["strength"], strict=True))
    introducers = {o: find_introducers(G, o, owners) for o in owners}
    want = second_degree(G, owners, attrs, result.people["cluster"], labels, strengths,
                         introducers)
    table = edge_table(G)
    pairs = {o: introducer_pairs(table, o, owners) for o in owners}
    got = ranked_second_degree(table, owners, attrs, result.people["cluster"], labels,
                               result.ties["strength"].to_numpy(), pairs)
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    # run() adds the owner's name next to the owner's id (the id is a URL in real exports).
    pd.testing.assert_frame_equal(result.second_degree.drop(columns="owner_name"), want,
                                  check_exact=True)
    assert (result.second_degree["owner_name"]
            == result.second_degree["owner"].map(lambda o: G.nodes[o]["name"])).all()
    for o in owners:
        c, x = pairs[o]
        by_person: dict[str, list[str]] = {}
        for a, b in zip(c.tolist(), x.tolist(), strict=True):
            by_person.setdefault(table.nodes[b], []).append(table.nodes[a])
        assert by_person == introducers[o]


def test_reconnect_with_novel_counts_equals_the_introducers_path():
    G = _team()
    result = run(G)
    owners = evidence.owners_of(G)
    from weakties.analysis import clusters, reconnect

    attrs = clusters.people_attributes(G)
    labels = dict(zip(result.clusters["cluster"], result.clusters["label"], strict=True))
    introducers = {o: find_introducers(G, o, owners) for o in owners}
    want = reconnect.reconnect(G, owners, attrs, result.people["cluster"], labels, result.ties,
                               result.second_degree.drop(columns="owner_name"), introducers)
    pd.testing.assert_frame_equal(result.reconnect.drop(columns="owner_name"), want,
                                  check_exact=True)
    assert (want["bridges_to"].str.contains("could introduce")).any()


def _reconnect_by_the_definition(G, owners, attrs, membership, labels, ties, second,
                                 introducers) -> pd.DataFrame:
    """reconnect.csv row by row, as the module docstring defines it (the reference)."""
    import math

    strength = {(a, b): (s, c, sw, m) for a, b, s, c, sw, m in zip(
        ties["source"], ties["target"], ties["strength"], ties["tie_class"],
        ties["sweet_spot"], ties["mutual_contacts"], strict=True)}
    rows = []
    for owner in sorted(owners):
        contacts = list(G[owner])
        clusters = [int(membership[x]) for x in contacts]
        orgs = [attrs.at[x, "org_key"] for x in contacts]
        via: dict = {}
        for who in second.loc[(second["owner"] == owner) & second["novel"], "person"]:
            for c in introducers[owner][who]:
                via[c] = via.get(c, 0) + 1
        found = []
        for x in contacts:
            s, cls, sw, m = strength[tuple(sorted((owner, x)))]
            if cls != "dormant":
                continue
            k, org = int(membership[x]), attrs.at[x, "org_key"]
            score, why = 0.0, []
            if k >= 0 and clusters.count(k) == 1:
                score += 2
                why.append(f"your only tie into cluster {k} ({labels[k]})")
            if org and orgs.count(org) == 1:
                score += 1
                why.append(f"your only contact at {attrs.at[x, 'organisation']}")
            if pd.notna(sw) and bool(sw):
                score += 1
                why.append(f"moderately weak tie ({m} mutual contacts)")
            if via.get(x):
                score += math.log2(1 + via[x])
                why.append(f"could introduce {via[x]} people in circles you don't reach")
            d = G[owner][x]
            found.append({"owner": owner, "person": x, "name": attrs.at[x, "name"],
                          "organisation": attrs.at[x, "organisation"], "cluster": k,
                          "last_interaction": d.get("last_interaction", ""),
                          "connected_on": d.get("connected_on", ""),
                          "bridges_to": "; ".join(why), "score": score, "strength": s})
        found.sort(key=lambda r: (-r["score"], -r["strength"], r["person"]))
        rows += [{**r, "rank": i} for i, r in enumerate(found, start=1)]
    frame = pd.DataFrame(rows).drop(columns="strength")
    return frame.astype({"cluster": "int64", "score": float, "rank": "int64"})


@pytest.mark.parametrize("orgs", [11, 40])
def test_reconnect_on_arrays_equals_the_definition(orgs):
    # Every dormant tie, its score and reasons (only tie into a cluster, only contact at an
    # organisation, sweet spot, novel people it could introduce), ranked: row by row.
    G = _team()
    for n in G:
        if int(n) % 3:
            G.nodes[n]["organisation"] = f"Org {int(n) % orgs}"
    result = run(G)
    owners = evidence.owners_of(G)
    from weakties.analysis import clusters

    attrs = clusters.people_attributes(G)
    labels = dict(zip(result.clusters["cluster"], result.clusters["label"], strict=True))
    introducers = {o: find_introducers(G, o, owners) for o in owners}
    want = _reconnect_by_the_definition(G, owners, attrs, result.people["cluster"], labels,
                                        result.ties, result.second_degree, introducers)
    got = result.reconnect.drop(columns="owner_name")
    assert len(got) and got["bridges_to"].str.contains("; ").any()
    pd.testing.assert_frame_equal(got, want, check_exact=True)


def _three_cliques() -> nx.Graph:
    """Owner O tied into three 4-cliques; only a0-c0 links two of them (a and c): the pairs
    a-b and b-c are introductions O could make."""
    G = nx.Graph(owners=["O"], whole_network=True, as_of="")
    for k in "abc":
        G.add_edges_from(itertools.combinations([f"{k}{i}" for i in range(4)], 2))
        G.add_edge("O", f"{k}1")
    G.add_edge("a0", "c0")
    return G


@pytest.mark.parametrize("make, pairs", [(_team, 0), (_three_cliques, 2)])
def test_introductions_are_the_reached_cluster_pairs_no_tie_links(make, pairs):
    # The reference walks the networkx edges: two clusters are linked when a tie between two
    # contacts (no owner) joins them; every other pair of Leiden clusters of 2+ that an owner
    # reaches is an introduction.
    G = make()
    result = run(G)
    owners = evidence.owners_of(G)
    memb = result.people["cluster"]
    linked = {tuple(sorted((int(memb[u]), int(memb[v])))) for u, v in G.edges()
              if u not in owners and v not in owners and memb[u] != memb[v]}
    c = result.clusters
    eligible = set(c.loc[(c["method"] == "leiden") & (c["size"] >= 2), "cluster"].tolist())
    got = introductions(G, owners, memb, result.clusters, result.reach)
    pd.testing.assert_frame_equal(got, result.introductions.drop(columns="owner_name"),
                                  check_exact=True)
    for o in owners:
        r = result.reach
        reached = set(r.loc[(r["owner"] == o) & (r["level"] == "cluster") & (r["ties"] > 0),
                            "cluster"].astype(int).tolist()) & eligible
        want = {(a, b) for a, b in itertools.combinations(sorted(reached), 2)
                if (a, b) not in linked}
        mine = got[got["owner"] == o]
        listed = list(zip(mine["cluster_a"].tolist(), mine["cluster_b"].tolist(), strict=True))
        assert set(listed) == want
        size = dict(zip(c["cluster"].astype(int), c["size"], strict=True))
        assert listed == sorted(want, key=lambda ab: (-size[ab[0]] * size[ab[1]], ab))
        by_cluster = r[(r["owner"] == o) & (r["level"] == "cluster")].set_index("cluster")
        for row in mine.itertuples():  # each side's label and strongest contact
            for side, cid in (("a", row.cluster_a), ("b", row.cluster_b)):
                assert getattr(row, f"label_{side}") == by_cluster.at[cid, "label"]
                assert getattr(row, f"suggested_{side}") == by_cluster.at[cid, "strongest"]
    assert len(got) == pairs


def test_annotate_twice_removes_figures_that_went_missing():
    G = _team()
    result = run(G)
    annotate(G, result)
    u, v = next(iter(G.edges()))
    assert "strength" in G[u][v]
    G[u][v]["span"] = 99  # a stale figure from an earlier run
    result.ties.loc[:, "span"] = pd.array([pd.NA] * len(result.ties), dtype="Int64")
    annotate(G, result)
    assert "span" not in G[u][v]
    assert all(isinstance(d["strength"], float) for _, _, d in G.edges(data=True))
    assert all(isinstance(d.get("cluster"), int) for _, d in G.nodes(data=True))


def test_run_reports_progress_for_every_step():
    from weakties.analysis import STEPS

    seen = []
    run(_team(), progress=lambda step, done, total: seen.append((step, done, total)))
    assert [s for s, _, _ in seen] == [*STEPS, "done"]
    assert [d for _, d, _ in seen] == list(range(len(STEPS) + 1))


def test_indexed_from_the_table_matches_to_igraph():
    G = SHAPES["barbell"]
    table = edge_table(G)
    ix = Indexed(table.igraph(), table.nodes, table.index)
    assert ix.g.get_edgelist() == to_igraph(G).g.get_edgelist()
    assert brokers.bridges(G, ix) == brokers.bridges(G)


def _worlds_reference(H, owners, membership, labels):
    """The per-edge walk :func:`weakties.analysis.worlds.worlds` replaced (as it was)."""
    from collections import Counter

    from weakties.analysis.worlds import MAX_LISTED, _worlds_of

    owner_set = set(owners)
    owner_ties, among, person_worlds, inner = Counter(), Counter(), {}, {}
    for u, v, kinds in H.edges(data="kinds"):
        found = _worlds_of(kinds)
        mine = u in owner_set or v in owner_set
        for w in found:
            (owner_ties if mine else among)[w] += 1
        for end in (u, v):
            if end not in owner_set:
                person_worlds.setdefault(end, set()).update(found)
        cu, cv = membership.get(u, -1), membership.get(v, -1)
        if not mine and cu == cv and cu != -1:
            inner.setdefault(int(cu), Counter()).update(found)
    several = sorted(((p, sorted(w)) for p, w in person_worlds.items() if len(w) >= 2),
                     key=lambda pw: (-len(pw[1]), str(H.nodes[pw[0]].get("name", pw[0])),
                                     pw[0]))
    one_world = [{"cluster": c, "label": str(labels.get(c, "")),
                  "size": int((membership == c).sum()), "world": next(iter(n))}
                 for c, n in sorted(inner.items()) if len(n) == 1]
    contacts = len(person_worlds)
    return {"worlds": sorted(set(owner_ties) | set(among)),
            "owner_ties": dict(sorted(owner_ties.items())),
            "ties_among_contacts": dict(sorted(among.items())),
            "several_worlds": {"count": len(several),
                               "share": round(len(several) / contacts, 4) if contacts else None,
                               "people": [{"id": p, "name": str(H.nodes[p].get("name", p)),
                                           "worlds": w} for p, w in several[:MAX_LISTED]]},
            "clusters_of_one_world": one_world}


def _mixed_worlds(seed: int) -> nx.Graph:
    """Two owners, ties of every kind (one unknown, none), a self-loop and an isolate."""
    rng = random.Random(seed)
    kinds = [["mail"], ["chat"], ["connection", "message"], ["slack", "mail"], ["contact"],
             ["edge"], [], ["carrier-pigeon"], ["meeting", "group-chat"], ["follow"]]
    G = nx.Graph(owners=["o1", "o2"])
    for i in range(60):
        person(G, f"p{i:02d}", f"P {i % 7}")
    G.add_node("lonely")
    for _ in range(150):
        a, b = rng.sample([*(f"p{i:02d}" for i in range(60)), "o1", "o2"], 2)
        G.add_edge(a, b, kinds=rng.choice(kinds))
    G.add_edge("p03", "p03", kinds=["chat"])
    return G


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_worlds_on_arrays_equal_the_edge_walk(seed):
    from weakties.analysis.worlds import worlds

    G = _mixed_worlds(seed)
    owners = ["o1", "o2"]
    rng = random.Random(seed)
    membership = pd.Series({n: -1 if n in owners else rng.randrange(4) for n in sorted(G)})
    labels = {c: f"L{c}" for c in range(4)}
    assert worlds(G, owners, membership, labels) == _worlds_reference(G, owners, membership,
                                                                      labels)


def test_worlds_by_hand():
    from weakties.analysis.worlds import worlds

    G = nx.Graph(owners=["o"])
    G.add_edge("o", "a", kinds=["mail", "chat"])
    G.add_edge("o", "b", kinds=["contact"])  # an address book: no world
    G.add_edge("a", "b", kinds=["slack"])
    G.add_edge("b", "c", kinds=["slack", "edge"])
    G.add_edge("c", "c", kinds=["chat"])  # a self-loop: c is in chats too
    G.add_node("d")  # no tie: not a contact of any world
    membership = pd.Series({"o": -1, "a": 0, "b": 0, "c": 1, "d": 1})
    w = worlds(G, ["o"], membership, {0: "zero", 1: "one"})
    assert w["worlds"] == ["Slack", "chats", "mail"]
    assert w["owner_ties"] == {"chats": 1, "mail": 1}
    assert w["ties_among_contacts"] == {"Slack": 2, "chats": 1}
    # a: chats, mail, Slack; c: Slack, chats; b: Slack only (3 contacts: a, b, c)
    assert [(p["id"], p["worlds"]) for p in w["several_worlds"]["people"]] == [
        ("a", ["Slack", "chats", "mail"]), ("c", ["Slack", "chats"])]
    assert w["several_worlds"]["share"] == round(2 / 3, 4)
    # cluster 0's one inner tie (a-b) is Slack; cluster 1's (c-c) chats
    assert w["clusters_of_one_world"] == [
        {"cluster": 0, "label": "zero", "size": 2, "world": "Slack"},
        {"cluster": 1, "label": "one", "size": 2, "world": "chats"}]


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_table_without_the_owners_equals_the_subgraph_table(name):
    G = SHAPES[name].copy()
    G.add_edge("1", "1")  # a self-loop among the contacts
    G.add_node("isolate")
    for drop in (["0"], ["0", "2", "isolate"], ["1"], []):
        want = edge_table(G.subgraph(p for p in G if p not in drop))
        full = edge_table(G)
        assert len(full.people) == full.n  # read first: the filtered table takes its rows
        got = full.without(drop)
        assert got.nodes == want.nodes and got.index == want.index
        pd.testing.assert_frame_equal(got.people, want.people)
        for key in ("s", "t", "degree"):
            assert getattr(got, key).tolist() == getattr(want, key).tolist()
        assert got.ig_edges == want.ig_edges and got.selfloops == want.selfloops
        assert (got.adj != want.adj).nnz == 0
        assert got.adj.indices.tolist() == want.adj.indices.tolist()
        assert got.mutual().tolist() == want.mutual().tolist()


@pytest.mark.parametrize("seed", range(3))
def test_mutual_contacts_of_a_filtered_table_from_its_parents_triangles(seed):
    # Group conversations: an owner tied to everyone, cliques sharing members, random ties.
    # A table filtered from one that listed its triangles keeps those whose three ties it
    # kept; the counts must be those of the filtered graph itself (networkx's embeddedness).
    rng = random.Random(seed)
    G = nx.Graph()
    G.add_edges_from(("O", f"p{i}") for i in range(60))
    for _ in range(4):
        members = rng.sample(range(60), rng.randint(3, 15))
        G.add_edges_from((f"p{a}", f"p{b}") for a, b in itertools.combinations(members, 2))
    G.add_edges_from((f"p{rng.randrange(60)}", f"p{rng.randrange(60)}") for _ in range(30))
    G.remove_edges_from(list(nx.selfloop_edges(G)))
    G.add_node("isolate")
    parent = edge_table(G)
    assert len(parent.mutual()) == parent.m and len(parent.triangle_ties())
    keep = [rng.random() < 0.7 for _ in range(parent.m)]
    for got, H in ((parent.without(["O"]), G.subgraph(p for p in G if p != "O")),
                   (parent.only(keep), nx.Graph([(parent.nodes[a], parent.nodes[b]) for a, b, k
                                                in zip(parent.s.tolist(), parent.t.tolist(),
                                                       keep, strict=True) if k]))):
        assert got._within[0] is parent
        want = [strength.embeddedness(H, got.nodes[a], got.nodes[b])[0]
                for a, b in zip(got.s.tolist(), got.t.tolist(), strict=True)]
        assert got.mutual().tolist() == want

        def named(table):  # each triangle as its three ties by name
            return sorted(sorted((table.nodes[table.s[r]], table.nodes[table.t[r]]) for r in tri)
                          for tri in table.triangle_ties().tolist())

        assert named(got) == named(edge_table(H))


def test_evidence_columns_by_hand():
    # Ties in table order: (a, b), (a, c), (c, c). The second has no attribute at all (a graph
    # built by hand): every column gives its default; None and a number as text are read too.
    G = nx.Graph()
    G.add_edge("b", "a", kinds=["message", "connection"], messages=3, sent={"a": 2, "b": 1},
               last_interaction="2024-01-02", invited_by=None, inferred=True)
    G.add_edge("a", "c")
    G.add_edge("c", "c", weight=2, coparticipation=None, connected_on=20240101,
               endorsed_by={"c": 4})
    t = edge_table(G)
    assert t.column("kinds").tolist() == ["message connection", "", ""]
    assert t.column("messages").tolist() == [3.0, 0.0, 0.0]
    assert t.column("weight").tolist() == [1.0, 1.0, 2.0]
    assert t.column("coparticipation").tolist() == [0.0, 0.0, 0.0]
    assert t.column("invited_by").tolist() == ["", "", ""]
    assert t.column("connected_on").tolist() == ["", "", "20240101"]
    assert t.column("last_interaction").tolist() == ["2024-01-02", "", ""]
    assert t.column("inferred").tolist() == [True, False, False]
    # (given by the source, by the target); a self-loop's one end is both
    assert [x.tolist() for x in t.by_end("sent")] == [[2.0, 0.0, 0.0], [1.0, 0.0, 0.0]]
    assert [x.tolist() for x in t.by_end("endorsed_by")] == [[0.0, 0.0, 4.0], [0.0, 0.0, 4.0]]


def _team_with_inferred(seed: int) -> nx.Graph:
    """:func:`_team` with ties inferred from shared group conversations, some of them on top
    of a recorded tie (so dropping the inferred ones removes ties, not evidence)."""
    G = _team()
    rng = random.Random(seed)
    nodes = sorted(G)
    for _ in range(300):
        a, b = rng.sample(nodes, 2)
        if not G.has_edge(a, b):
            G.add_edge(a, b, kinds=["group"], group_conversations=1, inferred=True)
    return G


@pytest.mark.parametrize("make", [lambda: _exported(1), lambda: _team_with_inferred(5)])
def test_a_table_without_inferred_ties_equals_the_table_of_the_graph_without_them(make):
    G = make()
    full = edge_table(G)
    got = evidence.working_table(full, include_inferred=False)
    want = edge_table(evidence.working_graph(G, include_inferred=False))
    assert got.m < full.m and got.nodes == want.nodes
    for key in ("s", "t", "degree"):
        assert getattr(got, key).tolist() == getattr(want, key).tolist()
    assert (got.adj != want.adj).nnz == 0 and got.adj.has_sorted_indices
    assert sorted(got.ig_edges) == sorted(want.ig_edges)
    assert got.mutual().tolist() == want.mutual().tolist()
    for key in ("kinds", "weight", "messages", "connected_on", "inferred"):
        assert got.column(key).tolist() == want.column(key).tolist()
    assert [x.tolist() for x in got.by_end("sent")] == [x.tolist() for x in want.by_end("sent")]
    pd.testing.assert_frame_equal(got.people, want.people)
    among = got.without(evidence.owners_of(got))  # a filtered table filters again
    assert among.column("kinds").tolist() == [
        " ".join(d.get("kinds") or ()) for _, _, d in sorted(
            (u, v, d) if u < v else (v, u, d)
            for u, v, d in G.edges(data=True)
            if not d.get("inferred") and u not in G.graph["owners"]
            and v not in G.graph["owners"])]
    assert evidence.working_table(full) is full


@pytest.mark.parametrize("make", [lambda: _exported(2), lambda: _team_with_inferred(6)])
def test_run_without_inferred_ties_equals_run_on_the_graph_without_them(make):
    from weakties.analysis.params import Params

    G = make()
    params = Params(include_inferred=False)
    got = run(G, params)
    want = run(evidence.working_graph(G, include_inferred=False), params)
    for key in ("people", "ties", "clusters", "reach", "second_degree", "reconnect",
                "introductions"):
        pd.testing.assert_frame_equal(getattr(got, key), getattr(want, key), check_exact=True)
    assert got.figures == want.figures and got.advice == want.advice
    assert got.evidence_level == want.evidence_level


def test_network_by_end_equals_the_graphs():
    # graph.tables.by_end reads a Network's given counts: the same (by the source, by the
    # target) as the networkx graph's dicts, rows given in either orientation, ties without
    # any, a key nobody has.
    from weakties.analysis._table import network_table
    from weakties.graph.tables import as_network

    G = nx.Graph()
    G.add_edge("b", "a", sent={"a": 2, "b": 1}, endorsed_by={"b": 3})
    G.add_edge("a", "c")
    G.add_edge("d", "c", sent={"d": 5}, recommended_by={"c": 1})
    G.add_edge("e", "a", sent={"a": 1})
    want, got = edge_table(G), network_table(as_network(G))
    for key in ("sent", "endorsed_by", "recommended_by"):
        assert [x.tolist() for x in got.by_end(key)] == [x.tolist() for x in want.by_end(key)]
    assert got.by_end("sent")[0].sum() + got.by_end("sent")[1].sum() == 9
