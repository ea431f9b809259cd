"""Tie strength on two axes -- interaction and embeddedness -- and the class of every tie.

Rajkumar et al. (Science 2022) found job mobility is an inverted U in tie strength, with the two
axes behaving differently: the weakest ties by *interaction* and *moderately* weak ties by
*mutual connections* helped most. So the axes are kept apart, then combined for ranking.

**Interaction** (0..1, per tie), from the evidence recorded on the edge:

- export evidence (a LinkedIn connection, messages, endorsements, ...) gives *points*::

      points = log2(1 + messages) * (0.5 + 0.5 * reciprocity)  # reciprocity = 2min(a,b)/(a+b)
             + 0.5 * log2(1 + group_conversations)              # (0.5 when the split is unknown)
             + 1.0 * log2(1 + meetings)                          # the owner's meetings with them
             + 0.5 * log2(1 + coparticipation)                   # Newman's sum over shared events
             + 0.5 * log2(1 + endorsements)
             + 1.5 * log2(1 + recommendations)                   # a written reference
             + 0.25 if who invited whom is known
      points *= 2 ** (-age / half_life_days)                     # age of last_interaction at as_of
      interaction = points / (points + interaction_half_point)

  Logs because the tenth message says less than the first; the decay is measured from
  graph's ``as_of`` (the newest date in the data), never from the day the tool runs.
- an edge-list weight gives ``interaction = w / (w + strong_weight_multiple * median w)``
  when the weights vary; when they are all equal they say nothing and interaction is NaN.

**Embeddedness**: ``mutual_contacts`` n_ij and Onnela's neighbourhood overlap
O_ij = n_ij / ((k_i - 1) + (k_j - 1) - n_ij) (NaN when both endpoints have degree 1). On an ego
star no tie among contacts is observed, so embeddedness is unknown there (not zero).

**Strength** = ``interaction_weight * interaction + (1 - interaction_weight) * overlap``, or
whichever axis is known, or 0 when neither is.

**Class**: ``dormant`` -- a tie of an owner whose last recorded contact (interaction or the
connection date: connecting takes an invitation) is more than ``dormant_days`` before ``as_of``,
or who has none; only an owner's own ties carry interaction records, and data without dates
(a plain edge list) has no dormant ties. Otherwise ``strong`` when interaction >=
``strong_interaction``, or -- with no interaction evidence -- when overlap >= ``strong_overlap``;
else ``weak``. ``sweet_spot``: a weak or dormant tie whose mutual contacts lie in Rajkumar's
"moderately weak" band (see :class:`~weakties.analysis.params.Params`); NA on an ego star.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from weakties.analysis._table import EdgeTable, as_table
from weakties.analysis.evidence import EGO_STAR
from weakties.analysis.params import DEFAULT_PARAMS, Params

if TYPE_CHECKING:  # networkx is imported where a graph is built or read
    import networkx as nx

__all__ = [
    "EXPORT_KINDS", "parse_date", "last_contact", "interaction_points", "embeddedness",
    "tie_strength", "sweet_spot_band", "percolation", "describe_tie", "edge_key", "degrees",
]

#: Edge kinds that come from exports (interaction records), as opposed to an edge list.
EXPORT_KINDS = frozenset(
    {"connection", "message", "group", "invitation", "endorsement", "recommendation",
     # co-participation (mail, calendar, chats): messages count as messages, see model.py
     "mail", "meeting", "chat", "group-chat", "slack"}
)
CLASS_ORDER = {"strong": 0, "weak": 1, "dormant": 2}


def edge_key(u: str, v: str) -> tuple[str, str]:
    """The tie as (source, target) with source < target, as in ``ties.csv``."""
    return (u, v) if u < v else (v, u)


def parse_date(text: str | None) -> date | None:
    """An ISO date (or datetime) string as a date; None when empty or unreadable."""
    if not text:
        return None
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def last_contact(d: dict) -> str:
    """The newest of ``last_interaction`` and ``connected_on`` (ISO strings compare as dates)."""
    return max(d.get("last_interaction", "") or "", d.get("connected_on", "") or "")


def _log2p(x: float) -> float:
    return math.log2(1.0 + max(float(x or 0), 0.0))


def interaction_points(d: dict, u: str, v: str, as_of: date | None,
                       half_life_days: float) -> float:
    """Evidence points of one exported tie, decayed by the age of its last interaction."""
    messages = d.get("messages", 0) or 0
    sent = d.get("sent") or {}
    a, b = sent.get(u, 0), sent.get(v, 0)
    reciprocity = 2 * min(a, b) / (a + b) if a + b else 0.5
    points = _log2p(messages) * (0.5 + 0.5 * reciprocity)
    points += 0.5 * _log2p(d.get("group_conversations", 0))
    points += 1.0 * _log2p(d.get("meetings", 0))
    points += 0.5 * _log2p(d.get("coparticipation", 0))
    points += 0.5 * _log2p(d.get("endorsements", 0))
    points += 1.5 * _log2p(d.get("recommendations", 0))
    points += 0.25 if d.get("invited_by") else 0.0
    last = parse_date(d.get("last_interaction"))
    if points and as_of and last:
        points *= 2.0 ** (-max((as_of - last).days, 0) / half_life_days)
    return points


def embeddedness(G: nx.Graph, u: str, v: str) -> tuple[int, float]:
    """(mutual contacts, Onnela overlap) of the tie u-v; overlap NaN when undefined."""
    a, b = G.adj[u], G.adj[v]
    ka, kb = len(a), len(b)
    if ka > kb:
        a, b = b, a
    n = sum(1 for x in a if x in b)
    denom = (ka - 1) + (kb - 1) - n
    return n, (n / denom if denom > 0 else math.nan)


def sweet_spot_band(k: int, params: Params) -> tuple[int, int]:
    """Mutual contacts that make a weak tie "moderately weak", for an endpoint of degree k.

    Rajkumar et al.'s turning point (~10 mutual connections for networks of ~500) scaled
    linearly with the larger endpoint's degree, never below ``sweet_spot_min_mutual``.

    >>> sweet_spot_band(17, Params()), sweet_spot_band(500, Params())
    ((1, 1), (1, 10))
    """
    lo = params.sweet_spot_min_mutual
    hi = round(params.sweet_spot_turning_mutual * k / params.sweet_spot_reference_degree)
    return lo, max(lo, hi)


def degrees(table: EdgeTable) -> np.ndarray:
    """Every node's degree as networkx counts it (``G.degree``: a self-loop counts twice;
    ``table.degree`` counts neighbours, a self-loop once)."""
    loop = table.s == table.t
    return table.degree + np.bincount(table.s[loop], minlength=table.n)


def tie_strength(data: EdgeTable | nx.Graph, owners: Iterable[str], level: str,
                 params: Params = DEFAULT_PARAMS) -> pd.DataFrame:
    """One row per tie: strength, interaction, mutual_contacts, overlap, tie_class, sweet_spot.

    Sorted by (source, target), source < target. See the module docstring for the formulas.
    ``data`` is the :class:`~weakties.analysis._table.EdgeTable` of the ties (or a networkx
    graph, converted).

    Vectorised over ties (numpy) with the same floating-point operations in the same order as
    the per-tie formulas, so the figures are identical to the last bit; logs, decays and date
    parsing run once per distinct value. 105k ties (workload B): 20 s -> 0.5 s. A self-loop
    makes its node its own neighbour, as in the per-tie formulas (:meth:`~._table.EdgeTable.
    mutual`, :func:`degrees`).
    """
    table = as_table(data)
    owners = set(owners)
    as_of = parse_date(table.meta.get("as_of"))
    src, tgt = table.ids()
    m = table.m
    exported = exported_ties(table)
    inter = np.full(m, math.nan)
    plain = np.flatnonzero(~exported)
    weights = table.column("weight")[plain]
    weighted = len(np.unique(weights)) > 1
    half = params.strong_weight_multiple * float(np.median(weights)) if weighted else 0.0
    if weighted and half > 0:
        w = np.maximum(weights, 0.0)
        inter[plain] = w / (w + half)
    rows = np.flatnonzero(exported)
    if len(rows):
        p = _points(table, rows, as_of, params.half_life_days)
        inter[rows] = p / (p + params.interaction_half_point)

    star = level == EGO_STAR
    mutual = table.mutual()
    ks, kt = table.degree[table.s], table.degree[table.t]
    denom = (ks - 1) + (kt - 1) - mutual
    with np.errstate(divide="ignore", invalid="ignore"):
        overlap = np.where(denom > 0, mutual / np.where(denom > 0, denom, 1), math.nan)
    emb = np.full(m, math.nan) if star else overlap
    has_i, has_e = ~np.isnan(inter), ~np.isnan(emb)
    iw = params.interaction_weight
    strength = np.where(has_i & has_e, iw * inter + (1 - iw) * emb,
                        np.where(has_i, inter, np.where(has_e, emb, 0.0)))

    tie_class = np.where(has_i, np.where(inter >= params.strong_interaction, "strong", "weak"),
                         np.where(~np.isnan(overlap) & (overlap >= params.strong_overlap),
                                  "strong", "weak")).astype(object)
    if as_of is not None and owners:
        is_owner = np.zeros(table.n, dtype=bool)
        is_owner[[table.index[o] for o in owners if o in table.index]] = True
        mine = np.flatnonzero(exported & (is_owner[table.s] | is_owner[table.t]))
        last = _ordinals(last_contacts(table)[mine])
        ref = dormancy_dates(table, as_of)[mine]
        # a tie without a contact date is dormant (NaN compares False)
        tie_class[mine[~(ref - last <= params.dormant_days)]] = "dormant"
    if star:
        sweet = pd.array([pd.NA] * m, dtype="boolean")
    else:
        nx_degree = degrees(table) if table.selfloops else table.degree
        k = np.maximum(nx_degree[table.s], nx_degree[table.t])
        lo = params.sweet_spot_min_mutual
        hi = np.rint(params.sweet_spot_turning_mutual * k / params.sweet_spot_reference_degree)
        hi = np.maximum(lo, hi)
        sweet = pd.array((tie_class != "strong") & (lo <= mutual) & (mutual <= hi),
                         dtype="boolean")
    frame = pd.DataFrame({"source": src, "target": tgt, "strength": strength,
                          "interaction": inter, "mutual_contacts": mutual, "overlap": overlap,
                          "tie_class": tie_class, "sweet_spot": sweet})
    return frame.astype({"source": str, "target": str, "strength": float, "interaction": float,
                         "mutual_contacts": "int64", "overlap": float, "tie_class": str,
                         "sweet_spot": "boolean"})


def _map_unique(values: np.ndarray, fn: Callable, dtype=float) -> np.ndarray:
    """``[fn(v) for v in values]`` as an array, calling ``fn`` once per distinct value (found
    by pandas' hash table: 30,000 ties share a few hundred dates and counts)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return np.array([fn(u) for u in uniques.tolist()], dtype=dtype)[codes]


def _points(table: EdgeTable, rows: np.ndarray, as_of: date | None,
            half_life_days: float) -> np.ndarray:
    """:func:`interaction_points` of the ties at ``rows``, vectorised (same operations)."""
    def column(key):
        return _map_unique(np.maximum(table.column(key)[rows], 0.0),
                           lambda x: math.log2(1.0 + x))

    a, b = (x[rows] for x in table.by_end("sent"))
    total = a + b
    with np.errstate(divide="ignore", invalid="ignore"):
        reciprocity = np.where(total > 0, 2 * np.minimum(a, b) / np.where(total > 0, total, 1),
                               0.5)
    points = column("messages") * (0.5 + 0.5 * reciprocity)
    points = points + 0.5 * column("group_conversations")
    points = points + 1.0 * column("meetings")
    points = points + 0.5 * column("coparticipation")
    points = points + 0.5 * column("endorsements")
    points = points + 1.5 * column("recommendations")
    invited = table.column("invited_by")[rows].astype(bool)
    points = points + np.where(invited, 0.25, 0.0)
    if as_of:
        def decay(text):
            last = parse_date(text)
            return 2.0 ** (-max((as_of - last).days, 0) / half_life_days) if last else math.nan

        factor = _map_unique(table.column("last_interaction")[rows], decay)
        apply = (points != 0) & ~np.isnan(factor)
        points = np.where(apply, points * np.where(apply, factor, 1.0), points)
    return points


def exported_ties(table: EdgeTable) -> np.ndarray:
    """Which ties have export evidence (an interaction record), as a bool array."""
    return _map_unique(table.column("kinds"),
                       lambda kinds: not EXPORT_KINDS.isdisjoint(kinds.split()), bool)


def last_contacts(table: EdgeTable) -> np.ndarray:
    """:func:`last_contact` of every tie, as an object array of ISO strings."""
    return np.maximum(table.column("last_interaction"), table.column("connected_on"))


def _ordinals(texts: np.ndarray) -> np.ndarray:
    """Each ISO date as its day number (float; NaN when empty or unreadable)."""
    return _map_unique(texts, lambda x: float(d.toordinal())
                       if (d := parse_date(x)) is not None else math.nan)


def dormancy_dates(table: EdgeTable, as_of: date) -> np.ndarray:
    """:func:`dormancy_date` of every tie, as day numbers (float)."""
    own = np.full(table.n, -math.inf)
    for o, text in (table.meta.get("as_of_by_owner") or {}).items():
        d = parse_date(text)
        if d is not None and o in table.index:
            own[table.index[o]] = d.toordinal()
    ref = np.maximum(own[table.s], own[table.t])
    return np.where(ref == -math.inf, float(as_of.toordinal()), ref)


def _tie_strength_loop(G: nx.Graph, owners: Iterable[str], level: str,
                       params: Params = DEFAULT_PARAMS) -> pd.DataFrame:
    """:func:`tie_strength` tie by tie on a networkx graph: the reference the tests compare
    the arrays with."""
    owners = set(owners)
    as_of = parse_date(G.graph.get("as_of"))
    edges = sorted(edge_key(u, v) for u, v in G.edges())
    weights = [float(G[u][v].get("weight", 1.0)) for u, v in edges
               if not EXPORT_KINDS.intersection(G[u][v].get("kinds", ()))]
    weighted = len(set(weights)) > 1
    half = params.strong_weight_multiple * float(np.median(weights)) if weighted else 0.0
    star = level == EGO_STAR
    rows = []
    for u, v in edges:
        d = G[u][v]
        exported = bool(EXPORT_KINDS.intersection(d.get("kinds", ())))
        if exported:
            p = interaction_points(d, u, v, as_of, params.half_life_days)
            inter = p / (p + params.interaction_half_point)
        elif weighted and half > 0:
            w = max(float(d.get("weight", 1.0)), 0.0)
            inter = w / (w + half)
        else:
            inter = math.nan
        mutual, overlap = embeddedness(G, u, v)
        emb = math.nan if star else overlap
        if not math.isnan(inter) and not math.isnan(emb):
            strength = params.interaction_weight * inter + (1 - params.interaction_weight) * emb
        elif not math.isnan(inter):
            strength = inter
        else:
            strength = 0.0 if math.isnan(emb) else emb
        owner_tie = exported and (u in owners or v in owners)
        ref = dormancy_date(G, u, v, as_of) if owner_tie and as_of is not None else as_of
        tie_class = _classify(d, owner_tie, ref, inter, overlap, params)
        if star:
            sweet = pd.NA
        else:
            lo, hi = sweet_spot_band(max(G.degree(u), G.degree(v)), params)
            sweet = tie_class != "strong" and lo <= mutual <= hi
        rows.append((u, v, strength, inter, mutual, overlap, tie_class, sweet))
    frame = pd.DataFrame(rows, columns=["source", "target", "strength", "interaction",
                                        "mutual_contacts", "overlap", "tie_class", "sweet_spot"])
    return frame.astype({"strength": float, "interaction": float, "mutual_contacts": "int64",
                         "overlap": float, "tie_class": str, "sweet_spot": "boolean"})


def dormancy_date(G: nx.Graph, u: str, v: str, as_of: date) -> date:
    """The date an owner's tie is judged dormant from: that owner's own export date (the newest
    date in their files, ``G.graph["as_of_by_owner"]``), else the newest date in all the data.
    Between two owners, the later of their exports."""
    own = G.graph.get("as_of_by_owner") or {}
    dates = [d for d in (parse_date(own.get(u)), parse_date(own.get(v))) if d is not None]
    return max(dates) if dates else as_of


def _classify(d: dict, owner_tie: bool, as_of: date | None, inter: float, overlap: float,
              params: Params) -> str:
    if owner_tie and as_of is not None:
        last = parse_date(last_contact(d))
        if last is None or (as_of - last).days > params.dormant_days:
            return "dormant"
    if not math.isnan(inter):
        return "strong" if inter >= params.strong_interaction else "weak"
    if not math.isnan(overlap):
        return "strong" if overlap >= params.strong_overlap else "weak"
    return "weak"


def percolation(G: nx.Graph, removal_order: Iterable[tuple[str, str]]) -> pd.DataFrame:
    """Relative size of the giant component as ties are removed in the given order.

    Onnela et al. (2007): removing the weakest ties first (by overlap or weight) breaks the
    giant component at a smaller removed fraction than removing the strongest first -- the
    signature that weak ties hold distant groups together. Computed backwards with a
    union-find (adding ties in reverse order), so the whole curve costs O(m α(n)).

    Returns rows ``removed`` (number of ties), ``fraction_removed`` and ``giant_component``
    (share of all nodes in the largest component), from nothing removed to everything.
    """
    order = list(removal_order)
    n, m = G.number_of_nodes(), len(order)
    if n == 0:
        return pd.DataFrame(columns=["removed", "fraction_removed", "giant_component"])
    index = {node: i for i, node in enumerate(G)}
    parent = list(range(n))
    size = [1] * n

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    giant = 1
    sizes = [0] * (m + 1)
    sizes[m] = giant  # everything removed: isolated nodes
    for i in range(m - 1, -1, -1):  # add back the tie removed i-th
        a, b = find(index[order[i][0]]), find(index[order[i][1]])
        if a != b:
            if size[a] < size[b]:
                a, b = b, a
            parent[b] = a
            size[a] += size[b]
            giant = max(giant, size[a])
        sizes[i] = giant
    removed = np.arange(m + 1)
    return pd.DataFrame({"removed": removed, "fraction_removed": removed / max(m, 1),
                         "giant_component": np.array(sizes) / n})


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def describe_tie(d: dict, name: Callable[[str], str] = str) -> str:
    """The evidence of a tie in words, e.g. "12 messages, last 2024-03-01; connected 2019-05-02".

    ``name`` turns a node id into a display name (for "invited by ...").
    """
    parts = []
    if d.get("messages"):
        text = _plural(d["messages"], "message")
        if d.get("last_message"):
            text += f", last {d['last_message']}"
        parts.append(text)
    if d.get("connected_on"):
        parts.append(f"connected {d['connected_on']}")
    if d.get("invited_by"):
        parts.append(f"invited by {name(d['invited_by'])}")
    if d.get("endorsements"):
        parts.append(_plural(d["endorsements"], "endorsement"))
    if d.get("recommendations"):
        parts.append(_plural(d["recommendations"], "recommendation"))
    if d.get("meetings"):
        parts.append(_plural(d["meetings"], "meeting"))
    if d.get("group_conversations"):
        text = f"{_plural(d['group_conversations'], 'group conversation')} together"
        parts.append(text + (" (inferred tie)" if d.get("inferred") else ""))
    if d.get("shared_events"):
        text = (f"{_plural(d['shared_events'], 'shared message, meeting or chat')} "
                f"(weight {float(d.get('coparticipation', 0)):.2g}")
        text += f", last {d['last_seen']})" if d.get("last_seen") else ")"
        parts.append(text)
    kinds = set(d.get("kinds", ()))
    if "ties-file" in kinds:
        parts.append("listed in the ties file")
    if "edge" in kinds:
        parts.append(f"edge weight {float(d.get('weight', 1.0)):g}")
    return "; ".join(parts) or "tie recorded, no interaction on record"
