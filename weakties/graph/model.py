"""The contact graph: people as nodes, ties with their evidence as edges (see docs/graph-model.md).

Organisations stay attributes of people: linking every pair of colleagues would invent exactly
the structure the analyses measure (and a 1,000-person employer would add half a million edges).
A ties file adds the ties the user knows of among the people the inputs name; it never adds
people (a row naming someone no input has is listed, not guessed).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from weakties._frames import columns, values
from weakties.graph.tables import BY_NODE, EDGE_FIELDS, Network
from weakties.identity import (
    EMAILS_SEP,
    map_unique,
    match_people,
    normalise_name,
    normalise_urls,
    resolve,
)
from weakties.identity.assemble import Extract
from weakties.identity.coparticipation import COPARTICIPATION_KINDS, MESSAGE_KINDS
from weakties.importers.base import FileTable

if TYPE_CHECKING:  # networkx is imported where a graph is built or read
    import networkx as nx

__all__ = ["LoadReport", "build_graph", "build_network"]

_INTERACTIONS = ["message", "endorsement", "recommendation", "invitation"]


@dataclass
class LoadReport:
    """What was read, what was skipped and why: the honest part of an import."""

    inputs: list[dict] = field(default_factory=list)
    owners: list[dict] = field(default_factory=list)
    hidden_members: int = 0
    merges: int = 0
    ambiguous: list[dict] = field(default_factory=list)
    ignored_files: list[str] = field(default_factory=list)
    dropped: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: Ties-file rows not used: ``{"source": "file:line", "person_a", "person_b", "reason"}``.
    unmatched_ties: list[dict] = field(default_factory=list)
    #: ``identities.csv``: every merge with the key that made it, the near misses (one name,
    #: several people, not merged) and the ``--aliases`` rows, applied or not.
    identities: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def _iso(value) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _input_entry(t: FileTable) -> dict:
    return {
        "path": t.path, "format": t.format, "rows": t.rows,
        "skipped": t.skipped_total, "skipped_reasons": dict(sorted(t.skipped.items())),
        "hidden_members": t.hidden_members, "notes": list(t.notes),
    }


def build_graph(
    extracts: list[Extract], ties: list[FileTable] | None = None,
    aliases: pd.DataFrame | None = None,
) -> tuple[nx.Graph, LoadReport]:
    """:func:`build_network` as a networkx graph and the load report."""
    net = build_network(extracts, ties, aliases)
    return net.to_networkx(), net.report


def build_network(
    extracts: list[Extract], ties: list[FileTable] | None = None,
    aliases: pd.DataFrame | None = None,
) -> Network:
    """Resolve identities across all extracts and build one contact graph, as tables.

    ``ties`` are ties files: their rows become ``ties-file`` ties between the people they name
    (see :func:`weakties.identity.match_people`); unmatched rows go to the report.
    Owners named alike (``--owner``, Profile.csv) are one person: a user who gives their
    LinkedIn archive and their address book names themselves once, not two owners.
    ``aliases`` (``--aliases``: columns ``a``, ``b``, ``source``) merges the two people each row
    names; every merge, alias and near miss goes to ``report.identities``.
    """
    report = LoadReport()
    mention_frames, evidence_frames = [], []
    owner_mids: list[int | None] = []
    offset = 0
    dropped: Counter[str] = Counter()
    for ex in extracts:
        mention_frames.append(ex.mentions.set_axis(ex.mentions.index + offset))
        ev = ex.evidence.copy()
        for col in ("a", "b"):
            ev[col] = ev[col].astype(np.int64) + offset
        ev["sender"] = np.where(ev["sender"] >= 0, ev["sender"] + offset, -1)
        evidence_frames.append(ev)
        owner_mids.append(offset if ex.has_owner else None)
        ex.circles = ex.circles.assign(mid=ex.circles["mid"].astype(np.int64) + offset)
        offset += int(ex.mentions.index.max()) + 1 if len(ex.mentions) else 1
        dropped.update(ex.dropped)
        report.hidden_members += ex.hidden_members
        report.ignored_files.extend(ex.raw.ignored)
        report.inputs.extend(_input_entry(t) for t in ex.raw.tables)
    for t in ties or []:
        report.inputs.append(_input_entry(t))
    mentions = pd.concat(mention_frames)
    evidence = pd.concat(evidence_frames, ignore_index=True)
    # How many messages a row stands for (the owner's messages to a conversation are summed).
    evidence["count"] = (evidence["count"].fillna(1).astype(np.int64) if "count" in evidence
                         else np.int64(1))
    owner_names = pd.Series({mid: normalise_name(ex.owner_name)
                             for ex, mid in zip(extracts, owner_mids, strict=True)
                             if mid is not None}, dtype=object)
    same = [list(mids) for name, mids in owner_names.groupby(owner_names).groups.items()
            if name and len(mids) > 1]
    res = resolve(mentions, same=same)
    person = res.person_of
    report.merges = res.merges
    report.ambiguous = res.ambiguous
    report.identities = [{"kind": "merge", **row} for row in res.merge_log]
    if aliases is not None and len(aliases):
        person = _apply_aliases(aliases, mentions, person, report.identities)
    report.identities.extend(_near_misses(mentions, person))

    # The graph's facts, in the order G.graph lists them (docs/graph-model.md).
    meta: dict = {"owners": [], "whole_network": any(ex.whole_network for ex in extracts)}
    people = _people(mentions, person)
    circles = _circles(extracts, person)
    if circles is not None:
        people["circles"] = [c if isinstance(c, list) else None
                             for c in values(circles.reindex(people.index))]
    # Each owner's export has its own date: a teammate's 2021 export must not make all of their
    # ties look dormant next to a 2024 one. The newest date in an owner's own files stands in.
    meta["as_of_by_owner"] = {}
    for ex, mid in zip(extracts, owner_mids, strict=True):
        if mid is None:
            continue
        pid = person.loc[mid]
        own = ex.evidence["date"].dropna() if "date" in ex.evidence else pd.Series(dtype=object)
        if len(own):
            newest = _iso(own.max())
            meta["as_of_by_owner"][pid] = max(newest, meta["as_of_by_owner"].get(pid, ""))
        if pid not in meta["owners"]:
            meta["owners"].append(pid)
        report.owners.append({"name": ex.owner_name, "id": pid, "input": str(ex.raw.path),
                              "identified_by": ex.owner_source})

    evidence["u"] = evidence["a"].map(person)
    evidence["v"] = evidence["b"].map(person)
    evidence["by"] = evidence["sender"].map(person).fillna("")
    unresolved = (evidence["u"] == "") | (evidence["v"] == "")
    if unresolved.any():
        dropped["evidence naming someone who could be one of several people"] += int(
            evidence.loc[unresolved, "count"].sum())
    self_ties = ~unresolved & (evidence["u"] == evidence["v"])
    if self_ties.any():
        dropped["evidence linking a person to themselves"] += int(
            evidence.loc[self_ties, "count"].sum())
    evidence = evidence[~unresolved & ~self_ties]
    if ties:
        matched, report.unmatched_ties = _ties_evidence(ties, mentions, person)
        evidence = pd.concat([evidence, matched.assign(count=np.int64(1))], ignore_index=True)
    people.loc[meta["owners"], "owner"] = True
    edges, given = _ties(evidence)
    # How many messages, meetings and chats gave evidence ("from 214 messages and 40 meetings").
    co = evidence[evidence["kind"].isin(COPARTICIPATION_KINDS) & (evidence["conversation"] != "")]
    meta["events"] = {k: int(n) for k, n in co.groupby("kind")["conversation"].nunique().items()}
    dates = evidence["date"].dropna()
    meta["as_of"] = _iso(dates.max()) if len(dates) else ""
    report.dropped = dict(sorted(dropped.items()))
    return Network(people, edges, given, meta, report)


def _apply_aliases(aliases: pd.DataFrame, mentions: pd.DataFrame, person: pd.Series,
                   log: list[dict]) -> pd.Series:
    """Merge the people each ``--aliases`` row names (two identifiers of one person: a node id,
    a URL, an email or a name only one person has), whatever the keys say. The merged person
    keeps the id of a profile URL or email before a name id, else the smaller id."""
    a, why_a = match_people(aliases["a"], mentions, person)
    b, why_b = match_people(aliases["b"], mentions, person)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for row, u, v, wa, wb in zip(aliases.itertuples(index=False), a, b, why_a, why_b,
                                 strict=True):
        if wa or wb or u == v:
            reason = (f"first: {wa}" if wa else f"second: {wb}" if wb
                      else "both already one person")
            log.append({"kind": "alias not applied", "person": u or v, "key": "--aliases",
                        "value": f"{row.a} = {row.b}", "records": 0,
                        "inputs": f"{row.source} ({reason})"})
            continue
        ru, rv = find(u), find(v)
        keep, drop = sorted((ru, rv), key=lambda x: (not x.startswith(_OWNER_PREFIXES), x))
        parent[drop] = keep
        log.append({"kind": "alias", "person": keep, "key": "--aliases",
                    "value": f"{row.a} = {row.b}", "records": 0, "inputs": row.source})
    if not parent:
        return person
    roots = {x: find(x) for x in parent}
    for entry in log:
        if entry["kind"] == "alias":
            entry["person"] = roots.get(entry["person"], entry["person"])
    return person.map(lambda p: roots.get(p, p))


#: Ids of the person an alias keeps when both are named: a profile URL, then an email.
_OWNER_PREFIXES = ("https://", "email:")


def _near_misses(mentions: pd.DataFrame, person: pd.Series) -> list[dict]:
    """Names several resolved people share: not merged (different keys, or a name alone
    across owners), listed so a user can merge them with ``--aliases`` if they are one."""
    resolved = person != ""
    frame = pd.DataFrame({"name": map_unique(mentions.loc[resolved, "name"].fillna(""),
                                             normalise_name),
                          "person": person[resolved], "scope": mentions.loc[resolved, "scope"]})
    frame = frame[frame["name"] != ""]
    per_name = frame.drop_duplicates(["name", "person"])
    shared = per_name[per_name.duplicated("name", keep=False)]
    if shared.empty:
        return []
    # Gathered on plain lists, a pass each (a pandas group and two lookups per name: 200 us
    # each, A2's 256 shared names 0.05 s).
    people: dict[str, list[str]] = {}
    for name, pid in zip(*columns(shared, ["name", "person"]), strict=True):
        people.setdefault(name, []).append(pid)
    records: Counter[str] = Counter()
    scopes: dict[str, set[str]] = {}
    for name, scope in zip(*columns(frame[frame["name"].isin(shared["name"])],
                                    ["name", "scope"]), strict=True):
        records[name] += 1
        scopes.setdefault(name, set()).add(scope)
    return [{"kind": "near miss", "person": " ; ".join(sorted(people[name])),
             "key": "same name, different keys: not merged", "value": name,
             "records": records[name], "inputs": " ; ".join(sorted(scopes[name]))}
            for name in sorted(people)]


def _people(mentions: pd.DataFrame, person: pd.Series) -> pd.DataFrame:
    """One row per person (index: id, sorted), the node attributes of docs/graph-model.md;
    each attribute from the most authoritative mention that has it.

    Connections (anchors) come first, then mentions with a URL, in file order.
    """
    fields = ["name", "url", "email", "organisation", "position", "location"]
    # Only the columns used: every row selection below takes each column it carries.
    m = mentions[[*fields, "anchor", "source"]].assign(pid=person,
                                                       has_url=mentions["url"] != "")
    m = m[m["pid"] != ""].sort_values(["pid", "anchor", "has_url"], ascending=[True, False, False],
                                      kind="stable")
    # One sort of the distinct (person, source) pairs instead of a Python function per person.
    by_person: dict[str, list[str]] = {}
    for pid, source in sorted(set(zip(*columns(m, ["pid", "source"]), strict=True))):
        by_person.setdefault(pid, []).append(source)
    ids = pd.Index(list(by_person), dtype=object)
    sources = pd.Series(list(by_person.values()), index=ids, dtype=object)
    # Each attribute's first mention per person, its two columns only, put straight on the
    # people's index (aligning six differently indexed columns first: A2 0.05 -> 0.02 s).
    table = pd.DataFrame({
        col: m.loc[m[col] != "", ["pid", col]].drop_duplicates("pid").set_index("pid")[col]
        .reindex(ids) for col in fields}, index=ids).fillna("")
    table["url"] = normalise_urls(table["url"])
    # An address book entry with several addresses shows the first. Both texts are cut with
    # str.partition on the plain values: pandas' .str.split(...).str[0] built a list per person
    # and took 0.1 s at workload A's 30,000 people, this 0.01 s.
    email = [e.partition(EMAILS_SEP)[0] for e in values(table["email"])]
    table["email"] = pd.Series(email, index=table.index, dtype=object)
    slug = [u.rpartition("/")[2] for u in values(table["url"])]
    fallback = pd.Series(slug, index=table.index, dtype=object).where(table["url"] != "",
                                                                      table["email"])
    fallback = fallback.where(fallback != "", table.index.to_series())
    table["name"] = table["name"].where(table["name"] != "", fallback)
    table["owner"] = False
    table["sources"] = sources
    table.index = pd.Index(values(table.index), dtype=object, name=None)
    return table


def _ties(ev: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Aggregate evidence rows into one tie per pair of people (vectorised per column): the
    ties (``source`` < ``target``, sorted; :data:`EDGE_FIELDS` as columns, ``kinds``
    space-joined, without the three ``{node id: count}`` fields) and those fields as a long
    table (``row`` of the tie, ``key``, ``by``, ``count``)."""
    if ev.empty:
        return _no_ties()
    # Only the columns used here: every mask below copies the rows it keeps.
    ev = ev[[c for c in ("u", "v", "kind", "date", "conversation", "by", "weight", "count")
             if c in ev]]
    if "count" not in ev:
        ev = ev.assign(count=np.int64(1))
    # Pairs as integer codes of the person ids, numbered in sorted order (so code order is id
    # order and every groupby below keeps the order it had on the ids): grouping by two text
    # columns hashed every id again for each of the twenty aggregates.
    codes, pids = pd.factorize(pd.concat([ev["u"], ev["v"]], ignore_index=True), sort=True)
    cu, cv = codes[:len(ev)], codes[len(ev):]
    ev = ev.assign(lo=np.minimum(cu, cv), hi=np.maximum(cu, cv))
    keys = ["lo", "hi"]
    # The masks below compare codes, not a million texts each (the column itself stays text:
    # a categorical key would make the groupbys below list every combination).
    kind = ev["kind"].astype("category")
    if "weight" not in ev:
        ev = ev.assign(weight=np.nan)
    # Co-participation: rows with a weight are pairs among contacts (1/(n-1) each, summed);
    # rows without are the owner's own messages and meetings.
    copart = kind.isin(COPARTICIPATION_KINDS)
    pair = copart & ev["weight"].notna()
    msg = ev[(kind == "message") | (kind.isin(MESSAGE_KINDS) & ~pair)]
    co = ev[pair]
    direct = ev[~pair & (kind != "group")]
    ties = pd.DataFrame({
        "kinds": _kinds(ev, keys),
        "connected_on": ev[kind == "connection"].groupby(keys)["date"].min(),
        "first_message": msg.groupby(keys)["date"].min(),
        "last_message": msg.groupby(keys)["date"].max(),
        "group_conversations": ev[kind == "group"].groupby(keys)["conversation"].nunique(),
        "invited_by": ev[kind == "invitation"].sort_values("date").groupby(keys)["by"].first(),
        "last_interaction": ev[kind.isin(_INTERACTIONS) | copart].groupby(keys)["date"].max(),
        "coparticipation": co.groupby(keys)["weight"].sum(),
        "shared_events": co.groupby(keys).size(),
        "first_seen": ev[copart].groupby(keys)["date"].min(),
        "last_seen": ev[copart].groupby(keys)["date"].max(),
    })
    # An edge listed twice (SNAP lists each tie both ways) is one tie: the largest weight.
    # Co-participation weights are summed above, never taken as an edge weight.
    weight = ev[~pair].groupby(keys)["weight"].max()
    ties["weight"] = weight.reindex(ties.index).fillna(1.0).astype(float)
    counts = ev.groupby(keys + ["kind"]).size().unstack(fill_value=0)
    for k in ("endorsement", "recommendation"):
        ties[k] = counts[k].reindex(ties.index, fill_value=0) if k in counts else 0
    ties["message"] = msg.groupby(keys)["count"].sum().reindex(ties.index, fill_value=0)
    ties["meetings"] = (ev[(kind == "meeting") & ~pair].groupby(keys).size()
                        .reindex(ties.index, fill_value=0))
    ties["coparticipation"] = ties["coparticipation"].fillna(0.0).astype(float)
    ties["shared_events"] = ties["shared_events"].fillna(0).astype(int)
    ties["inferred"] = ~ties.index.isin(direct.groupby(keys).size().index)
    # Messages sent by each end, and who gave each endorsement / recommendation.
    given = [msg.groupby(keys + ["by"])["count"].sum().rename("count").reset_index()
             .assign(key="sent")]
    for k, key in (("endorsement", "endorsed_by"), ("recommendation", "recommended_by")):
        rows = ev[(kind == k) & (ev["by"] != "")]
        given.append(rows.groupby(keys + ["by"]).size().rename("count").reset_index()
                     .assign(key=key))
    for col in ("connected_on", "first_message", "last_message", "last_interaction",
                "first_seen", "last_seen"):
        ties[col] = _iso_dates(ties[col])
    ties["group_conversations"] = ties["group_conversations"].fillna(0).astype(int)
    ties["invited_by"] = ties["invited_by"].fillna("")
    ties = ties.rename(columns={"message": "messages", "endorsement": "endorsements",
                                "recommendation": "recommendations"})
    # Plain Python values, typed once per column (not int()/float() per edge).
    ties = ties.astype({"messages": np.int64, "endorsements": np.int64,
                        "recommendations": np.int64, "group_conversations": np.int64,
                        "meetings": np.int64, "shared_events": np.int64, "weight": float,
                        "coparticipation": float, "inferred": bool})
    ids = np.asarray(values(pids), dtype=object)
    lo, hi = (ties.index.get_level_values(k).to_numpy() for k in keys)
    edges = pd.DataFrame({"source": ids[lo], "target": ids[hi]})
    for name in EDGE_FIELDS:
        if name not in BY_NODE:
            edges[name] = ties[name].to_numpy()
    # The long table's rows point at the ties' rows (pairs are sorted both ways).
    long = pd.concat(given, ignore_index=True)
    row = np.searchsorted(lo.astype(np.int64) * len(pids) + hi,
                          long["lo"].to_numpy(np.int64) * len(pids) + long["hi"].to_numpy())
    long = pd.DataFrame({"row": row, "key": long["key"], "by": long["by"],
                         "count": long["count"].astype(np.int64)})
    return edges, long.sort_values(["row", "key", "by"], kind="stable", ignore_index=True)


