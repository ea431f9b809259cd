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
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from weakties._frames import columns, lookup
from weakties.analysis._table import EdgeTable, as_table
from weakties.analysis.clusters import LEIDEN

if TYPE_CHECKING:  # networkx is imported where a graph is built or read
    import networkx as nx

__all__ = ["reconnect", "novel_introductions", "introductions"]

RECONNECT_COLUMNS = [
    "owner", "person", "name", "organisation", "cluster", "last_interaction", "connected_on",
    "bridges_to", "score", "rank",
]
INTRODUCTION_COLUMNS = [
    "owner", "cluster_a", "cluster_b", "label_a", "label_b", "suggested_a", "suggested_a_name",
    "suggested_b", "suggested_b_name",
]


def reconnect(data: EdgeTable | nx.Graph, owners: Iterable[str], attrs: pd.DataFrame,
              membership: pd.Series, cluster_labels: dict[int, str], ties: pd.DataFrame,
              second: pd.DataFrame | None = None,
              introducers: dict[str, dict[str, list[str]]] | None = None, *,
              novel_via: dict[str, Counter] | None = None) -> pd.DataFrame:
    """Every owner's dormant ties, scored and ranked (see the module docstring).

    ``data`` is the :class:`~._table.EdgeTable` of the ties (or a networkx graph).
    ``second`` and ``introducers`` (from :mod:`.second_degree`) add the whole-network term;
    ``novel_via`` (``{owner: {contact: novel second-degree people they could introduce}}``)
    can be given instead of ``introducers``.

    Per owner on arrays (its ties' rows in ``table``, clusters and organisations counted with
    one ``bincount``); only the reasons of the dormant ties are written row by row.
    """
    owners = sorted(owners)
    table = as_table(data)
    n = table.n
    at = table.rows_of(*columns(ties, ["source", "target"]))
    dormant = np.zeros(table.m, dtype=bool)
    dormant[at] = ties["tie_class"].to_numpy(dtype=object) == "dormant"
    sweet = np.zeros(table.m, dtype=bool)
    sweet[at] = ties["sweet_spot"].fillna(False).to_numpy(dtype=bool)
    mutual = np.zeros(table.m, dtype=np.int64)
    mutual[at] = ties["mutual_contacts"].to_numpy()
    strength = np.zeros(table.m)
    strength[at] = ties["strength"].to_numpy(dtype=float)
    memb = membership.reindex(table.nodes, fill_value=-1).to_numpy(dtype=np.int64)
    org_keys = attrs["org_key"].reindex(table.nodes, fill_value="").to_numpy(dtype=object)
    org_code, _ = pd.factorize(org_keys)
    org_code = np.where(org_keys == "", -1, org_code)
    org_name = attrs["organisation"].reindex(table.nodes, fill_value="").to_numpy(dtype=object)
    names = attrs["name"].reindex(table.nodes, fill_value="").to_numpy(dtype=object)
    last, connected = table.column("last_interaction"), table.column("connected_on")
    rows = []
    for owner in owners:
        o = table.index[owner]
        mine = np.flatnonzero((table.s == o) | (table.t == o))
        contact = np.where(table.s[mine] == o, table.t[mine], table.s[mine])
        cid, org = memb[contact], org_code[contact]
        only_tie = (cid >= 0) & (np.bincount(cid[cid >= 0], minlength=n + 1)[cid] == 1)
        only_contact = (org >= 0) & (np.bincount(org[org >= 0], minlength=n + 1)[org] == 1)
        via: Counter[str] = Counter()
        if novel_via is not None:
            via = novel_via.get(owner, Counter())
        elif second is not None and introducers is not None and len(second):
            novel = second.loc[(second["owner"] == owner) & second["novel"], "person"]
            for person in novel:
                via.update(introducers[owner][person])
        keep = dormant[mine]
        i, c = mine[keep], contact[keep]
        found = []
        for tie, p, cluster, only, at_org, sw in zip(
                i.tolist(), c.tolist(), cid[keep].tolist(), only_tie[keep].tolist(),
                only_contact[keep].tolist(), sweet[i].tolist(), strict=True):
            person = table.nodes[p]
            score, why = 0.0, []
            if only:
                score += 2
                why.append(f"your only tie into cluster {cluster} ({cluster_labels[cluster]})")
            if at_org:
                score += 1
                why.append(f"your only contact at {org_name[p]}")
            if sw:
                score += 1
                why.append(f"moderately weak tie ({int(mutual[tie])} mutual contacts)")
            if via[person]:
                score += math.log2(1 + via[person])
                why.append(f"could introduce {via[person]} people in circles you don't reach")
            found.append((-score, -float(strength[tie]), person, names[p], org_name[p], cluster,
                          last[tie], connected[tie], "; ".join(why), score))
        found.sort(key=lambda r: (r[0], r[1], r[2]))
        rows.extend((owner, r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], rank)
                    for rank, r in enumerate(found, start=1))
    frame = pd.DataFrame(rows, columns=RECONNECT_COLUMNS)
    return frame.astype({"cluster": "int64", "score": float, "rank": "int64"})


