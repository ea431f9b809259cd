from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest
from test_analysis_helpers import edge_list, ego_star, person, tie, two_cliques

from weakties.analysis.clusters import (
    GROUPS,
    LEIDEN,
    clusters,
    diversity,
    owner_range,
    people_attributes,
    reach,
)
from weakties.analysis.evidence import EGO_NETWORK, EGO_STAR, WHOLE_NETWORK
from weakties.analysis.params import Params
from weakties.analysis.strength import tie_strength


def run_clusters(G, owners, level, params=None):
    return clusters(G, owners, level, people_attributes(G), params or Params())


def test_karate_two_way_split_matches_the_1977_fission():
    # Zachary (1977): the club split between Mr. Hi (0) and the officer (33). Structure alone
    # recovers it up to one or two members -- Zachary's own min-cut misplaced member 9
    # (index 8), who sided with Mr. Hi for reasons outside the network; modularity splits
    # misplace 8 and 9 (index). Resolution 0.5 asks for the coarse, two-cluster answer.
    K = nx.karate_club_graph()
    membership, table = run_clusters(edge_list(K), [], WHOLE_NETWORK, Params(resolution=0.5))
    assert len(table) == 2
    club = {str(n): d["club"] for n, d in K.nodes(data=True)}
    hi = membership["0"]
    agree = sum((membership[n] == hi) == (club[n] == "Mr. Hi") for n in club)
    assert agree >= 30
    assert membership["0"] != membership["33"]


def test_two_cliques_are_two_clusters():
    # Two 4-cliques joined by one tie: the partition with the highest modularity.
    membership, table = run_clusters(two_cliques(), [], WHOLE_NETWORK)
    assert len(table) == 2
    assert len({membership[f"a{i}"] for i in range(1, 5)}) == 1
    assert len({membership[f"b{i}"] for i in range(1, 5)}) == 1
    assert membership["a1"] != membership["b1"]
    assert (table["density"] == 1.0).all() and (table["method"] == LEIDEN).all()
    # Ids: largest first, ties by smallest member id, so a-clique is 0.
    assert membership["a1"] == 0


def test_clustering_is_reproducible():
    G = edge_list(nx.les_miserables_graph(), weighted=True)
    first = run_clusters(G, [], WHOLE_NETWORK, Params(seed=3))
    second = run_clusters(G, [], WHOLE_NETWORK, Params(seed=3))
    pd.testing.assert_series_equal(first[0], second[0])
    pd.testing.assert_frame_equal(first[1], second[1])


def test_diversity_by_hand():
    # Two categories, half each: Blau 1 - (1/4 + 1/4) = 1/2; entropy ln 2.
    assert diversity(["a", "a", "b", "b"]) == (pytest.approx(0.5), pytest.approx(math.log(2)))
    assert diversity(["a", "a", "a"]) == (0.0, 0.0)          # no variety
    assert diversity(["a", ""]) == (0.0, 0.0)                # unknown values are left out
    assert all(math.isnan(x) for x in diversity(["", ""]))  # nothing known: NaN, not 0


def test_star_is_grouped_by_organisation_and_role():
    G = ego_star()
    membership, table = run_clusters(G, ["me"], EGO_STAR)
    assert membership["me"] == -1  # owners are never clustered
    assert (table["method"] == GROUPS).all()
    assert table["density"].isna().all()  # ties among contacts unobserved, not absent
    groups = {frozenset(membership[membership == c].index) for c in table["cluster"]}
    # Two organisations are shared by two contacts; cat and dan are alone at theirs and
    # fall back to their role family (data, sales).
    assert groups == {frozenset({"ann", "bob"}), frozenset({"eve", "fay"}),
                      frozenset({"cat"}), frozenset({"dan"})}
    acme = table.set_index("label").loc["Acme"]
    # ann is an engineer, bob a recruiter: role Blau 1/2; both in Leiden: location Blau 0.
    assert acme["blau_role"] == pytest.approx(0.5)
    assert acme["entropy_role"] == pytest.approx(math.log(2))
    assert acme["blau_location"] == 0
    assert acme["top_organisations"] == "Acme (2)"
    assert set(table["label"]) == {"Acme", "Leiden University", "Globex · data",
                                   "Initech · sales"}


