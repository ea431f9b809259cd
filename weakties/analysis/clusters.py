"""Clusters among the contacts, their composition and diversity, and how each owner reaches them.

Clusters are found with the owner(s) removed, as LinkedIn's InMaps did: with the owner in, every
contact is one step from everyone else and the owner's ties would dominate the partition.
Community detection is Leiden (Traag et al. 2019) optimising modularity at ``resolution``,
seeded -- Louvain's successor, which guarantees every cluster is connected (Louvain can return
a "cluster" in pieces, whose label and density would mislead), and on our 100k-node benchmark
both faster and better than Louvain (see :data:`LEIDEN_ITERATIONS`).

Contacts with no observed tie to another contact (all of them on an ego star) cannot be placed
by structure, so they are grouped by organisation (when at least two share it), else by role
family: those clusters say ``method = "organisation/role groups"`` and have no density (their
ties are unobserved, not absent).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

import igraph as ig
import numpy as np
import pandas as pd

from weakties._frames import columns, texts
from weakties.analysis._igraph import seeded
from weakties.analysis._table import EdgeTable, as_table
from weakties.analysis.evidence import EGO_STAR
from weakties.analysis.params import DEFAULT_PARAMS, Params
from weakties.analysis.roles import role_family
from weakties.analysis.strength import degrees
from weakties.identity import normalise_org

if TYPE_CHECKING:  # networkx is imported where a graph is built or read
    import networkx as nx

__all__ = ["people_attributes", "diversity", "clusters", "owner_range", "reach"]

LEIDEN = "leiden"
GROUPS = "organisation/role groups"

CLUSTER_COLUMNS = [
    "cluster", "label", "size", "density", "top_organisations", "top_roles",
    "blau_organisation", "entropy_organisation", "blau_role", "entropy_role",
    "blau_location", "entropy_location", "method",
]
REACH_COLUMNS = [
    "owner", "level", "cluster", "label", "ties", "strongest", "strongest_name",
    "strongest_strength", "weakest", "weakest_name", "weakest_strength", "fragile",
]


def people_attributes(data: EdgeTable | nx.Graph) -> pd.DataFrame:
    """Per person: name, organisation, org_key (normalised), role_family, location,
    location_key, domain and position, read from the table's people (or a networkx graph's).

    Organisations compare by :func:`weakties.identity.normalise_org` ("Acme, Inc." = "ACME").
    Normalisation, role families and mail domains run once per distinct text (30,000 contacts
    share a few hundred organisations and titles).
    """
    table = as_table(data)
    people = table.people
    ids = table.nodes
    orgs = [x.strip() for x in texts(people, "organisation")]
    locations = [x.strip() for x in texts(people, "location")]
    positions = texts(people, "position")
    return pd.DataFrame({
        "id": ids,
        "name": [x or n for x, n in zip(texts(people, "name"), ids, strict=True)],
        "organisation": orgs, "org_key": _each_distinct(orgs, normalise_org),
        "role_family": _each_distinct(positions, role_family),
        "location": locations, "location_key": [x.casefold() for x in locations],
        "domain": _each_distinct(texts(people, "email"), mail_domain),
        "position": [x.strip() for x in positions],
    }).set_index("id")


def _each_distinct(texts: list[str], fn) -> list[str]:
    """``[fn(x) for x in texts]``, calling ``fn`` once per distinct text."""
    codes, uniques = pd.factorize(np.asarray(texts, dtype=object))
    return np.asarray([fn(x) for x in uniques.tolist()], dtype=object)[codes].tolist()


#: Mail providers anyone can sign up with: their domain says nothing about a circle.
FREE_MAIL = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
    "yahoo.com", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com", "gmx.com",
    "gmx.de", "gmx.net", "web.de", "t-online.de", "proton.me", "protonmail.com", "pm.me",
    "mail.com", "yandex.com", "yandex.ru", "mail.ru", "zoho.com", "fastmail.com", "hey.com",
    "orange.fr", "free.fr", "laposte.net", "libero.it", "qq.com", "163.com", "126.com",
    "naver.com", "hotmail.co.uk", "yahoo.co.uk", "btinternet.com", "ziggo.nl", "kpnmail.nl",
})


def mail_domain(email: str) -> str:
    """The domain of a contact's (first) address, or "" for a free-mail provider: a label
    for a circle of contacts without organisation (colleagues on northwind.example).

    >>> mail_domain("ann@Northwind.example"), mail_domain("ann@gmail.com")
    ('northwind.example', '')
    """
    domain = email.rpartition("@")[2].strip().casefold()
    return "" if domain in FREE_MAIL or "." not in domain else domain


def diversity(values: Iterable[str]) -> tuple[float, float]:
    """(Blau index, Shannon entropy) of the known (non-empty) values; NaN when none is known.

    Blau = 1 - sum p_k^2 (chance two random members differ); entropy H = -sum p_k ln p_k.

    >>> diversity(["a", "a", "b", "b"])
    (0.5, 0.6931471805599453)
    """
    return _diversity(_known(values))


def _known(values: Iterable[str]) -> Counter:
    """Counts of the non-empty values, in order of first appearance."""
    counts = Counter(values)
    counts.pop("", None)
    counts.pop(None, None)
    return counts


def _diversity(counts: Counter) -> tuple[float, float]:
    total = sum(counts.values())
    if not total:
        return math.nan, math.nan
    p = np.array(list(counts.values()), dtype=float) / total
    return float(1 - (p ** 2).sum()), float(-(p * np.log(p)).sum() + 0.0)


def _top(counts: Counter, display: dict[str, str] | None = None, n: int = 3) -> str:
    """The ``n`` most common of ``counts`` (ties: by key), with their counts."""
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return ", ".join(f"{(display or {}).get(k, k)} ({c})" for k, c in ranked)


def _org_display(attrs: pd.DataFrame) -> dict[str, str]:
    """The most common spelling of each normalised organisation (ties: the first in text
    order). Counted on plain lists, not a pandas group and sort on two text columns: A2's
    30k people 0.009 -> 0.007 s, asked by clusters and reach."""
    keys, spellings = (attrs[c].to_numpy(dtype=object) for c in ("org_key", "organisation"))
    known = keys != ""
    best: dict[str, tuple[int, str]] = {}
    for (key, spelling), n in Counter(zip(keys[known].tolist(), spellings[known].tolist(),
                                          strict=True)).items():
        if key not in best or (-n, spelling) < (-best[key][0], best[key][1]):
            best[key] = (n, spelling)
    return {key: best[key][1] for key in sorted(best)}


def _attribute_groups(at: np.ndarray, org_key: np.ndarray, role: np.ndarray
                      ) -> list[np.ndarray]:
    """Group contacts by organisation (if shared by two or more), else role family, else rest.

    ``at``: the contacts' positions, ascending; ``org_key``, ``role``: every node's, by
    position. Each group's positions ascending. One code per contact and a stable sort (not a
    dict of lists keyed per contact): A2's 29k contacts 0.028 -> 0.005 s of CPU."""
    if not len(at):
        return []
    org, rol = org_key[at], role[at]
    org_code, orgs = pd.factorize(org)
    role_code, roles = pd.factorize(rol)
    shared = (org != "") & (np.bincount(org_code)[org_code] >= 2)
    # organisation groups, then role groups, then the rest: codes that cannot collide
    code = np.where(shared, org_code,
                    np.where(rol != "", len(orgs) + role_code, len(orgs) + len(roles)))
    order = np.argsort(code, kind="stable")
    cuts = np.flatnonzero(np.diff(code[order])) + 1
    return np.split(at[order], cuts)


