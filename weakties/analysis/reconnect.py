"""Whom to get back in touch with, and which introductions an owner could make.

**Reconnect**: Levin, Walter & Murnighan (2011) found that reconnecting with dormant ties gave
more novel and useful knowledge than current ties, at little cost in trust. So every dormant
tie of an owner is listed, scored by what it bridges to::

    score = 2 * (the owner's only tie into the contact's cluster)
          + 1 * (the owner's only contact at the contact's organisation)
          + 1 * (a sweet-spot tie: moderately weak, Rajkumar et al. 2022)
          + log2(1 + second-degree people in unreached clusters/organisations
                     whom this contact could introduce)          # whole networks only

ranked by score, then tie strength (the warmer of two equal candidates first), then id.

**Introductions you could make**: pairs of clusters the owner has ties into with no tie between
them. The owner is the only bridge there (Burt's structural hole); introducing the two best
contacts closes it for them (Obstfeld's *tertius iungens*). Only structural (Leiden) clusters of
two or more count: grouped-by-organisation contacts have unobserved, not absent, ties.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from itertools import combinations

import networkx as nx
import pandas as pd

from weakties.analysis.clusters import LEIDEN
from weakties.analysis.strength import edge_key

__all__ = ["reconnect", "introductions"]

RECONNECT_COLUMNS = [
    "owner", "person", "name", "organisation", "cluster", "last_interaction", "connected_on",
    "bridges_to", "score", "rank",
]
INTRODUCTION_COLUMNS = [
    "owner", "cluster_a", "cluster_b", "label_a", "label_b", "suggested_a", "suggested_a_name",
    "suggested_b", "suggested_b_name",
]


def reconnect(G: nx.Graph, owners: Iterable[str], attrs: pd.DataFrame, membership: pd.Series,
              cluster_labels: dict[int, str], ties: pd.DataFrame,
              second: pd.DataFrame | None = None,
              introducers: dict[str, dict[str, list[str]]] | None = None) -> pd.DataFrame:
    """Every owner's dormant ties, scored and ranked (see the module docstring).

    ``second`` and ``introducers`` (from :mod:`.second_degree`) add the whole-network term.
    """
    owners = sorted(owners)
    owned = ties[ties["source"].isin(owners) | ties["target"].isin(owners)]
    tie = {(s, t): r for s, t, r in zip(owned["source"], owned["target"],
                                         owned.to_dict("records"), strict=True)}
    rows = []
    for owner in owners:
        contacts = sorted(G.adj[owner])
        in_cluster = Counter(int(membership[c]) for c in contacts)
        at_org = Counter(attrs.at[c, "org_key"] for c in contacts)
        novel_via: Counter[str] = Counter()
        if second is not None and introducers is not None and len(second):
            novel = second.loc[(second["owner"] == owner) & second["novel"], "person"]
            for person in novel:
                novel_via.update(introducers[owner][person])
        found = []
        for c in contacts:
            row = tie[edge_key(owner, c)]
            if row["tie_class"] != "dormant":
                continue
            score, why = 0.0, []
            cid = int(membership[c])
            if cid >= 0 and in_cluster[cid] == 1:
                score += 2
                why.append(f"your only tie into cluster {cid} ({cluster_labels[cid]})")
            org = attrs.at[c, "organisation"]
            if attrs.at[c, "org_key"] and at_org[attrs.at[c, "org_key"]] == 1:
                score += 1
                why.append(f"your only contact at {org}")
            if pd.notna(row["sweet_spot"]) and bool(row["sweet_spot"]):
                score += 1
                why.append(f"moderately weak tie ({int(row['mutual_contacts'])} mutual contacts)")
            if novel_via[c]:
                score += math.log2(1 + novel_via[c])
                why.append(f"could introduce {novel_via[c]} people in circles you don't reach")
            d = G[owner][c]
            found.append({"owner": owner, "person": c, "name": attrs.at[c, "name"],
                          "organisation": org, "cluster": cid,
                          "last_interaction": d.get("last_interaction", ""),
                          "connected_on": d.get("connected_on", ""),
                          "bridges_to": "; ".join(why), "score": score,
                          "_strength": float(row["strength"])})
        found.sort(key=lambda r: (-r["score"], -r["_strength"], r["person"]))
        for i, r in enumerate(found, start=1):
            r["rank"] = i
            del r["_strength"]
        rows.extend(found)
    frame = pd.DataFrame(rows, columns=RECONNECT_COLUMNS)
    return frame.astype({"cluster": "int64", "score": float, "rank": "int64"})


def introductions(G: nx.Graph, owners: Iterable[str], membership: pd.Series,
                  cluster_table: pd.DataFrame, reach: pd.DataFrame) -> pd.DataFrame:
    """Pairs of the owner's (structural) clusters with no tie between them.

    Sorted per owner by the product of the two cluster sizes (joining bigger worlds first),
    then by cluster ids. ``suggested_a``/``suggested_b`` are the owner's strongest contacts in
    each cluster.
    """
    owners = set(owners)
    eligible = set(cluster_table.loc[(cluster_table["method"] == LEIDEN)
                                     & (cluster_table["size"] >= 2), "cluster"].astype(int))
    sizes = dict(zip(cluster_table["cluster"], cluster_table["size"], strict=True))
    linked: set[tuple[int, int]] = set()
    for u, v in G.edges():
        if u in owners or v in owners:
            continue
        a, b = int(membership[u]), int(membership[v])
        if a != b:
            linked.add((min(a, b), max(a, b)))
    rows = []
    for owner in sorted(owners):
        mine = reach[(reach["owner"] == owner) & (reach["level"] == "cluster")
                     & (reach["ties"] > 0)]
        mine = mine[mine["cluster"].astype(int).isin(eligible)].set_index("cluster")
        pairs = [(a, b) for a, b in combinations(sorted(int(c) for c in mine.index), 2)
                 if (a, b) not in linked]
        pairs.sort(key=lambda ab: (-sizes[ab[0]] * sizes[ab[1]], ab))
        for a, b in pairs:
            rows.append({"owner": owner, "cluster_a": a, "cluster_b": b,
                         "label_a": mine.at[a, "label"], "label_b": mine.at[b, "label"],
                         "suggested_a": mine.at[a, "strongest"],
                         "suggested_a_name": mine.at[a, "strongest_name"],
                         "suggested_b": mine.at[b, "strongest"],
                         "suggested_b_name": mine.at[b, "strongest_name"]})
    frame = pd.DataFrame(rows, columns=INTRODUCTION_COLUMNS)
    return frame.astype({"cluster_a": "int64", "cluster_b": "int64"})