def test_ego_network_clusters_connected_contacts_and_groups_the_rest():
    # ann-bob and cat-dan are tied (owner removed, two structural clusters); eve and fay have
    # no tie among the contacts and are grouped by their shared organisation.
    G = ego_star()
    tie(G, "ann", "bob", kinds=["ties-file"])
    tie(G, "cat", "dan", kinds=["ties-file"])
    membership, table = run_clusters(G, ["me"], EGO_NETWORK)
    by_method = table.groupby("method")["size"].apply(list).to_dict()
    assert by_method == {LEIDEN: [2, 2], GROUPS: [2]}
    assert membership["ann"] == membership["bob"] != membership["cat"]
    assert membership["eve"] == membership["fay"]


def test_cluster_label_names_shared_organisation_and_role():
    # Three Acme engineers in a triangle, two Globex recruiters tied to each other.
    G = nx.Graph(owners=[], whole_network=True, as_of="")
    for pid in ("e1", "e2", "e3"):
        person(G, pid, pid.upper(), "Acme Inc.", "Software Engineer")
    for pid in ("r1", "r2"):
        person(G, pid, pid.upper(), "Globex", "Recruiter")
    for u, v in [("e1", "e2"), ("e2", "e3"), ("e1", "e3"), ("r1", "r2")]:
        tie(G, u, v, kinds=["edge"])
    _, table = run_clusters(G, [], WHOLE_NETWORK)
    assert list(table["label"]) == ["Acme Inc. · engineering", "Globex · HR/recruiting"]


def test_a_label_says_how_many_members_it_covers():
    # A 4-clique: two operations managers, an account executive (sales), a researcher, each at
    # another organisation -- no organisation recurs, and "operations" is only half of it.
    # Then a 3-clique with two at Nimbus (one a recruiter): each name covers 2 of 3.
    G = nx.Graph(owners=[], whole_network=True, as_of="")
    for pid, org, title in [("o1", "Acme", "Operations Manager"),
                            ("o2", "Globex", "Head of Operations"),
                            ("o3", "Initech", "Account Executive"),
                            ("o4", "Leiden University", "Researcher"),
                            ("n1", "Nimbus", "Software Engineer"),
                            ("n2", "Nimbus", "Backend Engineer"),
                            ("n3", "Kelpie", "Recruiter")]:
        person(G, pid, pid.upper(), org, title)
    for group in (["o1", "o2", "o3", "o4"], ["n1", "n2", "n3"]):
        for i, u in enumerate(group):
            for v in group[i + 1:]:
                tie(G, u, v, kinds=["edge"])
    _, table = run_clusters(G, [], WHOLE_NETWORK)
    assert list(table["label"]) == ["operations (2 of 4)",
                                    "Nimbus (2 of 3) · engineering (2 of 3)"]


def _ego_star_range_inputs():
    """The ego star with what owner_range reads: its people's attributes, clusters and ties."""
    G = ego_star()
    membership, _ = run_clusters(G, ["me"], EGO_STAR)
    return G, people_attributes(G), membership, tie_strength(G, ["me"], EGO_STAR)


def test_owner_range_by_hand():
    G, attrs, membership, ties = _ego_star_range_inputs()
    rng = owner_range(G, "me", attrs, membership, ties)
    # 6 contacts at Acme (2), Leiden University (2), Globex (1), Initech (1):
    # Blau = 1 - (4 + 4 + 1 + 1) / 36 = 26/36.
    assert rng["contacts"] == 6 and rng["organisations"] == 4
    assert rng["blau_organisation"] == pytest.approx(26 / 36, abs=1e-4)
    assert (rng["strong"], rng["weak"], rng["dormant"]) == (1, 2, 3)
    assert rng["share_weak"] == pytest.approx(5 / 6, abs=1e-4)
    assert rng["sweet_spot"] is None  # unknown on a star
    assert rng["clusters_reached"] == 4