#: Leiden passes. Each pass can only improve the partition; measured at 100k nodes / 500k
#: ties: 2 passes reach modularity 0.339 in 1.9 s, 5 passes 0.343 in 3.4 s, running until
#: stable 0.346 in 51 s (igraph's Louvain: 0.322 in 25 s).
LEIDEN_ITERATIONS = 5


def _leiden(table: EdgeTable, members: list[str], params: Params
            ) -> list[tuple[list[str], int]]:
    """Leiden communities of the subgraph on ``members`` (sorted ids of ``table``): (members,
    ties inside) each.

    The graph is the one :func:`~._igraph.to_igraph` makes of the networkx graph -- vertices
    in sorted order, edges in networkx's order, the weight column -- so the partition is the
    same, built from the table's arrays: the run's igraph copy for a whole network (a million
    ties: 2 s saved), its subgraph otherwise. Nearly all of the time is Leiden itself (C: 4.8
    of 5.3 s, of which ~3.4M draws from the seeded Python generator).
    """
    ends = np.asarray(table.ig_edges, dtype=np.int64).reshape(-1, 2)
    weight = table.column("weight")[table.positions(ends[:, 0], ends[:, 1])]
    if members == table.nodes:
        g = table.igraph().copy()
    else:
        at = np.fromiter((table.index[x] for x in members), dtype=np.int64, count=len(members))
        renumber = np.full(table.n, -1, dtype=np.int64)
        renumber[at] = np.arange(len(at))
        ends = renumber[ends]
        keep = (ends[:, 0] >= 0) & (ends[:, 1] >= 0)
        ends, weight = ends[keep], weight[keep]
        g = ig.Graph(n=len(members), edges=ends.tolist())
    g.es["weight"] = weight.tolist()
    with seeded(params.seed):
        part = g.community_leiden(objective_function="modularity", weights="weight",
                                  resolution=params.resolution, n_iterations=LEIDEN_ITERATIONS)
    membership = np.asarray(part.membership, dtype=np.int64)
    same = membership[ends[:, 0]] == membership[ends[:, 1]]
    inside = np.bincount(membership[ends[same, 0]], minlength=len(part))
    # each community's members in vertex (sorted) order
    names = np.asarray(members, dtype=object)[np.argsort(membership, kind="stable")]
    cuts = np.cumsum(np.bincount(membership, minlength=len(part)))[:-1]
    return [(group.tolist(), count)
            for group, count in zip(np.split(names, cuts), inside.tolist(), strict=True)]


