from __future__ import annotations

import math
from datetime import date, timedelta

import networkx as nx
import pandas as pd
import pytest
from test_analysis_helpers import chat, edge_list, ego_star, person, tie, two_cliques

from weakties.analysis.evidence import EGO_NETWORK, EGO_STAR, WHOLE_NETWORK
from weakties.analysis.params import Params
from weakties.analysis.strength import (
    describe_tie,
    interaction_points,
    percolation,
    sweet_spot_band,
    tie_strength,
)


def by_pair(ties: pd.DataFrame) -> pd.DataFrame:
    return ties.set_index(["source", "target"])


def test_reciprocity_counts():
    # Ten messages both ways (5 + 5) are worth log2(11); the same ten all from one side half
    # of that: a conversation is stronger evidence than a monologue.
    both = {"messages": 10, "sent": {"u": 5, "v": 5}}
    one_way = {"messages": 10, "sent": {"u": 10}}
    assert interaction_points(both, "u", "v", None, 365) == pytest.approx(math.log2(11))
    assert interaction_points(one_way, "u", "v", None, 365) == pytest.approx(math.log2(11) / 2)


def test_recency_halves_evidence_after_one_half_life():
    as_of = date(2024, 6, 1)
    d = {"messages": 10, "sent": {"u": 5, "v": 5}}
    old = {**d, "last_interaction": (as_of - timedelta(days=365)).isoformat()}
    fresh = {**d, "last_interaction": as_of.isoformat()}
    assert interaction_points(old, "u", "v", as_of, 365) == pytest.approx(
        interaction_points(fresh, "u", "v", as_of, 365) / 2)


def test_star_classes_follow_interaction_and_dates():
    # as_of 2024-06-01, dormant after 730 days (see ego_star for the evidence of each tie).
    ties = by_pair(tie_strength(ego_star(), ["me"], EGO_STAR))
    cls = {pair[0]: c for pair, c in ties["tie_class"].items()}
    assert cls == {
        "ann": "strong",   # 20 two-way messages a week ago: log2(21) ~ 4.3 points > 3
        "bob": "dormant",  # connected 2015, nothing since: 9 years without contact
        "cat": "dormant",  # last message 2019
        "dan": "weak",     # connected three months ago: new, not dormant; no messages
        "eve": "dormant",  # endorsements in 2021: more than two years ago
        "fay": "weak",     # a recommendation 9 months ago: 1.5 points, decayed to ~0.9 < 3
    }


def test_star_embeddedness_is_unknown_so_strength_is_interaction():
    ties = tie_strength(ego_star(), ["me"], EGO_STAR)
    assert ties["sweet_spot"].isna().all()
    assert (ties["strength"] == ties["interaction"]).all()
    # Every contact has degree 1 and shares no contact with the owner: overlap 0/(5+0-0).
    assert (ties["overlap"] == 0).all() and (ties["mutual_contacts"] == 0).all()


def test_strength_is_between_zero_and_one():
    ties = tie_strength(ego_star(), ["me"], EGO_STAR)
    assert ties["strength"].between(0, 1).all()


def test_dormant_is_judged_from_each_owners_own_export_date():
    # Two owners merged: "me" exported on 2024-06-01 (the newest date in the data), "old"
    # exported on 2021-06-01. Both last spoke to their contact on 2020-01-01. For "me" that is
    # 1,613 days before their export: dormant (> 730). For "old" it is 517 days before theirs:
    # not dormant. Judged from the newest date in all the data, both would be dormant.
    G = nx.Graph(owners=["me", "old"], whole_network=True, as_of="2024-06-01",
                 as_of_by_owner={"me": "2024-06-01", "old": "2021-06-01"})
    for pid in ("me", "old", "x", "y"):
        person(G, pid, pid, owner=pid in {"me", "old"})
    tie(G, "me", "x", connected_on="2016-01-01", **chat("me", "x", 1, "2020-01-01"))
    tie(G, "old", "y", connected_on="2016-01-01", **chat("old", "y", 1, "2020-01-01"))
    ties = by_pair(tie_strength(G, ["me", "old"], WHOLE_NETWORK))
    assert ties.loc[("me", "x"), "tie_class"] == "dormant"
    assert ties.loc[("old", "y"), "tie_class"] == "weak"


def test_contact_ties_are_never_dormant():
    # Only an owner's own ties carry interaction records; a tie between two contacts (from
    # a ties file, no dates) says nothing about when they last spoke.
    G = ego_star()
    tie(G, "ann", "bob", kinds=["ties-file"])
    ties = by_pair(tie_strength(G, ["me"], EGO_NETWORK))
    assert ties.loc[("ann", "bob"), "tie_class"] != "dormant"


def test_onnela_overlap_on_two_cliques():
    # O_ij = n_ij / ((k_i - 1) + (k_j - 1) - n_ij)
    ties = by_pair(tie_strength(two_cliques(), [], WHOLE_NETWORK))
    # a2-a3: both degree 3, sharing a1 and a4: 2 / (2 + 2 - 2) = 1.
    assert ties.loc[("a2", "a3"), "overlap"] == pytest.approx(1.0)
    # a1-a2: a1 has degree 4 (the bridge too), a2 degree 3, sharing 2: 2 / (3 + 2 - 2).
    assert ties.loc[("a1", "a2"), "overlap"] == pytest.approx(2 / 3)
    # a1-b1: no common neighbour, a local bridge: overlap 0, the weakest tie.
    assert ties.loc[("a1", "b1"), "overlap"] == 0
    assert ties.loc[("a1", "b1"), "tie_class"] == "weak"
    assert ties.loc[("a2", "a3"), "tie_class"] == "strong"