def test_reach_strongest_weakest_and_fragile():
    G = ego_star()
    attrs = people_attributes(G)
    membership, table = run_clusters(G, ["me"], EGO_STAR)
    frame = reach(G, ["me"], attrs, membership, table, tie_strength(G, ["me"], EGO_STAR))
    rows = frame.set_index(["level", "label"])
    acme = rows.loc[("cluster", "Acme")]
    # ann: 20 recent two-way messages; bob: nothing since 2015 (strength 0).
    assert (acme["ties"], acme["strongest"], acme["weakest"]) == (2, "ann", "bob")
    assert not acme["fragile"]
    # cat is the owner's only tie into the Globex group and the only contact at Globex.
    assert rows.loc[("cluster", "Globex · data"), "fragile"]
    assert rows.loc[("organisation", "Globex"), "fragile"]
    assert not rows.loc[("organisation", "Leiden University"), "fragile"]
    assert frame.loc[frame["level"] == "organisation", "cluster"].isna().all()


def test_reach_of_two_owners_by_hand():
    # O1 and O2 know each other (owners have no cluster); a and b are at X in cluster 0 with
    # equal strengths (the smaller id is both strongest and weakest), c at Y in cluster 1;
    # nobody is in cluster 2.
    G = nx.Graph(owners=["O1", "O2"], whole_network=True)
    for pid, org in [("O1", ""), ("O2", ""), ("a", "X"), ("b", "X"), ("c", "Y")]:
        person(G, pid, pid.upper(), org, owner=pid.startswith("O"))
    strengths = {("O1", "O2"): 0.9, ("O1", "a"): 0.5, ("O1", "b"): 0.5, ("O1", "c"): 0.2,
                 ("O2", "c"): 0.1}
    for u, v in strengths:
        G.add_edge(u, v)
    ties = pd.DataFrame([(u, v, x) for (u, v), x in strengths.items()],
                        columns=["source", "target", "strength"])
    membership = pd.Series({"O1": -1, "O2": -1, "a": 0, "b": 0, "c": 1})
    table = pd.DataFrame({"cluster": [0, 1, 2], "label": ["zero", "one", "two"]})
    frame = reach(G, ["O2", "O1"], people_attributes(G), membership, table, ties)
    cols = ["owner", "level", "label", "ties", "strongest", "strongest_strength", "weakest",
            "weakest_strength", "fragile"]
    got = [[None if isinstance(x, float) and math.isnan(x) else x for x in row]
           for row in frame[cols].values.tolist()]
    assert got == [
        ["O1", "cluster", "zero", 2, "a", 0.5, "a", 0.5, False],
        ["O1", "cluster", "one", 1, "c", 0.2, "c", 0.2, True],
        ["O1", "cluster", "two", 0, "", None, "", None, False],
        ["O1", "organisation", "X", 2, "a", 0.5, "a", 0.5, False],
        ["O1", "organisation", "Y", 1, "c", 0.2, "c", 0.2, True],
        ["O2", "cluster", "zero", 0, "", None, "", None, False],
        ["O2", "cluster", "one", 1, "c", 0.1, "c", 0.1, True],
        ["O2", "cluster", "two", 0, "", None, "", None, False],
        ["O2", "organisation", "Y", 1, "c", 0.1, "c", 0.1, True],
    ]
    assert frame["strongest_name"].tolist()[:2] == ["A", "C"]
    assert frame["cluster"].tolist() == [0, 1, 2, pd.NA, pd.NA, 0, 1, 2, pd.NA]


