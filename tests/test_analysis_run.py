"""run() and annotate(): the analyses together, at each evidence level."""

from __future__ import annotations

import json
import math

import networkx as nx
import pandas as pd
import pytest
from test_analysis_helpers import edge_list, ego_star, team, tie

from weakties.analysis import AnalysisResult, Params, annotate, run
from weakties.errors import WeaktiesError


def ego_network() -> nx.Graph:
    """The star plus what group conversations show: ann-bob, and bob-cat (inferred)."""
    G = ego_star()
    tie(G, "ann", "bob", kinds=["group"], group_conversations=2, inferred=True)
    tie(G, "bob", "cat", kinds=["group"], group_conversations=1, inferred=True)
    return G


def test_star_skips_structure_but_keeps_composition():
    r = run(ego_star())
    assert r.evidence_level == "ego star"
    skipped = {s["analysis"]: s for s in r.skipped}
    assert "betweenness" in skipped and "local bridges" in skipped
    assert "star" in skipped["betweenness"]["reason"]
    # No structural figures at all: NaN / NA, never a made-up 0 or True.
    assert r.people["betweenness"].isna().all() and r.people["constraint"].isna().all()
    assert r.ties["bridge"].isna().all() and r.ties["local_bridge"].isna().all()
    assert r.ties["span"].isna().all()
    assert r.figures["betweenness"]["method"] == "skipped"
    # What a star does support: composition, diversity, fragile ties, reconnect.
    assert (r.clusters["method"] == "organisation/role groups").all()
    assert r.figures["range"]["me"]["blau_organisation"] == pytest.approx(26 / 36, abs=1e-4)
    assert r.figures["fragile"] == 2  # cat (Globex) and dan (Initech) groups
    assert r.reconnect.at[0, "person"] == "cat"
    assert r.people.at["me", "cluster"] == -1 and r.people.at["me", "tie_class"] == ""
    assert r.people.at["ann", "tie_class"] == "strong"
    assert any("ego star" in a for a in r.advice)


def test_ego_network_burt_for_the_owner_only():
    r = run(ego_network())
    assert r.evidence_level == "ego network"
    # me has 6 contacts with 2 ties among them (ann-bob, bob-cat): Borgatti's effective size
    # 6 - 2 * 2 / 6 = 5.33; the contacts' own networks are not observed, so NaN for them.
    assert r.people.at["me", "effective_size"] == pytest.approx(6 - 4 / 6)
    assert r.people.drop("me")["effective_size"].isna().all()
    assert not math.isnan(r.people.at["me", "constraint"])
    # Brokers among contacts (owner removed): ann-bob-cat is a path, so bob lies on the one
    # shortest path ann-cat of the 5*4/2 = 10 pairs of the six contacts -> 1/10 (networkx's
    # normalisation 2/((n-1)(n-2)) = 2/20 on a single pair); every other contact 0.
    C = nx.Graph([("ann", "bob"), ("bob", "cat")])
    C.add_nodes_from(["dan", "eve", "fay"])
    want = nx.betweenness_centrality(C)
    got = r.people.drop("me")["betweenness"]
    assert got.to_dict() == pytest.approx(want)
    assert pd.isna(r.people.at["me", "betweenness"])
    assert "betweenness" not in {s["analysis"] for s in r.skipped}
    assert r.figures["betweenness"]["among"] == "contacts (owner removed)"
    ties = r.ties.set_index(["source", "target"])
    # Among contacts (owner removed) ann-bob-cat is a path: both ties are local bridges
    # (and bridges there, infinite span). The owner's ties are not judged (NA).
    assert ties.at[("ann", "bob"), "local_bridge"] and ties.at[("bob", "cat"), "local_bridge"]
    assert pd.isna(ties.at[("ann", "bob"), "span"])
    assert pd.isna(ties.at[("ann", "me"), "local_bridge"])
    assert ties["bridge"].isna().all()


def test_excluding_inferred_ties_drops_them_and_the_level():
    r = run(ego_network(), Params(include_inferred=False))
    assert r.evidence_level == "ego star"
    assert len(r.ties) == 6 and r.figures["inferred_ties"] == "excluded"


