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

from collections import Counter

import networkx as nx
import pandas as pd

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


def worlds(H: nx.Graph, owners: list[str], membership: pd.Series,
           labels: dict) -> dict:
    """The worlds of the graph's ties (JSON-safe; see the module docstring).

    ``membership`` maps node id -> cluster (-1 for owners), ``labels`` cluster -> label.

    >>> G = nx.Graph(owners=["o"])
    >>> G.add_edge("o", "a", kinds=["mail"]); G.add_edge("o", "b", kinds=["chat"])
    >>> G.add_edge("a", "b", kinds=["chat", "mail"])
    >>> w = worlds(G, ["o"], pd.Series({"o": -1, "a": 0, "b": 0}), {0: "x"})
    >>> w["owner_ties"], w["several_worlds"]["count"]
    ({'chats': 1, 'mail': 1}, 2)
    """
    owner_set = set(owners)
    owner_ties: Counter[str] = Counter()
    among: Counter[str] = Counter()
    person_worlds: dict[str, set[str]] = {}
    inner: dict[int, Counter[str]] = {}
    for u, v, kinds in H.edges(data="kinds"):
        found = _worlds_of(kinds)
        mine = u in owner_set or v in owner_set
        for w in found:
            (owner_ties if mine else among)[w] += 1
        for end in (u, v):
            if end not in owner_set:
                person_worlds.setdefault(end, set()).update(found)
        cu, cv = membership.get(u, -1), membership.get(v, -1)
        if not mine and cu == cv and cu != -1:
            inner.setdefault(int(cu), Counter()).update(found)
    several = sorted(((p, sorted(w)) for p, w in person_worlds.items() if len(w) >= 2),
                     key=lambda pw: (-len(pw[1]), str(H.nodes[pw[0]].get("name", pw[0])),
                                     pw[0]))
    contacts = len(person_worlds)
    one_world = []
    for cluster, counts in sorted(inner.items()):
        if len(counts) == 1:
            size = int((membership == cluster).sum())
            one_world.append({"cluster": cluster, "label": str(labels.get(cluster, "")),
                              "size": size, "world": next(iter(counts))})
    present = sorted(set(owner_ties) | set(among))
    return {
        "worlds": present,
        "owner_ties": dict(sorted(owner_ties.items())),
        "ties_among_contacts": dict(sorted(among.items())),
        "several_worlds": {
            "count": len(several),
            "share": round(len(several) / contacts, 4) if contacts else None,
            "people": [{"id": p, "name": str(H.nodes[p].get("name", p)), "worlds": w}
                       for p, w in several[:MAX_LISTED]],
        },
        "clusters_of_one_world": one_world,
    }