def _no_ties() -> tuple[pd.DataFrame, pd.DataFrame]:
    return (pd.DataFrame(columns=["source", "target", *(f for f in EDGE_FIELDS
                                                         if f not in BY_NODE)]),
            pd.DataFrame({"row": np.zeros(0, np.int64), "key": [], "by": [],
                          "count": np.zeros(0, np.int64)}))


def _kinds(ev: pd.DataFrame, keys: list[str]) -> pd.Series:
    """The evidence kinds of each pair, sorted and space-joined, as one bit mask per pair: each
    kind a bit, OR-ed over the pair's sorted rows, then one text per distinct mask (a Python
    list per pair was the slowest part of a million-edge list's graph after networkx)."""
    codes, found = pd.factorize(ev["kind"])  # hashing: sorting a million texts took 1 s
    names = sorted(values(found))
    codes = np.asarray([names.index(k) for k in values(found)], dtype=np.int64)[codes]
    lo, hi = (ev[k].to_numpy(dtype=np.int64) for k in keys)
    order = np.lexsort((hi, lo))
    lo, hi = lo[order], hi[order]
    bits = np.left_shift(np.int64(1), codes[order].astype(np.int64))
    first = np.flatnonzero(np.r_[True, (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])])
    masks = np.bitwise_or.reduceat(bits, first) if len(bits) else bits
    distinct, at = np.unique(masks, return_inverse=True)
    text = np.array([" ".join(str(k) for i, k in enumerate(names) if mask >> i & 1)
                     for mask in distinct.tolist()], dtype=object)
    index = pd.MultiIndex.from_arrays([lo[first], hi[first]], names=keys)
    return pd.Series(text[at], index=index, dtype=object)