def clusters(data: EdgeTable | nx.Graph, owners: Iterable[str], level: str,
             attrs: pd.DataFrame, params: Params = DEFAULT_PARAMS
             ) -> tuple[pd.Series, pd.DataFrame]:
    """Cluster every non-owner of ``data`` (the :class:`~._table.EdgeTable`, or a networkx
    graph); return (membership, one row per cluster).

    ``membership`` maps every node to its cluster id (-1 for owners). Cluster ids run from 0,
    largest first (ties broken by the smallest member id), so they are stable across runs.

    Per-cluster figures come from plain lists and one Counter per attribute (no per-cluster
    ``DataFrame.loc``): 4 s -> 0.3 s for the 400 clusters of workload A.
    """
    table = as_table(data)
    owners = set(owners)
    is_owner = np.zeros(table.n, dtype=bool)
    is_owner[[table.index[o] for o in owners if o in table.index]] = True
    if level == EGO_STAR:
        structural = np.zeros(table.n, dtype=bool)
    else:
        # a contact with a tie to anyone but an owner (itself, by a self-loop, included)
        structural = (table.adj @ (~is_owner).astype(np.int64) > 0) & ~is_owner
    grouped = np.flatnonzero(~is_owner & ~structural)
    # Members are positions, ascending (= ids ascending: the nodes are sorted)
    columns = _aligned(attrs, table, ("org_key", "role_family", "location_key", "name",
                                      "domain"))
    found: list[tuple[str, np.ndarray, int]] = []  # (method, members, ties inside)
    if structural.any():
        index = table.index
        found += [(LEIDEN, np.sort(np.fromiter((index[x] for x in c), np.int64, len(c))),
                   inside)
                  for c, inside in _leiden(table, [table.nodes[i] for i in
                                                   np.flatnonzero(structural).tolist()],
                                           params)]
    found += [(GROUPS, c, 0)
              for c in _attribute_groups(grouped, columns["org_key"], columns["role_family"])]
    found.sort(key=lambda mc: (-len(mc[1]), mc[1][0]))

    index = pd.Index(table.nodes, name="id")
    ids = np.full(len(index), -1, dtype=np.int64)
    display = _org_display(attrs)
    columns["degree"] = degrees(table)
    rows = []
    for cid, (method, at, inside) in enumerate(found):
        ids[at] = cid
        values = {key: col[at].tolist() for key, col in columns.items()}
        k = len(at)
        # attribute groups: ties among them are unobserved, so no density
        density = 2 * inside / (k * (k - 1)) if method == LEIDEN and k > 1 else math.nan
        # each attribute's known values counted once, for the label, the top and the diversity
        known = {key: _known(values[key]) for key in ("org_key", "role_family", "location_key")}
        row = {"cluster": cid,
               "label": _label(at.tolist(), values, method, display, known["role_family"]),
               "size": k, "density": density,
               "top_organisations": _top(known["org_key"], display),
               "top_roles": _top(known["role_family"]), "method": method}
        for col, key in (("organisation", "org_key"), ("role", "role_family"),
                         ("location", "location_key")):
            row[f"blau_{col}"], row[f"entropy_{col}"] = _diversity(known[key])
        rows.append(row)
    membership = pd.Series(ids, index=index, dtype="int64")
    table = pd.DataFrame(rows, columns=CLUSTER_COLUMNS)
    return membership, table.astype({"cluster": "int64", "size": "int64", "density": float})


