"""How much structure the data shows (ego star / ego network / whole network), and what that skips.

A single LinkedIn export is a star: on it every tie is a bridge and betweenness means nothing, so
the analyses that need ties among contacts are skipped -- each with the reason and the input that
would unlock it -- rather than computed and misread (docs/design.md §2, "The one honest problem").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from weakties._frames import values
from weakties.analysis._table import EdgeTable, as_table

if TYPE_CHECKING:  # networkx is imported where a graph is built or read
    import networkx as nx

__all__ = [
    "EGO_STAR", "EGO_NETWORK", "WHOLE_NETWORK", "owners_of", "working_table", "working_graph",
    "evidence_level", "skipped_analyses",
]

EGO_STAR = "ego star"
EGO_NETWORK = "ego network"
WHOLE_NETWORK = "whole network"

#: What to add to a single export to see ties among contacts.
UNLOCK_STRUCTURE = (
    "add messages.csv with group conversations, a teammate's export, or a ties file (--ties)"
)
UNLOCK_WHOLE = "add teammates' exports or a ties file (--ties) linking your contacts to others"
UNLOCK_OWNER = "name the owner with --owner NAME"


def owners_of(data: EdgeTable | nx.Graph) -> list[str]:
    """Owner node ids: the graph's ``owners`` (``table.meta`` or ``G.graph``) as listed, else
    the people flagged ``owner``, sorted."""
    if not isinstance(data, EdgeTable):  # a networkx graph
        listed = data.graph.get("owners")
        if listed:
            return [o for o in listed if o in data]
        return sorted(n for n, d in data.nodes(data=True) if d.get("owner"))
    listed = data.meta.get("owners")
    if listed:
        return [o for o in listed if o in data.index]
    people = data.people
    if "owner" not in people.columns:
        return []
    flags = people["owner"]
    return [n for n, flag, missing in zip(data.nodes, values(flags), flags.isna().tolist(),
                                          strict=True) if not missing and flag]


def working_table(table: EdgeTable, include_inferred: bool = True) -> EdgeTable:
    """The ties the analyses run on: ``table`` itself, or the table without inferred ties
    (:meth:`~._table.EdgeTable.only`; the people stay)."""
    return table if include_inferred else table.only(~table.column("inferred"))


def working_graph(G: nx.Graph, include_inferred: bool = True) -> nx.Graph:
    """:func:`working_table` for a networkx graph (library functions that walk one):
    ``G`` itself, or a copy without inferred ties."""
    if include_inferred:
        return G
    H = G.copy()
    H.remove_edges_from([(u, v) for u, v, inf in G.edges(data="inferred") if inf])
    return H


def evidence_level(data: EdgeTable | nx.Graph, include_inferred: bool = True) -> str:
    """The evidence level of docs/design.md §2, of a table or a networkx graph.

    Whole network when the graph's ``whole_network`` is set, when there are two or more owners,
    or when there is no owner at all (a plain edge list); ego network when the single owner's
    contacts have at least one tie among themselves (inferred ties count only when included);
    ego star otherwise. A shared organisation never counts as a tie.

    >>> import networkx as nx
    >>> G = nx.star_graph(3); G = nx.relabel_nodes(G, str); G.graph["owners"] = ["0"]
    >>> evidence_level(G)
    'ego star'
    >>> G.add_edge("1", "2"); evidence_level(G)
    'ego network'
    """
    table = as_table(data)
    owners = owners_of(table)
    if table.meta.get("whole_network") or len(owners) != 1:
        return WHOLE_NETWORK
    owner = table.index[owners[0]]
    among = (table.s != owner) & (table.t != owner)
    if not include_inferred:
        among &= ~table.column("inferred")
    return EGO_NETWORK if among.any() else EGO_STAR


def _skip(analysis: str, cause: str, unlock: str, detail: str = "") -> dict:
    """One skipped analysis: ``reason`` in full, also split into the ``cause`` several skipped
    analyses share and the ``detail`` of this one (so a summary can state the cause once)."""
    reason = f"{cause}{detail}"
    return {"analysis": analysis, "reason": reason, "cause": cause,
            "detail": detail.lstrip(",;: ").removeprefix("so "), "unlock": unlock}


def skipped_analyses(level: str, n_owners: int) -> list[dict]:
    """The analyses the evidence level does not support, each with why and how to unlock it."""
    skipped: list[dict] = []
    if level == EGO_STAR:
        star = "a single export is a star: no ties among your contacts are observed"
        skipped += [
            _skip("betweenness", star, UNLOCK_STRUCTURE, ", so every path runs through you"),
            _skip("bridges", star, UNLOCK_STRUCTURE, ", so every tie would be a bridge"),
            _skip("local bridges", star, UNLOCK_STRUCTURE,
                  ", so every tie would be a local bridge"),
            _skip("constraint and effective size", star, UNLOCK_STRUCTURE,
                  ", so every contact is non-redundant (effective size = number of contacts)"),
            _skip("sweet spot (moderately weak ties)", star, UNLOCK_STRUCTURE,
                  ", so mutual contacts are unknown"),
            _skip("clusters (community detection)", star, UNLOCK_STRUCTURE,
                  "; contacts are grouped by organisation and role family instead"),
            _skip("introductions you could make", star, UNLOCK_STRUCTURE,
                  ", so a missing tie between two groups is unobserved, not absent"),
        ]
    if level in (EGO_STAR, EGO_NETWORK):
        ego = "only your own ties and some among your contacts are observed"
        if level == EGO_NETWORK:
            skipped += [
                _skip("bridges", ego, UNLOCK_WHOLE, ": every tie of a contact with no other "
                      "observed tie would be a bridge; local bridges among contacts are "
                      "reported instead"),
            ]
        skipped += [
            _skip("second-degree contacts", ego, UNLOCK_WHOLE, ", not your contacts' contacts"),
            _skip("warm-introduction paths beyond your contacts", ego, UNLOCK_WHOLE),
        ]
    if level == WHOLE_NETWORK and n_owners == 0:
        none = "no owner in the data (a whole network)"
        skipped += [
            _skip("owner's reach, range and fragile ties", none, UNLOCK_OWNER),
            _skip("second-degree contacts", none, UNLOCK_OWNER),
            _skip("reconnect list", none, UNLOCK_OWNER),
            _skip("introductions you could make", none, UNLOCK_OWNER),
        ]
    return skipped
