"""The monthly plan: the few informational conversations worth having now, each with its reason.

The advice behind weakties: have at least one informational conversation a month with someone
whose work interests you -- ask about their work, never for a job. The plan picks up to
``max_picks`` (5) people per owner from three kinds of candidate, each backed by a finding:

- ``weak tie``: a weak tie into an organisation or cluster the owner barely reaches (at most
  ``barely`` ties): new information. Ties in the sweet spot (moderately weak: a few mutual
  contacts, someone who can place you; Rajkumar et al. 2022 found these helped most with job
  moves) rank above all others; on an ego star mutual contacts are unknown and rank between.
- ``dormant tie``: a dormant tie that bridges somewhere the owner is not -- the only tie into its
  cluster or organisation, or the way to second-degree people in circles the owner does not
  reach. Levin, Walter & Murnighan (2011): reconnecting gives novel knowledge at little cost.
- ``introduction``: a second-degree contact whose best introducer is a *strong* tie of the owner
  (a close contact is willing to make the introduction; a weak one may not be).

Within a kind, candidates are ranked by a score (ties broken by the warmer tie, then the id)::

    weak tie:      novelty + (1 in the sweet spot, 0.5 unknown, else 0)
                   novelty = max(1 / ties into its cluster, 1 / contacts at its organisation)
    dormant tie:   2 * (only tie into its cluster) + 1 * (only contact at its organisation)
                   + log2(1 + novel second-degree people it could introduce)
    introduction:  1 * (novel: a cluster or organisation the owner has no tie into)
                   + log2(introducers) + strength of the best introducer's tie

Picks go round the kinds in that order (the best weak tie, the best dormant tie, the best
introduction, the second-best weak tie, ...) so a month mixes them; at most one pick per
organisation and per cluster (unless the plan would stay under ``min_picks``); a person is
picked for one owner only; people in ``exclude`` (last month's ``plan.csv``) never -- so
running with ``--exclude`` never suggests anyone two months running.
With ``target`` ("Acme", "data science"), candidates matching it (organisation, role family,
position or cluster label, as whole words) come first, and others only fill the plan up to
``min_picks``.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from weakties._frames import columns, lookup
from weakties.analysis._table import EdgeTable, as_table
from weakties.analysis.clusters import GROUPS, people_attributes
from weakties.analysis.evidence import WHOLE_NETWORK, owners_of
from weakties.analysis.reconnect import novel_introductions
from weakties.analysis.roles import role_family
from weakties.analysis.second_degree import introducer_pairs
from weakties.analysis.strength import parse_date
from weakties.errors import InputError
from weakties.identity import normalise_org

if TYPE_CHECKING:  # networkx is imported where a graph is built or read
    import networkx as nx

__all__ = ["PLAN_COLUMNS", "KINDS", "monthly_plan", "read_previous_plan"]

KINDS = ("weak tie", "dormant tie", "introduction")
PLAN_COLUMNS = [
    "owner", "owner_name", "rank", "kind", "person", "name", "organisation", "position",
    "reason", "via", "via_name", "matches_target",
]


def monthly_plan(data: EdgeTable | nx.Graph, result, *, target: str | None = None,
                 exclude: Iterable[str] = (), max_picks: int = 5, min_picks: int = 3,
                 barely: int = 2, attrs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each owner's informational conversations for this month, with reasons (module docstring).

    ``data`` is the :class:`~weakties.analysis._table.EdgeTable` of every tie (or a networkx
    graph) and ``result`` :func:`weakties.analysis.run`'s result for it; ``attrs`` its
    :func:`~weakties.analysis.clusters.people_attributes` (found when not given); ``exclude``
    holds person ids (see :func:`read_previous_plan`). One row per pick, ``rank`` from 1 per
    owner; ``via`` is the introducer of an ``introduction``. Empty when the data has no owner.
    """
    table = as_table(data)
    owners = owners_of(table)
    exclude = set(exclude) | set(owners)
    match = _matcher(target) if target and target.strip() else None
    taken: set[str] = set()
    rows: list[dict] = []
    if not owners:
        return pd.DataFrame(rows, columns=PLAN_COLUMNS).astype(
            {"rank": "int64", "matches_target": bool})
    attrs = people_attributes(table) if attrs is None else attrs
    lookup = _Lookup(result, owners, table, attrs)
    name = lookup.name
    for owner in owners:
        found = _candidates(result, owner, owners, barely, lookup)
        for c in found:
            c["match"] = match(c["attrs"]) if match else ""
        found = [c for c in found if c["person"] not in exclude]
        picks = _pick(found, taken, max_picks, min_picks, focused=match is not None)
        for rank, c in enumerate(picks, start=1):
            taken.add(c["person"])
            a = c["attrs"]
            reason = c["reason"][0].upper() + c["reason"][1:] + "."
            if c["match"]:
                reason += f" Matches “{' '.join(str(target).split())}”: {c['match']}."
            rows.append({"owner": owner, "owner_name": name[owner], "rank": rank,
                         "kind": c["kind"], "person": c["person"], "name": a["name"],
                         "organisation": a["organisation"], "position": a["position"],
                         "reason": reason, "via": c.get("via", ""),
                         "via_name": name[c["via"]] if c.get("via") else "",
                         "matches_target": bool(c["match"])})
    frame = pd.DataFrame(rows, columns=PLAN_COLUMNS)
    return frame.astype({"rank": "int64", "matches_target": bool})


