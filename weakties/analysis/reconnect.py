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
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from weakties._frames import columns
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
    memb = table.by_node(membership, -1, np.int64)
    org_keys = table.by_node(attrs["org_key"], "")
    org_code, _ = pd.factorize(org_keys)
    org_code = np.where(org_keys == "", -1, org_code)
    org_name = table.by_node(attrs["organisation"], "")
    names = table.by_node(attrs["name"], "")
    last, connected = table.column("last_interaction"), table.column("connected_on")
    nodes = np.asarray(table.nodes, dtype=object)
    parts: list[tuple] = []
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
        if len(i):
            parts.append((owner, i, c, cid[keep], only_tie[keep], only_contact[keep],
                          _counts(via, table, c)))
    if not parts:
        frame = pd.DataFrame([], columns=RECONNECT_COLUMNS)
        return frame.astype({"cluster": "int64", "score": float, "rank": "int64"})
    frames = []
    for owner, i, c, cluster, only, at_org, via_n in parts:
        sw = sweet[i]
        # the score as the sum it is written as: small whole numbers first (exact), then the
        # logarithm (math.log2, as the definition reads; few ties have one)
        score = 2.0 * only + 1.0 * at_org + 1.0 * sw
        has_via = np.flatnonzero(via_n)
        score[has_via] += np.array([math.log2(1 + v) for v in via_n[has_via].tolist()],
                                   dtype=float)
        has = [np.flatnonzero(x) for x in (only, at_org, sw, via_n > 0)]
        reason = _reasons(len(i), [
            (has[0], _each(cluster[has[0]], lambda k: f"your only tie into cluster {k} "
                                                      f"({cluster_labels[k]})")),
            (has[1], np.array([f"your only contact at {x}" for x in org_name[c[has[1]]].tolist()],
                              dtype=object)),
            (has[2], _each(mutual[i[has[2]]], lambda k: f"moderately weak tie ({k} mutual "
                                                        "contacts)")),
            (has[3], _each(via_n[has[3]], lambda k: f"could introduce {k} people in circles "
                                                    "you don't reach")),
        ])
        # ranked by score, then the warmer tie, then id (node order is id order)
        order = np.lexsort((c, -strength[i], -score))
        frames.append(pd.DataFrame({
            "owner": np.full(len(i), owner, dtype=object), "person": nodes[c[order]],
            "name": names[c[order]], "organisation": org_name[c[order]],
            "cluster": cluster[order], "last_interaction": last[i[order]],
            "connected_on": connected[i[order]], "bridges_to": reason[order],
            "score": score[order], "rank": np.arange(1, len(i) + 1)}))
    frame = pd.concat(frames, ignore_index=True)
    return frame.astype({"cluster": "int64", "score": float, "rank": "int64"})


def _counts(via: Counter, table: EdgeTable, at: np.ndarray) -> np.ndarray:
    """``via[id]`` of the people at node indices ``at`` (0 for those not counted)."""
    counts = np.zeros(table.n, dtype=np.int64)
    known = [(table.index[k], v) for k, v in via.items() if k in table.index]
    if known:
        where, value = zip(*known, strict=True)
        counts[list(where)] = value
    return counts[at]


def _each(keys: np.ndarray, text) -> np.ndarray:
    """``text(k)`` for every key, formatted once per distinct key (a few clusters or counts
    for thousands of ties)."""
    distinct, back = np.unique(keys, return_inverse=True)
    return np.array([text(int(k)) for k in distinct.tolist()], dtype=object)[back]


def _reasons(size: int, parts: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Each row's reasons joined with "; ", in the order of ``parts``: (the rows that have it,
    its text at those rows). Joined on object arrays: B's 80,000 dormant ties were a Python
    loop of f-strings (reconnect 0.39 -> ~0.15 s of CPU)."""
    out = np.full(size, "", dtype=object)
    for at, new in parts:
        if not len(at):
            continue
        said = out[at]
        first = said == ""
        said[first] = new[first]
        said[~first] = said[~first] + "; " + new[~first]
        out[at] = said
    return out


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
    memb = table.by_node(membership, -1, np.int64)
    mark = np.zeros(table.n, dtype=bool)
    mark[[table.index[o] for o in owners if o in table.index]] = True
    keep = ~(mark[table.s] | mark[table.t])
    a, b = memb[table.s[keep]], memb[table.t[keep]]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    span = np.int64(max(int(memb.max(initial=0)) + 2, 2))
    codes = np.unique(((lo + 1) * span + (hi + 1))[lo != hi])
    frames = []
    for owner in sorted(owners):
        mine = reach[(reach["owner"] == owner) & (reach["level"] == "cluster")
                     & (reach["ties"] > 0)]
        mine = mine[mine["cluster"].astype(int).isin(eligible)]
        mine = mine.assign(cluster=mine["cluster"].astype(np.int64)).sort_values("cluster")
        cs = mine["cluster"].to_numpy()
        # every pair of the owner's clusters no tie links, as combinations() lists them, then
        # by the product of their sizes: on arrays (B: 135k pairs were a Python loop, 0.2 s)
        i, j = np.triu_indices(len(cs), 1)
        keep = ~np.isin((cs[i] + 1) * span + (cs[j] + 1), codes)
        i, j = i[keep], j[keep]
        size = np.array([sizes[c] for c in cs.tolist()], dtype=np.int64)
        order = np.lexsort((cs[j], cs[i], -(size[i] * size[j])))
        i, j = i[order], j[order]
        text = {key: mine[key].to_numpy(dtype=object) for key in (
            "label", "strongest", "strongest_name")}
        if len(i):
            frames.append(pd.DataFrame({
                "owner": np.full(len(i), owner, dtype=object), "cluster_a": cs[i],
                "cluster_b": cs[j], "label_a": text["label"][i], "label_b": text["label"][j],
                "suggested_a": text["strongest"][i],
                "suggested_a_name": text["strongest_name"][i],
                "suggested_b": text["strongest"][j],
                "suggested_b_name": text["strongest_name"][j]}))
    frame = (pd.concat(frames, ignore_index=True) if frames
             else pd.DataFrame([], columns=INTRODUCTION_COLUMNS))
    return frame.astype({"cluster_a": "int64", "cluster_b": "int64"})
