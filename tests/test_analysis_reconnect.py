from __future__ import annotations

import math

import networkx as nx
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
