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

from collections import namedtuple
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd

from weakties._frames import columns, texts
from weakties.analysis._table import EdgeTable, as_table
from weakties.analysis.evidence import owners_of
from weakties.analysis.strength import exported_ties
from weakties.identity import normalise_org

if TYPE_CHECKING:  # networkx is imported where a graph is built or read
    import networkx as nx

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


def _tie_classes(result, table: EdgeTable) -> np.ndarray:
    """The class of every tie of ``table`` in ``result.ties`` ("" for ties it does not have:
    inferred ties it left out, or no result)."""
    classes = np.full(table.m, "", dtype=object)
    if result is None or not len(result.ties):
        return classes
    src, tgt, cls = columns(result.ties, ["source", "target", "tie_class"])
    classes[table.rows_of(src, tgt)] = cls
    return classes


def _person_column(table: EdgeTable, key: str) -> Callable[[np.ndarray], np.ndarray]:
    """The people's ``key`` as text at some node indices ("" when absent; a person without a
    name is called by their id), the column read once per table, when first asked (the
    ledger and give-first both read the names and organisations: A2's 30k people, 0.01 s a
    reading)."""
    cache = ("_person_text", key)

    def of(at: np.ndarray) -> np.ndarray:
        if cache not in table._columns:
            found = np.asarray(texts(table.people, key), dtype=object)
            if key == "name":
                found = np.where(found == "", np.asarray(table.nodes, dtype=object), found)
            table._columns[cache] = found
        return table._columns[cache][at]

    return of


def ledger(data: EdgeTable | nx.Graph, result=None) -> pd.DataFrame:
    """One row per tie of an owner that has export evidence: what went each way.

    ``*_given`` is from the owner to the contact, ``*_received`` the other way;
    ``invited_by`` is ``"you"`` (the owner sent the invitation), ``"them"`` or ``""``
    (unknown); ``given``/``received``/``balance`` count favours (module docstring).
    ``tie_class`` comes from ``result`` (a :class:`~weakties.analysis.AnalysisResult`), "" when
    none is given. Sorted per owner by balance (largest debt first), then by the number of
    things exchanged, then by id.

    Reads ``endorsed_by`` / ``recommended_by`` / ``sent`` (docs/graph-model.md); a graph
    without them shows zeros in those columns. ``data`` is the
    :class:`~._table.EdgeTable` of every tie (or a networkx graph): the columns are read from
    its arrays, per owner at once.
    """
    table = as_table(data)
    owners = owners_of(table)
    classes = _tie_classes(result, table)
    exported = exported_ties(table)
    by_end = {key: table.by_end(key) for key in ("endorsed_by", "recommended_by", "sent")}
    inviter = table.column("invited_by")
    nodes = np.asarray(table.nodes, dtype=object)
    name_of, organisation_of = (_person_column(table, key) for key in ("name", "organisation"))
    parts = []
    for owner in owners:
        o = table.index[owner]
        at = np.flatnonzero(exported & ((table.s == o) | (table.t == o)))
        contact = np.where(table.s[at] == o, table.t[at], table.s[at])
        order = np.argsort(contact, kind="stable")  # contacts in id order
        at, contact = at[order], contact[order]
        first = table.s[at] == o  # the owner is the tie's source
        gave = {}  # key -> (given by the owner, by the contact)
        for key, (a, b) in by_end.items():
            a, b = a[at], b[at]
            gave[key] = (np.where(first, a, b).astype(np.int64),
                         np.where(first, b, a).astype(np.int64))
        person = nodes[contact]
        row = {
            "owner": np.full(len(at), owner, dtype=object),
            "owner_name": np.full(len(at), name_of(np.array([o]))[0], dtype=object),
            "person": person, "name": name_of(contact),
            "organisation": organisation_of(contact),
            "tie_class": classes[at],
            "endorsements_given": gave["endorsed_by"][0],
            "endorsements_received": gave["endorsed_by"][1],
            "recommendations_given": gave["recommended_by"][0],
            "recommendations_received": gave["recommended_by"][1],
            "invited_by": np.where(inviter[at] == owner, "you",
                                   np.where(inviter[at] == person, "them", "")).astype(object),
            "messages_sent": gave["sent"][0],
            "messages_received": gave["sent"][1],
        }
        row["given"] = (row["endorsements_given"]
                        + RECOMMENDATION_WEIGHT * row["recommendations_given"])
        row["received"] = (row["endorsements_received"]
                           + RECOMMENDATION_WEIGHT * row["recommendations_received"])
        row["balance"] = row["received"] - row["given"]
        if len(at):
            # largest debt first, then the most exchanged, then by id (the contacts are in id
            # order): sorted here on the owner's arrays, not the whole frame on its text
            # columns (A2: 0.012 s)
            exchanged = sum(row[c] for c in _INT_COLUMNS[:6])
            order = np.lexsort((np.arange(len(at)), -exchanged, -row["balance"]))
            parts.append((owner, pd.DataFrame({k: v[order] for k, v in row.items()},
                                              columns=LEDGER_COLUMNS)))
    parts.sort(key=lambda part: part[0])
    frame = pd.concat([f for _, f in parts], ignore_index=True) if parts else pd.DataFrame(
        columns=LEDGER_COLUMNS)
    return frame.astype({c: "int64" for c in _INT_COLUMNS})


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