def _pick(found: list[dict], taken: set[str], max_picks: int, min_picks: int, focused: bool
          ) -> list[dict]:
    """Round-robin over the kinds, matching candidates first, one pick per organisation and
    per cluster (two people from one world bring the same news).

    Focused (a target): matching candidates up to ``max_picks``, the others only up to
    ``min_picks``. A candidate skipped for a second pick at one organisation or cluster comes
    back when the plan would otherwise stay under ``min_picks``.
    """
    picks: list[dict] = []
    chosen = set(taken)
    orgs: set[str] = set()
    worlds: set[int] = set()
    deferred: list[dict] = []
    for matching in ((True, False) if focused else (None,)):
        limit = min_picks if matching is False else max_picks
        queues = {k: sorted((c for c in found if c["kind"] == k
                             and (matching is None or bool(c["match"]) == matching)),
                            key=lambda c: (-c["score"], -c["warmth"], c["person"]))
                  for k in KINDS}
        while len(picks) < limit and any(queues.values()):
            for kind in KINDS:
                queue = queues[kind]
                while queue and len(picks) < limit:
                    c = queue.pop(0)
                    org, cid = c["attrs"]["org_key"], c["attrs"]["cluster"]
                    if c["person"] in chosen:
                        continue
                    if ((org and org in orgs) or cid in worlds) and not c["match"]:
                        deferred.append(c)
                        continue
                    picks.append(c)
                    chosen.add(c["person"])
                    orgs.add(org)
                    if cid >= 0:
                        worlds.add(cid)
                    break
    for c in deferred:
        if len(picks) >= min_picks:
            break
        if c["person"] not in chosen:
            picks.append(c)
            chosen.add(c["person"])
    return picks


