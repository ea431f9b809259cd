from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest
from test_analysis_helpers import chat, ego_star, person, tie

from weakties.analysis import run


def test_star_reconnect_ranks_the_fragile_dormant_tie_first():
    r = run(ego_star())
    # Dormant: bob (nothing since 2015), cat (2019), eve (2021). ann, dan and fay are not.
    assert set(r.reconnect["person"]) == {"bob", "cat", "eve"}
    rows = r.reconnect.set_index("person")
    # cat is the only contact in the Globex group (+2) and the only one at Globex (+1);
    # bob (Acme) and eve (Leiden University) each share theirs with another contact.
    assert rows.at["cat", "score"] == 3 and rows.at["cat", "rank"] == 1
    assert "only tie into cluster" in rows.at["cat", "bridges_to"]
    assert "only contact at Globex" in rows.at["cat", "bridges_to"]
    # bob and eve tie at 0; eve's old endorsements leave a warmer tie than bob's nothing.
    assert rows.at["eve", "rank"] == 2 and rows.at["bob", "rank"] == 3
    assert rows.at["bob", "bridges_to"] == ""
    assert rows.at["cat", "last_interaction"] == "2019-01-01"


def test_reconnect_counts_whom_a_dormant_tie_could_introduce():
    # O (whole network, as of 2024-06-01) lost touch with d (connected 2015) at Old Corp; d
    # knows n1 and n2 at Far Corp, where O knows no one. O talks to w every week; w's
    # colleague m1 is at w's organisation.
    G = nx.Graph(owners=["O"], whole_network=True, as_of="2024-06-01")
    for pid, org in [("O", "Home"), ("d", "Old Corp"), ("n1", "Far Corp"), ("n2", "Far Corp"),
                     ("w", "Near Corp"), ("m1", "Near Corp")]:
        person(G, pid, pid, org, owner=pid == "O")
    tie(G, "O", "d", connected_on="2015-01-01")
    tie(G, "O", "w", connected_on="2020-01-01", **chat("O", "w", 10, "2024-05-30"))
    for u, v in [("d", "n1"), ("d", "n2"), ("n1", "n2"), ("w", "m1")]:
        tie(G, u, v, kinds=["ties-file"])
    r = run(G)
    assert list(r.reconnect["person"]) == ["d"]
    # Only tie into d's cluster {d, n1, n2} (+2), only contact at Old Corp (+1), and two
    # novel second-degree contacts reachable only through d: + log2(1 + 2).
    assert r.reconnect.at[0, "score"] == pytest.approx(3 + math.log2(3))
    assert "could introduce 2 people" in r.reconnect.at[0, "bridges_to"]


def clique_owner(join: bool) -> nx.Graph:
    """Owner O tied to a2 (20 messages) and a3, b2 (nothing); cliques a1..a3, b1..b3."""
    G = nx.Graph(owners=["O"], whole_network=True, as_of="2024-06-01")
    person(G, "O", "O", owner=True)
    for side in "ab":
        members = [f"{side}{i}" for i in range(1, 4)]
        for m in members:
            person(G, m, m.upper())
        for i, x in enumerate(members):
            for y in members[i + 1:]:
                tie(G, x, y, kinds=["ties-file"])
    tie(G, "O", "a2", **chat("O", "a2", 10, "2024-05-30"))
    tie(G, "O", "a3", connected_on="2024-01-01")
    tie(G, "O", "b2", connected_on="2024-01-01")
    if join:
        tie(G, "a1", "b1", kinds=["ties-file"])
    return G


def test_introductions_between_unlinked_clusters():
    # Nothing links the a-clique and the b-clique except O: O could introduce them, through
    # O's strongest contact on each side (a2, the one O messages; b2, O's only tie there).
    r = run(clique_owner(join=False))
    assert len(r.introductions) == 1
    row = r.introductions.iloc[0]
    assert {row["suggested_a"], row["suggested_b"]} == {"a2", "b2"}


def test_no_introduction_when_the_clusters_are_already_linked():
    # a1-b1 already ties the two cliques: there is no hole to close.
    r = run(clique_owner(join=True))
    assert r.figures["clusters"] == 2
    assert r.introductions.empty


def test_no_introductions_on_a_star():
    # Ties among a star's contacts are unobserved: a missing tie is not evidence of a hole.
    r = run(ego_star())
    assert r.introductions.empty
    assert "introductions you could make" in {s["analysis"] for s in r.skipped}


def test_reconnect_of_two_owners_by_hand():
    # O1 and O2 know each other (a dormant tie, in both lists). O1: a and b at Acme in cluster
    # 0, c at Beta in cluster 1 (a sweet-spot tie whose contact could introduce 3 people);
    # O2: c and d in cluster 1. Ties of equal score rank by strength, then id.
    from collections import Counter

    from weakties.analysis.clusters import people_attributes
    from weakties.analysis.reconnect import reconnect

    G = nx.Graph(owners=["O1", "O2"], whole_network=True, as_of="2024-06-01")
    for pid, org in [("O1", ""), ("O2", ""), ("a", "Acme"), ("b", "Acme"), ("c", "Beta"),
                     ("d", "")]:
        person(G, pid, pid.upper(), org, owner=pid.startswith("O"))
    rows = [("O1", "O2", "dormant", False, 0, 0.3), ("O1", "a", "dormant", False, 0, 0.3),
            ("O1", "b", "weak", False, 0, 0.5), ("O1", "c", "dormant", True, 2, 0.2),
            ("O2", "c", "dormant", False, 0, 0.2), ("O2", "d", "dormant", False, 0, 0.1)]
    for u, v, *_ in rows:
        tie(G, u, v, connected_on="2010-01-01")
    ties = pd.DataFrame(rows, columns=["source", "target", "tie_class", "sweet_spot",
                                       "mutual_contacts", "strength"])
    ties["sweet_spot"] = ties["sweet_spot"].astype("boolean")
    membership = pd.Series({"O1": -1, "O2": -1, "a": 0, "b": 0, "c": 1, "d": 1})
    got = reconnect(G, ["O2", "O1"], people_attributes(G), membership, {0: "zero", 1: "one"},
                    ties, novel_via={"O1": Counter({"c": 3})})
    assert got[["owner", "person", "score", "rank"]].values.tolist() == [
        ["O1", "c", 6.0, 1], ["O1", "O2", 0.0, 2], ["O1", "a", 0.0, 3],
        ["O2", "c", 1.0, 1], ["O2", "O1", 0.0, 2], ["O2", "d", 0.0, 3]]
    assert got["bridges_to"].tolist()[0] == (
        "your only tie into cluster 1 (one); your only contact at Beta; moderately weak tie "
        "(2 mutual contacts); could introduce 3 people in circles you don't reach")
    assert got["bridges_to"].tolist()[3] == "your only contact at Beta"
    assert set(got["connected_on"]) == {"2010-01-01"}