def test_karate_whole_network():
    r = run(edge_list(nx.karate_club_graph()))
    ties = r.ties.set_index(["source", "target"])
    assert list(ties.index[ties["bridge"].astype(bool)]) == [("0", "11")]
    # A bridge's span is infinite: NA, with bridge=True.
    assert ties.at[("0", "11"), "local_bridge"] and pd.isna(ties.at[("0", "11"), "span"])
    assert ties.at[("0", "31"), "span"] == 3
    assert r.figures["top_brokers"][:2] == ["0", "33"]
    assert r.figures["betweenness"] == {"method": "exact", "k": None, "seed": 0,
                                        "engine": "igraph", "epsilon": None, "delta": None,
                                        "samples": None, "guarantee": "exact"}
    assert "Top brokers (betweenness, exact): 0, 33, 32." in r.advice
    assert r.second_degree.empty and r.reconnect.empty  # no owner


def test_florentine_through_run():
    r = run(edge_list(nx.florentine_families_graph()))
    assert r.people["betweenness"].idxmax() == "Medici"
    assert r.people.at["Medici", "betweenness"] == pytest.approx(0.522, abs=5e-4)
    assert r.people["constraint"].idxmin() == "Medici"
    bridges = r.ties[r.ties["bridge"].astype(bool)]
    assert set(zip(bridges["source"], bridges["target"], strict=True)) == {
        ("Acciaiuoli", "Medici"), ("Medici", "Salviati"), ("Albizzi", "Ginori"),
        ("Pazzi", "Salviati"), ("Guadagni", "Lamberteschi")}


def test_estimated_betweenness_is_stated():
    params = Params(exact_betweenness_max_nodes=10, exact_betweenness_max_work=0, seed=4)
    r = run(edge_list(nx.karate_club_graph()), params)
    info = r.figures["betweenness"]
    assert (info["method"], info["epsilon"], info["delta"], info["seed"]) == (
        "KADABRA", 0.01, 0.1, 4)
    line = next(a for a in r.advice if a.startswith("Top brokers"))
    assert line.startswith("Top brokers (betweenness, KADABRA estimate, every score within "
                           "±0.01 of the exact one with probability ≥ 0.9): 0, 33")