def test_people_attributes_read_absent_and_padded_values_as_empty():
    # Read from the table's people frame, where an attribute a node lacks is NaN: it must
    # read as "" (never "nan"), a missing name as the id, and padded text trimmed.
    G = nx.Graph()
    G.add_node("a", name="Ann", organisation="  Acme, Inc. ", position=" Data Scientist",
               location=" Berlin ", email="ann@Northwind.example")
    G.add_node("b", organisation=None, email="bob@gmail.com")
    G.add_node("c", name="", position="")
    G.add_edge("a", "b")
    attrs = people_attributes(G)
    assert attrs.loc["a"].to_dict() == {
        "name": "Ann", "organisation": "Acme, Inc.", "org_key": "acme",
        "role_family": "data", "location": "Berlin", "location_key": "berlin",
        "domain": "northwind.example", "position": "Data Scientist"}
    empty = {"organisation": "", "org_key": "", "role_family": "", "location": "",
             "location_key": "", "domain": "", "position": ""}
    assert attrs.loc["b"].to_dict() == {"name": "b", **empty}
    assert attrs.loc["c"].to_dict() == {"name": "c", **empty}
    assert list(attrs.index) == ["a", "b", "c"]


def test_a_contact_tied_only_to_themselves_is_placed_by_structure():
    # c's only tie besides the owner is a self-loop: a tie to someone not an owner (c), so c
    # is clustered by Leiden (as with networkx's adjacency), not grouped by organisation.
    G = ego_star()
    tie(G, "ann", "bob", kinds=["ties-file"])
    contact = next(n for n in sorted(G) if n not in ("me", "ann", "bob"))
    tie(G, contact, contact, kinds=["ties-file"])
    membership, table = run_clusters(G, ["me"], EGO_NETWORK)
    method = dict(zip(table["cluster"], table["method"], strict=True))
    assert method[membership[contact]] == LEIDEN
    assert method[membership["ann"]] == LEIDEN
    assert membership["me"] == -1


def _leiden_shapes() -> dict[str, tuple[nx.Graph, list[str] | None]]:
    """Karate with its interaction counts as weights (whole, and without the two leaders as
    in an ego network), and a graph with self-loops, isolated people, text weights and two
    components."""
    karate = nx.relabel_nodes(nx.karate_club_graph(), str)
    G = nx.relabel_nodes(nx.les_miserables_graph(), lambda x: x.replace(" ", "_"))
    for i, (u, v) in enumerate(G.edges()):
        G[u][v]["weight"] = str(1 + i % 4) if i % 3 else 1.5
    G.add_edges_from([("Valjean", "Valjean"), ("a", "b"), ("b", "c"), ("a", "a")])
    G.add_nodes_from(["lonely", "z"])
    leaders = {"0", "33"}
    return {"karate": (karate, None),
            "karate without its leaders": (karate, sorted(set(karate) - leaders)),
            "loops, isolated, two parts": (G, None),
            "loops, a part": (G, sorted(n for n in G if G.degree(n) > 2))}


@pytest.mark.parametrize("name", sorted(_leiden_shapes()))
def test_leiden_from_the_table_equals_leiden_on_the_networkx_conversion(name):
    # _leiden builds igraph's graph from the table's arrays: the partition must be the one
    # the networkx -> igraph conversion gives with the same seed
    from weakties.analysis._igraph import seeded, to_igraph
    from weakties.analysis._table import edge_table
    from weakties.analysis.clusters import LEIDEN_ITERATIONS, _leiden

    G, members = _leiden_shapes()[name]
    table = edge_table(G)
    members = table.nodes if members is None else members
    params = Params(seed=3)
    ix = to_igraph(G, members, weight="weight")
    with seeded(params.seed):
        part = ix.g.community_leiden(objective_function="modularity", weights="weight",
                                     resolution=params.resolution,
                                     n_iterations=LEIDEN_ITERATIONS)
    want = sorted(sorted(ix.nodes[v] for v in c) for c in part)
    got = _leiden(table, members, params)
    assert sorted(sorted(c) for c, _ in got) == want
    assert len(want) > 1
    for c, inside in got:  # ties inside, self-loops not counted
        H = G.subgraph(c)
        assert inside == H.number_of_edges() - nx.number_of_selfloops(H)