def _aligned(attrs: pd.DataFrame, table: EdgeTable, keys: Iterable[str]
             ) -> dict[str, np.ndarray]:
    """Columns ``keys`` of ``attrs`` as object arrays in node order."""
    rows = table.rows_in(attrs.index)
    if (rows < 0).any():
        attrs, rows = attrs.reindex(table.nodes), np.arange(table.n)
    return {key: attrs[key].to_numpy(dtype=object)[rows] for key in keys}


def _label(members: list, values: dict[str, list], method: str,
           display: dict[str, str], roles: Counter | None = None) -> str:
    """Most common organisations and role family; "around <best connected member>" if none.

    ``members``: their ids, or their positions in the sorted nodes (same order, for the hub's
    tie-break). A name that does not cover every member says how many it covers ("operations
    (2 of 4)"): a label describes the members, so it must not pass a minority off as the whole.
    ``values`` holds the members' ``org_key``, ``role_family``, ``name`` and ``degree`` (as
    networkx counts it), in member order.
    """
    k = len(members)
    # A contact known only by mail is labelled by their mail domain (never a free-mail one).
    orgs = Counter(o or d for o, d in zip(values["org_key"], values.get("domain", [""] * k),
                                          strict=True) if o or d)
    if roles is None:  # the members' known role families, counted
        roles = _known(values["role_family"])
    need = 2 if k > 2 else 1  # an organisation names a cluster if it recurs
    top = [(o, c) for o, c in sorted(orgs.items(), key=lambda kv: (-kv[1], kv[0]))
           if c >= need][:2]
    parts = [_share(", ".join(display.get(o, o) for o, _ in top), sum(c for _, c in top), k)
             ] if top else []
    if roles:
        role, count = min(roles.items(), key=lambda kv: (-kv[1], kv[0]))
        # a role family names the cluster when most of its known roles share it
        if role != "other" and (2 * count > sum(roles.values()) or not parts):
            parts.append(_share(role, count, k))
    if parts:
        return " · ".join(parts)
    if method == GROUPS:
        return "other contacts"
    degree = values["degree"]
    hub = min(range(k), key=lambda i: (-degree[i], members[i]))
    return f"around {values['name'][hub]}"


def _share(name: str, covered: int, size: int) -> str:
    """``name``, with the share of the members it covers when that is not all of them.

    >>> _share("Acme", 3, 3), _share("sales", 7, 10)
    ('Acme', 'sales (7 of 10)')
    """
    return name if covered >= size else f"{name} ({covered} of {size})"


def owner_range(data: EdgeTable | nx.Graph, owner: str, attrs: pd.DataFrame,
                membership: pd.Series, ties: pd.DataFrame, mine: pd.DataFrame | None = None
                ) -> dict:
    """The owner's "range": how many contacts, organisations, role families, clusters, and how
    diverse (Blau, entropy) they are -- Burt's and Reagans & McEvily's network range.

    ``mine``: the owner's rows of ``ties``, when the caller has found them already.

    The contacts' attributes are taken by position (:meth:`~._table.EdgeTable.rows_in`), not
    by two ``.loc`` on 30,000 ids: A2's 0.051 -> 0.014 s of CPU."""
    table = as_table(data)
    A, o = table.adj, table.index[owner]
    at = A.indices[A.indptr[o]:A.indptr[o + 1]]
    rows, in_membership = table.rows_in(attrs.index)[at], table.rows_in(membership.index)[at]
    if (rows < 0).any() or (in_membership < 0).any():
        raise KeyError(f"a contact of {owner!r} has no attributes or no cluster")
    cluster_of = membership.to_numpy()[in_membership]
    if mine is None:
        mine = ties[(ties["source"] == owner) | (ties["target"] == owner)]
    classes = mine["tie_class"].value_counts()
    known = {key: attrs[key].to_numpy(dtype=object)[rows].tolist()
             for key in ("org_key", "role_family", "location_key")}
    out: dict = {
        "contacts": len(at),
        "organisations": len(set(known["org_key"]) - {""}),
        "role_families": len(set(known["role_family"]) - {""}),
        "clusters_reached": len(np.unique(cluster_of[cluster_of >= 0])),
    }
    for col, key in (("organisation", "org_key"), ("role", "role_family"),
                     ("location", "location_key")):
        blau, entropy = diversity(known[key])
        out[f"blau_{col}"] = None if math.isnan(blau) else round(blau, 4)
        out[f"entropy_{col}"] = None if math.isnan(entropy) else round(entropy, 4)
    for cls in ("strong", "weak", "dormant"):
        out[cls] = int(classes.get(cls, 0))
    out["share_weak"] = (round((out["weak"] + out["dormant"]) / len(mine), 4)
                         if len(mine) else None)
    sweet = mine["sweet_spot"].dropna()
    out["sweet_spot"] = int(sweet.sum()) if len(sweet) else None
    return out