def give_first(data: EdgeTable | nx.Graph, result, book: pd.DataFrame | None = None, *,
               limit: int = 2) -> pd.DataFrame:
    """A short list per owner: favours to return, weak ties to endorse, introductions to make.

    ``data`` is the :class:`~._table.EdgeTable` of every tie (or a networkx graph); ``book``
    is :func:`ledger` (computed when not given). See the module docstring for the rules;
    ``rank`` numbers each owner's rows in the order to read them.
    """
    table = as_table(data)
    book = ledger(table, result) if book is None else book
    text = tuple(_person_column(table, key) for key in ("name", "organisation"))
    rows: list[dict] = []
    grouped = _roles(table, result.people) if result is not None else None
    people = ((_ById(grouped.cluster, table), _ById(grouped.role, table))
              if grouped is not None else ({}, {}))
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
        found += _introductions(table, result, owner, weak[~weak["person"].isin(helped)],
                                limit, people, text, grouped)
        for i, row in enumerate(found, start=1):
            row["rank"] = i
        rows += found
    frame = pd.DataFrame(rows, columns=GIVE_FIRST_COLUMNS)
    return frame.astype({"rank": "int64"})


def _row(r, action: str, reason: str, with_person: str = "", with_name: str = "") -> dict:
    return {"owner": r.owner, "owner_name": r.owner_name, "action": action,
            "person": r.person, "name": r.name, "organisation": r.organisation,
            "with_person": with_person, "with_name": with_name, "reason": reason}


def _introductions(table: EdgeTable, result, owner: str, weak: pd.DataFrame, limit: int,
                   people: tuple[_ById, _ById] | tuple[dict, dict], text: tuple[Callable, Callable],
                   grouped: _Roles | None) -> list[dict]:
    """Weak ties in one cluster of a pair no tie links, each with someone in the other.

    ``people`` is (cluster, role family) of every person as dicts, ``grouped`` the same as
    arrays (:func:`_roles`), ``text`` their name and organisation (:func:`_person_column`),
    all built once per call of :func:`give_first`.
    The contacts of each cluster are indexed by role family once, and the weak ties read as
    plain lists: the first fitting partner is all a tie needs.
    """
    if result is None or not len(result.introductions) or weak.empty:
        return []
    pairs = result.introductions[result.introductions["owner"] == owner]
    if pairs.empty:
        return []
    membership, roles = people
    labels = dict(zip(result.clusters["cluster"], result.clusters["label"], strict=True))
    peers = _peers(table, owner, grouped)
    # each pair both ways: (cluster, other cluster, the owner's strongest contact over there)
    a, b, sa, sb = (pairs[c].to_numpy() for c in ("cluster_a", "cluster_b", "suggested_a",
                                                  "suggested_b"))
    here, there, nearest = (np.concatenate(x) for x in ((a, b), (b, a), (sb, sa)))
    others_of: dict[int, list[tuple[int, str]]] = {}

    def others(cid: int) -> list[tuple[int, str]]:
        """The clusters no tie links to ``cid``, in order, with the strongest contact there
        (found when a weak tie in ``cid`` first asks: a few of hundreds of clusters)."""
        if cid not in others_of:
            at = np.flatnonzero(here == cid)
            order = np.argsort(there[at], kind="stable")
            others_of[cid] = list(zip(there[at][order].tolist(),
                                      nearest[at][order].tolist(), strict=True))
        return others_of[cid]

    org_key: dict[str, str] = {}
    name_of, organisation_of = text

    def org_of(c: str) -> str:
        org = organisation_of(np.array([table.index[c]]))[0]
        if org not in org_key:
            org_key[org] = normalise_org(org)
        return org_key[org]

    found: list[dict] = []
    used: set[str] = set()
    weak = weak.assign(talked=weak["messages_sent"] + weak["messages_received"]).sort_values(
        ["talked", "person"], ascending=[False, True], kind="stable")
    keys = ["owner", "owner_name", "person", "name", "organisation"]
    for r in _rows(weak, keys):
        if len(found) >= limit:
            break
        cid = int(membership.get(r.person, -1))
        role = roles.get(r.person, "")
        org = normalise_org(r.organisation)
        for other, strongest in others(cid):
            choices = [*peers.get((other, role), []), strongest]
            partner = next((c for c in choices if c not in used and c != r.person
                            and not (org and org_of(c) == org)), None)
            if partner is None:
                continue
            name = name_of(np.array([table.index[partner]]))[0]
            why = (f"works in {roles[partner]} too" if roles.get(partner, "") and
                   roles.get(partner) == role else "is your closest contact there")
            reason = (f"no tie links the clusters “{labels.get(cid, cid)}” and "
                      f"“{labels.get(other, other)}”; {name} {why}")
            found.append(_row(r, "introduce", reason, partner, name))
            used.update({partner, r.person})
            break
    return found