def test_overlap_undefined_for_an_isolated_pair():
    # k_i = k_j = 1: the denominator is 0; report missing, not 0 (docs/concepts.md §1.3).
    G = edge_list(nx.Graph([("x", "y")]))
    ties = tie_strength(G, [], WHOLE_NETWORK)
    assert math.isnan(ties.loc[0, "overlap"])


def test_plain_edge_list_has_no_interaction_and_no_dormant_ties():
    ties = tie_strength(two_cliques(), [], WHOLE_NETWORK)
    assert ties["interaction"].isna().all()
    assert set(ties["tie_class"]) == {"strong", "weak"}
    # Without interaction evidence, strength is the overlap.
    assert (ties["strength"] == ties["overlap"]).all()


def test_weighted_edge_list_interaction_from_weight():
    # Weights 1, 1, 2, 4: median 1.5, so interaction = w / (w + 2 * 1.5). Only the tie of
    # weight 4 (at least twice the typical weight) is strong: 4 / 7 > 0.5.
    G = nx.Graph()
    for (u, v), w in zip([("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")], [1, 1, 2, 4],
                         strict=True):
        G.add_edge(u, v, weight=w)
    ties = by_pair(tie_strength(edge_list(G, weighted=True), [], WHOLE_NETWORK))
    assert ties.loc[("a", "b"), "interaction"] == pytest.approx(1 / 4)
    assert ties.loc[("c", "d"), "interaction"] == pytest.approx(2 / 5)
    assert ties.loc[("d", "e"), "interaction"] == pytest.approx(4 / 7)
    assert list(ties["tie_class"]) == ["weak", "weak", "weak", "strong"]


def test_sweet_spot_band_scales_with_network_size():
    # Rajkumar et al.: turning point ~10 mutual connections for networks of ~500.
    assert sweet_spot_band(500, Params()) == (1, 10)
    assert sweet_spot_band(260, Params()) == (1, 5)   # 10 * 260 / 500 = 5.2
    assert sweet_spot_band(17, Params()) == (1, 1)    # small networks: exactly one mutual


def test_sweet_spot_is_a_weak_tie_with_a_few_mutual_contacts():
    # u knows v, w, x1, x2, x3; v knows u, w, y1, y2; w knows u and v.
    G = nx.Graph([("u", "v"), ("u", "w"), ("v", "w"), ("u", "x1"), ("u", "x2"), ("u", "x3"),
                  ("v", "y1"), ("v", "y2")])
    ties = by_pair(tie_strength(edge_list(G), [], WHOLE_NETWORK))
    # u-v share w: overlap 1 / (4 + 3 - 1) = 1/6 < 0.3, weak with one mutual: sweet spot.
    assert ties.loc[("u", "v"), "sweet_spot"]
    # v-w share u: overlap 1 / (3 + 1 - 1) = 1/3 >= 0.3, a strong tie: not the sweet spot.
    assert ties.loc[("v", "w"), "tie_class"] == "strong"
    assert not ties.loc[("v", "w"), "sweet_spot"]
    # u-x1 shares no one: the weakest end of the inverted U, not the sweet spot.
    assert not ties.loc[("u", "x1"), "sweet_spot"]


def test_les_miserables_weak_tie_percolation():
    # Onnela et al. 2007: removing ties weakest-first (by overlap) breaks the giant component
    # at a smaller removed fraction than removing them strongest-first.
    G = edge_list(nx.les_miserables_graph(), weighted=True)
    ties = tie_strength(G, [], WHOLE_NETWORK)
    order = ties.sort_values(["overlap", "source", "target"], na_position="first",
                             kind="stable")
    weakest_first = list(zip(order["source"], order["target"], strict=True))

    def collapse(removal: list[tuple[str, str]]) -> float:
        curve = percolation(G, removal)
        return curve.loc[curve["giant_component"] < 0.5, "fraction_removed"].iloc[0]

    assert collapse(weakest_first) < collapse(weakest_first[::-1])


def test_percolation_curve_ends():
    # Two cliques (8 nodes, 13 ties): nothing removed, one component of 8; all removed, 1/8.
    G = two_cliques()
    curve = percolation(G, list(G.edges()))
    assert curve["giant_component"].iloc[0] == 1.0
    assert curve["giant_component"].iloc[-1] == 1 / 8
    assert len(curve) == 14
    # Removing the bridge a1-b1 first splits it into two halves of 4.
    first = percolation(G, [("a1", "b1")] + [e for e in G.edges() if set(e) != {"a1", "b1"}])
    assert first["giant_component"].iloc[1] == 0.5


def test_describe_tie():
    d = {"connected_on": "2019-05-02", "endorsements": 2, **chat("u", "v", 6, "2024-03-01")}
    assert describe_tie(d) == "12 messages, last 2024-03-01; connected 2019-05-02; 2 endorsements"
    assert describe_tie({"kinds": ["group"], "group_conversations": 1, "inferred": True}) == (
        "1 group conversation together (inferred tie)")
    assert describe_tie({"kinds": ["edge"], "weight": 2.0}) == "edge weight 2"
