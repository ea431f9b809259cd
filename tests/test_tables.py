"""The contact graph as tables (weakties.graph.tables, weakties.network)."""

from __future__ import annotations

import random
from pathlib import Path

import networkx as nx
import pytest

import weakties
from weakties.graph.tables import PEOPLE_BASE, TIES_BASE, people_table, ties_table

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports"


def _graph() -> nx.Graph:
    # Two owners, O1 and O2, both know c; only O1 knows d; c and d message each other.
    G = nx.Graph(owners=["o1", "o2"])
    G.add_node("o1", name="Olga", owner=True, sources=["a.zip", "b.vcf"])
    G.add_node("o2", name="Ana", owner=True, sources=["c.zip"])
    G.add_node("c", name="Cy", organisation="Acme", circles=["friends", "climbing"])
    G.add_node("d", name="Di")
    G.add_edge("o1", "c", kinds=["connection"], connected_on="2020-01-02")
    G.add_edge("o2", "c", kinds=["connection", "message"], messages=5, sent={"c": 4, "o2": 1})
    G.add_edge("o1", "d", kinds=["connection"], weight=2.0)
    G.add_edge("d", "c", kinds=["group"], group_conversations=1, inferred=True)
    return G


def test_people_table_by_hand():
    people = people_table(_graph()).set_index("id")
    assert list(people.columns) == PEOPLE_BASE[1:] + ["circles"]
    # c is known by both owners (sorted by name), d by Olga only, an owner not by themselves
    assert people.loc["c", "owners"] == "Ana; Olga"
    assert people.loc["d", "owners"] == "Olga"
    assert people.loc["o1", "owners"] == ""
    assert people["degree"].to_dict() == {"o1": 2, "o2": 1, "c": 3, "d": 2}
    assert people.loc["o1", "sources"] == 2 and people.loc["c", "sources"] == 0
    assert people.loc["c", "circles"] == "friends; climbing" and people.loc["d", "circles"] == ""


def test_ties_table_by_hand():
    ties = ties_table(_graph())
    assert list(ties.columns) == TIES_BASE
    rows = ties.set_index(["source", "target"])
    # ("c", "o2"): c is the source (c < o2); c sent 4 of the 5 messages
    assert rows.loc[("c", "o2"), ["messages", "messages_source_to_target",
                                  "messages_target_to_source"]].tolist() == [5, 4, 1]
    assert rows.loc[("c", "o2"), "kinds"] == "connection message"
    assert rows.loc[("c", "d"), ["inferred", "group_conversations", "weight"]].tolist() == [
        True, 1, 1.0]
    assert rows.loc[("d", "o1"), "weight"] == 2.0
    assert rows.loc[("c", "o1"), ["connected_on", "source_name", "target_name"]].tolist() == [
        "2020-01-02", "Cy", "Olga"]


def test_empty_graph_gives_empty_tables_with_columns():
    assert list(people_table(nx.Graph()).columns) == PEOPLE_BASE
    assert list(ties_table(nx.Graph()).columns) == TIES_BASE


def test_network_of_the_team_matches_its_graph():
    net = weakties.network(SAMPLES / "team")
    G = net.to_networkx()
    assert len(net.people) == G.number_of_nodes() and len(net.ties) == G.number_of_edges()
    assert (net.ties["source"] < net.ties["target"]).all()
    for row in net.ties.sample(20, random_state=1).itertuples():
        d = G.edges[row.source, row.target]
        assert row.messages == d.get("messages", 0)
        assert row.messages_source_to_target == d.get("sent", {}).get(row.source, 0)
    assert net.people["owner"].sum() == len(G.graph["owners"]) == 4


@pytest.mark.parametrize("owners", [0, 1, 5, 63, 64, 80])  # the bit sets hold 63 owners
def test_owners_column_names_each_persons_owners_sorted(owners):
    # by hand on networkx: the names of the owner neighbours (other than the person), sorted
    G = nx.gnm_random_graph(150, 900, seed=owners)
    G = nx.relabel_nodes(G, lambda n: f"p{n:03d}")
    rng = random.Random(owners)
    chosen = rng.sample(sorted(G), owners)
    G.graph["owners"] = chosen
    for n in G:
        G.nodes[n]["name"] = rng.choice(["Ann", "Bo", "Cy", "Ann", "Zoë", "bo"])  # names repeat
    G.add_edge(chosen[0] if chosen else "p000", chosen[0] if chosen else "p000")  # a self tie
    table = people_table(G).set_index("id")
    for n in G:
        expected = sorted(G.nodes[o]["name"] for o in G[n] if o in set(chosen) and o != n)
        assert table.loc[n, "owners"] == "; ".join(expected)
