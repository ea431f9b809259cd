"""Graph builders shared by the analysis tests (no tests here).

They build graphs the way the importers do (docs/graph-model.md): string ids, every node and
edge attribute present, so the analyses see exactly what they will see in production.
"""

from __future__ import annotations

import networkx as nx

EDGE_DEFAULTS = {
    "kinds": ["connection"], "connected_on": "", "messages": 0, "sent": {},
    "first_message": "", "last_message": "", "group_conversations": 0, "endorsements": 0,
    "recommendations": 0, "invited_by": "", "last_interaction": "", "weight": 1.0,
    "inferred": False,
}


def edge_list(G: nx.Graph, weighted: bool = False) -> nx.Graph:
    """``G`` as an edge-list import would give it: labels as strings, whole network, no owner.

    The karate club from networkx carries Zachary's interaction counts as ``weight``; the
    classic answers (bridges, betweenness, the 1977 split) are for the plain 78-edge list, so
    weights are kept only when asked for.
    """
    H = nx.Graph(owners=[], whole_network=True, as_of="")
    for n in sorted(G, key=str):
        person(H, str(n), str(n))
    for u, v, d in G.edges(data=True):
        w = float(d.get("weight", 1.0)) if weighted else 1.0
        H.add_edge(str(u), str(v), **{**EDGE_DEFAULTS, "kinds": ["edge"], "weight": w})
    return H


def person(G: nx.Graph, pid: str, name: str, organisation: str = "", position: str = "",
           location: str = "", owner: bool = False) -> None:
    G.add_node(pid, name=name, organisation=organisation, position=position,
               location=location, url="", email="", owner=owner, sources=[])


def tie(G: nx.Graph, u: str, v: str, **evidence) -> None:
    """A tie with the importer's full set of attributes; ``evidence`` overrides the defaults."""
    G.add_edge(u, v, **{**EDGE_DEFAULTS, **evidence})


def chat(u: str, v: str, each: int, last: str) -> dict:
    """Evidence of ``2 * each`` messages, ``each`` sent by either side, the last on ``last``."""
    return {"kinds": ["connection", "message"], "messages": 2 * each,
            "sent": {u: each, v: each}, "last_message": last, "last_interaction": last}


def two_cliques() -> nx.Graph:
    """Two 4-cliques a1..a4 and b1..b4 joined by the single tie a1-b1 (an edge list)."""
    G = nx.Graph()
    for side in "ab":
        members = [f"{side}{i}" for i in range(1, 5)]
        G.add_edges_from((x, y) for i, x in enumerate(members) for y in members[i + 1:])
    G.add_edge("a1", "b1")
    return edge_list(G)


def ego_star() -> nx.Graph:
    """One owner ("me", 2024-06-01) and six contacts; no tie among the contacts.

    ann: 20 two-way messages last week (strong); bob: connected 2015, nothing since (dormant);
    cat: 2 messages in 2019 (dormant); dan: connected three months ago (weak, not dormant);
    eve: 2 endorsements in 2021 (dormant); fay: a recommendation in 2023 (weak).
    """
    G = nx.Graph(owners=["me"], whole_network=False, as_of="2024-06-01")
    person(G, "me", "Me", "Acme", "Software Engineer", "Leiden", owner=True)
    for pid, name, org, position, loc in [
        ("ann", "Ann", "Acme", "Software Engineer", "Leiden"),
        ("bob", "Bob", "Acme", "Technical Recruiter", "Leiden"),
        ("cat", "Cat", "Globex", "Data Scientist", "Amsterdam"),
        ("dan", "Dan", "Initech", "Sales Manager", "Utrecht"),
        ("eve", "Eve", "Leiden University", "PhD Student", "Leiden"),
        ("fay", "Fay", "Leiden University", "Professor", "Leiden"),
    ]:
        person(G, pid, name, org, position, loc)
    tie(G, "me", "ann", connected_on="2020-01-01", **chat("me", "ann", 10, "2024-05-25"))
    tie(G, "me", "bob", connected_on="2015-01-01")
    tie(G, "me", "cat", connected_on="2016-01-01", **chat("me", "cat", 1, "2019-01-01"))
    tie(G, "me", "dan", connected_on="2024-03-01")
    tie(G, "me", "eve", connected_on="2018-01-01", endorsements=2, last_interaction="2021-01-01")
    tie(G, "me", "fay", connected_on="2018-01-01", recommendations=1,
        last_interaction="2023-09-01")
    return G


def team() -> nx.Graph:
    """Three owners A, B, C (merged exports, as of 2024-06-01) and a ties file.

    A's contacts B, x1, x2, x3 share no contact with A (no triangle through A), so every tie
    of A has overlap 0 and its strength is interaction / 2: the ranking of A's ties is the
    ranking of their interaction: x1 (20 two-way messages last month) > B (6 two-way, April)
    > x2 (one endorsement, 2023) > x3 (connected 2023, nothing since: 0).
    Ties among non-owners come from a ties file (weight 1, no interaction).

        A - x1 - p, q        A - x2 - p        A - x3 - r, s        s - z
        A - B - C - z        B - y
    """
    G = nx.Graph(owners=["A", "B", "C"], whole_network=True, as_of="2024-06-01")
    for pid, org in [("A", "Team"), ("B", "Team"), ("C", "Team"), ("x1", "Acme"),
                     ("x2", "Acme"), ("x3", "Globex"), ("p", "Acme"), ("q", "Acme"),
                     ("r", "Globex"), ("s", "Initech"), ("y", "Globex"), ("z", "Umbrella")]:
        person(G, pid, f"Person {pid}", org, owner=pid in {"A", "B", "C"})
    tie(G, "A", "x1", connected_on="2020-01-01", **chat("A", "x1", 10, "2024-05-20"))
    tie(G, "A", "B", connected_on="2020-01-01", **chat("A", "B", 3, "2024-04-01"))
    tie(G, "A", "x2", connected_on="2023-01-01", endorsements=1, last_interaction="2023-08-01")
    tie(G, "A", "x3", connected_on="2023-01-01")
    tie(G, "B", "C", connected_on="2020-01-01", **chat("B", "C", 20, "2024-05-30"))
    tie(G, "C", "z", connected_on="2020-01-01", **chat("C", "z", 20, "2024-05-30"))
    tie(G, "B", "y", connected_on="2021-01-01")
    for u, v in [("x1", "p"), ("x1", "q"), ("x2", "p"), ("x3", "r"), ("x3", "s"), ("s", "z")]:
        tie(G, u, v, kinds=["ties-file"])
    return G
