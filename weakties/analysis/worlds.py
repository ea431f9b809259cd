"""Where the ties come from, and how broad the network is across those worlds.

Each evidence kind belongs to a *world*: LinkedIn (connections, messages, endorsements …),
mail, calendar, chats (WhatsApp, Telegram), Slack, social (friends, follows). Address books,
edge lists and ties files say who someone is or that a tie exists, not where people meet: they
are sources but no world. The breadth the advice asks for ("look at the networks of your
relations") is then measured three ways:

- **ties per world**: the owners' ties and the ties among contacts each world shows;
- **contacts in several worlds**: people whose ties come from two worlds or more (a colleague
  who is also in the climbing chat) -- the bridges between circles one source alone never shows;
- **clusters of one world**: clusters whose inner ties all come from one world (a circle that
  only the chats show, one only mail shows).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from weakties.analysis._table import EdgeTable, as_table

if TYPE_CHECKING:  # networkx is imported where a graph is built or read
    import networkx as nx

__all__ = ["WORLD_OF_KIND", "worlds"]

#: Evidence kind -> world ("" for sources that are no world: address books, edge lists …).
WORLD_OF_KIND = {
    "connection": "LinkedIn", "message": "LinkedIn", "group": "LinkedIn",
    "invitation": "LinkedIn", "endorsement": "LinkedIn", "recommendation": "LinkedIn",
    "mail": "mail", "meeting": "calendar", "chat": "chats", "group-chat": "chats",
    "slack": "Slack", "friend": "social", "follow": "social",
    "contact": "", "edge": "", "ties-file": "",
}
#: People listed by name in ``several_worlds`` (the count covers everyone).
MAX_LISTED = 20


def _worlds_of(kinds) -> set[str]:
    return {WORLD_OF_KIND.get(k, k) for k in kinds or ()} - {""}


def _names(table: EdgeTable, at: np.ndarray) -> dict[int, str]:
    """The name of the people at node indices ``at``, their id when they have none."""
    people = table.people
    if "name" not in people.columns:
        return {i: table.nodes[i] for i in at.tolist()}
    found = people["name"].to_numpy(dtype=object)[at].tolist()
    missing = people["name"].isna().to_numpy()[at].tolist()
    return {i: table.nodes[i] if miss else str(x)
            for i, x, miss in zip(at.tolist(), found, missing, strict=True)}


def worlds(data: EdgeTable | nx.Graph, owners: list[str], membership: pd.Series,
           labels: dict) -> dict:
    """The worlds of the ties of ``data`` (an :class:`~weakties.analysis._table.EdgeTable`, or
    a networkx graph; JSON-safe; see the module docstring).

    ``membership`` maps node id -> cluster (-1 for owners), ``labels`` cluster -> label.
    Counted on arrays, one row per (tie or person, world): 105k ties in a few numpy passes.

    >>> import networkx as nx
    >>> G = nx.Graph(owners=["o"])
    >>> G.add_edge("o", "a", kinds=["mail"]); G.add_edge("o", "b", kinds=["chat"])
    >>> G.add_edge("a", "b", kinds=["chat", "mail"])
    >>> w = worlds(G, ["o"], pd.Series({"o": -1, "a": 0, "b": 0}), {0: "x"})
    >>> w["owner_ties"], w["several_worlds"]["count"]
    ({'chats': 1, 'mail': 1}, 2)
    """
    table = as_table(data)
    codes, kinds = pd.factorize(table.column("kinds"))  # the distinct kinds of ties
    found = [_worlds_of(k.split()) for k in kinds.tolist()]
    names: list[str] = sorted(set().union(*found))
    W = max(len(names), 1)  # (x, world) pairs are coded x * W + world
    # one row per (tie, world): tie_of[j] is the tie of world[j]
    pairs = [(np.flatnonzero(codes == c), names.index(w)) for c, ws in enumerate(found)
             for w in ws]
    tie_of = np.concatenate([at for at, _ in pairs] + [np.zeros(0, dtype=np.int64)])
    world = np.concatenate([np.full(len(at), w, dtype=np.int64) for at, w in pairs]
                           + [np.zeros(0, dtype=np.int64)])
    is_owner = np.zeros(table.n, dtype=bool)
    is_owner[[table.index[o] for o in owners if o in table.index]] = True
    mine = is_owner[table.s] | is_owner[table.t]
    per_world = np.bincount(world * 2 + mine[tie_of], minlength=2 * len(names))

    def tally(of_owner: bool) -> dict[str, int]:
        return {w: int(per_world[2 * i + of_owner]) for i, w in enumerate(names)
                if per_world[2 * i + of_owner]}

    # people: every non-owner end of a tie, with the worlds of all their ties
    ends = np.concatenate([table.s, table.t])
    contact = ~is_owner[ends]
    contacts = len(np.unique(ends[contact]))
    tie_ends = np.concatenate([tie_of, tie_of + table.m])  # (tie, end) rows of each world
    person = ends[tie_ends][contact[tie_ends]]
    pw = np.unique(person * W + np.concatenate([world, world])[contact[tie_ends]])
    person, pworld = pw // W, pw % W
    people, starts, sizes = np.unique(person, return_index=True, return_counts=True)
    name = _names(table, people[sizes >= 2])
    several = sorted(((p, [names[w] for w in pworld[i:i + k].tolist()])
                      for p, i, k in zip(people.tolist(), starts.tolist(), sizes.tolist(),
                                         strict=True) if k >= 2),
                     key=lambda pw: (-len(pw[1]), name[pw[0]], table.nodes[pw[0]]))
    # clusters: the worlds of the ties inside each (between two contacts of one cluster)
    memb = table.by_node(membership, -1, np.int64)
    cs = memb[table.s]
    inside = (~mine & (cs == memb[table.t]) & (cs != -1))[tie_of]
    cw = np.unique(cs[tie_of][inside] * W + world[inside])
    clusters, first, n_worlds = np.unique(cw // W, return_index=True, return_counts=True)
    one = n_worlds == 1
    one_world = [{"cluster": cluster, "label": str(labels.get(cluster, "")),
                  "size": int((membership == cluster).sum()), "world": names[cw[i] % W]}
                 for cluster, i in zip(clusters[one].tolist(), first[one].tolist(), strict=True)]
    owner_ties, among = tally(True), tally(False)
    return {
        "worlds": sorted(set(owner_ties) | set(among)),
        "owner_ties": owner_ties,
        "ties_among_contacts": among,
        "several_worlds": {
            "count": len(several),
            "share": round(len(several) / contacts, 4) if contacts else None,
            "people": [{"id": table.nodes[p], "name": name[p], "worlds": w}
                       for p, w in several[:MAX_LISTED]],
        },
        "clusters_of_one_world": one_world,
    }