class _Roles(NamedTuple):
    """Each person's cluster (-1: none) and role family (its text, "" for none, and a code
    into ``families``, -1: none), in table order, and the nodes as an object array: read once
    per :func:`give_first`."""

    cluster: np.ndarray
    code: np.ndarray
    families: pd.Index
    nodes: np.ndarray
    role: np.ndarray


def _roles(table: EdgeTable, people: pd.DataFrame) -> _Roles:
    rows = table.rows_in(people.index)  # node order: no look-up per id
    absent = rows < 0
    cluster = people["cluster"].to_numpy(dtype=np.int64)[rows]
    cluster[absent] = -1
    role = people["role_family"].to_numpy(dtype=object)[rows]
    role[absent] = ""
    role = np.where(pd.isna(role), "", role)
    code, families = pd.factorize(role)
    return _Roles(cluster, np.where(role == "", -1, code), families,
                  np.asarray(table.nodes, dtype=object), role)


class _ById:
    """``{id: value}`` of the nodes of ``table`` for one column in node order (of
    :func:`_roles`, where people without a cluster or role read -1 and ""), read on demand,
    not a dict of every person (A2's 30k: 0.005 s each)."""

    def __init__(self, column: np.ndarray, table: EdgeTable):
        self._values, self._index = column, table.index

    def get(self, n, default=None):
        i = self._index.get(n)
        return default if i is None else self._values[i]

    def __getitem__(self, n):
        return self._values[self._index[n]]


def _peers(table: EdgeTable, owner: str, roles: _Roles) -> dict[tuple[int, str], list]:
    """``{(cluster, role family): the owner's contacts there, by id}``, contacts without a role
    family left out; grouped on arrays (B: 20 owners x 5,000 contacts, two dict look-ups each
    in a Python loop before)."""
    A, o = table.adj, table.index[owner]
    mine = A.indices[A.indptr[o]:A.indptr[o + 1]].astype(np.int64)  # in id order
    mine = mine[roles.code[mine] >= 0]
    if not len(mine):
        return {}
    cluster, code = roles.cluster[mine], roles.code[mine]
    order = np.lexsort((mine, code, cluster))
    group = cluster[order] * (len(roles.families) + 1) + code[order]
    starts = np.flatnonzero(np.diff(group, prepend=group[:1] - 1))
    who = roles.nodes[mine[order]].tolist()
    bounds = [*starts.tolist(), len(order)]
    return {(int(cluster[order[a]]), roles.families[code[order[a]]]): who[a:b]
            for a, b in zip(bounds[:-1], bounds[1:], strict=True)}


_Row = namedtuple("_Row", ["owner", "owner_name", "person", "name", "organisation"])


def _rows(frame: pd.DataFrame, keys: list[str], chunk: int = 256):
    """The rows of ``frame`` as :data:`_Row` (columns ``keys``), read as Python values a chunk
    at a time: the introductions stop after a few weak ties, and reading all of A2's ~30k
    took 0.008 s."""
    for start in range(0, len(frame), chunk):
        part = frame.iloc[start:start + chunk]
        yield from (_Row(*row) for row in zip(*columns(part, keys), strict=True))
