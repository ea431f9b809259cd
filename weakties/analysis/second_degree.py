"""Second-degree contacts with their introducers, and warm-introduction paths.

A second-degree contact of owner o is a person at distance exactly 2 from o; the introducers are
the contacts they share. Ranking, in this order: more introducers (more ways in, and each one a
reference), a stronger tie to the best introducer (a close contact is more willing to make the
introduction), then novelty (a cluster or organisation o has no tie into: new information, the
point of a weak tie). Other owners are never listed as second-degree contacts (they are the
team), but they can be introducers.

A warm-introduction path maximises the product of tie strengths along it, i.e. it is a
shortest path with edge length -log(strength). A tie's strength is floored at
:data:`STRENGTH_FLOOR`: an observed tie is never worthless, but one at the floor costs as much
as two hops at strength 0.1.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from weakties.analysis._table import EdgeTable
from weakties.analysis.evidence import evidence_level, owners_of, working_graph
from weakties.analysis.params import Params
from weakties.analysis.strength import describe_tie, edge_key, tie_strength
from weakties.errors import WeaktiesError
from weakties.identity import normalise_name, normalise_org, normalise_url

if TYPE_CHECKING:  # networkx is imported where a graph is built or read
    import networkx as nx

__all__ = ["STRENGTH_FLOOR", "find_introducers", "introducer_pairs", "second_degree",
           "ranked_second_degree", "intro_paths", "match_target", "TargetMatch"]

STRENGTH_FLOOR = 0.01

SECOND_DEGREE_COLUMNS = [
    "owner", "person", "name", "organisation", "cluster", "introducers", "best_introducer",
    "best_introducer_name", "best_introducer_strength", "novel", "novelty_reason", "rank",
]
INTRO_COLUMNS = ["path", "hop", "from", "from_name", "to", "to_name", "strength", "evidence",
                 "path_strength"]


def find_introducers(G: nx.Graph, owner: str, owners: Iterable[str]) -> dict[str, list[str]]:
    """``{person: sorted introducers}`` for every non-owner at distance exactly 2 from owner."""
    owners = set(owners)
    first = G.adj[owner]
    found: dict[str, list[str]] = {}
    for c in sorted(first):
        for x in G.adj[c]:
            if x != owner and x not in first and x not in owners:
                found.setdefault(x, []).append(c)
    return dict(sorted(found.items()))


def second_degree(G: nx.Graph, owners: Iterable[str], attrs: pd.DataFrame,
                  membership: pd.Series, cluster_labels: dict[int, str],
                  strength: dict[tuple[str, str], float],
                  introducers: dict[str, dict[str, list[str]]]) -> pd.DataFrame:
    """Every owner's second-degree contacts, ranked (see the module docstring).

    ``introducers`` is ``{owner: find_introducers(G, owner, owners)}``.
    """
    rows = []
    for owner in sorted(owners):
        first = sorted(G.adj[owner])
        reached_clusters = {int(membership[c]) for c in first if membership[c] >= 0}
        reached_orgs = {attrs.at[c, "org_key"] for c in first} - {""}
        found = []
        for person, intro in introducers[owner].items():
            best = min(intro, key=lambda c: (-strength.get(edge_key(owner, c), 0.0), c))
            cid = int(membership[person])
            org_key = attrs.at[person, "org_key"]
            reasons = []
            if cid >= 0 and cid not in reached_clusters:
                reasons.append(f"cluster {cid} ({cluster_labels[cid]}) you have no tie into")
            if org_key and org_key not in reached_orgs:
                reasons.append(f"{attrs.at[person, 'organisation']}, where you know no one")
            found.append({
                "owner": owner, "person": person, "name": attrs.at[person, "name"],
                "organisation": attrs.at[person, "organisation"], "cluster": cid,
                "introducers": len(intro), "best_introducer": best,
                "best_introducer_name": attrs.at[best, "name"],
                "best_introducer_strength": strength.get(edge_key(owner, best), math.nan),
                "novel": bool(reasons), "novelty_reason": "; ".join(reasons),
            })
        found.sort(key=lambda r: (-r["introducers"], -_num(r["best_introducer_strength"]),
                                  not r["novel"], r["person"]))
        for i, r in enumerate(found, start=1):
            r["rank"] = i
        rows.extend(found)
    frame = pd.DataFrame(rows, columns=SECOND_DEGREE_COLUMNS)
    return frame.astype({"cluster": "int64", "introducers": "int64",
                         "best_introducer_strength": float, "novel": bool, "rank": "int64"})


def introducer_pairs(table: EdgeTable, owner: str, owners: Iterable[str], engine=None
                     ) -> tuple[np.ndarray, np.ndarray]:
    """:func:`find_introducers` as arrays: (introducer, person) node indices of ``table``, one
    pair per introducer of every second-degree person of ``owner`` (people in index order).

    ``engine`` (an :class:`~weakties.analysis.engine.Engine`, default: this process) finds them.
    """
    io = table.index[owner]
    skip = [table.index[o] for o in owners if o in table.index]
    if engine is not None:
        return engine.introducer_pairs(table, io, skip)
    return _pairs(table, io, skip)


def _pairs(table: EdgeTable, io: int, skip_nodes: Iterable[int]
           ) -> tuple[np.ndarray, np.ndarray]:
    """:func:`introducer_pairs` of owner index ``io``, leaving out people in ``skip_nodes``."""
    A = table.adj
    first = A.indices[A.indptr[io]:A.indptr[io + 1]].astype(np.int64)
    skip = np.zeros(table.n, dtype=bool)
    skip[first] = True
    skip[io] = True
    skip[list(skip_nodes)] = True
    sub = A[first]
    c = np.repeat(first, np.diff(sub.indptr))
    x = sub.indices.astype(np.int64)
    keep = ~skip[x]
    c, x = c[keep], x[keep]
    order = np.lexsort((c, x))
    return c[order], x[order]


def ranked_second_degree(table: EdgeTable, owners: Iterable[str], attrs: pd.DataFrame,
                         membership: pd.Series, cluster_labels: dict[int, str],
                         tie_strength: np.ndarray,
                         pairs: dict[str, tuple[np.ndarray, np.ndarray]]) -> pd.DataFrame:
    """:func:`second_degree` on arrays, same rows in the same order.

    ``attrs`` and ``membership`` are indexed like ``table.nodes`` (sorted ids),
    ``tie_strength`` is aligned with the table's ties and ``pairs`` is
    ``{owner: introducer_pairs(table, owner, owners)}``. 700k rows at workload B: 260 s of
    per-row pandas lookups before, ~2 s on arrays; then ~0.9 s, of which 0.6 s went to a
    Python test of each row's organisation and to 20 frames of Python strings turned into
    pyarrow text: now organisations are codes and each text column is one pyarrow take from
    the people's texts (0.3 s).
    """
    memb = membership.to_numpy()
    org_key = attrs["org_key"].to_numpy(dtype=object)
    org_code, _ = pd.factorize(org_key)
    known = np.fromiter((bool(k) for k in org_key.tolist()), dtype=bool, count=len(org_key))
    org_code = np.where(known, org_code, -1)  # -1: no organisation
    orgs = attrs["organisation"].to_numpy(dtype=object)
    parts: dict[str, list[np.ndarray]] = {key: [] for key in (
        "owner", "person", "cluster", "introducers", "best", "best_s", "novel", "reason")}
    ranked = sorted(owners)
    A = table.adj
    for k, owner in enumerate(ranked):
        io = table.index[owner]
        first = A.indices[A.indptr[io]:A.indptr[io + 1]]
        reached_clusters = np.unique(memb[first][memb[first] >= 0])
        reached_orgs = np.zeros(int(org_code.max(initial=-1)) + 2, dtype=bool)  # at code + 1
        reached_orgs[org_code[first] + 1] = True
        c, x = pairs[owner]
        if not len(x):
            continue
        sc = tie_strength[table.positions(np.full(len(c), io, dtype=np.int64), c)]
        # per person: introducers counted; best = strongest owner tie, then smallest id
        order = np.lexsort((c, -sc, x))
        c, x, sc = c[order], x[order], sc[order]
        person, start, count = np.unique(x, return_index=True, return_counts=True)
        best, best_s = c[start], sc[start]
        cid = memb[person]
        novel_cluster = (cid >= 0) & ~np.isin(cid, reached_clusters)
        novel_org = (org_code[person] >= 0) & ~reached_orgs[org_code[person] + 1]
        reason = np.full(len(person), "", dtype=object)
        for i in np.flatnonzero(novel_cluster | novel_org).tolist():
            why = []
            if novel_cluster[i]:
                why.append(f"cluster {cid[i]} ({cluster_labels[int(cid[i])]}) you have no tie "
                           "into")
            if novel_org[i]:
                why.append(f"{orgs[person[i]]}, where you know no one")
            reason[i] = "; ".join(why)
        novel = novel_cluster | novel_org
        keyed = np.where(np.isnan(best_s), -math.inf, best_s)
        rank = np.lexsort((person, ~novel, -keyed, -count))
        for key, value in (("owner", np.full(len(person), k)), ("person", person[rank]),
                           ("cluster", cid[rank]), ("introducers", count[rank]),
                           ("best", best[rank]), ("best_s", best_s[rank]),
                           ("novel", novel[rank]), ("reason", reason[rank])):
            parts[key].append(value)
    types = {"cluster": "int64", "introducers": "int64", "best_introducer_strength": float,
             "novel": bool, "rank": "int64"}
    if not parts["person"]:
        return pd.DataFrame(columns=SECOND_DEGREE_COLUMNS).astype(types)
    got = {key: np.concatenate(value) for key, value in parts.items()}
    lengths = [len(p) for p in parts["person"]]

    # each text column as pandas' ``str`` array once (the people's columns already are one),
    # then one pyarrow take per column: no Python string per row (a person's name is taken a
    # dozen times, once per owner who could meet them)
    nodes, names, organisations, owner_ids = (pd.array(x, dtype=str) for x in (
        table.nodes, attrs["name"], attrs["organisation"], ranked))
    frame = pd.DataFrame({
        "owner": owner_ids.take(got["owner"]), "person": nodes.take(got["person"]),
        "name": names.take(got["person"]), "organisation": organisations.take(got["person"]),
        "cluster": got["cluster"], "introducers": got["introducers"],
        "best_introducer": nodes.take(got["best"]),
        "best_introducer_name": names.take(got["best"]),
        "best_introducer_strength": got["best_s"], "novel": got["novel"],
        "novelty_reason": pd.array(got["reason"], dtype=str),
        "rank": np.concatenate([np.arange(1, n + 1) for n in lengths]),
    }, columns=SECOND_DEGREE_COLUMNS)
    return frame.astype(types)


def _num(x: float) -> float:
    return -math.inf if x is None or math.isnan(x) else x


def _resolve_owner(G: nx.Graph, owner: str | None) -> str:
    owners = owners_of(G)
    if owner is None:
        if len(owners) == 1:
            return owners[0]
        raise WeaktiesError("intro needs an owner: name one with --owner"
                            + (f" ({_names(G, owners)})" if owners else ""))
    if owner in G:
        return owner
    wanted = normalise_name(owner)
    matches = [o for o in owners if normalise_name(G.nodes[o].get("name", "")) == wanted]
    if len(matches) == 1:
        return matches[0]
    raise WeaktiesError(f"--owner {owner!r}: not a person in the data"
                        + (f"; owners are: {_names(G, owners)}" if owners else ""))


def _names(G: nx.Graph, nodes: Iterable[str]) -> str:
    return ", ".join(str(G.nodes[n].get("name", n)) for n in nodes)


@dataclass(frozen=True)
class TargetMatch:
    """What ``--to`` matched: ``people`` (node ids) and, in words, ``matched``.

    ``kind`` is ``"person"`` (an id, URL, email or a name several people may share) or
    ``"organisation"``; ``exact`` is False when no name or organisation was spelled so and the
    closest was taken (``Acme Robotics`` for an organisation the data calls ``Acme, Inc``).
    """

    kind: str
    people: list[str]
    matched: str
    exact: bool = True


def _words(text: str) -> list[str]:
    return text.split()


def _close(query: list[str], name: list[str]) -> bool:
    """One name's words start the other's (``acme`` / ``acme robotics``), or hold them all."""
    if not query or not name:
        return False
    short, long = sorted((query, name), key=len)
    return long[:len(short)] == short or set(short) <= set(long)


def match_target(G: nx.Graph, target: str) -> TargetMatch:
    """Resolve ``--to``: a node id, profile URL or email; a person's name (every match); an
    organisation (everyone there); else, forgiving, the organisations and then the names whose
    words start or contain the query's (or the other way round). Raises WeaktiesError when
    nothing matches.

    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("a", name="Ann Lee", organisation="Acme, Inc")
    >>> G.add_node("b", name="Bo Chen", organisation="Sakura Robotics")
    >>> m = match_target(G, "Acme Robotics")
    >>> m.kind, m.people, m.matched, m.exact
    ('organisation', ['a'], 'the organisation Acme, Inc (1 person)', False)
    """
    text = target.strip()
    for candidate in (text, normalise_url(text) if "linkedin.com" in text.lower() else "",
                      f"email:{text.lower()}" if "@" in text else ""):
        if candidate and candidate in G:
            return TargetMatch("person", [candidate], _names(G, [candidate]))
    names = {n: normalise_name(str(nm)) for n, nm in G.nodes(data="name", default="")}
    orgs = {n: str(o) for n, o in G.nodes(data="organisation", default="") if o}
    keys = {n: normalise_org(o) for n, o in orgs.items()}
    name, org = normalise_name(text), normalise_org(text)
    found = sorted(n for n, nm in names.items() if name and nm == name)
    if found:
        return TargetMatch("person", found, _names(G, found))
    for exact, fits in ((True, lambda k: k == org),
                        (False, lambda k: _close(_words(org), _words(k)))):
        found = sorted(n for n, k in keys.items() if org and k and fits(k))
        if found:
            spelled = sorted({orgs[n] for n in found}, key=lambda o: (-sum(
                orgs[n] == o for n in found), o))
            who = f"{len(found)} {'person' if len(found) == 1 else 'people'}"
            what = " / ".join(spelled[:3]) + (" …" if len(spelled) > 3 else "")
            return TargetMatch("organisation", found, f"the organisation {what} ({who})", exact)
    found = sorted(n for n, nm in names.items() if name and _close(_words(name), _words(nm)))
    if found:
        return TargetMatch("person", found, _names(G, found), exact=False)
    raise WeaktiesError(f"--to {target!r}: no person or organisation of that name in the data "
                        "(try a name as it appears in people.csv, or a profile URL)")


def intro_paths(G: nx.Graph, owner: str | None, target: str | TargetMatch, *, k: int = 3
                ) -> pd.DataFrame:
    """The ``k`` warmest introduction paths from ``owner`` to ``target``, one row per hop.

    ``target`` is a node id, a profile URL, an email, a person's name, or an organisation
    (paths to the ``k`` best-reached people there, one path each), as :func:`match_target`
    resolves it, or its :class:`TargetMatch`. For a single person the
    ``k`` best paths are found with Yen's algorithm. Strengths are the ``strength`` edge
    attribute written by :func:`weakties.analysis.annotate`, computed afresh with default
    :class:`~weakties.analysis.params.Params` when the graph was not annotated.

    Rows: ``path`` (rank, 1 = warmest), ``hop``, ``from``, ``from_name``, ``to``, ``to_name``,
    ``strength``, ``evidence`` (the tie's records in words) and ``path_strength`` (the product
    of the hops' strengths, each floored at :data:`STRENGTH_FLOOR`).
    Raises :class:`~weakties.errors.WeaktiesError` when the owner or the target is unknown or
    no path leads there.
    """
    import networkx as nx

    source = _resolve_owner(G, owner)
    found = target if isinstance(target, TargetMatch) else match_target(G, target)
    target = found.matched if isinstance(target, TargetMatch) else target
    targets = [t for t in found.people if t != source and t in G]
    if not targets:
        raise WeaktiesError(f"--to {target!r}: only {_names(G, [source])} is called so; "
                            "nobody else to introduce")
    known = _strengths(G)

    def cost(u: str, v: str, d: dict) -> float:
        s = d.get("strength", known.get(edge_key(u, v), 0.0))
        return -math.log(max(float(s), STRENGTH_FLOOR))

    if len(targets) == 1:
        try:
            paths = list(islice(nx.shortest_simple_paths(G, source, targets[0], weight=cost), k))
        except nx.NetworkXNoPath:
            paths = []
    else:
        dist, found = nx.single_source_dijkstra(G, source, weight=cost)
        best = sorted((t for t in targets if t in dist), key=lambda t: (dist[t], t))[:k]
        paths = [found[t] for t in best]
    if not paths:
        raise WeaktiesError(f"--to {target!r}: no path from {_names(G, [source])} in the data")

    def name(n: str) -> str:
        return str(G.nodes[n].get("name", n))

    rows = []
    for rank, path in enumerate(paths, start=1):
        hops = list(zip(path, path[1:], strict=False))
        product = math.prod(math.exp(-cost(u, v, G[u][v])) for u, v in hops)
        for hop, (u, v) in enumerate(hops, start=1):
            d = G[u][v]
            rows.append({"path": rank, "hop": hop, "from": u, "from_name": name(u), "to": v,
                         "to_name": name(v),
                         "strength": float(d.get("strength", known.get(edge_key(u, v), 0.0))),
                         "evidence": describe_tie(d, name), "path_strength": product})
    return pd.DataFrame(rows, columns=INTRO_COLUMNS)


def _strengths(G: nx.Graph) -> dict[tuple[str, str], float]:
    """Tie strengths for edges without a ``strength`` attribute (an un-annotated graph)."""
    if all("strength" in d for _, _, d in G.edges(data=True)):
        return {}
    params = Params()
    level = evidence_level(G, params.include_inferred)
    ties = tie_strength(working_graph(G, params.include_inferred), owners_of(G), level, params)
    return dict(zip(zip(ties["source"], ties["target"], strict=True), ties["strength"],
                    strict=True))