class _Lookup:
    """What the candidates of every owner read, built once per plan (no per-row ``.at``, no
    filter of the whole ties or second-degree table per owner).

    Each person's cluster and role family, name, organisation, org_key and position as dicts;
    the rows of ``result.ties`` of each owner and of ``result.second_degree`` per owner, and
    the second-degree columns the plan reads; each person's :func:`_attrs`, once; the table
    (``table``) for the owners' ties' dates; the ends of every tie of ``result.ties`` as node
    indices of ``table``, and each node's cluster and organisation code (-1: none) and whether
    its cluster is a world the novelty counts (not the "other contacts" group)."""

    def __init__(self, result, owners: list[str], table: EdgeTable, attrs: pd.DataFrame):
        people = result.people
        self.table = table
        self.cluster_of, self.role_of = (_ById(people[key], table)
                                         for key in ("cluster", "role_family"))
        self.name, self.organisation, self.org_key, self.position = (
            _ById(attrs[key], table) for key in ("name", "organisation", "org_key", "position"))
        self.attrs: dict[str, dict] = {}
        ties = result.ties
        # the ties' ends as node indices, from the table's rows (read in either orientation:
        # the candidates take the other end of the owner's): no look-up per id
        at = table.rows_of(*columns(ties, ["source", "target"]))
        self.ends = (table.s[at], table.t[at])
        self.tie_columns = {key: ties[key].to_numpy(dtype=object) for key in (
            "tie_class", "strength", "sweet_spot", "mutual_contacts")}
        self.is_owner = np.zeros(table.n, dtype=bool)
        self.is_owner[[table.index[o] for o in owners]] = True
        self.cluster = table.by_node(people["cluster"], -1, np.int64)
        org_key = table.by_node(attrs["org_key"], "")
        code, _ = pd.factorize(org_key)
        self.org_code = np.where(org_key == "", -1, code)
        self.org_keys = org_key
        c = result.clusters
        worlds = c.loc[~((c["method"] == GROUPS) & (c["label"] == "other contacts")),
                       "cluster"].astype(int).to_numpy()
        self.world = np.zeros(int(self.cluster.max(initial=0)) + 2, dtype=bool)  # at cid + 1
        self.world[worlds[(worlds >= 0) & (worlds + 1 < len(self.world))] + 1] = True
        # each owner's rows of ``ties``, ascending (A2: grouping the two text columns by
        # their values took 0.008 s)
        self.tie_rows = {o: np.flatnonzero((self.ends[0] == table.index[o])
                                           | (self.ends[1] == table.index[o]))
                         for o in owners}
        second = result.second_degree
        self.second_rows = _rows_by(second["owner"], owners) if len(second) else {}
        # the columns as they are: only the few rows an owner's strong ties introduce are
        # read as Python values (turning B's 700k ids into objects took 0.1 s)
        self.second = {key: second[key] for key in (
            "person", "best_introducer", "introducers", "best_introducer_strength")}
        # the best introducers as codes (700k rows at B, of 45k people): tested against each
        # owner's strong ties without converting every id to a Python string
        self.best_code, best = pd.factorize(second["best_introducer"])
        self.best_index = pd.Index(best, dtype=object)


class _ById:
    """``series.to_dict()`` for the nodes of ``table``, read on demand from the column in node
    order: the plan reads a few hundred people, and six dicts of every person took 0.034 s of
    A2's 0.093 s."""

    def __init__(self, series: pd.Series, table: EdgeTable):
        rows = table.rows_in(series.index)
        self._index = table.index
        self._values = series.to_numpy(dtype=object)[rows]
        self._has = rows >= 0

    def __contains__(self, n) -> bool:
        i = self._index.get(n)
        return i is not None and bool(self._has[i])

    def __getitem__(self, n):
        if n not in self:
            raise KeyError(n)
        return self._values[self._index[n]]


def _rows_by(column: pd.Series, keep: list[str]) -> dict[str, np.ndarray]:
    """Row positions (ascending) of each value of ``column`` that is in ``keep`` (grouped by
    the column's codes: no Python string per row)."""
    codes, uniques = pd.factorize(column)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
    keep = set(keep)
    return {k: order[bounds[i]:bounds[i + 1]] for i, k in enumerate(uniques.tolist())
            if k in keep}


def _attrs(lookup: _Lookup, n: str, labels: dict[int, str]) -> dict:
    """What the plan shows and matches of person ``n`` (computed once per person)."""
    a = lookup.attrs.get(n)
    if a is not None:
        return a
    cid = int(lookup.cluster_of[n]) if n in lookup.cluster_of else -1
    role_of = lookup.role_of
    a = lookup.attrs[n] = {
        "name": lookup.name[n], "organisation": lookup.organisation[n],
        "org_key": lookup.org_key[n], "position": lookup.position[n],
        "role_family": str(role_of[n]) if n in role_of else "",
        "cluster": cid, "label": labels.get(cid, "")}
    return a


def _labels(result) -> dict[int, str]:
    return lookup(result.clusters.set_index("cluster")["label"])