def reach(data: EdgeTable | nx.Graph, owners: Iterable[str], attrs: pd.DataFrame,
          membership: pd.Series, cluster_table: pd.DataFrame, ties: pd.DataFrame
          ) -> pd.DataFrame:
    """Per owner, per cluster (and per organisation): the owner's ties into it.

    ``level`` is ``"cluster"`` (every cluster, with 0 ties when unreached) or
    ``"organisation"`` (every organisation the owner has a contact at; ``cluster`` is NA).
    ``fragile`` when exactly one contact is the owner's only tie into it: losing touch with
    that person closes the door. Strongest and weakest are by tie ``strength`` (of ``ties``;
    ties broken by node id).

    On arrays per owner (``data``: the :class:`~._table.EdgeTable`, or a networkx graph): the
    contacts grouped by cluster and organisation with one sort each, the strongest and weakest
    the first of each group.
    """
    table = as_table(data)
    display = _org_display(attrs)
    labels = dict(zip(cluster_table["cluster"], cluster_table["label"], strict=True))
    # by position in node order (no reindex on the ids, no dict of every name: A2 0.05 s)
    rows = table.rows_in(membership.index)
    memb = np.where(rows >= 0, membership.to_numpy(dtype=np.int64)[rows], -1)
    at = _aligned(attrs, table, ("org_key", "name"))
    org_keys = at["org_key"]
    org_code, orgs = pd.factorize(org_keys, sort=True)  # code order is org_key order
    org_code = np.where(org_keys == "", -1, org_code)
    name = at["name"]
    strength = np.full(table.m, math.nan)
    strength[table.rows_of(*columns(ties, ["source", "target"]))] = ties["strength"]
    rows = []
    for owner in sorted(owners):
        o = table.index[owner]
        at = np.flatnonzero((table.s == o) | (table.t == o))
        contact = np.where(table.s[at] == o, table.t[at], table.s[at])
        known = strength[at]
        score = np.where(np.isnan(known), 0.0, known)
        for level, group, keys in (("cluster", memb[contact], list(labels)),
                                   ("organisation", org_code[contact], None)):
            inside = group >= 0
            group, c, k, sc = group[inside], contact[inside], known[inside], score[inside]
            strongest = _first_per_group(group, c, -sc)
            weakest = _first_per_group(group, c, sc)
            count = Counter(group.tolist())
            if keys is None:  # every organisation the owner has a contact at, by org_key
                keys = sorted(count)
            for key in keys:
                if not count[key]:
                    rows.append((owner, level, key, labels[key], 0, *_EMPTY_REACH, False))
                    continue
                i, j = strongest[key], weakest[key]
                org = orgs[key] if level == "organisation" else None
                rows.append((owner, level, key if org is None else pd.NA,
                             labels[key] if org is None else display.get(org, org),
                             count[key], table.nodes[c[i]], name[c[i]], k[i],
                             table.nodes[c[j]], name[c[j]], k[j],
                             count[key] == 1))
    frame = pd.DataFrame(rows, columns=REACH_COLUMNS)
    return frame.astype({"cluster": "Int64", "ties": "int64", "strongest_strength": float,
                         "weakest_strength": float, "fragile": bool})


def _first_per_group(group: np.ndarray, node: np.ndarray, key: np.ndarray) -> dict[int, int]:
    """Per group, the position of its member with the smallest ``key`` (ties: smallest node)."""
    order = np.lexsort((node, key, group))
    first = np.ones(len(order), dtype=bool)
    first[1:] = group[order][1:] != group[order][:-1]
    return dict(zip(group[order][first].tolist(), order[first].tolist(), strict=True))


_EMPTY_REACH = ("", "", math.nan, "", "", math.nan)