def _iso_dates(values: pd.Series) -> pd.Series:
    """ISO dates ("" when missing), vectorised: :func:`_iso` per value is slow on many ties."""
    dates = pd.to_datetime(values)
    if dates.isna().all():
        return pd.Series("", index=values.index, dtype=object)
    return dates.dt.strftime("%Y-%m-%d").fillna("").astype(object)


def _circles(extracts: list[Extract], person: pd.Series) -> pd.Series | None:
    """SNAP circles of their members (a list of names per person id, in file order), or None
    when no input had circles."""
    frames = [ex.circles for ex in extracts if len(ex.circles)]
    if not frames:
        return None
    circles = pd.concat(frames, ignore_index=True)
    circles["pid"] = circles["mid"].map(person)
    circles = circles[circles["pid"].fillna("") != ""].drop_duplicates(["pid", "circle"])
    return circles.groupby("pid", sort=False)["circle"].agg(list)


def _ties_evidence(
    ties: list[FileTable], mentions: pd.DataFrame, person: pd.Series
) -> tuple[pd.DataFrame, list[dict]]:
    """``ties-file`` evidence between the people the rows name, and the rows that name nobody
    (or nobody in particular), each with its reason."""
    frame = pd.concat([t.frame.assign(source=[f"{t.path}:{line}" for line in t.frame["line"]])
                       for t in ties], ignore_index=True)
    if frame.empty:
        return pd.DataFrame(), []
    u, why_a = match_people(frame["person_a"], mentions, person)
    v, why_b = match_people(frame["person_b"], mentions, person)
    reason = ("person_a: " + why_a).where(why_a != "", ("person_b: " + why_b).where(why_b != "",
                                                                                    ""))
    reason = reason.where((reason != "") | (u != v), "both name the same person")
    bad = frame.assign(reason=reason)[reason != ""]
    unmatched = [{"source": r.source, "person_a": r.person_a, "person_b": r.person_b,
                  "reason": r.reason} for r in bad.itertuples(index=False)]
    ok = reason == ""
    matched = pd.DataFrame({
        "u": u[ok].to_numpy(), "v": v[ok].to_numpy(), "kind": "ties-file",
        "date": pd.Series(pd.NaT, index=range(int(ok.sum())), dtype="datetime64[ns]"),
        "conversation": "", "source": frame.loc[ok, "source"].to_numpy(), "by": "",
        "weight": frame.loc[ok, "strength"].to_numpy(dtype=float),
    })
    return matched, unmatched