def _candidates(result, owner: str, owners: list[str], barely: int, lookup: _Lookup
                ) -> list[dict]:
    """Every weak-tie, dormant-tie and introduction candidate of one owner, scored.

    The owner's contacts are counted per cluster and organisation and filtered on arrays;
    only the candidates' reasons are written one by one.
    """
    table = lookup.table
    rows = lookup.tie_rows[owner]
    s, t = (x[rows] for x in lookup.ends)
    o = table.index[owner]
    everyone = np.where(s == o, t, s)  # the other end of each of the owner's ties
    classes = lookup.tie_columns["tie_class"][rows]
    strong = {table.nodes[i] for i in everyone[classes == "strong"].tolist()}
    # contacts (other owners left out) in id order, with their tie's row
    keep = np.flatnonzero(~lookup.is_owner[everyone])
    keep = keep[np.argsort(everyone[keep], kind="stable")]
    contact = everyone[keep]
    cid, org = lookup.cluster[contact], lookup.org_code[contact]
    in_cluster = np.bincount(cid + 1, minlength=1)[cid + 1]
    known = org >= 0
    at_org = np.zeros(len(contact), dtype=np.int64)
    at_org[known] = np.bincount(org[known])[org[known]]
    in_world = lookup.world[cid + 1]
    cls = classes[keep]
    novel_via = _novel_via(table, result, owner, owners)
    weak = (cls == "weak") & ((known & (at_org <= barely)) | (in_world & (in_cluster <= barely)))
    dormant = np.flatnonzero(cls == "dormant")
    via = np.zeros(len(contact), dtype=np.int64)
    via[dormant] = [novel_via[table.nodes[i]] for i in contact[dormant].tolist()]
    bridges = (cls == "dormant") & ((in_world & (in_cluster == 1)) | (known & (at_org == 1))
                                    | (via > 0))
    labels = _labels(result)
    columns = {key: lookup.tie_columns[key][rows[keep]] for key in (
        "strength", "sweet_spot", "mutual_contacts")}
    found: list[dict] = []
    for i in np.flatnonzero(weak | bridges).tolist():
        c = table.nodes[contact[i]]
        a = _attrs(lookup, c, labels)
        strength = columns["strength"][i]
        warmth = float(strength) if pd.notna(strength) else 0.0
        k_cluster, k_org, world = int(in_cluster[i]), int(at_org[i]), bool(in_world[i])
        if weak[i]:
            sweet = columns["sweet_spot"][i]
            reach = []  # (novelty, words): the organisation first, the more concrete
            if known[i] and k_org <= barely:
                reach.append((1 / k_org, _at(k_org, a["organisation"])))
            if world and k_cluster <= barely:
                reach.append((1 / k_cluster, _into(k_cluster, a["label"])))
            novelty, where = max(reach, key=lambda nw: nw[0])
            n = int(columns["mutual_contacts"][i])
            mutual = f"{n or 'no'} mutual contact{'' if n == 1 else 's'}"
            if pd.isna(sweet):
                what, bonus = "a weak tie", 0.5  # ego star: mutual contacts unknown
            elif bool(sweet):
                what, bonus = f"a moderately weak tie ({mutual})", 1.0
            else:
                what, bonus = f"a weak tie ({mutual})", 0.0
            found.append({"kind": "weak tie", "person": c, "attrs": a, "warmth": warmth,
                          "score": novelty + bonus, "reason": f"{what} and {where}"})
        else:
            score, why = 0.0, []
            if world and k_cluster == 1:
                score += 2
                why.append(_into(1, a["label"]))
            if known[i] and k_org == 1:
                score += 1
                why.append(_at(1, a["organisation"]))
            n = int(via[i])
            if n:
                score += math.log2(1 + n)
                why.append(f"could introduce you to {n} {'person' if n == 1 else 'people'} "
                           "in circles you don't reach")
            last = parse_date(_last_contact(table, owner, c))
            since = (f"not in touch since {last:%b %Y}" if last else "no contact on record")
            found.append({"kind": "dormant tie", "person": c, "attrs": a, "warmth": warmth,
                          "score": score, "reason": f"{since}; {'; '.join(why)}"})
    reached = (set(cid.tolist()), set(lookup.org_keys[contact].tolist()) - {""})
    found += _introductions(result, owner, strong, reached, labels, lookup)
    return found


def _into(k: int, label: str) -> str:
    return (f"your only tie into the cluster “{label}”" if k == 1
            else f"one of only {k} ties into the cluster “{label}”")


def _at(k: int, org: str) -> str:
    return f"your only contact at {org}" if k == 1 else f"one of only {k} contacts at {org}"


def _last_contact(table: EdgeTable, a: str, b: str) -> str:
    """:func:`~weakties.analysis.strength.last_contact` of the tie a-b of ``table``."""
    at = table.rows_of([a], [b])[0]
    return max(table.column("last_interaction")[at], table.column("connected_on")[at])