def test_owner_range_with_frames_in_another_order():
    # attrs and membership indexed in another order than the graph's sorted nodes: looked up
    # by id, the same range as in node order.
    G, attrs, membership, ties = _ego_star_range_inputs()
    want = owner_range(G, "me", attrs, membership, ties)
    shuffled = attrs.index[::-1]
    got = owner_range(G, "me", attrs.loc[shuffled], membership.loc[shuffled], ties)
    assert got == want
    with pytest.raises(KeyError):
        owner_range(G, "me", attrs.drop(index="ann"), membership, ties)


def test_attribute_groups_by_hand():
    # Organisation when two or more share it, else role family, else the rest; a role family
    # spelled like an organisation is still another group.
    import numpy as np

    from weakties.analysis.clusters import _attribute_groups

    org = np.array(["acme", "", "acme", "solo", "sales", "", "x", "sales"], dtype=object)
    role = np.array(["eng", "eng", "", "sales", "", "", "", "eng"], dtype=object)
    at = np.array([0, 1, 2, 3, 4, 5, 7])  # 6 is not a contact
    got = sorted(g.tolist() for g in _attribute_groups(at, org, role))
    # acme: 0, 2; org "sales" (4, 7 share it); role "eng": 1; role "sales": 3 (solo is
    # alone); 5: no organisation, no role
    assert got == [[0, 2], [1], [3], [4, 7], [5]]
    assert _attribute_groups(np.array([], dtype=np.int64), org, role) == []


@pytest.mark.parametrize("build", [ego_star, two_cliques])
def test_cluster_figures_against_the_definitions(build):
    # Each cluster's size, diversity and top organisations recomputed from its members.
    G = build()
    owners = [n for n, d in G.nodes(data=True) if d.get("owner")]
    level = EGO_STAR if build is ego_star else WHOLE_NETWORK
    attrs = people_attributes(G)
    membership, table = run_clusters(G, owners, level)
    assert len(table) > 1
    for row in table.itertuples():
        members = membership.index[membership == row.cluster]
        assert row.size == len(members)
        orgs = attrs.loc[members, "org_key"].tolist()
        blau, entropy = diversity(orgs)
        known = [o for o in orgs if o]
        if known:
            shares = [known.count(o) / len(known) for o in set(known)]
            assert blau == pytest.approx(1 - sum(p * p for p in shares))
            assert row.blau_organisation == pytest.approx(blau)
            assert row.entropy_organisation == pytest.approx(entropy)
        else:
            assert math.isnan(row.blau_organisation)


def test_org_display_is_the_most_common_spelling_by_hand():
    from weakties.analysis.clusters import _org_display

    attrs = pd.DataFrame({
        "org_key": ["acme", "acme", "acme", "globex", "globex", "", "initech"],
        "organisation": ["ACME", "Acme Inc.", "Acme Inc.", "Globex", "GLOBEX", "Acme", "Initech"],
    })
    # acme: "Acme Inc." twice; globex: one each, the first in text order ("GLOBEX" < "Globex");
    # a person without organisation key is not counted
    assert _org_display(attrs) == {"acme": "Acme Inc.", "globex": "GLOBEX", "initech": "Initech"}
    # the same as pandas' group, sort and first per key, on a random frame
    import random

    rng = random.Random(3)
    keys = [rng.choice(["a", "b", "c", ""]) for _ in range(300)]
    frame = pd.DataFrame({"org_key": keys,
                          "organisation": [rng.choice(["X", "x", "Y", "y ", "Z"]) for _ in keys]})
    known = frame[frame["org_key"] != ""]
    counts = known.groupby(["org_key", "organisation"]).size().reset_index(name="n")
    counts = counts.sort_values(["org_key", "n", "organisation"], ascending=[True, False, True])
    first = counts.drop_duplicates("org_key")
    assert _org_display(frame) == dict(zip(first["org_key"], first["organisation"], strict=True))