def novel_introductions(table, owner: str, second: pd.DataFrame,
                        pairs: tuple[np.ndarray, np.ndarray]) -> Counter:
    """``{contact: novel second-degree people they could introduce}`` for one owner, from
    :func:`~weakties.analysis.second_degree.introducer_pairs` (what ``introducers`` gives)."""
    c, x = pairs
    novel = second.loc[(second["owner"] == owner) & second["novel"], "person"]
    if not len(novel) or not len(x):
        return Counter()
    mark = np.zeros(table.n, dtype=bool)
    mark[[table.index[p] for p in novel]] = True
    hit = c[mark[x]]
    counts = np.bincount(hit, minlength=table.n)
    nz = np.flatnonzero(counts)
    return Counter({table.nodes[i]: int(counts[i]) for i in nz.tolist()})


def introductions(data: EdgeTable | nx.Graph, owners: Iterable[str], membership: pd.Series,
                  cluster_table: pd.DataFrame, reach: pd.DataFrame) -> pd.DataFrame:
    """Pairs of the owner's (structural) clusters with no tie between them.

    Sorted per owner by the product of the two cluster sizes (joining bigger worlds first),
    then by cluster ids. ``suggested_a``/``suggested_b`` are the owner's strongest contacts in
    each cluster. The linked clusters are found in one numpy pass over the ties of ``data``
    (the :class:`~weakties.analysis._table.EdgeTable`, or a networkx graph).
    """
    table = as_table(data)
    owners = set(owners)
    eligible = set(cluster_table.loc[(cluster_table["method"] == LEIDEN)
                                     & (cluster_table["size"] >= 2), "cluster"].astype(int))
    sizes = dict(zip(cluster_table["cluster"], cluster_table["size"], strict=True))
    memb = membership.reindex(table.nodes, fill_value=-1).to_numpy().astype(np.int64)
    mark = np.zeros(table.n, dtype=bool)
    mark[[table.index[o] for o in owners if o in table.index]] = True
    keep = ~(mark[table.s] | mark[table.t])
    a, b = memb[table.s[keep]], memb[table.t[keep]]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    span = np.int64(max(int(memb.max(initial=0)) + 2, 2))
    codes = np.unique(((lo + 1) * span + (hi + 1))[lo != hi])
    linked = {(int(code // span) - 1, int(code % span) - 1) for code in codes.tolist()}
    rows = []
    for owner in sorted(owners):
        mine = reach[(reach["owner"] == owner) & (reach["level"] == "cluster")
                     & (reach["ties"] > 0)]
        mine = mine[mine["cluster"].astype(int).isin(eligible)].set_index("cluster")
        label = lookup(mine["label"])
        strongest = lookup(mine["strongest"])
        strongest_name = lookup(mine["strongest_name"])
        pairs = [(a, b) for a, b in combinations(sorted(int(c) for c in mine.index), 2)
                 if (a, b) not in linked]
        pairs.sort(key=lambda ab: (-sizes[ab[0]] * sizes[ab[1]], ab))
        rows.extend((owner, a, b, label[a], label[b], strongest[a], strongest_name[a],
                     strongest[b], strongest_name[b]) for a, b in pairs)
    frame = pd.DataFrame(rows, columns=INTRODUCTION_COLUMNS)
    return frame.astype({"cluster_a": "int64", "cluster_b": "int64"})
