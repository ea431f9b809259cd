from __future__ import annotations

import networkx as nx
import pytest
from test_analysis_helpers import ego_star, person, tie, two_cliques

from weakties.analysis.evidence import (
    EGO_NETWORK,
    EGO_STAR,
    WHOLE_NETWORK,
    evidence_level,
    owners_of,
    skipped_analyses,
    working_graph,
)


def test_single_export_is_a_star():
    # Only the owner's own ties: nothing is known about who among the contacts knows whom.
    assert evidence_level(ego_star()) == EGO_STAR


def test_shared_organisation_does_not_lift_a_star():
    # ann and bob both work at Acme, but a shared employer is an attribute, not a tie.
    G = ego_star()
    assert G.nodes["ann"]["organisation"] == G.nodes["bob"]["organisation"]
    assert evidence_level(G) == EGO_STAR


def test_one_tie_among_contacts_makes_an_ego_network():
    G = ego_star()
    tie(G, "ann", "bob", kinds=["ties-file"])
    assert evidence_level(G) == EGO_NETWORK


def test_inferred_ties_count_only_when_included():
    # ann and cat were in one group conversation: inferred, so it lifts the level only when
    # inferred ties are analysed.
    G = ego_star()
    tie(G, "ann", "cat", kinds=["group"], group_conversations=1, inferred=True)
    assert evidence_level(G) == EGO_NETWORK
    assert evidence_level(G, include_inferred=False) == EGO_STAR
    H = working_graph(G, include_inferred=False)
    assert not H.has_edge("ann", "cat") and G.has_edge("ann", "cat")
    assert H.number_of_edges() == G.number_of_edges() - 1


@pytest.mark.parametrize("owners, whole, expected", [
    ([], True, WHOLE_NETWORK),         # an edge list
    ([], False, WHOLE_NETWORK),        # no owner and no flag: treated as a whole network
    (["a1"], True, WHOLE_NETWORK),     # the flag wins
    (["a1", "b1"], False, WHOLE_NETWORK),  # two owners' exports merged
])
def test_whole_network(owners, whole, expected):
    G = two_cliques()
    G.graph.update(owners=owners, whole_network=whole)
    assert evidence_level(G) == expected


def test_owners_from_node_flags_when_not_listed():
    G = nx.Graph()
    person(G, "b", "B", owner=True)
    person(G, "a", "A", owner=True)
    person(G, "c", "C")
    assert owners_of(G) == ["a", "b"]


def test_star_skips_structure_with_reasons_and_unlock_hints():
    skipped = skipped_analyses(EGO_STAR, 1)
    names = {s["analysis"] for s in skipped}
    assert {"betweenness", "bridges", "local bridges", "constraint and effective size",
            "second-degree contacts"} <= names
    for s in skipped:
        assert s["reason"] and s["unlock"]
    assert "messages.csv" in skipped[0]["unlock"]


def test_ego_network_skips_second_degree_but_not_local_bridges_or_brokers():
    # Betweenness runs among contacts (owner removed) on an ego network (issue 13).
    names = {s["analysis"] for s in skipped_analyses(EGO_NETWORK, 1)}
    assert "betweenness" not in names and "second-degree contacts" in names
    assert "local bridges" not in names and "constraint and effective size" not in names


def test_whole_network_skips_only_owner_analyses_without_owner():
    assert skipped_analyses(WHOLE_NETWORK, 2) == []
    names = {s["analysis"] for s in skipped_analyses(WHOLE_NETWORK, 0)}
    assert names == {"owner's reach, range and fragile ties", "second-degree contacts",
                     "reconnect list", "introductions you could make"}