def _novel_via(table: EdgeTable, result, owner: str, owners: list[str]) -> Counter[str]:
    """How many novel second-degree people each of the owner's contacts could introduce (as
    :func:`weakties.analysis.run` found them for reconnect.csv, when it did)."""
    if owner in result.novel_via:
        return result.novel_via[owner]
    counts: Counter[str] = Counter()
    second = result.second_degree
    if result.evidence_level != WHOLE_NETWORK or not len(second):
        return counts
    return novel_introductions(table, owner, second,
                               introducer_pairs(table, owner, owners))


def _introductions(result, owner: str, strong: set[str], reached: tuple[set, set],
                   labels: dict[int, str], lookup: _Lookup) -> list[dict]:
    """Second-degree contacts whose best introducer is a strong tie of the owner (``strong``:
    the owner's strong ties; ``reached``: the clusters and org_keys of the owner's contacts)."""
    rows = lookup.second_rows.get(owner)
    if rows is None:
        return []
    strong_codes = lookup.best_index.get_indexer(sorted(strong))
    rows = rows[np.isin(lookup.best_code[rows], strong_codes[strong_codes >= 0])]
    second = lookup.second
    reached_clusters, reached_orgs = reached
    found = []
    for person, via, introducers, warmth in zip(*(second[key].iloc[rows].tolist() for key in (
            "person", "best_introducer", "introducers", "best_introducer_strength")),
            strict=True):
        a = _attrs(lookup, person, labels)
        why = [f"ask {lookup.name[via]}, a strong tie, to introduce you"]
        if introducers > 1:
            why.append(f"{introducers} of your contacts know them")
        novel = 0.0
        if a["cluster"] >= 0 and a["cluster"] not in reached_clusters:
            why.append(f"in the cluster “{a['label']}”, where you have no tie")
            novel = 1.0
        if a["org_key"] and a["org_key"] not in reached_orgs:
            why.append(f"at {a['organisation']}, where you know no one")
            novel = 1.0
        strength = float(warmth) if pd.notna(warmth) else 0.0
        found.append({"kind": "introduction", "person": person, "attrs": a, "via": via,
                      "warmth": strength, "score": novel + math.log2(introducers) + strength,
                      "reason": "one introduction away: " + "; ".join(why)})
    return found


def _matcher(target: str) -> Callable[[dict], str]:
    """A test of a candidate against ``--target``: the words saying how it matched, or ""."""
    text = " ".join(target.split())
    org = normalise_org(text)
    family = role_family(text)
    words = re.compile(r"(?<!\w)" + re.escape(text.casefold()) + r"(?!\w)")

    def match(a: dict) -> str:
        if a["org_key"] and (a["org_key"] == org or words.search(a["organisation"].casefold())):
            return f"works at {a['organisation']}"
        if family not in ("", "other") and a["role_family"] == family:
            return f"works in {family}" + (f" ({a['position']})" if a["position"] else "")
        if a["position"] and words.search(a["position"].casefold()):
            return a["position"]
        if a["label"] and words.search(a["label"].casefold()):
            return f"in the cluster “{a['label']}”"
        return ""

    return match


def read_previous_plan(path: str | Path) -> set[str]:
    """The person ids of a ``plan.csv`` weakties wrote (last month's), for ``exclude``.

    The one file this package reads: kept next to :data:`PLAN_COLUMNS` so the format lives in
    one place. Undoes the formula neutralising of :func:`weakties.outputs.files.write_csv` (an
    id such as ``+31…`` was written as ``'+31…``).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(str(path), "not a plan.csv written by weakties (not UTF-8 text); "
                                    "pass the plan.csv of an earlier report") from err
    reader = csv.DictReader(io.StringIO(text))
    fields = reader.fieldnames or []
    if "person" not in fields:
        found = ", ".join(fields[:8]) or "nothing"
        raise InputError(str(path), f"expected a plan.csv written by weakties (a 'person' "
                                    f"column), found: {found}; pass the plan.csv of an "
                                    "earlier report")
    ids = set()
    for row in reader:
        pid = row.get("person") or ""
        if pid.startswith("'") and pid[1:].lstrip(" \u00a0\u3000")[:1] in set("=+-@\t\r"):
            pid = pid[1:]
        if pid:
            ids.add(pid)
    return ids
