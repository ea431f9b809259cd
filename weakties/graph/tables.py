"""The contact graph as two tables: one row per person, one row per tie (pandas DataFrames).

The columns are what the import found (the analyses add theirs: ``weakties.analysis.schema``).
Each table is built column by column in one pass over the graph's node or edge dicts: a dict
per row for pandas to sort into columns cost about as much as the rest of writing ties.csv.

:class:`Network` gives these tables to the library's users (``weakties.network``), with the
networkx graph on request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx
import pandas as pd

from weakties.graph.model import LoadReport

__all__ = ["PEOPLE_BASE", "TIES_BASE", "Network", "people_table", "ties_table"]

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


def people_table(G: nx.Graph) -> pd.DataFrame:
    """One row per person in the graph's node order, with :data:`PEOPLE_BASE` columns, and
    ``circles`` ("; "-joined) when an input had SNAP circles. ``owners`` names the owners
    (other than the person) who have a tie with them, sorted.

    >>> G = nx.Graph(owners=["o"])
    >>> G.add_node("o", name="Olga", owner=True, sources=["a.zip"])
    >>> G.add_edge("o", "p")
    >>> people_table(G)[["id", "name", "owner", "owners", "degree", "sources"]].values.tolist()
    [['o', 'Olga', True, '', 1, 1], ['p', '', False, 'Olga', 1, 0]]
    """
    ids = list(G)
    attrs = [G._node[p] for p in ids]
    known_by: dict[str, list[str]] = {}
    for o in G.graph.get("owners", []):
        name = G.nodes[o]["name"]
        for n in G.adj[o]:
            if n != o:
                known_by.setdefault(n, []).append(name)
    columns = {"id": ids}
    for col in ("name", "organisation", "position", "location", "url", "email"):
        columns[col] = [d.get(col, "") for d in attrs]
    columns["owner"] = [bool(d.get("owner")) for d in attrs]
    columns["owners"] = ["; ".join(sorted(known_by.get(p, ()))) for p in ids]
    columns["degree"] = [k for _, k in G.degree(ids)]
    columns["sources"] = [len(d.get("sources", [])) for d in attrs]
    if not ids:
        return pd.DataFrame(columns=PEOPLE_BASE)
    frame = pd.DataFrame(columns, columns=PEOPLE_BASE)
    circles = ["; ".join(d["circles"]) if d.get("circles") else "" for d in attrs]
    if any(circles):  # SNAP ground-truth circles, only when an input had them
        frame["circles"] = circles
    return frame


def ties_table(G: nx.Graph) -> pd.DataFrame:
    """One row per tie (``source`` < ``target``) in the graph's edge order, with
    :data:`TIES_BASE` columns: the edge attributes of ``docs/graph-model.md``, ``kinds``
    space-joined and ``sent`` split into the two directions.

    >>> G = nx.Graph()
    >>> G.add_node("b", name="Bo")
    >>> G.add_edge("b", "a", kinds=["message"], messages=3, sent={"a": 2, "b": 1})
    >>> ties_table(G)[["source", "target", "target_name", "kinds",
    ...                "messages_source_to_target"]].values.tolist()
    [['a', 'b', 'Bo', 'message', 2]]
    """
    edges = list(G.edges(data=True))
    if not edges:
        return pd.DataFrame(columns=TIES_BASE)
    node = G._node
    source = [u if u < v else v for u, v, _ in edges]
    target = [v if u < v else u for u, v, _ in edges]
    data = [d for _, _, d in edges]
    columns = {
        "source": source, "target": target,
        "source_name": [node[s].get("name", "") for s in source],
        "target_name": [node[t].get("name", "") for t in target],
        "kinds": [" ".join(d.get("kinds", [])) for d in data],
        "messages_source_to_target": [d.get("sent", {}).get(s, 0)
                                      for s, d in zip(source, data, strict=True)],
        "messages_target_to_source": [d.get("sent", {}).get(t, 0)
                                      for t, d in zip(target, data, strict=True)],
        "inferred": [bool(d.get("inferred", False)) for d in data],
        "weight": [d.get("weight", 1.0) for d in data],
    }
    for col, default in _TIE_FIELDS.items():
        columns[col] = [d.get(col, default) for d in data]
    return pd.DataFrame(columns, columns=TIES_BASE)


@dataclass
class Network:
    """The contact graph as tables (``people``, ``ties``: DataFrames, one row per person and
    per tie) and the load report; :meth:`to_networkx` gives the graph itself (node ids are
    the ``id`` / ``source`` / ``target`` values, attributes as in ``docs/graph-model.md``)."""

    graph: nx.Graph = field(repr=False)
    report: LoadReport = field(repr=False)

    @cached_property
    def people(self) -> pd.DataFrame:
        return people_table(self.graph)

    @cached_property
    def ties(self) -> pd.DataFrame:
        return ties_table(self.graph)

    def to_networkx(self) -> nx.Graph:
        """The networkx graph (the same object each time; copy it before changing it)."""
        return self.graph

    def __repr__(self) -> str:
        return (f"Network({self.graph.number_of_nodes():,} people, "
                f"{self.graph.number_of_edges():,} ties)")