def assert_same(a: AnalysisResult, b: AnalysisResult) -> None:
    for name in ("people", "ties", "clusters", "reach", "second_degree", "reconnect",
                 "introductions"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    assert a.figures == b.figures and a.advice == b.advice and a.skipped == b.skipped


@pytest.mark.parametrize("make", [team, lambda: edge_list(nx.les_miserables_graph(), True)])
def test_seeded_runs_are_identical(make):
    params = Params(seed=11, exact_betweenness_max_nodes=20, exact_betweenness_max_work=0)
    assert_same(run(make(), params), run(make(), params))


def test_insertion_order_does_not_matter():
    # The same graph built in reverse order gives the same answers.
    G = team()
    H = nx.Graph(**G.graph)
    H.add_nodes_from(reversed(list(G.nodes(data=True))))
    H.add_edges_from(reversed(list(G.edges(data=True))))
    assert_same(run(G), run(H))


def test_figures_are_json():
    for G in (ego_star(), team(), edge_list(nx.karate_club_graph())):
        json.dumps(run(G).figures, allow_nan=False)


def test_annotate_writes_figures_and_leaves_missing_ones_out():
    G = ego_star()
    r = run(G)
    annotate(G, r)
    assert G.nodes["ann"]["cluster"] == r.people.at["ann", "cluster"]
    assert G.nodes["ann"]["tie_class"] == "strong"
    assert "betweenness" not in G.nodes["ann"]      # skipped on a star: absent, not 0
    assert "tie_class" not in G.nodes["me"]          # the owner has no tie to itself
    assert G["me"]["ann"]["strength"] == pytest.approx(r.ties.at[0, "strength"])
    assert "bridge" not in G["me"]["ann"] and "span" not in G["me"]["ann"]
    assert G.graph["clusters"] == dict(zip(r.clusters["cluster"], r.clusters["label"],
                                           strict=True))
    assert all(type(v) in (int, float, str, bool)
               for _, d in G.nodes(data=True) for k, v in d.items() if k in r.people.columns)


def test_annotate_whole_network_spans():
    G = edge_list(nx.karate_club_graph())
    annotate(G, run(G))
    assert G["0"]["31"]["span"] == 3 and G["0"]["31"]["local_bridge"] is True
    assert G["0"]["11"]["bridge"] is True and "span" not in G["0"]["11"]
    assert "span" not in G["0"]["1"] and G["0"]["1"]["local_bridge"] is False


def test_node_ids_must_be_strings():
    with pytest.raises(WeaktiesError, match="string"):
        run(nx.karate_club_graph())


def test_star_advice_calls_its_clusters_groups_and_counts_its_denominators():
    # ego_star: six contacts at Acme (2), Leiden University (2), Globex, Initech -> four
    # organisation/role groups, no clusters found from ties; six ties of the owner's.
    r = run(ego_star())
    assert r.figures["organisation_role_groups"] == r.figures["clusters"] == 4
    assert r.figures["owner_ties"] == 6 and r.figures["tie_classes_of"] == "the owners' ties"
    first = r.advice[0]
    assert "4 organisation/role groups in your network" in first and "cluster" not in first
    assert any(a.startswith("83% of your 6 ties are weak or dormant") for a in r.advice)


def test_inferred_ties_among_contacts_are_counted_apart_from_the_owners_ties():
    # ego_network: the six owner ties plus two inferred ties between contacts; the shares
    # count the owner's six, and the figures say how many ties are inferred.
    r = run(ego_network())
    assert r.figures["ties"] == 8 and r.figures["owner_ties"] == 6
    assert r.figures["inferred"] == 2
    assert sum(r.figures["tie_classes"].values()) == 6


def test_run_leaves_the_garbage_collector_as_it_found_it():
    import gc

    G = nx.relabel_nodes(nx.karate_club_graph(), str)
    G.graph.update(owners=[], whole_network=True, as_of="")
    before = gc.get_freeze_count()
    run(G)
    assert gc.get_freeze_count() == before
    gc.freeze()  # someone else froze objects: run leaves them frozen
    try:
        frozen = gc.get_freeze_count()
        run(G)
        assert gc.get_freeze_count() > frozen // 2  # a few frozen objects may have died
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("build", [team, ego_network, ego_star])
def test_tie_class_to_owners_is_the_strongest_tie_to_any_owner(build):
    # By the definition, from the ties frame: per contact, the strongest class among its ties
    # to an owner ("" for owners and for people no owner is tied to).
    G = build()
    r = run(G)
    owners = {n for n, d in G.nodes(data=True) if d.get("owner")}
    order = {"strong": 0, "weak": 1, "dormant": 2}
    best: dict[str, str] = {}
    for row in r.ties.itertuples():
        if (row.source in owners) == (row.target in owners):
            continue
        contact = row.target if row.source in owners else row.source
        if contact not in best or order[row.tie_class] < order[best[contact]]:
            best[contact] = row.tie_class
    want = {n: best.get(n, "") for n in G}
    assert r.people["tie_class"].to_dict() == want
    assert set(want.values()) - {""}  # something to compare


def test_tie_class_to_owners_takes_the_strongest_of_two_owners():
    from weakties.analysis import _class_to_owners
    from weakties.analysis._table import edge_table

    G = nx.Graph([("a", "x"), ("b", "x"), ("a", "y"), ("x", "y"), ("z", "w")])
    table = edge_table(G)
    ties = pd.DataFrame({"source": ["a", "a", "b", "w", "x"], "target": ["x", "y", "x", "z", "y"],
                         "tie_class": ["dormant", "weak", "strong", "strong", "strong"]})
    got = _class_to_owners(table, ties, ["a", "b"], pd.Index(table.nodes))
    # x: dormant to a, strong to b -> strong; y: weak to a (x-y is no owner's); z, w: no owner
    assert got.to_dict() == {"a": "", "b": "", "w": "", "x": "strong", "y": "weak", "z": ""}


@pytest.mark.parametrize("build", [ego_star, ego_network, team])
def test_bridge_columns_are_nullable_with_their_dtypes(build):
    # bridge and local_bridge nullable booleans, span nullable integers at every level;
    # missing exactly where not computed (a star: everywhere; an ego network: no bridge, and
    # the owner's ties have no local_bridge).
    r = run(build())
    ties = r.ties
    assert str(ties["bridge"].dtype) == "boolean" and str(ties["local_bridge"].dtype) == "boolean"
    assert str(ties["span"].dtype) == "Int64"
    if r.evidence_level == "ego star":
        assert ties[["bridge", "local_bridge", "span"]].isna().all().all()
    spans = ties["span"].dropna()
    assert ((spans >= 3) & (spans == spans.round())).all()
    assert ties.loc[ties["span"].notna(), "local_bridge"].fillna(False).all()
