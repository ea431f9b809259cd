"""The contact graph as tables: :class:`Network`, what the graph stage builds and the analyses
and outputs read (docs/graph-model.md), and the report's base tables of people and ties.

networkx is built only on request (:meth:`Network.to_networkx`: the library, the GraphML/GEXF
export): a million ties as edge dicts cost 9 s and a gigabyte, and reading them back into
columns as much again. :func:`as_network` reads a networkx graph (a library user's own) into
the same tables.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from weakties._frames import columns, values

if TYPE_CHECKING:
    import networkx as nx

    from weakties.graph.model import LoadReport

__all__ = ["PEOPLE_BASE", "TIES_BASE", "EDGE_FIELDS", "BY_NODE", "Network", "as_network",
           "people_table", "ties_table", "by_end"]

PEOPLE_BASE = ["id", "name", "organisation", "position", "location", "url", "email", "owner",
               "owners", "degree", "sources"]
TIES_BASE = ["source", "target", "source_name", "target_name", "kinds", "connected_on",
             "messages", "messages_source_to_target", "messages_target_to_source",
             "first_message", "last_message", "group_conversations", "endorsements",
             "recommendations", "invited_by", "last_interaction", "meetings",
             "coparticipation", "shared_events", "first_seen", "last_seen", "inferred", "weight"]

#: Tie columns copied from the edge attribute of the same name, with the value when absent.
_TIE_FIELDS = {
    "connected_on": "", "messages": 0, "first_message": "", "last_message": "",
    "group_conversations": 0, "endorsements": 0, "recommendations": 0, "invited_by": "",
    "last_interaction": "", "meetings": 0, "coparticipation": 0.0, "shared_events": 0,
    "first_seen": "", "last_seen": "",
}


def people_table(net: Network | nx.Graph) -> pd.DataFrame:
    """One row per person in node order, with :data:`PEOPLE_BASE` columns, and ``circles``
    ("; "-joined) when an input had SNAP circles. ``owners`` names the owners (other than the
    person) who have a tie with them, sorted.

    >>> import networkx as nx
    >>> G = nx.Graph(owners=["o"])
    >>> G.add_node("o", name="Olga", owner=True, sources=["a.zip"])
    >>> G.add_edge("o", "p")
    >>> people_table(G)[["id", "name", "owner", "owners", "degree", "sources"]].values.tolist()
    [['o', 'Olga', True, '', 1, 1], ['p', '', False, 'Olga', 1, 0]]
    """
    net = as_network(net)
    nodes, edges = net.nodes, net.edges
    if not len(nodes):
        return pd.DataFrame(columns=PEOPLE_BASE)
    ids = nodes.index
    src, tgt = (ids.get_indexer(edges[c]) for c in ("source", "target"))
    is_owner = np.zeros(len(ids), dtype=bool)
    is_owner[ids.get_indexer(pd.Index(net.meta.get("owners") or [], dtype=object))] = True
    frame = pd.DataFrame({
        "id": values(ids),
        **{col: nodes[col].to_numpy(dtype=object) for col in
           ("name", "organisation", "position", "location", "url", "email")},
        "owner": nodes["owner"].to_numpy(dtype=bool),
        "owners": _known_by(nodes["name"].to_numpy(dtype=object), is_owner, src, tgt),
        "degree": np.bincount(np.concatenate([src, tgt]), minlength=len(ids)),
        "sources": [len(x) for x in values(nodes["sources"])],
    }, columns=PEOPLE_BASE)
    if "circles" in nodes:
        circles = ["; ".join(c) if c else "" for c in values(nodes["circles"])]
        if any(circles):  # SNAP ground-truth circles, only when an input had them
            frame["circles"] = circles
    return frame


def _known_by(name: np.ndarray, is_owner: np.ndarray, src: np.ndarray, tgt: np.ndarray
              ) -> list[str]:
    """Per person, the names of the owners (other than them) tied to them, sorted, "; "-joined.

    Which owners is a bit set per person (one OR per tie end, in numpy); the text is made once
    per distinct set: twenty owners' 100,000 ties, 0.13 s of Python per tie -> 0.01 s.
    """
    owners = np.flatnonzero(is_owner)
    if len(owners) > 63:  # more owners than bits: a list per person
        known: dict[int, list[str]] = {}
        ends = np.flatnonzero((is_owner[src] | is_owner[tgt]) & (src != tgt))
        for a, b in zip(src[ends].tolist(), tgt[ends].tolist(), strict=True):
            for o, n in ((a, b), (b, a)):
                if is_owner[o]:
                    known.setdefault(n, []).append(name[o])
        return ["; ".join(sorted(known.get(i, ()))) for i in range(len(name))]
    bit = np.zeros(len(name), dtype=np.uint64)
    bit[owners] = np.left_shift(np.uint64(1), np.arange(len(owners), dtype=np.uint64))
    mask = np.zeros(len(name), dtype=np.uint64)
    apart = src != tgt
    np.bitwise_or.at(mask, tgt[apart], bit[src[apart]])
    np.bitwise_or.at(mask, src[apart], bit[tgt[apart]])
    sets, which = np.unique(mask, return_inverse=True)
    texts = ["; ".join(sorted(name[owners[k]] for k in range(len(owners)) if int(s) >> k & 1))
             for s in sets]
    return [texts[i] for i in which.reshape(-1).tolist()]


def ties_table(net: Network | nx.Graph) -> pd.DataFrame:
    """One row per tie (``source`` < ``target``) in edge order, with :data:`TIES_BASE`
    columns: the edge attributes of ``docs/graph-model.md``, ``kinds`` space-joined and
    ``sent`` split into the two directions.

    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("b", name="Bo")
    >>> G.add_edge("b", "a", kinds=["message"], messages=3, sent={"a": 2, "b": 1})
    >>> ties_table(G)[["source", "target", "target_name", "kinds",
    ...                "messages_source_to_target"]].values.tolist()
    [['a', 'b', 'Bo', 'message', 2]]
    """
    net = as_network(net)
    edges = net.edges
    if not len(edges):
        return pd.DataFrame(columns=TIES_BASE)
    names = net.nodes["name"]
    frame = edges.drop(columns=["sent", "endorsed_by", "recommended_by"], errors="ignore")
    frame = frame.assign(
        source_name=names.reindex(edges["source"]).fillna("").to_numpy(dtype=object),
        target_name=names.reindex(edges["target"]).fillna("").to_numpy(dtype=object),
        messages_source_to_target=by_end(net, "sent")[0],
        messages_target_to_source=by_end(net, "sent")[1])
    return frame.reindex(columns=TIES_BASE).reset_index(drop=True)


def by_end(net: Network, key: str) -> tuple[np.ndarray, np.ndarray]:
    """(by the source, by the target) of every tie's ``key`` (one of :data:`BY_NODE`: messages
    sent, endorsements, recommendations given), int64 arrays in edge order.

    Only the ends of the rows that have a ``key`` are read as Python strings (A2: 43k ties,
    few endorsements; the whole column, six times, took 0.01 s)."""
    g = net.given
    g = g[g["key"] == key]
    rows = g["row"].to_numpy(dtype=np.int64)
    by = g["by"].to_numpy(dtype=object)
    out = []
    for end in ("source", "target"):
        found = np.zeros(len(net.edges), dtype=np.int64)
        mine = by == net.edges[end].take(rows).to_numpy(dtype=object)
        np.add.at(found, rows[mine], g["count"].to_numpy(dtype=np.int64)[mine])
        out.append(found)
    return out[0], out[1]


#: The value of each edge field a tie lacks (a networkx graph a library user made).
_EDGE_DEFAULTS = {
    "kinds": (), "connected_on": "", "messages": 0, "first_message": "", "last_message": "",
    "group_conversations": 0, "endorsements": 0, "recommendations": 0, "invited_by": "",
    "last_interaction": "", "weight": 1.0, "inferred": False, "meetings": 0,
    "coparticipation": 0.0, "shared_events": 0, "first_seen": "", "last_seen": "",
}


def as_network(G: Network | nx.Graph) -> Network:
    """``G`` as a :class:`Network` (a networkx graph's node and edge attributes read once into
    columns, absent ones as their defaults)."""
    if isinstance(G, Network):
        return G
    ids = list(G)
    attrs = [G._node[p] for p in ids]
    nodes = pd.DataFrame({
        **{col: [d.get(col, "") for d in attrs] for col in NODE_FIELDS[:6]},
        "owner": [bool(d.get("owner")) for d in attrs],
        "sources": [list(d.get("sources", [])) for d in attrs],
    }, index=pd.Index(ids, dtype=object))
    if any(d.get("circles") for d in attrs):
        nodes["circles"] = [d.get("circles") or None for d in attrs]
    edges = list(G.edges(data=True))
    data = [d for _, _, d in edges]
    columns = {"source": [u if u < v else v for u, v, _ in edges],
               "target": [v if u < v else u for u, v, _ in edges]}
    for key, default in _EDGE_DEFAULTS.items():
        columns[key] = [d.get(key, default) for d in data]
    columns["kinds"] = [" ".join(k) for k in columns["kinds"]]
    given = [(row, key, by, n) for row, d in enumerate(data) for key in BY_NODE
             for by, n in (d.get(key) or {}).items()]
    return Network(
        nodes, pd.DataFrame(columns, columns=["source", "target", *_EDGE_DEFAULTS]),
        pd.DataFrame(given, columns=["row", "key", "by", "count"]).astype({"row": np.int64}),
        dict(G.graph))


#: The attributes of every edge of the contact graph, in the order its dicts hold them
#: (docs/graph-model.md).
EDGE_FIELDS = ("kinds", "connected_on", "messages", "sent", "first_message", "last_message",
               "group_conversations", "endorsements", "recommendations", "endorsed_by",
               "recommended_by", "invited_by", "last_interaction", "weight", "inferred",
               "meetings", "coparticipation", "shared_events", "first_seen", "last_seen")
#: The ``{node id: count}`` fields among them, kept by :class:`Network` as a long table.
BY_NODE = ("sent", "endorsed_by", "recommended_by")
#: The node attributes every person has, in the order the node dicts hold them.
NODE_FIELDS = ("name", "url", "email", "organisation", "position", "location", "owner",
               "sources")


@dataclass(eq=False)
class Network:
    """The contact graph as tables: what the graph stage builds and the analyses and outputs
    read, with networkx only on request (:meth:`to_networkx`).

    - ``nodes``: one row per person (index: the node id), the node attributes of
      docs/graph-model.md (:data:`NODE_FIELDS`, and ``circles``, a list or None, when an input
      had SNAP circles).
    - ``edges``: one row per tie, ``source`` < ``target``, in edge order, with the edge
      attributes of :data:`EDGE_FIELDS` as columns (``kinds`` space-joined) except the three
      ``{node id: count}`` ones, which ``given`` holds as rows (``row`` of the tie, ``key``,
      ``by``, ``count``).
    - ``meta``: the graph's facts (what ``G.graph`` holds: owners, whole_network,
      as_of_by_owner, events, as_of); ``report`` the :class:`~weakties.graph.LoadReport`.

    ``people`` and ``ties`` are the same as the report's base tables (the columns of
    people.csv and ties.csv before the analyses).
    """

    nodes: pd.DataFrame = field(repr=False)
    edges: pd.DataFrame = field(repr=False)
    given: pd.DataFrame = field(repr=False)
    meta: dict = field(repr=False)
    report: LoadReport | None = field(default=None, repr=False)

    @cached_property
    def people(self) -> pd.DataFrame:
        return people_table(self)

    @cached_property
    def ties(self) -> pd.DataFrame:
        return ties_table(self)

    def to_networkx(self) -> nx.Graph:
        """The networkx graph of docs/graph-model.md (built once; copy it before changing it)."""
        if self._graph is None:
            self._graph = _to_networkx(self)
        return self._graph

    _graph: nx.Graph | None = field(default=None, init=False, repr=False)

    def __repr__(self) -> str:
        return f"Network({len(self.nodes):,} people, {len(self.edges):,} ties)"


def _to_networkx(net: Network) -> nx.Graph:
    import networkx as nx

    G = nx.Graph()
    G.graph.update(copy.deepcopy(net.meta))
    nodes = net.nodes
    names = [c for c in (*NODE_FIELDS, "circles") if c in nodes]
    G.add_nodes_from(
        (pid, {k: v for k, v in zip(names, row, strict=True) if v is not None})
        for pid, *row in zip(values(nodes.index), *columns(nodes, names), strict=True))
    edges = net.edges
    m = len(edges)
    given = {key: [None] * m for key in BY_NODE}
    g = net.given
    for row, key, by, n in zip(*columns(g, ["row", "key", "by", "count"]), strict=True):
        found = given[key][row]
        if found is None:
            found = given[key][row] = {}
        found[by] = n
    cols = []
    for name in EDGE_FIELDS:
        if name in given:
            cols.append([d if d is not None else {} for d in given[name]])
        elif name == "kinds":
            cols.append([k.split(" ") if k else [] for k in values(edges[name])])
        else:
            cols.append(values(edges[name]))
    _add_new_edges(G, ((u, v, dict(zip(EDGE_FIELDS, row, strict=True)))
                       for u, v, row in zip(values(edges["source"]), values(edges["target"]),
                                            zip(*cols, strict=True), strict=True)))
    return G


def _add_new_edges(G: nx.Graph, edges) -> None:
    """``G.add_edges_from(edges)`` for pairs not yet in ``G``, each given once: the attribute
    dict goes into the adjacency as it is, in the same order, where networkx copies it into a
    new dict per edge (a million ties: 12 s -> 3.5 s)."""
    adj, node = G._adj, G._node
    for u, v, d in edges:
        if u not in node:
            G.add_node(u)
        if v not in node:
            G.add_node(v)
        adj[u][v] = d
        adj[v][u] = d
    import networkx as nx

    clear = getattr(nx, "_clear_cache", None)  # networkx >= 3.3 caches backend conversions
    if clear is not None:
        clear(G)
