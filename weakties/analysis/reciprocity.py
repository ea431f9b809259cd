"""The reciprocity ledger: what each owner and each contact gave and received, and whom to give to.

"Give before you ask" is tit-for-tat reciprocity (Axelrod 1984; Granovetter 1973 names
"reciprocal services" as one of the four parts of tie strength). A LinkedIn export records a few
of those services with their direction: endorsements and recommendations (who gave them), the
connection invitation (who reached out) and messages (who wrote). The ledger lists them per tie;
the give-first list turns it into a few things to do this month.

**Favours** are what the balance counts::

    favours = endorsements + RECOMMENDATION_WEIGHT * recommendations

A written recommendation takes far longer than a one-click endorsement (tie strength weights it
three times as much, see :mod:`.strength`). Messages and invitations are *contact*, not favours:
they say who reaches out, are shown in the ledger, and do not move the balance. ``balance =
received - given``: above zero, the contact has given the owner more than the owner gave back.

**Give first**, per owner, three kinds of action (at most ``limit`` each):

- ``recommend`` / ``endorse`` *(return the favour)*: contacts with a positive balance, largest
  first; "recommend" when they wrote the owner more recommendations than they received.
- ``endorse`` *(a weak tie you could help)*: weak or dormant ties the owner has exchanged
  messages with both ways (so knows their work) and never endorsed, most messages first.
- ``introduce``: a weak or dormant tie in a cluster that no tie links to another cluster the
  owner reaches (:func:`weakties.analysis.reconnect.introductions`), paired with the owner's
  contact over there -- of the same role family when there is one, else the strongest. The
  introduction helps both and keeps the owner in touch (Obstfeld's *tertius iungens*). Only where
  ties among contacts are observed: on an ego star a missing tie is unknown, not absent.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from weakties._frames import columns, lookup, values
from weakties.analysis.evidence import owners_of
from weakties.analysis.strength import EXPORT_KINDS, edge_key
from weakties.identity import normalise_org

__all__ = ["RECOMMENDATION_WEIGHT", "LEDGER_COLUMNS", "GIVE_FIRST_COLUMNS", "ledger",
           "give_first"]

#: A recommendation counts as this many endorsements in the balance (see the module docstring).
RECOMMENDATION_WEIGHT = 3

LEDGER_COLUMNS = [
    "owner", "owner_name", "person", "name", "organisation", "tie_class",
    "endorsements_given", "endorsements_received", "recommendations_given",
    "recommendations_received", "invited_by", "messages_sent", "messages_received",
    "given", "received", "balance",
]
GIVE_FIRST_COLUMNS = [
    "owner", "owner_name", "action", "person", "name", "organisation", "with_person",
    "with_name", "reason", "rank",
]
_INT_COLUMNS = ["endorsements_given", "endorsements_received", "recommendations_given",
                "recommendations_received", "messages_sent", "messages_received", "given",
                "received", "balance"]


def _name(G: nx.Graph, n: str) -> str:
    return str(G.nodes[n].get("name", "") or n)


def _tie_classes(result, owners: list[str]) -> dict[tuple[str, str], str]:
    if result is None or not len(result.ties):
        return {}
    ties = result.ties
    mine = ties[ties["source"].isin(owners) | ties["target"].isin(owners)]
    return dict(zip(zip(*columns(mine, ["source", "target"]), strict=True),
                    values(mine["tie_class"]), strict=True))


def ledger(G: nx.Graph, result=None) -> pd.DataFrame:
    """One row per tie of an owner that has export evidence: what went each way.

    ``*_given`` is from the owner to the contact, ``*_received`` the other way;
    ``invited_by`` is ``"you"`` (the owner sent the invitation), ``"them"`` or ``""``
    (unknown); ``given``/``received``/``balance`` count favours (module docstring).
    ``tie_class`` comes from ``result`` (a :class:`~weakties.analysis.AnalysisResult`), "" when
    none is given. Sorted per owner by balance (largest debt first), then by the number of
    things exchanged, then by id.

    Reads ``endorsed_by`` / ``recommended_by`` / ``sent`` (docs/graph-model.md); a graph
    without them shows zeros in those columns.
    """
    owners = owners_of(G)
    classes = _tie_classes(result, owners)
    rows = []
    for owner in owners:
        for c in sorted(G.adj[owner]):
            d = G[owner][c]
            if not EXPORT_KINDS.intersection(d.get("kinds", ())):
                continue  # an edge-list tie records no exchange
            endorsed = d.get("endorsed_by") or {}
            recommended = d.get("recommended_by") or {}
            sent = d.get("sent") or {}
            inviter = d.get("invited_by", "") or ""
            row = {
                "owner": owner, "owner_name": _name(G, owner), "person": c, "name": _name(G, c),
                "organisation": str(G.nodes[c].get("organisation", "") or ""),
                "tie_class": classes.get(edge_key(owner, c), ""),
                "endorsements_given": int(endorsed.get(owner, 0)),
                "endorsements_received": int(endorsed.get(c, 0)),
                "recommendations_given": int(recommended.get(owner, 0)),
                "recommendations_received": int(recommended.get(c, 0)),
                "invited_by": "you" if inviter == owner else "them" if inviter == c else "",
                "messages_sent": int(sent.get(owner, 0)),
                "messages_received": int(sent.get(c, 0)),
            }
            row["given"] = (row["endorsements_given"]
                            + RECOMMENDATION_WEIGHT * row["recommendations_given"])
            row["received"] = (row["endorsements_received"]
                               + RECOMMENDATION_WEIGHT * row["recommendations_received"])
            row["balance"] = row["received"] - row["given"]
            rows.append(row)
    frame = pd.DataFrame(rows, columns=LEDGER_COLUMNS)
    if frame.empty:
        return frame.astype({c: "int64" for c in _INT_COLUMNS})
    exchanged = frame[_INT_COLUMNS[:6]].sum(axis=1)
    order = frame.assign(_x=exchanged).sort_values(
        ["owner", "balance", "_x", "person"], ascending=[True, False, False, True],
        kind="stable")
    return order.drop(columns="_x").reset_index(drop=True).astype(
        {c: "int64" for c in _INT_COLUMNS})


def _plural(n: int, word: str) -> str:
    if n == 1:
        return ("an " if word[0] in "aeiou" else "a ") + word
    return f"{n} {word}s"


def _favours(endorsements: int, recommendations: int) -> str:
    parts = []
    if recommendations:
        parts.append(_plural(recommendations, "recommendation"))
    if endorsements:
        parts.append(_plural(endorsements, "endorsement"))
    return " and ".join(parts) or "nothing"


def give_first(G: nx.Graph, result, book: pd.DataFrame | None = None, *, limit: int = 2
               ) -> pd.DataFrame:
    """A short list per owner: favours to return, weak ties to endorse, introductions to make.

    ``book`` is :func:`ledger` (computed when not given). See the module docstring for the
    rules; ``rank`` numbers each owner's rows in the order to read them.
    """
    book = ledger(G, result) if book is None else book
    rows: list[dict] = []
    for owner, mine in book.groupby("owner", sort=True):
        found: list[dict] = []
        owed = mine[mine["balance"] > 0]
        for r in owed.head(limit).itertuples():
            action = ("recommend" if r.recommendations_received > r.recommendations_given
                      else "endorse")
            reason = (f"gave you {_favours(r.endorsements_received, r.recommendations_received)}"
                      f"; you gave {_favours(r.endorsements_given, r.recommendations_given)}")
            found.append(_row(r, action, reason))
        helped = set(owed.head(limit)["person"])
        weak = mine[mine["tie_class"].isin(["weak", "dormant"]) & ~mine["person"].isin(helped)]
        talk = weak[(weak["messages_sent"] > 0) & (weak["messages_received"] > 0)
                    & (weak["endorsements_given"] == 0)]
        talk = talk.assign(talked=talk["messages_sent"] + talk["messages_received"]).sort_values(
            ["talked", "person"], ascending=[False, True], kind="stable")
        for r in talk.head(limit).itertuples():
            reason = (f"a {r.tie_class} tie you have talked with ({r.talked} messages) and never "
                      "endorsed: endorse a skill you have seen them use")
            found.append(_row(r, "endorse", reason))
            helped.add(r.person)
        found += _introductions(G, result, owner, weak[~weak["person"].isin(helped)], limit)
        for i, row in enumerate(found, start=1):
            row["rank"] = i
        rows += found
    frame = pd.DataFrame(rows, columns=GIVE_FIRST_COLUMNS)
    return frame.astype({"rank": "int64"})


def _row(r, action: str, reason: str, with_person: str = "", with_name: str = "") -> dict:
    return {"owner": r.owner, "owner_name": r.owner_name, "action": action,
            "person": r.person, "name": r.name, "organisation": r.organisation,
            "with_person": with_person, "with_name": with_name, "reason": reason}


def _introductions(G: nx.Graph, result, owner: str, weak: pd.DataFrame, limit: int
                   ) -> list[dict]:
    """Weak ties in one cluster of a pair no tie links, each with someone in the other."""
    if result is None or not len(result.introductions) or weak.empty:
        return []
    pairs = result.introductions[result.introductions["owner"] == owner]
    if pairs.empty:
        return []
    membership = lookup(result.people["cluster"])
    roles = lookup(result.people["role_family"])
    labels = dict(zip(result.clusters["cluster"], result.clusters["label"], strict=True))
    contacts = sorted(G.adj[owner])
    by_cluster: dict[int, list[str]] = {}
    for c in contacts:
        by_cluster.setdefault(int(membership.get(c, -1)), []).append(c)
    strongest = {}
    for p in pairs.itertuples():
        strongest[(p.cluster_a, p.cluster_b)] = p.suggested_b
        strongest[(p.cluster_b, p.cluster_a)] = p.suggested_a
    found: list[dict] = []
    used: set[str] = set()
    weak = weak.assign(talked=weak["messages_sent"] + weak["messages_received"])
    for r in weak.sort_values(["talked", "person"], ascending=[False, True],
                              kind="stable").itertuples():
        if len(found) >= limit:
            break
        cid = int(membership.get(r.person, -1))
        others = sorted(b for a, b in strongest if a == cid)
        for other in others:
            org = normalise_org(r.organisation)
            choices = [c for c in by_cluster.get(other, [])
                       if roles.get(c, "") and roles.get(c, "") == roles.get(r.person, "")]
            choices.append(strongest[(cid, other)])
            choices = [c for c in choices if c not in used and c != r.person
                       and not (org and normalise_org(
                           str(G.nodes[c].get("organisation", ""))) == org)]
            if not choices:
                continue
            partner = choices[0]
            why = (f"works in {roles[partner]} too" if roles.get(partner, "") and
                   roles.get(partner) == roles.get(r.person) else "is your closest contact there")
            reason = (f"no tie links the clusters “{labels.get(cid, cid)}” and "
                      f"“{labels.get(other, other)}”; {_name(G, partner)} {why}")
            found.append(_row(r, "introduce", reason, partner, _name(G, partner)))
            used.update({partner, r.person})
            break
    return found
